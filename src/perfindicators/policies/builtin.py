"""The built-in policies: the official formulas and the variants found in deployed systems.

Sources are in ``shared/reference/scoring-rules.md`` and in ``docs/policies.md``. Every policy
caps at the weight, never goes below zero (except `BudgetExecution` with ``cap=False``,
which reproduces a deployed system that lets execution above 100 % score above the weight) and
rounds with its ``rounding`` setting (half-up to two decimals by default).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from .._decimal import compact
from ..evaluate import Flag, Outcome, Status
from ..outcome import Texts, trusted
from ..targets import Comparison, Deadline, Op, Period, Range, Scoped
from ._base import ONE, ZERO, Award, Rounding, ScoreFlag, achievement, as_award, fraction_of, own_name

__all__ = [
    "AllOrNothing",
    "BudgetExecution",
    "DeadlinePolicy",
    "Ladder",
    "OverAchievement",
    "Proportional",
    "QualitativeTiers",
    "ReverseLinear",
]


def _clamp(points: Decimal, weight: Decimal) -> Decimal:
    # max(min(points, weight), ZERO), spelled out: keeps the points' own exponent when equal
    low = weight if weight < points else points
    return ZERO if low < ZERO else low


#: an Award of the policies' own: their flags are typed members already, which Award's converter
#: would keep as they are
_award = trusted(Award, texts=("zh", "en"))
_NO_FLAGS: frozenset[Flag | ScoreFlag] = frozenset()


def _full_texts(o: Outcome, w: Decimal) -> tuple[str, str]:
    shown = compact(w)
    return f"{o.reason_zh}，得满分{shown}分", f"{o.reason_en}: full {shown} points"


def _full(o: Outcome, w: Decimal, r: Rounding) -> Award:
    points = r(w)
    if points != w:
        points = w  # full marks are the weight itself, whatever the rounding (2.55, not 2.5)
    return _award(points, Texts(_full_texts, o, w), _NO_FLAGS)


_NIL = Decimal("0.00")


def _zero_texts(o: Outcome, zh: str, en: str) -> tuple[str, str]:
    return f"{o.reason_zh}，{zh}", f"{o.reason_en}: {en}"


def _zero(o: Outcome, zh: str, en: str, *flags: Flag | ScoreFlag) -> Award:
    return _award(_NIL, Texts(_zero_texts, o, zh, en), frozenset(flags))


def _settled(o: Outcome, w: Decimal, r: Rounding) -> Award | None:
    """What every status-based policy gives a missing actual (0) and a met target (w)."""
    if o.flags and Flag.MISSING in o.flags:
        return _missing(o)
    if o.status is Status.MET:
        return _full(o, w, r)
    return None


def _judgement_needed(o: Outcome) -> Award:
    return _zero(o, "无法按公式计分，得0分，需人工判断", "no formula applies, 0 points: judge by hand",
                 ScoreFlag.NEEDS_JUDGEMENT)


def _missing(o: Outcome) -> Award:
    return Award(_NIL, "未填写实际值，得0分", "no actual value: 0 points", {Flag.MISSING})


def _proportional_texts(o: Outcome, w: Decimal, num: Decimal | None, den: Decimal | None,
                        share: Decimal, points: Decimal) -> tuple[str, str]:
    if num is not None and den is not None:
        expr = f"{compact(w)} × {compact(num)}/{compact(den)}"
    else:
        expr = f"{compact(w)} × {compact(share.quantize(Decimal('0.0001')))}"
    tail = f"{expr} = {points}"
    return f"{o.reason_zh}，得分 = {tail}", f"{o.reason_en}: {tail}"


@attrs.frozen
class Proportional:
    """The central and Beijing rule (财政部; 京财绩效〔2020〕2146号 forms).

    At least (≥ >): met → full weight, else weight × B/A. At most (≤ <): met → full, else
    weight × A/B. Equal: like at least; a target of 0 gives full weight when B ≤ 0, else 0.
    Ranges: full inside, proportional to the nearer bound outside. Several parts: the
    smallest share. A met qualitative or dated target gets full weight, an unmet one 0.

    Examples:
        >>> from perfindicators import parse
        >>> Proportional()(parse("≥60项").evaluate("30项"), Decimal(3)).points
        Decimal('1.50')
    """

    rounding: Rounding = Rounding()
    name: ClassVar[str] = "proportional"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        settled = _settled(o, w, r)
        if settled is not None:
            return settled
        a, b, op = o.target_value, o.actual_value, o.direction
        if type(o.target) is Comparison and op is not None and a is not None and b is not None \
                and not o.parts:
            return _comparison_share(o, w, r, a, b, op)
        share = fraction_of(o)
        if share is None:
            if o.status is Status.NOT_MET:
                return _zero(o, "未达成，得0分", "not met, 0 points")
            return _judgement_needed(o)
        points = r(_clamp(w * share, w))
        a, b = o.target_value, o.actual_value
        num = den = None
        if a is not None and b is not None and not o.parts:
            if a == 0:
                return _zero(o, "指标值为0，实际值大于0，得0分", "target 0, actual above it: 0 points")
            above = (o.direction is Op.LE or o.direction is Op.LT) or (  # at most
                b > a and isinstance(getattr(o.target, "target", o.target), Range))
            num, den = (a, b) if above else (b, a)
        return _award(points, Texts(_proportional_texts, o, w, num, den, share, points),
                      _NO_FLAGS)


def _comparison_share(o: Outcome, w: Decimal, r: Rounding, a: Decimal, b: Decimal,
                      op: Op) -> Award:
    """`Proportional` of a comparison's outcome, not met, with both numbers and a direction:
    `fraction_of` and `achievement` spelled out for it (no parts, no range)."""
    at_most = op is Op.LE or op is Op.LT
    if at_most:
        ratio = (ONE if a >= b else ZERO) if b <= 0 else a / b
    elif op is Op.EQ and a == 0:
        ratio = ONE if b <= 0 else ZERO
    elif a <= 0:
        ratio = ONE if b >= a else ZERO
    else:
        ratio = b / a
    capped = ratio if ratio < ONE else ONE  # max(ZERO, min(ONE, ratio))
    share = capped if capped > ZERO else ZERO
    # clamped: w × share is rounded to the context's precision, so a weight of more digits
    # than that can come out above w
    points = r(_clamp(w * share, w))
    if a == 0:
        return _zero(o, "指标值为0，实际值大于0，得0分", "target 0, actual above it: 0 points")
    num, den = (a, b) if at_most else (b, a)
    return _award(points, Texts(_proportional_texts, o, w, num, den, share, points),
                  _NO_FLAGS)


@attrs.frozen
class ReverseLinear:
    """The at-most rule of a deployed provincial system (pmkpi ``selfreverseindex``).

    At most: B ≤ A → full; A < B < 2A → weight × (1 − (B − A)/A); B ≥ 2A → 0. Other targets
    are scored like `Proportional`.

    Examples:
        >>> from perfindicators import parse
        >>> ReverseLinear()(parse("≤5%").evaluate("7.5%"), Decimal(10)).points
        Decimal('5.00')
    """

    rounding: Rounding = Rounding()
    name: ClassVar[str] = "reverse-linear"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        a, b = o.target_value, o.actual_value
        if (o.status is Status.NOT_MET and o.direction is not None and o.direction.at_most
                and a is not None and b is not None and not o.parts and a > 0):
            share = max(ZERO, ONE - (b - a) / a)
            points = r(_clamp(w * share, w))
            expr = f"{compact(w)} × (1 − ({compact(b)} − {compact(a)})/{compact(a)})"
            if b >= 2 * a:
                return Award(_NIL, f"{o.reason_zh}，实际值达到指标值2倍，得0分",
                             f"{o.reason_en}: twice the target or more, 0 points")
            return Award(points, f"{o.reason_zh}，得分 = {expr} = {compact(points)}",
                         f"{o.reason_en}: {expr} = {compact(points)}")
        return Proportional(self.rounding)(o, w)


@attrs.frozen
class AllOrNothing:
    """Full weight when met, else nothing.

    Examples:
        >>> from perfindicators import parse
        >>> AllOrNothing()(parse("≥60项").evaluate("59项"), Decimal(3)).points
        Decimal('0.00')
    """

    rounding: Rounding = Rounding()
    name: ClassVar[str] = "all-or-nothing"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        settled = _settled(outcome, weight, self.rounding)
        if settled is not None:
            return settled
        if outcome.status is Status.UNKNOWN:
            return _judgement_needed(outcome)
        return _zero(outcome, "未完全达成，得0分", "not fully met, 0 points")


def _band(value: tuple[Decimal | int | str, Decimal | int | str]) -> tuple[Decimal, Decimal]:
    lo, hi = (Decimal(str(v)) for v in value)
    if not ZERO <= lo <= hi <= 100:
        raise ValueError(f"a band runs from 0 to 100 percent, low to high: {value}")
    return lo, hi


def _position(value: Decimal | int | str | float) -> Decimal:
    d = Decimal(str(value))
    if not ZERO <= d <= ONE:
        raise ValueError("a position inside a band runs from 0 (bottom) to 1 (top)")
    return d


_TIER_NAMES = {Status.MET: ("达成年度指标", "met"),
               Status.PARTIAL: ("部分达成年度指标并具有一定效果", "partly met"),
               Status.NOT_MET: ("未达成年度指标且效果较差", "not met")}


_HAND_JUDGED: frozenset[Flag | ScoreFlag] = frozenset({Flag.HAND_JUDGED})


def _tier_texts(o: Outcome, status: Status, lo: Decimal, hi: Decimal,
                points: Decimal) -> tuple[str, str]:
    zh, en = _TIER_NAMES[status]
    return (f"{o.reason_zh}；{zh}，区间{compact(lo)}%–{compact(hi)}%，得{compact(points)}分",
            f"{o.reason_en}; {en}, band {compact(lo)}–{compact(hi)} %: {compact(points)} points")


@attrs.frozen
class QualitativeTiers:
    """Qualitative targets scored by tier (central: 达成 80–100 %, 部分达成 60–80 %,
    未达成 0–60 % of the weight; Hubei and transfer payments: 80/50).

    Bands are percentages of the weight; the met band includes its top, the others do not.
    ``positions`` says where inside each band the score falls (0 bottom, 1 top; an excluded
    top means one rounding step below it). A published hand score can be checked against
    its band with `check`.

    Examples:
        >>> QualitativeTiers.hubei().partial
        (Decimal('50'), Decimal('80'))
    """

    met: tuple[Decimal, Decimal] = attrs.field(default=(Decimal(80), Decimal(100)), converter=_band)
    partial: tuple[Decimal, Decimal] = attrs.field(default=(Decimal(60), Decimal(80)),
                                                   converter=_band)
    not_met: tuple[Decimal, Decimal] = attrs.field(default=(Decimal(0), Decimal(60)),
                                                   converter=_band)
    met_position: Decimal = attrs.field(default=ONE, converter=_position)
    partial_position: Decimal = attrs.field(default=Decimal("0.5"), converter=_position)
    not_met_position: Decimal = attrs.field(default=ZERO, converter=_position)
    rounding: Rounding = Rounding()
    name: ClassVar[str] = "qualitative-tiers"

    @classmethod
    def hubei(cls, **settings: object) -> QualitativeTiers:
        """The Hubei configuration: 达成 80–100 %, 部分达成 50–80 %, 未达成 0–50 %."""
        settings.setdefault("partial", (Decimal(50), Decimal(80)))
        settings.setdefault("not_met", (Decimal(0), Decimal(50)))
        return cls(**settings)  # type: ignore[arg-type]

    def band(self, status: Status) -> tuple[Decimal, Decimal]:
        return {Status.MET: self.met, Status.PARTIAL: self.partial,
                Status.NOT_MET: self.not_met}[status]

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        if o.flags and Flag.MISSING in o.flags:
            return _missing(o)
        if o.status is Status.UNKNOWN:
            return _judgement_needed(o)
        status = o.status
        if status is Status.MET:  # self.band(status) and its position, without a dict
            (lo, hi), pos = self.met, self.met_position
        elif status is Status.PARTIAL:
            (lo, hi), pos = self.partial, self.partial_position
        else:
            (lo, hi), pos = self.not_met, self.not_met_position
        points = r(w * (lo + (hi - lo) * pos) / 100)
        top = r(w * hi / 100)
        if status is not Status.MET and points >= top and top > 0:
            points = top - ONE.scaleb(-r.places)  # the top of this band is excluded
        points = _clamp(points, w)
        return _award(points, Texts(_tier_texts, o, status, lo, hi, points),
                      _HAND_JUDGED if o.flags and Flag.HAND_JUDGED in o.flags else _NO_FLAGS)

    def check(self, points: Decimal, weight: Decimal, status: Status) -> str | None:
        """``None`` when a hand-entered score lies in the band of its tier, else why not."""
        lo, hi = self.band(status)
        low, high = self.rounding(weight * lo / 100), self.rounding(weight * hi / 100)
        inside = low <= points <= high if status is Status.MET else low <= points < high
        if inside:
            return None
        return (f"{compact(points)} is outside the {_TIER_NAMES[status][1]} band "
                f"{compact(low)}–{compact(high)} of weight {compact(weight)}")


def _ladder_levels(levels: object) -> tuple[tuple[Decimal, str, Decimal], ...]:
    out = []
    for item in levels:  # type: ignore[attr-defined]
        threshold, grade, share = item
        out.append((Decimal(str(threshold)), str(grade), Decimal(str(share))))
    out.sort(key=lambda x: x[0], reverse=True)
    for threshold, grade, share in out:
        if threshold < 0 or not ZERO <= share <= ONE:
            raise ValueError(f"ladder level {grade}: threshold ≥ 0 and share in [0, 1]")
    return tuple(out)


@attrs.frozen
class Ladder:
    """Per-indicator 优/良/中/差 thresholds (Hebei style): the highest level whose threshold
    the achievement reaches gives its share of the weight.

    ``levels`` are ``(threshold, grade, share)``: the default 100 % → 优 (full), 90 % → 良
    (80 %), 85 % → 中 (60 %), below → 差 (0).

    Examples:
        >>> from perfindicators import parse
        >>> Ladder()(parse("≥100%").evaluate("92%"), Decimal(10)).points
        Decimal('8.00')
    """

    levels: tuple[tuple[Decimal, str, Decimal], ...] = attrs.field(
        default=((Decimal(1), "优", ONE), (Decimal("0.9"), "良", Decimal("0.8")),
                 (Decimal("0.85"), "中", Decimal("0.6"))),
        converter=_ladder_levels)
    floor: str = "差"
    rounding: Rounding = Rounding()
    name: ClassVar[str] = "ladder"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        if Flag.MISSING in o.flags:
            return _missing(o)
        ratio = ONE if o.status is Status.MET else achievement(o)
        if ratio is None:
            return Proportional(r)(o, w) if o.status is not Status.UNKNOWN else _judgement_needed(o)
        for threshold, grade, share in self.levels:
            if ratio >= threshold:
                points = r(w * share)
                return Award(points, f"{o.reason_zh}，完成{compact(r(ratio * 100))}%，评为{grade}，"
                             f"得{compact(points)}分", f"{o.reason_en}: {grade}, {compact(points)} points")
        return Award(_NIL, f"{o.reason_zh}，评为{self.floor}，得0分",
                     f"{o.reason_en}: {self.floor}, 0 points")


@attrs.frozen
class BudgetExecution:
    """预算执行率: executed / budget × weight, capped at the weight (``cap=False`` reproduces a
    deployed system that does not cap). The outcome is that of ``≥budget`` against the amount
    executed, as `perfindicators.score_budget` builds it.

    Examples:
        >>> from perfindicators import parse
        >>> BudgetExecution(cap=False)(parse("≥329.77").evaluate("338.31"), Decimal(10)).points
        Decimal('10.26')
    """

    cap: bool = True
    rounding: Rounding = Rounding()
    name: ClassVar[str] = "budget-execution"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        a, b = o.target_value, o.actual_value
        if o.direction is not Op.GE or o.parts or a is None or b is None:
            # not a budget outcome (≥ budget against the amount executed)
            return Proportional(r)(o, w)
        if a <= 0:
            return Award(_NIL, "全年预算数为0，无法计算执行率，得0分",
                         "a budget of 0: no execution rate, 0 points", {ScoreFlag.NO_BUDGET})
        real = b / a
        rate = min(real, ONE) if self.cap else real
        points = r(max(ZERO, w * rate))
        shown = r(real * 100)
        flags = {ScoreFlag.ABOVE_WEIGHT} if points > w else set()
        capped = "（超过100%按100%计）" if real > ONE and self.cap else ""
        capped_en = " (capped at 100 %)" if real > ONE and self.cap else ""
        return Award(points, f"执行率{compact(shown)}%{capped} × {compact(w)}分 = {compact(points)}分",
                     f"execution {compact(shown)} %{capped_en} × {compact(w)} = {compact(points)}", flags)


def _optional_decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    d = Decimal(str(value))
    if not d.is_finite() or d < 0:
        raise ValueError(f"a deduction is a number of points ≥ 0, not {value!r}")
    return d


@attrs.frozen
class DeadlinePolicy:
    """On time → full weight; late → zero, or a deduction in points per day or month late.

    Examples:
        >>> from perfindicators import parse
        >>> late = parse("12月底前", year=2021).evaluate("2022年1月3日")
        >>> DeadlinePolicy()(late, Decimal(2)).points, DeadlinePolicy(per_day="0.1")(late, Decimal(2)).points
        (Decimal('0.00'), Decimal('1.70'))
    """

    per_day: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    per_month: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    rounding: Rounding = Rounding()
    name: ClassVar[str] = "deadline"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        settled = _settled(o, w, r)
        if settled is not None:
            return settled
        inner = getattr(o.target, "target", o.target)
        if not isinstance(inner, Deadline | Period):
            return Proportional(r)(o, w)
        if o.status is not Status.NOT_MET or o.due is None or o.done is None:
            return _judgement_needed(o) if o.status is Status.UNKNOWN else \
                _zero(o, "未按时完成，得0分", "late, 0 points")
        if self.per_day is not None and self.per_month is not None:
            raise ValueError("a deadline deduction is per day or per month, not both")
        days = (o.done - o.due).days
        months = max(1, (o.done.year - o.due.year) * 12 + o.done.month - o.due.month)
        if self.per_day is not None:
            lost, unit_zh, unit_en, n = self.per_day * days, "天", "day", days
        elif self.per_month is not None:
            lost, unit_zh, unit_en, n = self.per_month * months, "个月", "month", months
        else:
            return _zero(o, "未按时完成，得0分", "late, 0 points")
        points = r(_clamp(w - lost, w))
        return Award(points, f"{o.reason_zh}，逾期{n}{unit_zh}，扣{compact(lost)}分，得{compact(points)}分",
                     f"{o.reason_en}: {n} {unit_en}(s) late, −{compact(lost)}: {compact(points)} points")


def _decimal(v: object) -> Decimal:
    return Decimal(str(v))


@attrs.frozen
class OverAchievement:
    """Wraps another policy and flags an actual of at least ``threshold`` × the target (the
    Guangxi system makes a deviation note mandatory there; with a target of 0, an actual of at
    least ``zero_target_absolute``). ``deduction`` (a share of the weight) docks a target set
    too low, as the central note allows ("按照偏离度适度调减分值").

    Examples:
        >>> from perfindicators import parse
        >>> award = OverAchievement()(parse("≥60项").evaluate("151项"), Decimal(2))
        >>> award.points, sorted(award.flags)
        (Decimal('2.00'), [<ScoreFlag.OVER_ACHIEVED: 'over_achieved'>])
    """

    inner: object = attrs.field(factory=Proportional)
    threshold: Decimal = attrs.field(default=Decimal("1.3"), converter=_decimal)
    deduction: Decimal = attrs.field(default=ZERO, converter=_decimal)
    zero_target_absolute: Decimal = attrs.field(default=Decimal(30), converter=_decimal)
    rounding: Rounding = Rounding()
    name: ClassVar[str] = "over-achievement"

    def __attrs_post_init__(self) -> None:
        if not callable(self.inner):
            raise TypeError("inner must be a policy")
        if not ZERO <= self.deduction <= ONE:
            raise ValueError("deduction is a share of the weight, from 0 to 1")

    def over(self, outcome: Outcome) -> bool:
        """Whether the actual is at least ``threshold`` × the target (at-least targets)."""
        a, b, op = outcome.target_value, outcome.actual_value, outcome.direction
        if a is None or b is None or op is None or op.at_most:
            return False
        if isinstance(getattr(outcome.target, "target", outcome.target), Range | Scoped):
            return False
        if a == 0:
            return b >= self.zero_target_absolute
        return b >= self.threshold * a

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        base = as_award(self.inner(outcome, weight), weight, self.rounding,  # type: ignore[operator]
                        own_name(self.inner))
        if not self.over(outcome):
            return base
        pct = compact(self.threshold * 100)
        zh = f"{base.zh}；实际值达到指标值的{pct}%以上，指标值可能设定偏低，须说明偏差原因"
        en = f"{base.en}; actual at least {pct} % of the target: target probably set too low"
        if self.deduction:
            lost = self.rounding(weight * self.deduction)
            points = _clamp(base.points - lost, weight)
            zh += f"，扣{compact(lost)}分"
            en += f", −{compact(lost)}"
            return Award(points, zh, en, base.flags | {ScoreFlag.OVER_ACHIEVED})
        return Award(base.points, zh, en, base.flags | {ScoreFlag.OVER_ACHIEVED})

