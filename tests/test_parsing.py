"""Parsing: the golden table of real strings, the must-show cases and the errors."""

from __future__ import annotations

import pickle

import pytest

import perfindicators as pi
from perfindicators.errors import caret_line, display_width

from .conftest import DATA, read_tsv

GOLDEN = read_tsv(DATA / "golden_targets.tsv")


@pytest.mark.parametrize("row", GOLDEN, ids=[r["text"] for r in GOLDEN])
def test_golden(row: dict[str, str]) -> None:
    year = int(row["year"]) if row["year"] else None
    t = pi.parse(row["text"], year=year)
    assert t.kind == row["kind"]
    assert str(t) == row["canonical"]
    # the canonical text reads back to an equal target
    assert pi.parse(str(t)) == t
    # and the JSON form too
    assert pi.from_dict(t.to_dict()) == t


def test_equal_amounts_in_other_units() -> None:
    assert pi.parse("1.2亿元") == pi.parse("12000万元")
    assert hash(pi.parse("1.2亿元")) == hash(pi.parse("12000万元"))
    assert pi.parse("≥60项") != pi.parse("≥60家")
    assert pi.parse("≥60项") != pi.parse(">60项")  # strict and non-strict stay distinct


def test_comparator_words_are_not_inverted() -> None:
    assert pi.parse("不超过100万元").op is pi.Op.LE
    assert pi.parse("超过100万元").op is pi.Op.GT
    assert pi.parse("不低于5%").op is pi.Op.GE
    assert pi.parse("低于5%").op is pi.Op.LT
    assert pi.parse("不少于3次").op is pi.Op.GE
    assert pi.parse("少于3次").op is pi.Op.LT


def test_bare_value_is_implicit() -> None:
    t = pi.parse("100%")
    assert isinstance(t, pi.Comparison)
    assert t.implicit and t.op is None
    assert not pi.parse("≥100%").implicit


def test_phrase_keeps_deadline_and_bound() -> None:
    t = pi.parse("2021年12月底前拨付支持资金85%以上")
    assert isinstance(t, pi.AllOf)
    deadline, bound = t.parts
    assert isinstance(deadline, pi.Deadline) and deadline.date == pi.PartialDate(2021, 12)
    assert deadline.subject == "拨付支持资金"
    assert isinstance(bound, pi.Comparison) and bound.op is pi.Op.GE
    assert str(bound.value) == "85 percent"


def test_subject_is_kept_but_not_compared() -> None:
    t = pi.parse("资助对象满意度达到目标值95%以上")
    assert t.subject == "资助对象满意度"
    assert t == pi.parse("≥95%")


def test_scope_of_a_sentence() -> None:
    t = pi.parse("知识产权证券化按照机构年度发债规模的1%给予其机构风险补贴支持，"
                 "单家机构年度补贴金额不超过500万元")
    assert isinstance(t, pi.Scoped)
    assert t.scope == "单家"
    assert t.target == pi.parse("≤500万元")


def test_year_comes_from_the_argument_never_the_clock() -> None:
    assert pi.parse("12月底前").date.year is None
    assert pi.parse("12月底前", year=2019).date.year == 2019
    assert pi.parse("2021年12月底前", year=2019).date.year == 2021


def test_multi_values_take_the_last_unit() -> None:
    t = pi.parse("分别不超过50、30和20万元")
    assert isinstance(t, pi.Multi)
    assert [str(p) for p in t.parts()] == ["≤50万元", "≤30万元", "≤20万元"]


# ---- errors ---------------------------------------------------------------------------------

def test_lonely_comparator() -> None:
    with pytest.raises(pi.PerfIndicatorError) as info:
        pi.parse("≥")
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, pi.TargetSyntaxError)
    assert err.column == 1
    assert "number is missing" in str(err)
    assert err.hint


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("≥60项项/", 5),  # a unit operator with nothing after it
        ("≥6x0项", 3),  # read as "6" with the words "x", then a stray number
        ("≥95%%", 4),
        ("≤ 5 % 以上", 6),  # contradictory comparators
        ("95%-90%", 0),  # a range that runs backwards
        ("13月底前", 0),
    ],
)
def test_syntax_errors_point_at_the_fault(text: str, column: int) -> None:
    with pytest.raises(pi.TargetSyntaxError) as info:
        pi.parse(text)
    assert info.value.column == column
    assert info.value.text == text
    lines = str(info.value).splitlines()
    caret = next(line for line in lines if line.strip().startswith("^"))
    # the caret sits under the character at `column`, CJK characters counting two columns
    assert caret.index("^") == 2 + display_width(text[:column])


