"""Schemes: built-ins, rule matching, grades, TOML files and their errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import perfindicators as pi
from perfindicators.schemes import unregister_scheme

D = Decimal

GOOD = """\
name = "test-bureau"
description = "a bureau that truncates and docks cost overruns linearly"

[weights]
"产出指标" = 50
"效益指标" = 30
"满意度指标" = 10
"预算执行率" = 10

[grades]
"优" = 85
"良" = 75
"中" = 60
"差" = 0

[rounding]
places = 1
mode = "down"

[[rules]]
level2 = "成本*"
policy = "reverse-linear"

[[rules]]
kinds = ["qualitative", "statement"]
policy = "qualitative-tiers"
settings = { partial = [50, 80], not_met = [0, 50] }

[[rules]]
policy = "proportional"
settings = { rounding = { places = 1, mode = "down" } }
"""


def test_builtin_schemes() -> None:
    central = pi.get_scheme("central")
    assert dict(central.weights) == {"产出指标": 50, "效益指标": 30, "满意度指标": 10, "预算执行率": 10}
    assert central.budget_weight == 10
    hubei = pi.get_scheme("hubei")
    assert hubei.budget_weight == 20
    assert dict(hubei.weights)["效益指标+满意度指标"] == 40


@pytest.mark.parametrize(
    ("total", "central", "pmkpi"),
    [("100", "优", "优"), ("90", "优", "优"), ("89.99", "良", "优"), ("80", "良", "优"),
     ("79.99", "中", "良"), ("70", "中", "良"), ("60", "中", "中"), ("59.99", "差", "差"),
     ("0", "差", "差")],
)
def test_grade_bands_lower_bounds_inclusive(total: str, central: str, pmkpi: str) -> None:
    assert pi.get_scheme("central").grade(D(total)) == central
    assert pi.get_scheme("pmkpi").grade(D(total)) == pmkpi


def test_rules_choose_policies() -> None:
    central = pi.get_scheme("central")
    assert central.policy_for("产出指标", "时效指标", "deadline")[0] == "deadline"
    assert central.policy_for("产出指标", "数量指标", "comparison")[0] == "proportional"
    assert pi.get_scheme("pmkpi").policy_for("产出指标", "成本指标", "comparison")[0] == \
        "reverse-linear"


def test_toml_scheme(tmp_path: Path) -> None:
    f = tmp_path / "bureau.toml"
    f.write_text(GOOD, encoding="utf-8")
    s = pi.load_scheme(f)
    assert s.name == "test-bureau"
    assert s.grade(D(86)) == "优"
    assert pi.score("≤5%", "7.5%", 10, scheme=s, category="成本指标").points == D(5)
    assert pi.score("≤5%", "7.5%", 10, scheme=s, category="质量指标").points == D("6.6")
    assert pi.score("效果明显", "部分达成", 10, scheme=s).points == D("6.50")
    # by path too
    assert pi.score("≥60项", "30项", 3, scheme=str(f)).points == D("1.5")


@pytest.mark.parametrize(
    ("change", "key", "line", "message"),
    [
        (('policy = "reverse-linear"', 'policy = "reverse-lineer"'), "rules[0].policy", 22,
         "no policy named 'reverse-lineer'"),
        (('"产出指标" = 50', '"产出指标" = 55'), "weights", 4, "add up to 105"),
        (('"差" = 0', '"差" = 5'), "grades", 10, "lowest grade"),
        (('mode = "down"', 'mode = "sideways"'), "rounding", 16, "rounding mode"),
        (('kinds = ["qualitative", "statement"]', 'kinds = ["qualitativ"]'), "rules[1].settings",
         None, "unknown target kind"),
        (("[rounding]", "[roundings]"), "roundings", 16, "unknown key"),
        (('name = "test-bureau"', 'name = "test-bureau'), None, 1, "not valid TOML"),
    ],
)
def test_bad_scheme_files_name_key_and_line(tmp_path: Path, change: tuple[str, str],
                                            key: str | None, line: int | None,
                                            message: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(GOOD.replace(*change, 1), encoding="utf-8")
    with pytest.raises(pi.SchemeError) as info:
        pi.load_scheme(f)
    err = info.value
    assert message in str(err)
    assert err.path == str(f)
    if key is not None:
        assert err.key == key
    if line is not None:
        assert err.line == line
        assert f"{f}:{line}" in str(err)


def test_missing_scheme_file() -> None:
    with pytest.raises(pi.SchemeError, match="cannot read"):
        pi.load_scheme(Path("/nonexistent/scheme.toml"))


def test_register_scheme() -> None:
    s = pi.load_scheme(GOOD.replace("test-bureau", "test-registered"))
    pi.register_scheme(s)
    try:
        assert pi.get_scheme("test-registered") is s
        with pytest.raises(pi.SchemeError, match="exists"):
            pi.register_scheme(s)
    finally:
        unregister_scheme("test-registered")
    with pytest.raises(pi.UnknownNameError):
        pi.get_scheme("test-registered")


def test_scheme_rounding_applies_to_builtin_policies(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text(GOOD.replace('settings = { rounding = { places = 1, mode = "down" } }', ""),
                 encoding="utf-8")
    # 3 × 29/60 = 1.45 → cut to one decimal by the scheme's [rounding]
    assert pi.score("≥60项", "29项", 3, scheme=f).points == D("1.4")


def test_scheme_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    import os

    f = tmp_path / "s.toml"
    f.write_text(GOOD, encoding="utf-8")
    assert pi.score("≥60项", "29项", 3, scheme=str(f)).points == D("1.4")
    f.write_text(GOOD.replace('mode = "down"', 'mode = "half_up"'), encoding="utf-8")
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
    assert pi.score("≥60项", "29项", 3, scheme=str(f)).points == D("1.5")


def test_an_indicator_no_rule_matches_is_scored_proportionally() -> None:
    only_words = pi.load_scheme(GOOD.replace("test-bureau", "words-only").split("[[rules]]")[0]
                                + '[[rules]]\nkinds = ["qualitative"]\npolicy = "qualitative-tiers"\n')
    assert pi.score("≥60项", "30项", 3, scheme=only_words).points == D("1.5")
