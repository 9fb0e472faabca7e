"""Target + actual → outcome: met, not met, partly met, or cannot tell — always with why.

>>> import perfindicators as pi
>>> o = pi.parse("≥60项").evaluate("64项")
>>> o.met, o.status, o.ratio
(True, <Status.MET: 'met'>, Decimal('1.066666666666666666666666667'))
>>> print(o.reason)
实际值64项 ≥ 指标值60项 / actual 64项 ≥ target 60项
>>> pi.parse("20万元").evaluate("21万元", category="成本指标").met
False
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

import attrs

from . import units as q
from ._closeness import (
    bare_fraction,
    compare,
    compare_interval,
    compare_measured,
    compare_spreadsheet,
    evaluate_relative,
    evaluate_tolerance,
)
from ._normalize import clean_text
from ._words import ON_TIME_WORDS
from .actuals import (
    Actual,
    Approx,
    Claimed,
    Compound,
    DateValue,
    Judged,
    Measured,
    Missing,
    TextValue,
    Tier,
    no_event,
    nothing_done,
)
from .changes import Relative, Tolerance
from .errors import EvaluationError, UnitMismatchError
from .outcome import DirectionSource, Flag, Outcome, Status, actual_number, out, unknown
from .parsing import _parse_actual, parse, parse_actual
from .periods import PartialDate
from .targets import (
    AllOf,
    Comparison,
    Deadline,
    Multi,
    Op,
    Period,
    Qualitative,
    Range,
    Scoped,
    Statement,
    Target,
)

__all__ = ["DirectionSource", "Flag", "Outcome", "Status", "evaluate", "resolve_direction"]


_TIER_STATUS = {Tier.MET: Status.MET, Tier.PARTIAL: Status.PARTIAL, Tier.NOT_MET: Status.NOT_MET}


# Indicator names whose measure is better when lower: rates of complaints, errors, budget
# adjustments and carry-overs, incidents, losses (预算调整率 3% means "at most 3%"). They are
# looked for in the head of the name — the measured concept at its end, parentheses left out —
# never anywhere in a long name (独生子女伤残死亡家庭扶助金发放率 is a payment rate).
_LOWER_IS_BETTER = re.compile(
    r"投诉|差错|错误|失误|调整率|结余率|结转|事故|发生率|发生次数|违规|违纪|违法|超支|损失|逾期|"
    r"返工|故障|死亡|伤亡|不合格|偏差率|能耗|排放|流失|空置|闲置|拖欠|欠款|滞留|案件数|复发")
_HEAD = 6  # characters of the head concept

# …but the rate of handling them, and every rate of doing, is better when higher (投诉处置率,
# 违法案件查办率, 资金执行率, 覆盖率): such a name wins over a 成本 category
_HIGHER_IS_BETTER = re.compile(
    r"(?:处置|查处|查办|办结|处理|清收|结案|回复|答复|解决|整改|化解|受理|及时|完成|达标|覆盖|合格|"
    r"执行|到位|满意|办理|响应|知晓|侦破|破案|挽回|追回|收回|支付|拨付|发放|使用|利用|兑现|"
    r"落实|参保|入学|就业|通过|验收|普及|达成|优良|知晓)(?:率|度)$")
# a 控制率 (人员控制率, 公用经费控制率) keeps spending within a plan: at most
_CONTROL_RATE = re.compile(r"控制率$|控制数$")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
# traditional characters of the words above, so 投訴率 reads like 投诉率
_SIMPLIFIED = str.maketrans("訴錯誤調餘結轉違紀損發數復複傷規滯處辦結達覆執滿應偵挽響曉",
                            "诉错误调余结转违纪损发数复复伤规滞处办结达覆执满应侦挽响晓")


def _head(indicator: str) -> str:
    """The measured concept of an indicator's name: its end, parentheses left out."""
    name = _PARENS.sub("", indicator.translate(_SIMPLIFIED)).strip()
    return name[-_HEAD:]


