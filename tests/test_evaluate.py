"""Evaluation: target + actual → outcome."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfindicators as pi
from perfindicators import Flag, Status

MET = [
    ("≥60项", "64项", {}),
    ("不超过100万元", "99万元", {}),
    ("12月底前", "2021年12月15日", {"year": 2021}),
    ("≧ 95 %", "98%", {}),
    ("≥50个", "50", {}),
    ("9月前", "7月", {}),
    ("11月前", "10月", {}),
    ("≤202.6万元", "132.9", {}),
    ("≥11.376万元", "12万元", {}),
    ("=100%", "100%", {}),
    ("90%-95%", "92%", {}),
    ("20万元", "19万元", {"category": "成本指标"}),
    ("214人", "214人", {}),
    ("效果明显", "达成预期指标", {}),
    ("及时", "及时", {}),
    ("第三季度", "8月", {"year": 2021}),
    ("每家支持不超过100万元", "80万元", {}),
    ("≥1.2亿元", "12000万元", {}),
    ("2023年12月", "2023年10月", {}),
    ("3个工作日内", "2个工作日", {}),
]
NOT_MET = [
    ("≤5%", "6%", {}),
    ("不超过100万元", "1000001元", {}),
    ("12月底前", "2022年1月3日", {"year": 2021}),
    ("90%-95%", "96%", {}),
    ("20万元", "21万元", {"category": "成本指标"}),
    ("214人", "203人", {}),
    (">92%", "92%", {}),
    ("<3次", "3次", {}),
    ("9月前", "9月", {}),
    ("效果明显", "未达成预期指标", {}),
    ("=0件", "1件", {}),
    ("第三季度", "11月", {"year": 2021}),
]


@pytest.mark.parametrize(("target", "actual", "kw"), MET)
def test_met(target: str, actual: str, kw: dict[str, object]) -> None:
    year = kw.pop("year", None) if "year" in kw else None
    o = pi.parse(target, year=year).evaluate(actual, **kw)  # type: ignore[arg-type]
    assert o.met is True, o.reason
    assert o.status is Status.MET


@pytest.mark.parametrize(("target", "actual", "kw"), NOT_MET)
def test_not_met(target: str, actual: str, kw: dict[str, object]) -> None:
    year = kw.pop("year", None) if "year" in kw else None
    o = pi.parse(target, year=year).evaluate(actual, **kw)  # type: ignore[arg-type]
    assert o.met is False
    assert o.status is Status.NOT_MET, o.reason


def test_ratio_and_values() -> None:
    o = pi.parse("≥60项").evaluate("30项")
    assert o.target_value == Decimal(60)
    assert o.actual_value == Decimal(30)
    assert o.ratio == Decimal("0.5")
    assert o.direction is pi.Op.GE


def test_actual_converted_to_target_unit() -> None:
    o = pi.parse("不超过100万元").evaluate("1000001元")
    assert o.actual_value == Decimal("100.0001")
    assert "100.0001万元" in o.reason


def test_units_mismatch_raises() -> None:
    with pytest.raises(pi.PerfIndicatorError) as info:
        pi.parse("≥60项").evaluate("64家")
    assert isinstance(info.value, pi.UnitMismatchError)
    assert "项" in str(info.value) and "家" in str(info.value)
    with pytest.raises(pi.UnitMismatchError):
        pi.parse("≤100万元").evaluate("5%")


def test_bare_target_direction() -> None:
    t = pi.parse("20万元")
    up = t.evaluate("21万元")
    assert up.met and up.direction is pi.Op.GE and Flag.IMPLICIT_DIRECTION in up.flags
    down = t.evaluate("21万元", category="成本指标")
    assert not down.met and down.direction is pi.Op.LE
    forced = t.evaluate("19万元", direction="≤")
    assert forced.met and forced.direction is pi.Op.LE
    assert t.evaluate("19万元", direction="反向", category="数量指标").met


def test_bare_actual_takes_target_unit() -> None:
    o = pi.parse("≥ 95 %").evaluate("95")
    assert o.met and Flag.UNIT_ASSUMED in o.flags
    assert Flag.UNIT_ASSUMED not in pi.parse("≥95%").evaluate("95%").flags


def test_copied_target_is_a_flagged_claim() -> None:
    o = pi.parse("≥90%").evaluate("≥90%")
    assert o.met and Flag.COPIED_TARGET in o.flags
    o2 = pi.parse("9月底前完成项目申报", year=2021).evaluate("9月底前完成项目申报")
    assert o2.met and Flag.COPIED_TARGET in o2.flags


@pytest.mark.parametrize("missing", ["", "—", "/", "*", "  ", None])
def test_missing_actual(missing: str | None) -> None:
    o = pi.parse("≥95%").evaluate(missing)
    assert o.status is Status.UNKNOWN
    assert not o.met
    assert Flag.MISSING in o.flags
    assert "no actual value" in o.reason


def test_tiers() -> None:
    t = pi.parse("效果明显")
    assert t.evaluate("部分达成预期指标并具有一定效果").status is Status.PARTIAL
    assert t.evaluate("未达成年度指标且效果较差").status is Status.NOT_MET
    assert t.evaluate("基本完成").status is Status.PARTIAL
    assert t.evaluate("很好的效果").status is Status.UNKNOWN
    graded = pi.parse("定性 优良中低差")
    assert graded.evaluate("优").status is Status.MET
    assert graded.evaluate("中").status is Status.PARTIAL
    assert graded.evaluate("差").status is Status.NOT_MET


def test_tier_word_for_a_number_target() -> None:
    o = pi.parse("≥60项").evaluate("已完成")
    assert o.met and Flag.HAND_JUDGED in o.flags


def test_deadline_without_any_year_compares_months() -> None:
    assert pi.parse("12月底前").evaluate("11月").met
    # a dated actual against a deadline with no year: which December? Cannot tell …
    o = pi.parse("12月底前").evaluate("2023年1月5日")
    assert o.status is pi.Status.UNKNOWN and "pass year=" in o.reason
    # … until the form's year is given
    assert not pi.parse("12月底前").evaluate("2023年1月5日", year=2022).met
    assert pi.parse("12月底前").evaluate("2021年11月20日", year=2021).met


def test_deadline_text_actuals() -> None:
    assert pi.parse("12月底前", year=2021).evaluate("按时").met


def test_period_actual_before_start_is_met_with_note() -> None:
    o = pi.parse("第三季度", year=2021).evaluate("5月")
    assert o.met and "before the period" in o.reason


def test_phrase_target_against_phrase_actual() -> None:
    t = pi.parse("2021年12月底前拨付支持资金85%以上")
    o = t.evaluate("2021年12月底前拨付资金88.26%")
    assert o.met
    assert len(o.parts) == 2
    assert o.ratio == Decimal("88.26") / Decimal(85)
    assert not t.evaluate("2021年12月底前拨付资金80%").met


def test_multi_against_several_values() -> None:
    t = pi.parse("分别不超过50万元、30万元和20万元")
    assert t.evaluate("分别不超过50万元、30万元和20万元").met
    # nothing done is not met, whatever the comparator (issue #9, point 7: the seed's row 21)
    o = t.evaluate("未进行资金支持")
    assert o.status is Status.NOT_MET and Flag.NOTHING_DONE in o.flags
    assert pi.parse("分别不低于5项、3项").evaluate("未进行资金支持").status is Status.NOT_MET
    for actual in ("未开展", "未实施"):
        assert pi.parse("≤100万元").evaluate(actual).status is Status.NOT_MET
    # …unlike an event the target limits that did not occur
    o = pi.parse("≤0起").evaluate("未发生安全事故")
    assert o.met and Flag.NO_EVENT in o.flags
    assert t.evaluate("40万元").status is Status.UNKNOWN


def test_statement_copy_is_met() -> None:
    text = "支持符合条件的机构作为发债主体，为企业提供知识产权证券化融资服务"
    o = pi.parse(text).evaluate(text)
    assert o.met and Flag.SAME_TEXT in o.flags
    assert pi.parse(text).evaluate("另一段文字说明").status is Status.UNKNOWN


def test_number_for_a_qualitative_target_cannot_be_told() -> None:
    o = pi.parse("效果明显").evaluate("100%")
    assert o.status is Status.UNKNOWN
    assert "judge by hand" in o.reason
    # 有所提升 asks for a rise: a level alone cannot tell one
    o = pi.parse("有所提升").evaluate("100%")
    assert o.status is Status.UNKNOWN
    assert pi.Flag.NEEDS_BASELINE in o.flags


def test_reason_is_bilingual() -> None:
    o = pi.parse("≥10%").evaluate("32%")
    assert o.reason == "实际值32% ≥ 指标值10% / actual 32% ≥ target 10%"


# ---- regressions found in review -----------------------------------------------------------

def test_a_claim_the_other_way_proves_nothing() -> None:
    o = pi.parse("≥90%").evaluate("≤95%")
    assert o.status is Status.UNKNOWN and Flag.CLAIMED in o.flags
    o2 = pi.parse("≥90%").evaluate("≥95%")
    assert o2.met and Flag.CLAIMED in o2.flags and Flag.COPIED_TARGET not in o2.flags


def test_all_of_flags_parts_it_could_not_check() -> None:
    t = pi.parse("2021年12月底前拨付支持资金85%以上")
    o = t.evaluate("90%")
    assert o.met and Flag.PARTLY_CHECKED in o.flags
    full = t.evaluate("2021年12月底前拨付资金88.26%")
    assert full.met and Flag.PARTLY_CHECKED not in full.flags
    dated = t.evaluate("2021年12月15日；88.26%")
    assert dated.met
    assert str(dated.due) == "2021-12-31" and str(dated.done) == "2021-12-15"  # from the deadline


def test_all_of_tries_each_value_for_each_part() -> None:
    t = pi.parse("≥60项；≤5%")
    assert t.evaluate("64项；3%").met
    o = t.evaluate("64项")
    assert o.met and Flag.PARTLY_CHECKED in o.flags


def test_comma_separated_actual_values() -> None:
    a = pi.parse_actual("88.26%，92%")
    assert isinstance(a, pi.Compound) and len(a.parts) == 2
    assert pi.parse("分别不低于80%、90%").evaluate("88.26%，92%").met


def test_unitless_target_takes_the_actual_unit() -> None:
    assert pi.parse("[80,90]").evaluate("85%").met
    assert pi.parse("≥2000").evaluate("3061人").met


# ---- regressions found in a new user's trial ----------------------------------------------

@pytest.mark.parametrize(
    ("indicator", "actual", "met"),
    [("违法案件查办率", "60%", False), ("食品安全投诉举报处置率", "90%", False),
     ("群众投诉办结率", "90%", False), ("安全事故处置及时率", "90%", False),
     ("投诉率", "60%", True), ("投訴率", "60%", True), ("預算調整率", "60%", True)],
)
def test_direction_from_the_indicator_name(indicator: str, actual: str, met: bool) -> None:
    assert pi.parse("100%").evaluate(actual, indicator=indicator).met is met


def test_a_bare_zero_target_means_none_at_all() -> None:
    assert not pi.parse("0起").evaluate("2起").met
    assert pi.parse("0起").evaluate("0起").met
    assert not pi.parse("0").evaluate("3", category="质量指标").met


@pytest.mark.parametrize("text", ["2022-11-30", "2022/11/30", "2022.11.30", "2022-11-30 00:00:00"])
def test_dates_as_spreadsheets_write_them(text: str) -> None:
    a = pi.parse_actual(text)
    assert isinstance(a, pi.DateValue) and a.date == pi.PartialDate(2022, 11, 30)
    assert pi.parse("12月底前", year=2022).evaluate(text).met


def test_evaluate_takes_text() -> None:
    assert pi.evaluate("≥60项", "64项").met
    with pytest.raises(TypeError):
        pi.evaluate(60, "64项")  # type: ignore[arg-type]


def test_grades_are_ordered_tiers() -> None:
    # the top grade is met, the bottom one not, every grade between is partly met
    five = pi.parse("定性 优良中低差")
    assert [five.evaluate(g).status for g in "优良中低差"] == [
        Status.MET, Status.PARTIAL, Status.PARTIAL, Status.PARTIAL, Status.NOT_MET]
    four = pi.parse("定性：好、较好、一般、差")
    assert four.tiers == ("好", "较好", "一般", "差")
    assert [four.evaluate(g).status for g in four.tiers] == [
        Status.MET, Status.PARTIAL, Status.PARTIAL, Status.NOT_MET]
    assert pi.parse("定性 好坏").evaluate("坏").status is Status.NOT_MET


def test_direction_from_names_done_right() -> None:
    # a rate of doing wins over a 成本 category
    o = pi.parse("90%").evaluate("95%", category="成本指标", indicator="资金执行率")
    assert o.met and o.direction is pi.Op.GE
    assert o.direction_source is pi.DirectionSource.INDICATOR
    # a 控制率 is at most
    o = pi.parse("100%").evaluate("102%", category="质量指标", indicator="人员控制率")
    assert o.status is Status.NOT_MET and o.direction is pi.Op.LE
    # a keyword inside a long name is not the measured concept
    name = "独生子女伤残死亡家庭特别扶助金发放人数"
    o = pi.parse("500人").evaluate("520人", category="社会效益指标", indicator=name)
    assert o.met and o.direction_source is pi.DirectionSource.DEFAULT
    assert pi.parse("3%").evaluate("2%", indicator="安全事故发生率").met
    # every inferred direction says where it came from
    assert pi.parse("20万元").evaluate("21万元", category="成本指标").direction_source \
        is pi.DirectionSource.CATEGORY
    assert pi.parse("≥20万元").evaluate("21万元").direction_source is None
