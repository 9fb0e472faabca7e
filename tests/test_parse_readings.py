"""Every example named in issue #9 ("Never a silent misreading") gives the careful reading.

Each case is the text a new user typed, and what a careful evaluator reads in it; the old
misreading is in the comment.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

import perfindicators as pi

Status = pi.Status

# (target, year, the canonical reading)
READINGS = [
    # negations invert no more (was >100万元, and 4.50 of 5 for 90万元)
    ("不得超过100万元", None, "≤100万元"),
    ("不得低于95%", None, "≥95%"),
    ("未超过5%", None, "≤5%"),
    ("不能超过10%", None, "≤10%"),
    ("不应低于90%", None, "≥90%"),
    ("不宜超过3次", None, "≤3次"),
    ("不可低于60项", None, "≥60项"),
    # bound words set the direction (were dropped: a ceiling became "at least")
    ("最高100万元", None, "≤100万元"),
    ("上限100万元", None, "≤100万元"),
    ("100万元封顶", None, "≤100万元"),
    ("每家企业最高补助100万元", None, "每家≤100万元"),
    ("不足5%", None, "<5%"),
    # symbol and character variants keep the comparator
    ("﹤5%", None, "<5%"),
    ("﹥90%", None, ">90%"),
    ("小於5%", None, "<5%"),
    ("大於90%", None, ">90%"),
    ("低於5%", None, "<5%"),
    # signs (≤−3% was ≤3%; ≥-5% could not be written)
    ("≤−3%", None, "≤-3%"),
    ("≥-5%", None, "≥-5%"),
    # text inside the value is no longer cut into the subject
    ("≤300元/人·月", None, "≤300元/人/月"),
    ("≥6000人·次", None, "≥6000人次"),
    ("≤15个自然日", None, "≤15天"),
    ("≥100万kWh", None, "≥1000000千瓦时"),
    ("≥3平方", None, "≥3平方"),
    ("≤千分之三", None, "≤3‰"),
    ("≥九成", None, "≥90%"),
    ("达到万人", None, "≥10000人"),
    # PDF line breaks inside a word
    ("不高\n于5%", None, "≤5%"),
    ("小于 等于10次", None, "≤10次"),
    # relative targets are not plain percentages
    ("较上年增长10%", None, "较上年增长10%"),
    ("同比下降3%", None, "较上年下降3%"),
    # tolerances
    ("100%±2%", None, "100%±2%"),
    ("误差不超过2%", None, "±2%"),
    # dates
    ("次年3月底前", 2021, "2022年3月底前"),
    ("1-12月", 2021, "2021年"),
    ("2021-12-31前", None, "2021年12月31日前"),
    ("12月31日(含)前", 2021, "2021年12月31日前"),
    # grades
    ("定性：好、较好、一般、差", None, "定性 好较好一般差"),
]


@pytest.mark.parametrize(("text", "year", "canonical"), READINGS, ids=[r[0] for r in READINGS])
def test_the_careful_reading(text: str, year: int | None, canonical: str) -> None:
    t = pi.parse(text, year=year)
    assert str(t) == canonical
    assert pi.parse(str(t), year=year) == t
    assert pi.from_dict(t.to_dict()) == t
    assert pickle.loads(pickle.dumps(t)) == t


def test_negations_score_as_ceilings() -> None:
    assert pi.score("不得超过100万元", "90万元", 5).points == Decimal("5.00")
    assert pi.parse("不得超过100万元").evaluate("120万元").status is Status.NOT_MET


def test_relative_targets_are_not_levels() -> None:
    assert pi.parse("较上年增长10%") != pi.parse("10%")
    t = pi.parse("同比下降3%")
    assert t.evaluate("下降5%").met
    assert t.evaluate("下降2%").status is Status.NOT_MET
    assert t.evaluate("3%").status is Status.UNKNOWN  # not "at least 3%"
    assert t.evaluate("97万元", baseline="100万元").met


def test_equal_targets_and_tolerances() -> None:
    t = pi.parse("100%±2%")
    assert t.evaluate("98%").met and t.evaluate("102%").met
    # the distance is scored the same on both sides
    assert pi.score(t, "104%", 10).points == pi.score(t, "96%", 10).points
    assert pi.parse("误差不超过2%").evaluate("-3%").status is Status.NOT_MET


def test_dates() -> None:
    d = pi.parse("次年3月底前", year=2021)
    assert d.evaluate("2022年3月15日").met
    assert pi.parse("1-12月", year=2021).evaluate("2021年12月").met
    assert pi.parse("1-12月", year=2021).evaluate("2022年1月").status is Status.NOT_MET
    assert pi.parse("2021-12-31前").evaluate("2021-12-31").met
    assert pi.parse("12月31日(含)前", year=2021).evaluate("2021年12月31日").met


def test_grades_and_actuals() -> None:
    scale = pi.parse("定性：好、较好、一般、差")
    assert scale.evaluate("好").met
    assert scale.evaluate("差").status is Status.NOT_MET
    assert scale.evaluate("一般").status is Status.PARTIAL
    assert str(pi.parse("一般")) == "一般"
    assert pi.parse("≥200人").evaluate("200余人").met
    assert pi.parse("≥200人").evaluate("200多人").met
    assert pi.parse("≥300人").evaluate("200余人").status is Status.NOT_MET
    assert pi.parse("≥210人").evaluate("200余人").status is Status.UNKNOWN
    assert pi.parse("100%完成").evaluate("已完成100%").met
    assert pi.parse("≥95%").evaluate("0.96").status is Status.UNKNOWN  # 0.96% or 96%?
    for actual, expected in [("逾200人", Status.MET), ("200+", Status.MET),
                             ("近200人", Status.NOT_MET), ("不足200人", Status.NOT_MET),
                             ("约200人", Status.UNKNOWN)]:
        assert pi.parse("≥200人").evaluate(actual).status is expected, actual


def test_direction_from_names() -> None:
    assert pi.parse("90%").evaluate("95%", category="成本指标", indicator="资金执行率").met
    assert pi.parse("100%").evaluate("90%", indicator="公用经费控制率").met
    name = "计划生育家庭特别扶助（死亡）对象扶助金发放人数"
    assert pi.parse("500人").evaluate("520人", indicator=name).met


def test_malformed_separators_are_errors() -> None:
    for text in ("≥1,00项", "≥10，7400万元"):
        with pytest.raises(pi.TargetSyntaxError) as info:
            pi.parse(text)
        assert text[info.value.column] in ",，"


def test_m_is_metres_only_where_the_indicator_is_a_length() -> None:
    t = pi.parse("≥80M")
    assert t.evaluate("85米", indicator="新建道路长度").met
    assert t.evaluate("70米", indicator="新建道路长度").status is Status.NOT_MET
    assert t.evaluate("85米").status is Status.UNKNOWN  # metres or megabits?
    assert t.evaluate("100M").met  # the same unit either way


def test_an_actual_that_notes_what_it_includes_is_its_number() -> None:
    assert pi.parse("≥60项").evaluate("64项（含追加4项）").met


def test_relative_targets_do_not_mix_percent_and_points() -> None:
    o = pi.parse("较上年增长10%").evaluate("增长10个百分点")
    assert o.status is Status.UNKNOWN and "percentage points" in o.reason_en