def resolve_direction(direction: str | Op | None, category: str | None,
                      indicator: str | None = None) -> tuple[Op, DirectionSource]:
    """The direction of a bare target, and where it came from: explicit; else a rate of doing
    named by the indicator (执行率, 达标率, 覆盖率, 完成率 … → at least, even in a 成本 category) or
    a 控制率 (→ at most); else the category (成本 → at most); else the head of the indicator's
    name (投诉率, 预算调整率, 事故发生次数 … → at most); else at least.

    >>> resolve_direction(None, "成本指标")
    (<Op.LE: '≤'>, <DirectionSource.CATEGORY: 'category'>)
    >>> resolve_direction(None, "质量指标", "预算调整率")
    (<Op.LE: '≤'>, <DirectionSource.INDICATOR: 'indicator'>)
    >>> resolve_direction(None, "成本指标", "资金执行率")
    (<Op.GE: '≥'>, <DirectionSource.INDICATOR: 'indicator'>)
    >>> resolve_direction(None, "质量指标", "公用经费控制率")
    (<Op.LE: '≤'>, <DirectionSource.INDICATOR: 'indicator'>)
    >>> resolve_direction(None, "社会效益指标", "独生子女伤残死亡家庭特别扶助金发放人数")
    (<Op.GE: '≥'>, <DirectionSource.DEFAULT: 'default'>)
    """
    if direction is not None:
        if isinstance(direction, Op):
            return direction, DirectionSource.EXPLICIT
        d = direction.strip()
        if d in ("正向", "at_least", "up", "higher"):
            return Op.GE, DirectionSource.EXPLICIT
        if d in ("反向", "at_most", "down", "lower"):
            return Op.LE, DirectionSource.EXPLICIT
        return Op.from_text(d), DirectionSource.EXPLICIT
    head = _head(indicator) if indicator else ""
    if head and _HIGHER_IS_BETTER.search(head):
        return Op.GE, DirectionSource.INDICATOR
    if head and _CONTROL_RATE.search(head):
        return Op.LE, DirectionSource.INDICATOR
    if category and "成本" in category:
        return Op.LE, DirectionSource.CATEGORY
    if head and _LOWER_IS_BETTER.search(head):
        return Op.LE, DirectionSource.INDICATOR
    return Op.GE, DirectionSource.DEFAULT


def _judged(target: Target, actual: Judged) -> Outcome:
    if actual.tier is Tier.NOT_MET and nothing_done(actual.text):
        # 未进行资金支持 against 每项支持分别不超过…: nothing done is not met, whatever the
        # comparator (unlike 未发生 for an event the target limits)
        return out(target, actual, Status.NOT_MET,
                   f"实际完成情况为“{actual.text}”：该项工作未开展，视为未完成",
                   "the activity did not happen: nothing done is not met, whatever the comparator",
                   flags=frozenset({Flag.HAND_JUDGED, Flag.NOTHING_DONE}))
    return out(target, actual, _TIER_STATUS[actual.tier], f"实际完成情况为“{actual.text}”",
                f"the form judges it {actual.tier.value}", flags=frozenset({Flag.HAND_JUDGED}))


_DOTTED_MONTH = re.compile(r"^\s*((?:19|20|21)\d\d)\.(0?[1-9]|1[0-2])\s*$")


def _claim_value(claim: Target) -> Measured | None:
    if isinstance(claim, Comparison):
        return Measured(claim.value, True, str(claim))
    return None


def _evaluate_comparison(t: Comparison, actual: Actual, direction: str | Op | None,
                         category: str | None, indicator: str | None = None) -> Outcome:
    source: DirectionSource | None = None
    if t.op is None:
        op, source = resolve_direction(direction, category, indicator)
        if source is DirectionSource.DEFAULT and t.value.magnitude == 0:
            op = Op.LE  # "≥0" could never fail: a bare 0 (0起, 0人次) asks for none at all
    else:
        op = t.op
    if type(actual) is Measured and not actual.spreadsheet and (
            actual.unit_written or not bare_fraction(t.value, actual)):
        # the common case: `_evaluate_comparison_op` would come to `compare`
        return compare_measured(t, actual, op, source is not None, source)
    flags = {Flag.IMPLICIT_DIRECTION} if source is not None else set()
    outcome = _evaluate_comparison_op(t, actual, op, flags, source)
    return attrs.evolve(outcome, direction_source=source) if source is not None and \
        outcome.direction_source is not source else outcome