def test_caret_counts_wide_characters() -> None:
    shown = caret_line("不超过x", 3)
    assert shown.splitlines()[1] == "  " + " " * 6 + "^"


def test_empty_target() -> None:
    with pytest.raises(pi.TargetSyntaxError, match="empty"):
        pi.parse("   ")


def test_not_a_string() -> None:
    with pytest.raises(TypeError):
        pi.parse(60)  # type: ignore[arg-type]


def test_errors_pickle() -> None:
    with pytest.raises(pi.TargetSyntaxError) as info:
        pi.parse("≥")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is pi.TargetSyntaxError
    assert str(again) == str(info.value)
    assert again.column == info.value.column


def test_statement_keeps_why() -> None:
    t = pi.parse("正向 = 44,561 44,561")
    assert isinstance(t, pi.Statement)
    assert t.reason and "unexpected" in t.reason


def test_unknown_unit_is_its_own_count() -> None:
    t = pi.parse("≥3锅")
    assert str(t) == "≥3锅"
    with pytest.raises(pi.UnitMismatchError):
        t.evaluate("3项")


def test_strict_mode_rejects_unknown_units_with_a_hint() -> None:
    with pytest.raises(pi.UnknownUnitError) as info:
        pi.parse("≥3锅", strict=True)
    assert isinstance(info.value, LookupError)
    assert info.value.unit == "锅"
    assert info.value.column == 2
    with pytest.raises(pi.UnknownUnitError) as info2:
        pi.parse("≥5平方", strict=True)
    assert "平方米" in info2.value.suggestions
    assert 'did you mean "平方米"' in str(info2.value)


def test_parse_many_reports_every_bad_row() -> None:
    with pytest.raises(pi.BatchError) as info:
        pi.parse_many(["≥60项", "≥", "效果明显", "≤5%%", "90%-95%"])
    err = info.value
    assert [e.row for e in err.errors] == [1, 3]
    assert isinstance(err, ValueError)
    assert err.results[0] == pi.parse("≥60项")
    assert err.results[1] is None
    assert "row 1" in str(err) and "row 3" in str(err)


def test_parse_many_all_good() -> None:
    assert pi.parse_many(["≥60项", "12月底前"], year=2021)[1] == pi.parse("2021年12月底前")


# ---- regressions found in review -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("≤6个月", "≤6个月"),  # a duration, never June
        ("三个月内", "≤3个月"),
        ("≥3.5年", "≥3.5年"),
        ("≥14.7KM", "≥14.7公里"),
        ("3.5万人", "35000人"),
        ("1.2亿", "120000000"),
        ("每人每月不低于500元", "每人每月≥500元"),
        ("≥95%（含）", "≥95%"),
        ("定性 好较好一般差", "定性 好较好一般差"),
        ("≥60项，", "≥60项"),
        ("≥5。", "≥5"),
    ],
)
def test_review_regressions(text: str, canonical: str) -> None:
    t = pi.parse(text)
    assert str(t) == canonical
    assert pi.parse(str(t)) == t


def test_cn_year_is_a_calendar_year() -> None:
    assert pi.parse("二〇二一年") == pi.parse("2021年")


def test_tiers_are_split_into_words() -> None:
    t = pi.parse("定性 好较好一般差")
    assert isinstance(t, pi.Qualitative) and t.tiers == ("好", "较好", "一般", "差")


@pytest.mark.parametrize("text", ["≥90%-95%", "90%-95%以上", "百分之", "百分之abc"])
def test_review_errors(text: str) -> None:
    with pytest.raises(pi.TargetSyntaxError):
        pi.parse(text)
