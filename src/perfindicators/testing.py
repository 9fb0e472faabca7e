"""Hypothesis strategies for people who test code built on perfindicators.

Needs the ``testing`` extra (``pip install perfindicators[testing]``).

>>> from hypothesis import given
>>> import perfindicators as pi
>>> @given(targets())
... def test_round_trip(t):
...     assert pi.parse(str(t)) == t
>>> test_round_trip()
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from . import units as q
from ._grammar import parser
from .changes import Relative, Tolerance, Trend
from .evaluate import Status
from .parsing import parse
from .periods import PartialDate, month_last_day
from .policies import Award
from .targets import (
    AllOf,
    Comparison,
    Deadline,
    Multi,
    Op,
    Period,
    Range,
    Scoped,
    Target,
)

__all__ = ["UNITS", "WORD_FORMS", "check_policy", "magnitudes", "quantities", "target_texts", "targets"]

#: unit words the strategies draw from: money, percent, counts, time, area, rates
UNITS: tuple[str, ...] = (
    "", "%", "‰", "元", "万元", "亿元", "项", "家", "个", "人", "人次", "次", "件", "个工作日",
    "小时", "天", "平方米", "亩", "公里", "公斤", "元/亩", "元/人/月", "万元/人", "人/次",
)

#: the ways people write each comparator; ``{}`` stands for the value
WORD_FORMS: dict[Op, tuple[str, ...]] = {
    Op.GE: ("≥{}", "≧{}", ">={}", "不低于{}", "不少于{}", "不小于{}", "大于等于{}", "至少{}",
            "达到{}", "{}以上", "{}及以上", "正向 = {}", "不得低于{}", "不应低于{}", "未低于{}",
            "不能少于{}", "最低{}", "最少{}", "最低不低于{}", "不低於{}", "≮{}"),
    Op.GT: (">{}", "＞{}", "﹥{}", "大于{}", "高于{}", "超过{}", "多于{}", "大於{}"),
    Op.LE: ("≤{}", "≦{}", "<={}", "不超过{}", "不高于{}", "不大于{}", "小于等于{}", "至多{}",
            "最多{}", "{}以内", "{}以下", "控制在{}以内", "反向 = {}", "不得超过{}", "未超过{}",
            "不能超过{}", "不应超过{}", "不宜超过{}", "不可超过{}", "严禁超过{}", "最高{}", "上限{}",
            "{}封顶", "不超過{}", "≯{}", "不高 于{}", "小于 等于{}"),
    Op.LT: ("<{}", "＜{}", "﹤{}", "小于{}", "低于{}", "少于{}", "不足{}", "小於{}"),
    Op.EQ: ("={}", "＝{}", "═{}", "﹦{}", "等于{}", "为{}"),
}


def magnitudes() -> st.SearchStrategy[Decimal]:
    """Non-negative decimals with up to four places, as forms write them."""
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(min_value=0, max_value=10**9),
        st.integers(min_value=0, max_value=4),
    )


def quantities(units: tuple[str, ...] = UNITS) -> st.SearchStrategy[Any]:
    """Pint quantities of the perfindicators registry."""
    return st.builds(lambda m, u: q.make(m, q.unit_from_text(u)), magnitudes(),
                     st.sampled_from(units))


def _dates(with_day: bool) -> st.SearchStrategy[PartialDate]:
    @st.composite
    def build(draw: st.DrawFn) -> PartialDate:
        year = draw(st.none() | st.integers(1990, 2100))
        month = draw(st.integers(1, 12))
        day = None
        if with_day and draw(st.booleans()):
            day = draw(st.integers(1, month_last_day(year or 2001, month)))
        return PartialDate(year, month, day)

    return build()


@st.composite
def _ranges(draw: st.DrawFn) -> Range:
    unit = q.unit_from_text(draw(st.sampled_from(UNITS)))
    a, b = sorted((draw(magnitudes()), draw(magnitudes())))
    return Range(q.make(a, unit), q.make(b, unit))


@st.composite
def _multis(draw: st.DrawFn) -> Multi:
    unit = q.unit_from_text(draw(st.sampled_from(UNITS)))
    values = draw(st.lists(magnitudes(), min_size=2, max_size=4))
    return Multi(draw(st.sampled_from(list(Op))), [q.make(v, unit) for v in values])


@st.composite
def _deadlines(draw: st.DrawFn) -> Deadline:
    date = draw(_dates(with_day=True))
    before = date.day is None and draw(st.booleans())
    return Deadline(date, before)


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    year = draw(st.none() | st.integers(1990, 2099))
    m1 = draw(st.integers(1, 12))
    if year is not None and draw(st.booleans()):
        return Period(PartialDate(year, m1), PartialDate(year + 1, draw(st.integers(1, 12))))
    m2 = draw(st.integers(m1, 12))
    return Period(PartialDate(year, m1), PartialDate(year, m2))


@st.composite
def _relatives(draw: st.DrawFn) -> Relative:
    basis = draw(st.sampled_from(["上年", "2020年"]))
    trend = draw(st.sampled_from(list(Trend)))
    if trend is Trend.FLAT:
        return Relative(trend, basis=basis)
    if draw(st.booleans()):
        return Relative(trend, draw(st.sampled_from([Op.GE, Op.GT])), None)
    unit = q.unit_from_text(draw(st.sampled_from(["%", "个百分点", "家", "万元"])))
    op = draw(st.none() | st.sampled_from(list(Op)))
    return Relative(trend, op, q.make(draw(magnitudes()), unit), basis=basis,
                    rate=draw(st.booleans()) and q.unit_text(unit) == "%")


@st.composite
def _tolerances(draw: st.DrawFn) -> Tolerance:
    unit = q.unit_from_text(draw(st.sampled_from(["%", "天", "万元"])))
    deviation = q.make(draw(magnitudes()), unit)
    if draw(st.booleans()):
        return Tolerance(deviation, q.make(draw(magnitudes()), unit))
    return Tolerance(deviation, None, strict=draw(st.booleans()))


def comparisons() -> st.SearchStrategy[Comparison]:
    """Comparisons and bare values."""
    return st.builds(Comparison, st.none() | st.sampled_from(list(Op)), quantities())


def targets() -> st.SearchStrategy[Target]:
    """Every measured and dated target kind, and a phrase of two of them."""
    simple: st.SearchStrategy[Target] = st.one_of(
        comparisons(), _ranges(), _multis(), _deadlines(), _periods(), _relatives(),
        _tolerances(),
        st.builds(Scoped, st.sampled_from(["每家", "每项", "每人", "单家"]),
                  st.one_of(comparisons(), _ranges(), _multis())),
        st.builds(Scoped, st.just("各"), comparisons().filter(lambda c: c.op is None)),
    )
    return st.one_of(simple, st.builds(lambda a, b: AllOf([a, b]), simple, simple))


# Terminals whose patterns use look-ahead, or whose free generation would lex as another
# token, get explicit strategies; the rest come from their own regular expressions.
_EXPLICIT: dict[str, st.SearchStrategy[str]] = {
    "TEXT": st.sampled_from(["支持", "资金拨付", "项目", "服务对象满意度", "完成"]),
    "SCOPE": st.sampled_from(["每家", "每项", "单家", "每人"]),
    "EACH": st.just("各"),
    "RANGE_SEP": st.sampled_from(["-", "~", "至"]),
    "NUM_AND": st.sampled_from(["、", "和", ","]),
    "KNOWN_UNIT": st.sampled_from(["项", "家", "万元", "%", "人次", "个工作日", "平方米", "元"]),
    "UNKNOWN_UNIT": st.sampled_from(["锅", "瓶", "罐"]),
    "NUMBER": st.sampled_from(["1", "3", "12", "60", "95.5", "2021", "10,740.00"]),
    "CN_NUMBER": st.sampled_from(["一", "两", "十二", "三千五百"]),
    "PCT_CN": st.sampled_from(["百分之九十五", "百分之80"]),
    "_SEP": st.sampled_from(["，", "；"]),
    "DOTTED_DAY": st.sampled_from(["9.30", "12.31"]),
    "ISO_DATE": st.sampled_from(["2021-12-31", "2022.06.30"]),
}


def target_texts() -> st.SearchStrategy[str]:
    """Strings generated from the target grammar itself (``hypothesis.extra.lark``)."""
    from hypothesis.extra.lark import from_lark

    return from_lark(parser(), start="start", explicit=_EXPLICIT)


# ---- a conformance kit for policy authors ------------------------------------------------

# Each sequence of actuals moves toward its target (from below, or from above), so a policy's
# points must never fall along it.
_GRIDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("≥60项", ("0", "15", "30", "45", "59", "60")),
    ("≥60项", ("200", "120", "78", "61", "60")),
    (">60项", ("0", "30", "59", "60", "61")),
    ("≤5%", ("20%", "10%", "7.5%", "6%", "5%")),
    ("≤5%", ("0%", "4%", "5%")),
    ("<5%", ("20%", "10%", "5%", "4.99%")),
    ("=100%", ("0%", "50%", "99%", "100%")),
    ("=0件", ("3件", "1件", "0件")),
    ("90%-95%", ("50%", "80%", "90%", "92%")),
    ("90%-95%", ("200%", "120%", "96%", "95%")),
    ("≥1.2亿元", ("0", "6000万元", "11999万元", "1.2亿元")),
    ("12月底前", ("2022年6月", "2022年1月", "2021年12月", "2021年6月")),
    ("较上年增长10%", ("下降5%", "持平", "增长5%", "增长9%", "增长10%")),
    ("同比下降3%", ("增长5%", "下降1%", "下降3%")),
    ("100%±2%", ("110%", "104%", "102%")),
    ("100%±2%", ("80%", "96%", "98%")),
)
_WORDS = ("未达成预期指标", "部分达成预期指标", "达成预期指标")


def _points(policy: Any, outcome: Any, weight: Decimal) -> Decimal:
    result = policy(outcome, weight)
    points = result.points if isinstance(result, Award) else result
    if not isinstance(points, Decimal) or not points.is_finite():
        raise AssertionError(f"the policy returned {result!r}, not a finite Decimal or Award")
    return points


def check_policy(policy: Any, *, full_when_met: bool = True,
                 weights: tuple[Decimal, ...] = (Decimal(1), Decimal("2.5"), Decimal(10))) -> None:
    """Check that *policy* keeps the contract every policy must keep, like scikit-learn's
    ``check_estimator``: points are bounded by 0 and the weight; a met target gets the full
    weight (unless ``full_when_met=False``); points never fall as the actual moves toward the
    target; the same input gives the same points; the policy pickles and still scores alike.

    Raises:
        AssertionError: naming the first broken promise, the target, the actual and the weight.

    >>> from perfindicators.policies import Proportional, ReverseLinear
    >>> check_policy(Proportional())
    >>> check_policy(ReverseLinear())
    >>> check_policy(lambda outcome, weight: weight * 2)
    Traceback (most recent call last):
    ...
    AssertionError: not picklable: ...
    """
    try:
        clone = pickle.loads(pickle.dumps(policy))
    except Exception as e:
        raise AssertionError(f"not picklable: {type(e).__name__}: {e}") from None
    cap = getattr(policy, "cap", True)
    grids = [*_GRIDS, ("效果明显", _WORDS)]
    for target_text, actuals in grids:
        target = parse(target_text, year=2021)
        for w in weights:
            previous: Decimal | None = None
            for actual in actuals:
                o = target.evaluate(actual, year=2021)
                where = f"target {target_text!r}, actual {actual!r}, weight {w}"
                p = _points(policy, o, w)
                if p < 0 or (cap and p > w):
                    raise AssertionError(f"points {p} outside [0, {w}] for {where}")
                if full_when_met and o.status is Status.MET and p != w:
                    raise AssertionError(f"met but {p} of {w} for {where}")
                if _points(policy, o, w) != p:
                    raise AssertionError(f"not deterministic for {where}")
                if _points(clone, o, w) != p:
                    raise AssertionError(f"scores differently after pickling for {where}")
                if previous is not None and p < previous:
                    raise AssertionError(
                        f"not monotone: {p} after {previous} as the actual moved toward the "
                        f"target, for {where}")
                previous = p