def _evaluate_comparison_op(t: Comparison, actual: Actual, op: Op, flags: set[Flag],
                            source: DirectionSource | None = None) -> Outcome:
    if isinstance(actual, Claimed):
        claim = actual.target
        m = _claim_value(claim)
        if m is None:
            return unknown(t, actual, "实际值不是数值", "the actual value is not a number",
                            Flag.CLAIMED)
        assert isinstance(claim, Comparison)
        if claim.op is not None and claim.op is not Op.EQ and op is not Op.EQ and \
                claim.op.at_least != op.at_least:
            return unknown(t, actual, f"实际值“{claim}”与指标方向相反，无法判断",
                            f"the actual claims {claim}, the other way from the target",
                            Flag.CLAIMED)
        flags.add(Flag.COPIED_TARGET if claim == t or (t.op is None and claim.value == t.value)
                  else Flag.CLAIMED)
        return compare(t, m, op, flags)
    if isinstance(actual, Approx):
        return compare_interval(t, actual, op, flags)
    if isinstance(actual, Measured):
        if bare_fraction(t.value, actual):
            return unknown(t, actual, f"实际值{actual.text.strip()}是小数，无法确定是{actual.text.strip()}%"
                            "还是表格中的百分比", "a bare fraction against a % target: 0.96% or 96%?",
                            Flag.FRACTION, *flags)
        if actual.spreadsheet:
            return compare_spreadsheet(t, actual, op, flags)
        return compare(t, actual, op, flags, source)
    if isinstance(actual, TextValue) and op.at_most and no_event(actual.text):
        zero = Measured(q.make(Decimal(0), None), False, actual.text)
        out = compare(t, zero, op, flags | {Flag.NO_EVENT})
        return attrs.evolve(out, actual=actual)
    return unknown(t, actual, "实际值不是数值，无法比较", "the actual value is not a number")


def _evaluate_range(t: Range, actual: Actual) -> Outcome:
    flags: set[Flag] = set()
    if isinstance(actual, Claimed):
        m = _claim_value(actual.target)
        if m is None:
            if actual.target == t:
                return out(t, actual, Status.MET, "实际值照抄指标值", "the actual copies the target",
                            flags=frozenset({Flag.COPIED_TARGET}))
            return unknown(t, actual, "实际值不是数值", "the actual value is not a number")
        flags.add(Flag.COPIED_TARGET)
        actual_m: Actual = m
    else:
        actual_m = actual
    if not isinstance(actual_m, Measured):
        return unknown(t, actual, "实际值不是数值，无法比较", "the actual value is not a number")
    low = t.low.magnitude
    high = q.magnitude_as(t.high, t.low)
    b, assumed = actual_number(t.low, actual_m)
    if assumed:
        flags.add(Flag.UNIT_ASSUMED)
    unit = q.text_of(t.low)
    inside = low <= b <= high
    bound = low if b < low else high
    ratio = b / bound if bound != 0 else None
    rel = "在区间内" if inside else ("低于下限" if b < low else "高于上限")
    rel_en = "inside" if inside else ("below" if b < low else "above")
    return out(t, actual, Status.MET if inside else Status.NOT_MET,
                f"实际值{b}{unit}{rel}{t}", f"actual {b}{unit} is {rel_en} {t}",
                target_value=bound, actual_value=b, ratio=ratio, flags=frozenset(flags))


