"""Tests of perfindicators.units: the unit registry, unit words and exact conversions."""

from __future__ import annotations

import re
import threading
from decimal import Decimal

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfindicators.errors import PerfIndicatorError, UnitMismatchError, UnknownUnitError
from perfindicators.units import (
    UREG,
    Quantity,
    compare_units,
    compound_unit,
    dimension_name,
    is_known_unit,
    make,
    resolve_unit,
    to_unit,
    unit_from_text,
    unit_text,
    unit_words,
)

D = Decimal
U = resolve_unit


def q(magnitude: str, word: str | None) -> pint.Quantity[Decimal]:
    return make(D(magnitude), None if word is None else U(word))


def parse_text(text: str) -> pint.Unit:
    """Read unit_text() output back independently: words split at '/' and '*'."""
    if not text:
        return UREG.Unit("")
    parts: list[tuple[str, str]] = []
    op = ""
    for token in re.split(r"([/*])", text):
        if token in ("/", "*"):
            op = token
        elif token:
            parts.append((op, token))
    unit = compound_unit(parts)
    assert unit_from_text(text) == unit
    return unit


# ---- the registry ------------------------------------------------------------------------


def test_one_registry_with_decimal_magnitudes() -> None:
    assert Quantity is UREG.Quantity
    assert UREG.non_int_type is Decimal
    assert isinstance(q("3", "项").magnitude, Decimal)


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("元", "yuan"),
        ("千元", "qian_yuan"),
        ("万元", "wan_yuan"),
        ("萬元", "wan_yuan"),
        ("亿元", "yi_yuan"),
        ("万", "wan"),
        ("亿", "yi"),
        ("千", "qian"),
        ("%", "percent"),
        ("百分比", "percent"),
        ("‰", "permille"),
        ("个百分点", "percentage_point"),
        ("项", "xiang"),
        ("項", "xiang"),
        ("个", "ge"),
        ("個", "ge"),
        ("人次", "renci"),
        ("起", "qi_incident"),
        ("个工作日", "workday"),
        ("工作日", "workday"),
        ("个小时", "hour"),
        ("小時", "hour"),
        ("日", "day"),
        ("星期", "week"),
        ("个月", "month"),
        ("季度", "quarter"),
        ("年", "year"),
        ("km", "kilometer"),
        ("千米", "kilometer"),
        ("㎡", "square_meter"),
        ("m²", "square_meter"),
        ("平米", "square_meter"),
        ("㎢", "square_kilometer"),
        ("亩", "mu"),
        ("公顷", "hectare"),
        ("千克", "kilogram"),
        ("斤", "jin"),
        ("t", "ton"),
        ("方", "cubic_meter"),
        ("L", "liter"),
        ("毫升", "milliliter"),
        ("M", "megabit"),
        ("分", "score"),
    ],
)
def test_declared_words(word: str, name: str) -> None:
    assert U(word) == UREG.Unit(name)
    assert is_known_unit(word)
    assert U(word, strict=True) == U(word)


def test_aliases_are_the_same_unit() -> None:
    assert U("个月") == U("月")
    assert U("㎡") == U("平方米")
    assert U("個") == U("个")
    assert U("個工作日") == U("工作日")


def test_canonical_names_resolve_but_are_not_words() -> None:
    assert U("wan_yuan") == U("万元")
    words = set(unit_words())
    assert "wan_yuan" not in words
    assert "square_meter" not in words
    assert "xiang" not in words


def test_scale_words_are_dimensionless() -> None:
    assert U("万").dimensionless
    assert U("亿").dimensionless
    assert U("千").dimensionless
    assert to_unit(q("250", "万"), None).magnitude == D("2500000")
    assert to_unit(q("1.2", "亿"), None).magnitude == D("120000000")


def test_input_variants_are_tolerated() -> None:
    assert U("KM") == U("km")
    assert U("ｋｍ") == U("km")  # full-width
    assert U("％") == U("%")
    assert U(" 万元 ") == U("万元")
    assert is_known_unit("Km")
    # "MB" (megabytes) is not megabits, and "m"/"M" stay distinct
    assert not is_known_unit("MB")
    assert U("m") != U("M")


# ---- unit_words ---------------------------------------------------------------------------


def test_unit_words_longest_first() -> None:
    words = unit_words()
    lengths = [len(w) for w in words]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(words)) == len(words)
    for must in ["万元", "个工作日", "%", "‰", "㎡", "人次", "km", "個", "个月", "平方公里"]:
        assert must in words
    assert words.index("个工作日") < words.index("个")
    assert words.index("万元") < words.index("万")
    assert words.index("人次") < words.index("人")


def test_unit_words_excludes_adhoc_words() -> None:
    U("坨")
    assert "坨" not in unit_words()


