"""Evaluation of the targets of change and closeness, and of approximate actuals.

* relative targets (较上年增长10%): met from an actual that states the change, or from a level
  with the basis value (``baseline=``); with neither, "cannot tell";
* tolerances (100%±2%, 误差不超过2%): the distance from the centre against the deviation;
* approximate actuals (200余人, 约200人) against a comparison: an interval, "cannot tell" when
  it straddles the bound; spreadsheet numbers (1.2E+07) and bare fractions (0.96 against a %).

>>> import perfindicators as pi
>>> pi.parse("较上年增长10%").evaluate("增长12%").met
True
>>> pi.parse("较上年增长10%").evaluate("1200万元").status
<Status.UNKNOWN: 'cannot tell'>
>>> pi.parse("较上年增长10%").evaluate("1200万元", baseline="1000万元").met
True
>>> pi.parse("≥210人").evaluate("200余人").status
<Status.UNKNOWN: 'cannot tell'>
"""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import Any

import attrs

from . import units as q
from .actuals import Actual, Approx, Change, Claimed, Measured
from .changes import Relative, Tolerance, Trend
from .errors import UnitMismatchError
from .outcome import (
    NEGATE,
    DirectionSource,
    Flag,
    Outcome,
    Status,
    Texts,
    actual_number,
    out,
    trusted,
    unknown,
)
from .targets import Comparison, Op, format_quantity

__all__ = ["bare_fraction", "compare", "compare_interval", "compare_measured", "compare_spreadsheet",
           "evaluate_relative", "evaluate_tolerance"]


# Op.holds(b, a) is b <op> a; keyed by the comparator's text, whose hash is cached (an enum
# member hashes in Python)
_HOLDS = {"≥": operator.ge, ">": operator.gt, "≤": operator.le, "<": operator.lt, "=": operator.eq}
_NEGATE = {op.value: sym for op, sym in NEGATE.items()}


def _compare_texts(b: Decimal, sym: str, value: Any) -> tuple[str, str]:
    a_txt, b_txt = format_quantity(value), f"{b}{q.text_of(value)}"
    return f"实际值{b_txt} {sym} 指标值{a_txt}", f"actual {b_txt} {sym} target {a_txt}"


def compare(t: Comparison, actual: Measured, op: Op, flags: set[Flag],
            direction_source: DirectionSource | None = None) -> Outcome:
    value = t.value
    a = value.magnitude
    b, assumed = actual_number(value, actual)
    if assumed:
        flags.add(Flag.UNIT_ASSUMED)
    sym = op._value_
    ok = _HOLDS[sym](b, a)
    return _outcome(t, actual, Status.MET if ok else Status.NOT_MET,
                    Texts(_compare_texts, b, sym if ok else _NEGATE[sym], value),
                    op, a, b, (b / a) if a != 0 else None, frozenset(flags), (), None, None,
                    direction_source)


# Outcome's constructor stores its arguments unchanged: no converter, validator or check
_outcome = trusted(Outcome, texts=("reason_zh", "reason_en"))

# the flags `compare` can give a measured actual, built once, in the order it adds them
_FLAGS = {(implicit, assumed): frozenset(
    ([Flag.IMPLICIT_DIRECTION] if implicit else []) + ([Flag.UNIT_ASSUMED] if assumed else []))
    for implicit in (False, True) for assumed in (False, True)}


def compare_measured(t: Comparison, actual: Measured, op: Op, implicit: bool,
                     direction_source: DirectionSource | None) -> Outcome:
    """`compare` of a measured actual (neither a spreadsheet number nor a bare fraction: the
    caller has told), its flags those `compare` would give: ``implicit_direction`` when
    *implicit*, ``unit_assumed`` for a bare number."""
    value = t.value
    # the magnitudes read from their slots, as `units.convert` stores them (pint's
    # ``magnitude`` is a property: a call for each read)
    a = value._magnitude
    av = actual.value
    if not actual.unit_written:
        b, assumed = av._magnitude, True
    elif av._units is value._units:  # `actual_number`: the same unit converts nothing
        b, assumed = av._magnitude, False
    else:
        b, assumed = actual_number(value, actual)
    sym = op._value_
    ok = _HOLDS[sym](b, a)
    return _outcome(t, actual, Status.MET if ok else Status.NOT_MET,
                    Texts(_compare_texts, b, sym if ok else _NEGATE[sym], value),
                    op, a, b, (b / a) if a != 0 else None, _FLAGS[implicit, assumed], (), None,
                    None, direction_source)


def bare_fraction(target_q: Any, actual: Measured) -> bool:
    """A bare number below 1 (or exactly 1) against a percent target: 0.96 may be 0.96% or a
    spreadsheet's 96%."""
    if actual.unit_written or q.text_of(target_q) != "%":
        return False
    b = actual.value.magnitude
    return 0 < b <= 1 and q.text_of(target_q) == "%" and target_q.magnitude > 1