def _evaluate_multi(t: Multi, actual: Actual) -> Outcome:
    if isinstance(actual, Claimed) and actual.target == t:
        return out(t, actual, Status.MET, "实际值照抄指标值", "the actual copies the target",
                    flags=frozenset({Flag.COPIED_TARGET}))
    values: list[Actual] = []
    if isinstance(actual, Compound):
        values = list(actual.parts)
    if len(values) != len(t.values):
        return unknown(t, actual, f"需要{len(t.values)}个实际值", f"{len(t.values)} values needed")
    parts = tuple(_evaluate_comparison(c, v, None, None) for c, v in zip(t.parts(), values,
                                                                         strict=True))
    return _combine(t, actual, parts)


def _combine(t: Target, actual: Actual, parts: tuple[Outcome, ...]) -> Outcome:
    known = [p for p in parts if p.known]
    if not known:
        return unknown(t, actual, "各部分均无法判断", "no part can be told")
    if all(p.status is Status.MET for p in known):
        status = Status.MET
    elif any(p.status is Status.NOT_MET for p in known):
        status = Status.NOT_MET
    else:
        status = Status.PARTIAL
    flags: frozenset[Flag] = frozenset().union(*(p.flags for p in parts))
    numeric = [p for p in known if p.target_value is not None]
    single = numeric[0] if len(numeric) == 1 else None
    dated = next((p for p in known if p.due is not None), None)
    return Outcome(t, actual, status, "；".join(p.reason_zh for p in parts),
                   "; ".join(p.reason_en for p in parts), flags=flags, parts=parts,
                   direction=single.direction if single else None,
                   target_value=single.target_value if single else None,
                   actual_value=single.actual_value if single else None,
                   ratio=single.ratio if single else None,
                   due=dated.due if dated else None, done=dated.done if dated else None)


def _latest(actual: Actual, year: int | None) -> tuple[_dt.date, _dt.date] | None:
    """Earliest and latest day an actual can mean."""
    if isinstance(actual, DateValue):
        return actual.date.bounds(year)
    if isinstance(actual, Claimed) and isinstance(actual.target, Deadline):
        last = actual.target.last_day(year)
        return last, last
    if isinstance(actual, Claimed) and isinstance(actual.target, Period):
        return actual.target.start.bounds(year)[0], actual.target.end.bounds(year)[1]
    return None


def _evaluate_time(t: Deadline | Period, actual: Actual, year: int | None) -> Outcome:
    flags: set[Flag] = set()
    if isinstance(actual, Claimed):
        flags.add(Flag.COPIED_TARGET)
        if actual.target == t:
            return out(t, actual, Status.MET, "实际值照抄指标值", "the actual copies the target",
                        flags=frozenset(flags))
    if isinstance(actual, TextValue) and actual.text in ("及时", "按时", "按期", "准时", "如期"):
        return out(t, actual, Status.MET, f"实际完成情况为“{actual.text}”",
                    "the form says it was on time", flags=frozenset({Flag.HAND_JUDGED}))
    if isinstance(actual, Measured) and not actual.unit_written:
        dotted = _DOTTED_MONTH.match(actual.text)
        if dotted:  # 2021.12: a month as spreadsheets write it
            actual = DateValue(PartialDate(int(dotted[1]), int(dotted[2])), text=actual.text)
    dates = (t.date,) if isinstance(t, Deadline) else (t.start, t.end)
    own = next((d.year for d in dates if d.year is not None), None)
    actual_year = actual.date.year if isinstance(actual, DateValue) else None
    if year is None and own is None and actual_year is not None:
        return unknown(t, actual, "指标值未写年份，无法与带年份的日期比较（请提供年度 year=）",
                        "the target has no year and the actual has one: pass year=")
    # the year to read a date without one: the argument, else the target's own, else any
    t_year = year if year is not None else own
    a_year = t_year if t_year is not None else 2000
    try:
        span = _latest(actual, a_year)
        if span is None:
            return unknown(t, actual, "实际值不是日期", "the actual value is not a date")
        earliest, latest = span
        if isinstance(t, Deadline):
            limit = t.last_day(a_year)
            start = None
        else:
            start, limit = t.start.bounds(a_year)[0], t.end.bounds(a_year)[1]
    except ValueError:
        return unknown(t, actual, "缺少年份，无法比较日期", "no year: pass year=")
    shown = _day_text(limit, t_year is not None)
    if latest <= limit:
        zh, en = f"在{shown}之前完成", f"done by {shown}"
        if start is not None and latest < start:
            zh, en = zh + "（早于期间）", en + " (before the period)"
        return out(t, actual, Status.MET, zh, en, flags=frozenset(flags), due=limit,
                    done=latest)
    if earliest > limit:
        return out(t, actual, Status.NOT_MET, f"晚于{shown}", f"later than {shown}",
                    flags=frozenset(flags), due=limit, done=earliest)
    return unknown(t, actual, "无法确定是否在期限内", "cannot tell whether it was in time", *flags)