def test_unit_words_alternation_prefers_longest() -> None:
    pattern = re.compile("|".join(map(re.escape, unit_words())))
    for text, word in [("个工作日内", "个工作日"), ("万元/人", "万元"), ("人次", "人次")]:
        match = pattern.match(text)
        assert match is not None
        assert match.group() == word


# ---- exact conversions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        ("1.2", "亿元", "万元", "12000"),
        ("12000", "万元", "亿元", "1.2"),
        ("3.5", "千元", "元", "3500"),
        ("0.01", "万元", "元", "100"),
        ("15", "亩", "平方米", "10000"),
        ("10000", "平方米", "亩", "15"),
        ("1", "公顷", "亩", "15"),
        ("3", "亩", "平方米", "2000"),
        ("1", "亩", "平方米", "666.6666666666666666666666667"),
        ("2", "斤", "公斤", "1"),
        ("1", "吨", "斤", "2000"),
        ("500", "克", "斤", "1"),
        ("12", "个月", "年", "1"),
        ("1", "年", "季度", "4"),
        ("2", "小时", "分钟", "120"),
        ("1", "周", "天", "7"),
        ("365", "天", "年", "1"),
        ("1", "公里", "米", "1000"),
        ("25", "厘米", "米", "0.25"),
        ("1", "平方公里", "公顷", "100"),
        ("1", "立方米", "升", "1000"),
        ("250", "毫升", "升", "0.25"),
        ("1", "G", "M", "1000"),
        ("5", "‰", "%", "0.5"),
    ],
)
def test_to_unit_is_exact(value: str, src: str, dst: str, expected: str) -> None:
    result = to_unit(q(value, src), U(dst))
    assert isinstance(result.magnitude, Decimal)
    assert str(result.magnitude) == expected  # exact, and without trailing zeros
    assert result.units == U(dst)


def test_to_unit_to_dimensionless() -> None:
    assert to_unit(q("95", "%"), None).magnitude == D("0.95")
    assert to_unit(q("0.95", None), U("%")).magnitude == D("95")


def test_to_unit_same_unit_is_identity() -> None:
    x = q("1.50", "万元")
    assert to_unit(x, U("萬元")) is x


def test_non_terminating_ratios_are_exact_when_the_result_terminates() -> None:
    # 1 s = 1/86400 day: pint's Decimal factor is rounded, to_unit's rational one is not
    assert str(to_unit(q("8.64", "秒"), U("天")).magnitude) == "0.0001"
    assert str(to_unit(q("90", "分钟"), U("小时")).magnitude) == "1.5"
    assert str(to_unit(q("730", "天"), U("年")).magnitude) == "2"
    assert str(to_unit(q("14", "天"), U("周")).magnitude) == "2"
    assert str(to_unit(q("1", "秒"), U("天")).magnitude) == "0.00001157407407407407407407407407"


def test_month_is_a_twelfth_of_a_year() -> None:
    assert to_unit(q("1", "月"), U("天")).magnitude == D("30.41666666666666666666666667")
    assert q("12", "月") == q("1", "年")
    assert q("12", "个月") == q("1", "年")


def test_equal_quantities_hash_equal() -> None:
    a = q("1.2", "亿元")
    b = q("12000", "万元")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, q("120000000", "元")}) == 1
    assert q("1", "公顷") == q("15", "亩")


# ---- mismatches -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("项", "家"),
        ("%", "万元"),
        ("工作日", "天"),
        ("人", "人次"),
        ("户", "户次"),
        ("个百分点", "%"),
        ("分", "分钟"),
        ("亩", "米"),
        ("个", "项"),
    ],
)
def test_mismatch_raises(target: str, actual: str) -> None:
    with pytest.raises(UnitMismatchError) as info:
        compare_units(U(target), U(actual))
    assert info.value.target_unit == unit_text(U(target))
    assert info.value.actual_unit == unit_text(U(actual))
    with pytest.raises(UnitMismatchError):
        to_unit(q("1", actual), U(target))
    with pytest.raises(pint.DimensionalityError):
        q("1", actual).to(U(target))


def test_mismatch_error_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        to_unit(q("3", "项"), U("家"))
    with pytest.raises(PerfIndicatorError, match='"家"'):
        compare_units(U("项"), U("家"))


def test_compatible_units_pass() -> None:
    compare_units(U("万元"), U("亿元"))
    compare_units(U("年"), U("个月"))
    compare_units(U("%"), None)
    compare_units(None, U("‰"))
    compare_units(
        compound_unit([("", "元"), ("/", "人")]), compound_unit([("", "万元"), ("/", "人")])
    )
    with pytest.raises(UnitMismatchError):
        compare_units(compound_unit([("", "元"), ("/", "人")]), U("元"))


# ---- unknown words ---------------------------------------------------------------------------