def compare_spreadsheet(t: Comparison, actual: Measured, op: Op, flags: set[Flag]) -> Outcome:
    """1.2E+07 against 万元: read as 元 and as the target's unit; an answer only when both
    readings agree."""
    flags = flags | {Flag.SPREADSHEET}
    own = compare(t, actual, op, flags)
    try:
        yuan = q.make(actual.value.magnitude, q.resolve_unit("元"))
        as_yuan = compare(t, Measured(yuan, True, actual.text), op, flags)
    except Exception:
        return own
    if as_yuan.status is own.status:
        return attrs.evolve(own, actual=actual)
    return unknown(t, actual, "科学计数法的实际值可能以元或以指标单位计，两种读法结论不同",
                    "1.2E+07 may be in 元 or in the target's unit: the two readings disagree",
                    *flags)


def _interval_holds(op: Op, a: Decimal, low: Decimal | None, high: Decimal | None,
                    low_open: bool, high_open: bool) -> bool | None:
    """Whether every value of the interval satisfies ``x <op> a`` (True), none does (False),
    or some do and some do not (None)."""
    above = low is not None and (low > a or (low == a and low_open))  # every x > a
    at_least = low is not None and low >= a  # every x ≥ a
    below = high is not None and (high < a or (high == a and high_open))  # every x < a
    at_most = high is not None and high <= a  # every x ≤ a
    if op is Op.GE:
        return True if at_least else False if below else None
    if op is Op.GT:
        return True if above else False if at_most else None
    if op is Op.LE:
        return True if at_most else False if above else None
    if op is Op.LT:
        return True if below else False if at_least else None
    if low == high == a and not (low_open or high_open):
        return True
    return False if (below or above) else None


def compare_interval(t: Comparison, actual: Approx, op: Op, flags: set[Flag]) -> Outcome:
    flags = flags | {Flag.APPROXIMATE}
    a = t.value.magnitude

    def conv(d: Decimal | None) -> Decimal | None:
        if d is None:
            return None
        m = Measured(q.make(d, actual.value.units), actual.unit_written, actual.text)
        return actual_number(t.value, m)[0]

    low, high = conv(actual.low), conv(actual.high)
    holds = _interval_holds(op, a, low, high, actual.low_open, actual.high_open)
    if holds is None:
        bound = format_quantity(t.value)
        return unknown(t, actual, f"实际值“{actual.text}”是约数，跨越指标值{bound}，无法判断",
                       f"the approximate actual {actual.text} straddles the target", *flags)
    b = actual.value.magnitude
    return out(t, actual, Status.MET if holds else Status.NOT_MET,
                f"实际值“{actual.text}”{'满足' if holds else '不满足'}{op.symbol}{format_quantity(t.value)}",
                f"actual {actual.text} {'meets' if holds else 'misses'} {op.symbol}"
                f"{format_quantity(t.value)} whatever its exact value",
                direction=op, target_value=a, actual_value=conv(b),
                flags=frozenset(flags))


def evaluate_tolerance(t: Tolerance, actual: Actual) -> Outcome:
    flags: set[Flag] = set()
    if isinstance(actual, Claimed):
        if actual.target == t:
            return out(t, actual, Status.MET, "实际值照抄指标值", "the actual copies the target",
                        flags=frozenset({Flag.COPIED_TARGET}))
        claim = actual.target
        if not (isinstance(claim, Comparison) and claim.op in (None, Op.EQ)):
            return unknown(t, actual, "实际值不是数值", "the actual value is not a number",
                            Flag.CLAIMED)
        actual = Measured(claim.value, True, actual.text)
        flags.add(Flag.CLAIMED)
    if not isinstance(actual, Measured):
        return unknown(t, actual, "实际值不是数值，无法比较", "the actual value is not a number")
    ref = t.center if t.center is not None else t.deviation
    b, assumed = actual_number(ref, actual)
    if assumed:
        flags.add(Flag.UNIT_ASSUMED)
    center = t.center.magnitude if t.center is not None else Decimal(0)
    dev = q.magnitude_as(t.deviation, ref)
    distance = abs(b - center)
    ok = distance < dev if t.strict else distance <= dev
    op = Op.LT if t.strict else Op.LE
    sym = op.symbol if ok else NEGATE[op]
    unit = q.text_of(ref)
    return out(t, actual, Status.MET if ok else Status.NOT_MET,
                f"实际值{b}{unit}与目标的偏差{distance}{unit} {sym} 允许偏差{dev}{unit}",
                f"actual {b}{unit} is {distance}{unit} off, {sym} the tolerance {dev}{unit}",
                direction=op, target_value=dev, actual_value=distance,
                ratio=(distance / dev) if dev != 0 else None, flags=frozenset(flags))


