"""Schemes: built-ins as TOML data, rule matching, fallback, rounding, grades, weight groups,
TOML files and their errors, re-reading, user registries, pickling."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import attrs
import pytest

import perfindicators as pi
from perfindicators import schemes
from perfindicators.policies import PolicyRegistry, Rounding, RoundingMode, registry
from perfindicators.schemes import FALLBACK, Rule, WeightGroup, unregister_scheme

D = Decimal


# every test starts from the package's registries and empty caches, and leaves them so
pytestmark = pytest.mark.usefixtures("clean_state")

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
    assert hubei.weights[2] == WeightGroup(("效益指标", "满意度指标"), D(40))
    assert hubei.weight_of("满意度指标") == hubei.weight_of("效益指标") == 40


@pytest.mark.parametrize("name", schemes.BUILTIN_SCHEMES)
def test_builtin_schemes_are_toml_files_in_the_users_format(name: str, tmp_path: Path) -> None:
    shipped = files("perfindicators.schemes").joinpath(f"{name}.toml")
    text = shipped.read_text(encoding="utf-8")
    mine = tmp_path / f"{name}.toml"
    mine.write_text(text, encoding="utf-8")
    assert pi.load_scheme(mine) == pi.get_scheme(name)  # what a user's file would give


def test_weight_groups_are_typed() -> None:
    g = WeightGroup.parse(" 效益指标 + 满意度指标 ", 40)
    assert g.levels == ("效益指标", "满意度指标") and g.name == "效益指标+满意度指标"
    with pytest.raises(ValueError, match="weighed twice"):
        pi.Scheme("x", [Rule("proportional")], {"产出指标": 50, "产出指标+效益指标": 50},
                  {"差": 0})
    with pytest.raises(ValueError, match="is a number"):
        WeightGroup.parse("产出指标", True)


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
        with pytest.raises(pi.SchemeError, match="taken; pass replace=True"):
            pi.register_scheme(s)
    finally:
        unregister_scheme("test-registered")
    with pytest.raises(pi.UnknownNameError):
        pi.get_scheme("test-registered")
    with pytest.raises(pi.SchemeError, match="built in"):
        pi.register_scheme(attrs.evolve(pi.get_scheme("central"), description="mine"),
                           replace=True)


def test_scheme_rounding_applies_to_builtin_policies(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text(GOOD.replace('settings = { rounding = { places = 1, mode = "down" } }', ""),
                 encoding="utf-8")
    # 3 × 29/60 = 1.45 → cut to one decimal by the scheme's [rounding]
    assert pi.score("≥60项", "29项", 3, scheme=f).points == D("1.4")


def test_scheme_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text(GOOD, encoding="utf-8")
    stamp = f.stat().st_mtime_ns
    assert pi.score("≥60项", "29项", 3, scheme=str(f)).points == D("1.4")
    f.write_text(GOOD.replace('mode = "down"', 'mode = "half_up"'), encoding="utf-8")
    os.utime(f, ns=(stamp, stamp))  # same modification time: the content still counts
    assert pi.score("≥60项", "29项", 3, scheme=str(f)).points == D("1.5")
    assert pi.score("≥60项", "29项", 3, scheme=f).points == D("1.5")
    loaded = pi.load_scheme(f)
    f.write_text(GOOD, encoding="utf-8")
    assert pi.score("≥60项", "29项", 3, scheme=loaded).points == D("1.5")  # a value: unchanged


def test_an_indicator_no_rule_matches_is_scored_proportionally() -> None:
    only_words = pi.load_scheme(GOOD.replace("test-bureau", "words-only").split("[[rules]]")[0]
                                + '[[rules]]\nkinds = ["qualitative"]\npolicy = "qualitative-tiers"\n')
    s = pi.score("≥60项", "29项", 3, scheme=only_words)
    assert s.policy == FALLBACK.policy == "proportional"  # not the last rule
    assert s.points == D("1.4")  # with the scheme's rounding (one place, down)


def test_scheme_rounding_reaches_the_budget_policy_and_bare_numbers() -> None:
    s = pi.load_scheme(GOOD.replace('settings = { rounding = { places = 1, mode = "down" } }', ""))
    assert s.rounding == Rounding(1, "down") and s.rounding.mode is RoundingMode.DOWN
    assert pi.score_budget("9,537.73", "8,417.73", scheme=s).points == D("8.8")  # 8.8257
    assert s.budget()[1] == pi.policies.BudgetExecution(rounding=Rounding(1, "down"))

    def bare(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return weight * D("0.4567")

    assert pi.score("≥60项", "29项", 3, policy=bare, scheme=s).points == D("1.3")
    # an explicit policy object keeps its own rounding
    assert pi.score("≥60项", "29项", 3, policy=pi.policies.Proportional(), scheme=s).points == \
        D("1.45")


def test_a_scheme_file_may_name_policies_of_your_own_registry() -> None:
    mine = PolicyRegistry(registry.BUILTIN)

    @mine.register("zero")
    def zero(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return D(0)

    text = 'name = "own"\n[[rules]]\npolicy = "zero"\n'
    with pytest.raises(pi.SchemeError, match="no policy named 'zero'"):
        pi.load_scheme(text)
    own = pi.load_scheme(text, registry=mine)
    assert pi.score("≥60项", "64项", 3, scheme=own, registry=mine).points == D("0.00")


# ---- pickling in a fresh process -----------------------------------------------------------

_CHILD = ("(lambda pickle, pi, D: (lambda o, f: (o == f, hash(o) == hash(f), pickle.dumps(o)))"
          "(pickle.loads(blob), eval(fresh, {'pi': pi, 'D': D})))"
          "(__import__('pickle'), __import__('perfindicators'), __import__('decimal').Decimal)")

VALUES = {
    "central": 'pi.get_scheme("central")',
    "hubei": 'pi.get_scheme("hubei")',
    "pmkpi": 'pi.get_scheme("pmkpi")',
    "Rule": 'pi.Rule("qualitative-tiers", level2="*质量*", kinds={"qualitative"}, '
            'settings={"partial": [50, 80], "rounding": {"places": 1}})',
    "WeightGroup": 'pi.get_scheme("hubei").weights[2]',
}


@pytest.mark.parametrize("name", VALUES)
def test_values_pickle_into_a_fresh_process(name: str) -> None:
    value = eval(VALUES[name], {"pi": pi, "D": D})
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        equal, same_hash, back = pool.apply(eval, (_CHILD, {"blob": pickle.dumps(value),
                                                            "fresh": VALUES[name]}))
    assert equal and same_hash
    again = pickle.loads(back)
    assert again == value and hash(again) == hash(value)
    if isinstance(value, pi.Scheme):
        assert again.memo_key == value.memo_key