def _day_text(day: _dt.date, with_year: bool) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"


def _evaluate_words(t: Qualitative | Statement, actual: Actual) -> Outcome:
    if isinstance(actual, TextValue | Claimed):
        text = actual.text if isinstance(actual, TextValue) else str(actual.target)
        word = clean_text(text)  # a pure function of the text: read once
        if word == t.text or (word in ON_TIME_WORDS and t.text in ON_TIME_WORDS):
            return out(t, actual, Status.MET, "实际值与指标值一致", "the actual repeats the target",
                        flags=frozenset({Flag.SAME_TEXT}))
        if isinstance(t, Qualitative) and t.tiers and word in t.tiers:
            # a grading scale: the top grade is met, the bottom one not, those between partly
            i = t.tiers.index(word)
            status = (Status.MET if i == 0 else Status.NOT_MET if i == len(t.tiers) - 1
                      else Status.PARTIAL)
            return out(t, actual, status, f"等级为“{text}”", f"graded {text}",
                        flags=frozenset({Flag.HAND_JUDGED}))
    if isinstance(actual, Measured):
        return unknown(t, actual, "定性指标的实际值是数值，需人工判断",
                        "a number for a target in words: judge by hand")
    return unknown(t, actual, "无法从文字判断", "cannot tell from the words")


def _evaluate_all(t: AllOf, actual: Actual, direction: str | Op | None, category: str | None,
                  year: int | None, indicator: str | None) -> Outcome:
    candidates = list(actual.parts) if isinstance(actual, Compound) else [actual]
    outcomes = []
    for part in t.parts:
        best = None
        for cand in candidates:
            try:
                o = evaluate(part, cand, direction=direction, category=category, year=year,
                             indicator=indicator)
            except UnitMismatchError:
                continue  # this value belongs to another part
            if o.known:
                best = o
                break
        outcomes.append(best or unknown(part, actual, "无对应实际值", "no matching actual value"))
    result = _combine(t, actual, tuple(outcomes))
    if result.known and any(not o.known for o in outcomes):
        result = result.with_flags(Flag.PARTLY_CHECKED)
    return result


# an indicator that measures a length: there, M is metres (≥80M 道路); elsewhere megabits
_LENGTH_NAME = re.compile(r"长度|里程|距离|道路|管网|管道|线路|河道|堤|渠|公里|米")


def _evaluate_m(t: Comparison, actual: Actual, direction: str | Op | None, category: str | None,
                indicator: str | None) -> Outcome:
    """``M`` is metres where the indicator is a length and megabits where it is bandwidth
    (100M带宽); when the indicator does not say and the actual is in metres, cannot tell."""
    if indicator and _LENGTH_NAME.search(indicator):
        metres = Comparison(t.op, q.make(t.value.magnitude, q.resolve_unit("米")), subject=t.subject)
        return attrs.evolve(_evaluate_comparison(metres, actual, direction, category, indicator),
                            target=t)
    try:
        return _evaluate_comparison(t, actual, direction, category, indicator)
    except UnitMismatchError:
        return unknown(t, actual, "指标值的“M”可能是米，也可能是兆（带宽），无法判断",
                       "M may be metres or megabits: cannot tell")