def _change_of(t: Relative, actual: Actual, baseline: Actual | None,
               ) -> tuple[Decimal | None, int | None, Any, set[Flag]] | str:
    """The signed change the actual states (or its sign only), in the unit of the target's
    amount; a string says why there is none."""
    flags: set[Flag] = set()
    unit = t.amount.units if t.amount is not None else None
    if isinstance(actual, Change):
        signed = actual.signed
        if signed is None:
            return None, actual.trend.sign, unit, flags
        if actual.amount is not None and t.amount is not None:
            try:
                signed = q.magnitude_as(actual.amount, t.amount) * actual.trend.sign
            except UnitMismatchError:
                return "实际变化的单位与指标不同（百分比与百分点不可互换）"
        return signed, (signed > 0) - (signed < 0), unit, flags
    level: Measured | None = None
    if isinstance(actual, Measured):
        level = actual
    elif isinstance(actual, Claimed) and isinstance(actual.target, Comparison) \
            and actual.target.op in (None, Op.EQ):
        level = Measured(actual.target.value, True, actual.text)
    if level is None:
        return "实际值没有说明变化"
    if t.rate and t.amount is not None and baseline is None:
        # 增幅≥5% against 6%: the percent is the rate of change itself
        b, assumed = actual_number(t.amount, level)
        if assumed:
            flags.add(Flag.UNIT_ASSUMED)
        signed = b * (1 if t.trend is Trend.UP else -1)
        return signed, (signed > 0) - (signed < 0), unit, flags
    base = baseline if isinstance(baseline, Measured) else None
    if base is None:
        flags.add(Flag.NEEDS_BASELINE)
        return "相对目标需要实际变化（如“增长12%”）或基期数值（baseline=）"
    b = level.value.magnitude
    try:
        b0 = q.magnitude_as(base.value, level.value) if base.unit_written and level.unit_written \
            else base.value.magnitude
    except UnitMismatchError:
        return "基期数值与实际值单位不同"
    if t.amount is None or t.trend is Trend.FLAT:
        diff = b - b0
        return diff, (diff > 0) - (diff < 0), unit, flags
    amount_unit = q.text_of(t.amount)
    if amount_unit == "%":
        if b0 == 0:
            return "基期数值为零，无法计算增长率"
        signed = (b - b0) / b0 * 100
    elif amount_unit == "个百分点":
        signed = b - b0  # both levels are percentages
    else:
        signed = b - b0
        if level.unit_written:
            try:
                signed = q.magnitude_as(q.make(signed, level.value.units), t.amount)
            except UnitMismatchError:
                return "实际值与指标的单位不同"
    return signed, (signed > 0) - (signed < 0), unit, flags


def evaluate_relative(t: Relative, actual: Actual, baseline: Actual | None) -> Outcome:
    if isinstance(actual, Claimed) and actual.target == t:
        return out(t, actual, Status.MET, "实际值照抄指标值", "the actual copies the target",
                    flags=frozenset({Flag.COPIED_TARGET}))
    found = _change_of(t, actual, baseline)
    if isinstance(found, str):
        why = (Flag.NEEDS_BASELINE,) if "baseline" in found else ()
        en = ("the change or the base value is in another unit (percent and percentage points "
              "do not convert): cannot tell" if "单位" in found else
              "a relative target needs the change (增长12%) or the base value "
              "(evaluate(..., baseline=...)): cannot tell")
        return unknown(t, actual, found + "，无法判断", en, *why)
    signed, sign, _unit, flags = found
    if t.trend is Trend.FLAT:
        status = Status.MET if sign == 0 else Status.NOT_MET
        return out(t, actual, status, "与基期持平" if sign == 0 else "与基期不持平",
                    "level with the basis" if sign == 0 else "not level with the basis",
                    flags=frozenset(flags))
    op = t.op or Op.GE
    a = t.amount.magnitude if t.amount is not None else Decimal(0)
    toward = t.trend.sign
    if signed is None:
        # only the direction is known: decided when it settles the question
        assert sign is not None
        size_sign = sign * toward  # >0: moved the way asked; <0: the other way
        if t.amount is None or a == 0:
            holds: bool | None = op.holds(Decimal(size_sign), Decimal(0))
        elif size_sign <= 0:
            holds = op.at_most
        else:
            holds = None
        if holds is None:
            return unknown(t, actual, "实际值只说明了变化方向，没有幅度", "the actual gives the direction, "
                            "not the size of the change", *flags)
        return out(t, actual, Status.MET if holds else Status.NOT_MET,
                   f"实际变化方向：{actual.text}",
                   f"the change went {'up' if sign > 0 else 'down' if sign < 0 else 'nowhere'}",
                    direction=op, flags=frozenset(flags))
    size = signed * toward
    ok = op.holds(size, a)
    sym = op.symbol if ok else NEGATE[op]
    verb, verb_en = (t.trend.value, "rise") if t.trend is Trend.UP else (t.trend.value, "fall")
    unit = q.text_of(t.amount) if t.amount is not None else ""
    return out(t, actual, Status.MET if ok else Status.NOT_MET,
                f"实际{verb}{size}{unit} {sym} 指标{verb}{a}{unit}",
                f"actual {verb_en} {size}{unit} {sym} target {verb_en} {a}{unit}",
                direction=op, target_value=a, actual_value=size,
                ratio=(size / a) if a != 0 else None, flags=frozenset(flags))