def test_unknown_word_non_strict_defines_a_count_unit() -> None:
    pot = U("锅")
    assert U("锅") is pot  # defined once
    assert not is_known_unit("锅")
    assert unit_text(pot) == "锅"
    x = make(D("3"), pot)
    assert x == make(D("3"), U("锅"))
    assert to_unit(x, pot) is x
    assert pot.dimensionality != U("项").dimensionality
    with pytest.raises(UnitMismatchError):
        compare_units(U("项"), pot)
    assert dimension_name(pot) == "锅 (count)"
    assert compound_unit([("", "元"), ("/", "锅")]) == U("元") / pot


def test_unknown_word_strict_raises_with_suggestions() -> None:
    with pytest.raises(UnknownUnitError) as info:
        U("項目", strict=True)
    err = info.value
    assert isinstance(err, LookupError)
    assert err.unit == "項目"
    assert err.suggestions
    assert "项" in err.suggestions
    assert "項目" in str(err)


@pytest.mark.parametrize(
    ("word", "suggestion"),
    [("人员", "人"), ("万元整", "万元"), ("kms", "公里"), ("个工作天", "个")],
)
def test_suggestions(word: str, suggestion: str) -> None:
    with pytest.raises(UnknownUnitError) as info:
        U(word, strict=True)
    assert suggestion in info.value.suggestions


def test_strict_mode_ignores_words_defined_on_the_fly() -> None:
    U("瓢")
    with pytest.raises(UnknownUnitError):
        U("瓢", strict=True)
    with pytest.raises(UnknownUnitError):
        compound_unit([("", "元"), ("/", "瓢")], strict=True)
    assert compound_unit([("", "元"), ("/", "瓢")]) == U("元") / U("瓢")


def test_odd_unknown_words() -> None:
    for word in ["a=b", "x y", "_adhoc1", "currency", "元整元"]:
        unit = U(word)
        assert unit_text(unit) == word
        assert U(word) is unit
        assert unit != U("元")
    assert U("currency").dimensionality != U("元").dimensionality


def test_bad_words() -> None:
    with pytest.raises(ValueError):
        U("")
    with pytest.raises(ValueError):
        U("  ")
    with pytest.raises(TypeError):
        U(3)  # type: ignore[arg-type]


def test_adhoc_definition_is_thread_safe() -> None:
    results: list[pint.Unit] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(U("簇"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert all(r is results[0] for r in results)


# ---- compound units and unit_text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ([("", "元"), ("/", "亩")], "元/亩"),
        ([("", "元"), ("/", "人"), ("*", "月")], "元/人/月"),
        ([("", "元"), ("/", "人"), ("/", "月")], "元/人/月"),
        ([("", "元"), ("/", "月"), ("/", "人")], "元/人/月"),
        ([("", "元"), ("/", "生"), ("/", "年")], "元/生/年"),
        ([("", "人"), ("/", "次")], "人/次"),
        ([("", "万元"), ("/", "人")], "万元/人"),
        ([("", "萬元"), ("/", "人")], "万元/人"),
        ([("", "次"), ("/", "人"), ("*", "年")], "次/人/年"),
        ([("", "元")], "元"),
        ([("", "㎡")], "平方米"),
        ([("", "元"), ("/", "元")], ""),
        ([("/", "人")], "/人"),
    ],
)
def test_compound_unit_round_trips(parts: list[tuple[str, str]], text: str) -> None:
    unit = compound_unit(parts)
    assert unit_text(unit) == text
    assert parse_text(unit_text(unit)) == unit


def test_unit_text_is_independent_of_the_writing_order() -> None:
    a = compound_unit([("", "人"), ("*", "次")])
    b = compound_unit([("", "次"), ("*", "人")])
    assert a == b
    assert unit_text(a) == unit_text(b)
    assert unit_text(a) in ("人*次", "次*人")
    assert parse_text(unit_text(a)) == a


def test_compound_unit_semantics() -> None:
    per_person_month = compound_unit([("", "元"), ("/", "人"), ("*", "月")])
    assert per_person_month == U("元") / (U("人") * U("月"))
    assert compound_unit([("", "人"), ("*", "次")]) == U("人") * U("次")
    assert compound_unit([("", "人"), ("*", "次")]) != compound_unit([("", "人"), ("/", "次")])
    # full-width operators
    assert compound_unit([("", "元"), ("／", "人")]) == compound_unit([("", "元"), ("/", "人")])
    # lists and tuples give the same (cached) unit
    assert compound_unit((("", "元"), ("/", "亩"))) == compound_unit([["", "元"], ["/", "亩"]])  # type: ignore[list-item]
    # conversions through compounds stay exact
    x = make(D("570"), per_person_month)
    per_person_year = compound_unit([("", "元"), ("/", "人"), ("/", "年")])
    assert to_unit(x, per_person_year).magnitude == D("6840")
    per_mu = make(D("1.5"), compound_unit([("", "万元"), ("/", "亩")]))
    assert to_unit(per_mu, compound_unit([("", "元"), ("/", "平方米")])).magnitude == D("22.5")