def evaluate(target: Target | str, actual: str | Actual | None, *, category: str | None = None,
             direction: str | Op | None = None, year: int | None = None,
             indicator: str | None = None, baseline: str | Actual | None = None) -> Outcome:
    """Check *actual* against *target*.

    Args:
        target: a parsed target.
        actual: the actual value, as text or parsed.
        category: the indicator's category (二级指标, e.g. ``成本指标``): a bare target in a
            cost category means "at most", anything else "at least".
        direction: the direction of a bare target, overriding the category (``≥``, ``≤``,
            ``正向``, ``反向`` or an `Op`).
        year: the form's year, for deadlines written without one.
        indicator: the indicator's name (三级指标): a bare target of a rate that is better
            when lower (投诉率, 预算调整率, 事故发生次数 …) means "at most".
        baseline: for a relative target (较上年增长10%), the value of the basis (last
            year's level), so that a level as actual can be checked.

    Raises:
        UnitMismatchError: the actual is measured in another kind of unit (项 for 家,
            万元 for %).
    """
    if isinstance(target, str):
        target = parse(target, year=year)
    if not isinstance(target, Target):
        raise TypeError(f"evaluate() takes a target (text or parsed), not {type(target).__name__}")
    return evaluate_parsed(target, actual, category, direction, year, indicator, baseline)


def evaluate_parsed(target: Target, actual: str | Actual | None, category: str | None,
                    direction: str | Op | None, year: int | None, indicator: str | None,
                    baseline: str | Actual | None) -> Outcome:
    """`evaluate` of a parsed target, its arguments by position (`Target.evaluate` and the
    scorer call it: keywords cost more than the comparison of a common row)."""
    # parse_actual's own path for the common case, without its call: text read in no year
    a = _parse_actual(actual, None) if type(actual) is str and year is None else \
        parse_actual(actual, year=year)
    if type(target) is Comparison and type(a) is Measured:
        # the common case: none of the tests below but the last applies to a measured actual
        # against a plain comparison (no missing, claimed or judged actual; no scoped or
        # all-of target)
        value = target.value
        if q.text_of(value) == "M":
            return _evaluate_m(target, a, direction, category, indicator)
        op = target.op
        if op is not None and not a.spreadsheet and (a.unit_written or not bare_fraction(value, a)):
            return compare_measured(target, a, op, False, None)  # `_evaluate_comparison`'s way
        return _evaluate_comparison(target, a, direction, category, indicator)
    if isinstance(a, Missing):
        return unknown(target, a, "未填写实际值", "no actual value", Flag.MISSING)
    if isinstance(a, Claimed) and a.target == target and not isinstance(target, Comparison):
        return out(target, a, Status.MET, "实际值照抄指标值，视为达成",
                    "the actual copies the target: taken as met",
                    flags=frozenset({Flag.COPIED_TARGET}))
    if isinstance(target, Scoped):
        inner = evaluate(target.target, a, category=category, direction=direction, year=year,
                         indicator=indicator, baseline=baseline)
        return attrs.evolve(inner, target=target)
    if isinstance(target, AllOf):
        return _evaluate_all(target, a, direction, category, year, indicator)
    if isinstance(a, Judged):
        return _judged(target, a)
    if isinstance(target, Comparison):
        if q.text_of(target.value) == "M":  # unit_text of its units, cached by container
            return _evaluate_m(target, a, direction, category, indicator)
        return _evaluate_comparison(target, a, direction, category, indicator)
    if isinstance(target, Range):
        return _evaluate_range(target, a)
    if isinstance(target, Multi):
        return _evaluate_multi(target, a)
    if isinstance(target, Deadline | Period):
        return _evaluate_time(target, a, year)
    if isinstance(target, Relative):
        base = parse_actual(baseline, year=year) if baseline is not None else None
        return evaluate_relative(target, a, base)
    if isinstance(target, Tolerance):
        return evaluate_tolerance(target, a)
    if isinstance(target, Qualitative | Statement):
        return _evaluate_words(target, a)
    raise EvaluationError(f"cannot evaluate a {type(target).__name__}")  # pragma: no cover


