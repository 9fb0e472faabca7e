"""Scheme files attach written criteria to indicators by name (``[[criteria]]``); a form's own
criterion wins; a bad table is a SchemeError with its key and line."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import perfindicators as pi
from perfindicators.forms import Form, Indicator, RowState
from perfindicators.schemes import CriterionRule

BASE = '''name = "bureau"
[[rules]]
policy = "proportional"
'''
SURVEY = BASE + '''
[[criteria]]
indicator = "*满意度*"
criterion = "每降低1个百分点扣0.5分，扣完为止"

[[criteria]]
indicator = "检查*"
level1 = "产出*"
criterion = "每发现1处问题扣1分，扣完为止"

[[criteria]]
indicator = "*"
level2 = "时效指标"
criterion = "每超过一个百分点扣1分,扣完为止"
defaults = { partial_step = "ceil" }
'''


def row(name: str, target: str, actual: str, weight: str, *, level1: str = "满意度指标",
        level2: str = "服务对象满意度指标", criterion: str | None = None) -> Indicator:
    return Indicator(level1, level2, name, target, actual, weight, criterion=criterion)


def test_the_criteria_tables_are_read_in_order() -> None:
    s = pi.load_scheme(SURVEY)
    assert [c.indicator for c in s.criteria] == ["*满意度*", "检查*", "*"]
    assert s.criteria[2].defaults == (("partial_step", "ceil"),)
    assert s.criterion_for("满意度指标", None, "群众满意度") is s.criteria[0]
    assert s.criterion_for("效益指标", None, "检查次数") is None  # level1 must match 产出*
    assert s.criterion_for("产出指标", None, "检查次数") is s.criteria[1]
    assert s.criterion_for("产出指标", "质量指标", "合格率") is None
    assert pickle.loads(pickle.dumps(s)) == s


def test_score_form_uses_the_schemes_criterion_by_name() -> None:
    s = pi.load_scheme(SURVEY)
    report = Form(indicators=[row("受益群众满意度", "≥95%", "92%", "10"),
                              row("合格率", "≥95%", "92%", "10", level1="产出指标", level2="质量指标")]
                  ).score(s)
    first, second = report.rows
    assert first.rule == Decimal("8.50")  # (95 − 92) × 0.5 = 1.5 off 10
    assert first.criterion_source == "scheme" and first.policy == "criterion:每降低1个百分点扣0.5分，扣完为止"
    assert second.rule == Decimal("9.68") and second.criterion is None  # 10 × 92/95, no criterion
    # without the scheme the central rule scores both
    assert [r.rule for r in Form(indicators=[first.indicator, second.indicator]).score().rows] == [
        Decimal("9.68"), Decimal("9.68")]


def test_the_forms_own_criterion_wins() -> None:
    s = pi.load_scheme(SURVEY)
    own = row("受益群众满意度", "≥95%", "92%", "10", criterion="≥95%,计10分;90%(含)-95%,计6分;低于90%不得分")
    r = Form(indicators=[own]).score(s).rows[0]
    assert (r.rule, r.criterion_source) == (Decimal("6.00"), "form")  # 92% in 90%(含)-95%


def test_a_schemes_criterion_that_needs_counts_leaves_the_row_open() -> None:
    s = pi.load_scheme(SURVEY)
    r = Form(indicators=[row("检查", "≥10次", "12次", "5", level1="产出指标", level2="质量指标")]
             ).score(s).rows[0]
    assert r.state is RowState.OPEN and r.open is not None
    assert (r.open.low, r.open.high, r.open.needs) == (0, 5, ("count:发现问题",))


def test_declared_defaults_apply() -> None:
    s = pi.load_scheme(SURVEY)
    # at most 5 %, actual 7.5 %: 2.5 points over, rounded up (partial_step=ceil) to 3 × 1 off 10
    r = Form(indicators=[row("延误率", "≤5%", "7.5%", "10", level1="产出指标", level2="时效指标")]
             ).score(s).rows[0]
    assert r.rule == Decimal("7.00")


def test_a_scheme_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "bureau.toml"
    path.write_text(SURVEY, encoding="utf-8")
    form = Form(indicators=[row("受益群众满意度", "≥95%", "92%", "10")])
    assert form.score(str(path)).rows[0].rule == Decimal("8.50")


@pytest.mark.parametrize(("table", "key", "line", "words"), [
    ('indicator = "*"\ncriterion = "每发觉一处垃圾扣 分"', "criteria[0].criterion", 7,
     "price of an occurrence is missing"),
    ('criterion = "每发现1处扣1分"', "criteria[0].indicator", 5, "needs indicator"),
    ('indicator = "*"', "criteria[0].criterion", 5, "needs criterion"),
    ('indicator = 3\ncriterion = "每发现1处扣1分"', "criteria[0].indicator", 6, "needs indicator"),
    ('indicator = "*"\ncriterion = "每发现1处扣1分"\nweight = 3', "criteria[0].weight", 8,
     "unknown key 'weight'"),
    ('indicator = "*"\ncriterion = "每发现1处扣1分"\ndefaults = { partial_step = "sideways", bogus = 1 }',
     "criteria[0].defaults", 8, "unknown default 'bogus'"),
    ('indicator = "*"\ncriterion = "每发现1处扣1分"\nlevel1 = 5', "criteria[0].level1", 8, "pattern"),
])
def test_mistakes_name_their_key_and_line(table: str, key: str, line: int, words: str) -> None:
    with pytest.raises(pi.SchemeError) as e:
        pi.load_scheme(BASE + "\n[[criteria]]\n" + table + "\n")
    assert (e.value.key, e.value.line) == (key, line), str(e.value)
    assert words in str(e.value)


def test_criteria_must_be_tables() -> None:
    with pytest.raises(pi.SchemeError) as e:
        pi.load_scheme('criteria = "每发现1处扣1分"\n' + BASE)
    assert e.value.key == "criteria"


def test_a_criterion_rule_matches_by_glob() -> None:
    r = CriterionRule("[甲乙]满意度", "每降低1个百分点扣0.5分")
    assert r.matches(None, None, "甲满意度") and not r.matches(None, None, "丙满意度")
    with pytest.raises(TypeError):
        pi.Scheme("x", [pi.Rule("proportional")], {"产出指标": 100}, {"合格": 0},
                  criteria=["not a rule"])  # type: ignore[list-item]