def test_compound_unit_errors() -> None:
    with pytest.raises(ValueError):
        compound_unit([])
    with pytest.raises(ValueError):
        compound_unit([("", "元"), ("+", "人")])


def test_unit_from_text() -> None:
    per = compound_unit([("", "元"), ("/", "人"), ("*", "月")])
    assert unit_from_text("元/人/月") == per
    assert unit_from_text("元/人*月") == per
    assert unit_from_text(" 元 ／ 人 ") == compound_unit([("", "元"), ("/", "人")])
    assert unit_from_text("万元") == U("万元")
    assert unit_from_text("/人") == U("人") ** -1
    assert unit_from_text("") == UREG.Unit("")
    assert make(D("60"), unit_from_text("")).dimensionless
    assert unit_from_text("元/锅") == U("元") / U("锅")
    with pytest.raises(UnknownUnitError):
        unit_from_text("元/镬", strict=True)
    for bad in ["元//人", "元/", "元*/人"]:
        with pytest.raises(ValueError):
            unit_from_text(bad)


def test_unit_text_simple() -> None:
    # alone, a month keeps its classifier (6个月 is a duration, 6月 is June) …
    assert unit_text(U("个月")) == unit_text(U("月")) == "个月"
    # … and in a rate it does not need it
    assert unit_text(compound_unit([("", "元"), ("/", "人"), ("*", "月")])) == "元/人/月"
    assert unit_text(U("個")) == "个"
    assert unit_text(U("m²")) == "平方米"
    assert unit_text(U("km")) == "公里"
    assert unit_text(U("%")) == "%"
    assert unit_text(None) == ""
    assert unit_text(UREG.Unit("")) == ""


def test_dimension_name() -> None:
    assert dimension_name(U("万元")) == "货币 (currency)"
    assert dimension_name(U("项")) == "项 (count)"
    assert dimension_name(U("个月")) == "时间 (time)"
    assert dimension_name(U("工作日")) == "工作日 (working days)"
    assert dimension_name(U("亩")) == "面积 (area)"
    assert dimension_name(U("升")) == "体积 (volume)"
    assert dimension_name(U("%")) == "无量纲 (dimensionless)"
    assert dimension_name(None) == "无量纲 (dimensionless)"
    per = compound_unit([("", "元"), ("/", "人"), ("*", "月")])
    assert dimension_name(per) == "货币/人/时间 (currency/count/time)"


# ---- make -------------------------------------------------------------------------------------


def test_make() -> None:
    x = make(D("60"), U("项"))
    assert x.magnitude == D("60")
    assert x.units == U("项")
    assert make(D("0.5"), None).dimensionless
    assert make(3, U("项")).magnitude == D(3)  # type: ignore[arg-type]
    assert isinstance(make(3, U("项")).magnitude, Decimal)  # type: ignore[arg-type]
    assert make(0.1, None).magnitude == D("0.1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        make(True, None)  # type: ignore[arg-type]


# ---- properties ----------------------------------------------------------------------------------

WORDS = unit_words()


@given(st.sampled_from(WORDS))
def test_every_word_round_trips_through_unit_text(word: str) -> None:
    unit = U(word)
    assert U(unit_text(unit)) == unit
    assert parse_text(unit_text(unit)) == unit
    assert unit_text(unit) in WORDS


@given(
    st.sampled_from(WORDS),
    st.lists(st.tuples(st.sampled_from(["/", "*"]), st.sampled_from(WORDS)), max_size=3),
)
def test_compounds_round_trip_through_unit_text(first: str, rest: list[tuple[str, str]]) -> None:
    unit = compound_unit([("", first), *rest])
    assert parse_text(unit_text(unit)) == unit


_FAMILIES = [
    ["元", "千元", "万元", "亿元"],
    ["米", "公里", "厘米", "毫米"],
    ["公斤", "克", "斤", "吨"],
    ["平方米", "公顷", "平方公里"],
    ["%", "‰", "万", "千", "亿"],
]


@settings(max_examples=200)
@given(
    st.sampled_from(_FAMILIES).flatmap(
        lambda family: st.tuples(st.sampled_from(family), st.sampled_from(family))
    ),
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
)
def test_conversions_round_trip_exactly(pair: tuple[str, str], value: Decimal) -> None:
    src, dst = pair
    x = make(value, U(src))
    there = to_unit(x, U(dst))
    back = to_unit(there, U(src))
    assert back.magnitude == value
    assert to_unit(x, U(src)) is x
