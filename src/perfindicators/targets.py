"""The target kinds: immutable values that know what they ask for.

Every target renders back to canonical Chinese with ``str()``, and
``parse(str(t)) == t``. Text around a target (the indicator phrase, the activity of a deadline)
is kept in ``subject`` but is not part of equality: ``资助对象满意度达到目标值95%以上`` and ``≥95%``
ask for the same thing.

>>> import perfindicators as pi
>>> t = pi.parse("不超过100万元")
>>> t
Comparison('≤100万元')
>>> t.op, t.value
(<Op.LE: '≤'>, <Quantity(100, 'wan_yuan')>)
>>> pi.parse("1.2亿元") == pi.parse("12000万元")
True
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from . import _html
from . import units as q
from ._normalize import clean_text, normalize
from ._words import MAX_QUALITATIVE, QUALITATIVE_RE
from .periods import CN_DIGITS, PartialDate

if TYPE_CHECKING:
    from .accounting import Cue
    from .actuals import Actual
    from .evaluate import Outcome

__all__ = [
    "AllOf",
    "Comparison",
    "Deadline",
    "Multi",
    "Op",
    "Period",
    "Qualitative",
    "Range",
    "Scoped",
    "Statement",
    "Target",
    "TargetKind",
    "classify_text",
    "format_quantity",
    "from_dict",
    "register_kind",
]


class Op(enum.Enum):
    """A comparator. Strict and non-strict stay distinct."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="

    @property
    def symbol(self) -> str:
        """The canonical symbol: ≥ > ≤ < =."""
        return self.value

    @property
    def at_least(self) -> bool:
        """True for ≥ and > (a higher actual is better)."""
        return self in (Op.GE, Op.GT)

    @property
    def at_most(self) -> bool:
        """True for ≤ and < (a lower actual is better)."""
        return self in (Op.LE, Op.LT)

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        """Whether ``actual <op> target``.

        Examples:
            >>> Op.GT.holds(Decimal(5), Decimal(5)), Op.GE.holds(Decimal(5), Decimal(5))
            (False, True)
        """
        return _OPS[self](actual, target)

    @classmethod
    def from_text(cls, text: str) -> Op:
        """An ``Op`` from a symbol (``≥``, ``>=``, ``≧``…) or a name (``GE``).

        >>> Op.from_text(">=")
        <Op.GE: '≥'>
        """
        s = normalize(text).strip()
        for op in cls:
            if s in (op.value, op.name, op.name.lower()):
                return op
        raise ValueError(f"not a comparator: {text!r}")


_OPS: dict[Op, Callable[[Decimal, Decimal], bool]] = {
    Op.GE: lambda b, a: b >= a,
    Op.GT: lambda b, a: b > a,
    Op.LE: lambda b, a: b <= a,
    Op.LT: lambda b, a: b < a,
    Op.EQ: lambda b, a: b == a,
}


def _tuple_any(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


def _tuple_str(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _tuple_targets(items: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(items)


def _fmt_number(d: Decimal) -> str:
    s = format(d, "f")
    return s


def format_quantity(value: q.QuantityT) -> str:
    """Canonical text of a quantity: ``100万元``, ``95%``, ``570元/人/月``, ``60``."""
    return _fmt_number(value.magnitude) + q.text_of(value)


def _quantity_dict(value: q.QuantityT) -> dict[str, str]:
    return {"magnitude": _fmt_number(Decimal(value.magnitude)), "unit": q.unit_text(value.units)}


def _quantity_from_dict(d: Mapping[str, Any]) -> q.QuantityT:
    return q.make(Decimal(d["magnitude"]), q.unit_from_text(d.get("unit") or ""))


def _check_quantity(_inst: object, att: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, q.Quantity):
        raise TypeError(f"{att.name} must be a pint Quantity of the perfindicators registry")
    if not isinstance(value.magnitude, Decimal):
        raise TypeError(f"{att.name} must have a Decimal magnitude")
    if not value.magnitude.is_finite():
        raise ValueError(f"{att.name} must be finite")


class TargetKind(enum.StrEnum):
    """The kinds of target, as ``to_dict`` writes them."""

    COMPARISON = "comparison"
    RANGE = "range"
    MULTI = "multi"
    SCOPED = "scoped"
    DEADLINE = "deadline"
    PERIOD = "period"
    QUALITATIVE = "qualitative"
    STATEMENT = "statement"
    ALL_OF = "all_of"
    RELATIVE = "relative"
    TOLERANCE = "tolerance"


#: the functions of the layers above, found at the first call (`Target.evaluate`)
_UPWARD: dict[str, Callable[..., Any]] = {}


@attrs.frozen(repr=False)
class Target:
    """Base of every target kind.

    Attributes:
        source: the text the target was read from, as the user wrote it (`perfindicators.parse`
            records it; a target built in code or by `from_dict` has none). Not part of
            equality, and not in `to_dict`: ``parse(str(t)) == t``.
    """

    source: str | None = attrs.field(default=None, eq=False, kw_only=True,
                                     metadata={"memo": False})
    _source_year: int | None = attrs.field(default=None, eq=False, kw_only=True,
                                           metadata={"memo": False})
    kind: ClassVar[str] = "target"  # each kind sets a TargetKind
    #: True for targets whose actual is a number (comparisons, ranges, several values)
    measured: ClassVar[bool] = False

    @property
    def qualitative(self) -> bool:
        """True for targets judged in words, not numbers."""
        return False

    def evaluate(
        self,
        actual: str | Actual | None,
        *,
        category: str | None = None,
        direction: str | Op | None = None,
        year: int | None = None,
        indicator: str | None = None,
        baseline: str | Actual | None = None,
    ) -> Outcome:
        """Check *actual* against this target. See `perfindicators.evaluate.evaluate`."""
        found = _UPWARD.get("evaluate")
        if found is None:
            # An upward import (one of the two), declared in the import-linter contract: the
            # fluent `pi.parse("≥60项").evaluate("64项")` hands the target to the evaluate
            # layer, which imports this module (so the import waits for the first call, and
            # is kept: an import statement costs more than a row's comparison).
            from .evaluate import evaluate_parsed

            found = _UPWARD["evaluate"] = evaluate_parsed
        return found(self, actual, category, direction, year, indicator, baseline)

    @property
    def cues(self) -> tuple[Cue, ...]:
        """What became of every cue of the text this target was read from — a comparator,
        negation, bound, sign, unit or date word: ``used`` by the target, kept in the
        ``subject``'s name, or ``unread`` (the target is then a statement that says why).
        See `perfindicators.account`; a target with no `source` accounts for its canonical
        text.

        Examples:
            >>> import perfindicators as pi
            >>> [(c.text, c.role) for c in pi.parse("不得超过100万元").cues]
            [('不得超过', 'used'), ('万元', 'used')]
        """
        # the second declared upward edge (see `evaluate` above): the import waits for the call
        from .accounting import cues_of

        return cues_of(self.source if self.source is not None else str(self), self._source_year)

    def with_source(self, text: str, year: int | None = None) -> Target:
        """This target, recording *text* (read in *year*) as its `source`."""
        if self.source == text and self._source_year == year:
            return self
        return attrs.evolve(self, source=text, source_year=year)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `perfindicators.from_dict` rebuilds an equal target."""
        d: dict[str, Any] = {"kind": str(self.kind), "text": str(self)}
        d.update(self._fields_dict())
        return d

    def _fields_dict(self) -> dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def _repr_html_(self) -> str:
        rows = [_html.row("<th>kind</th>", _html.cell(self.kind)),
                _html.row("<th>canonical</th>", _html.cell(str(self)))]
        subject = getattr(self, "subject", None)
        if subject:
            rows.append(_html.row("<th>subject</th>", _html.cell(subject)))
        reason = getattr(self, "reason", None)
        if reason:
            rows.append(_html.row("<th>not measured</th>", _html.cell(reason)))
        return f'{_html.STYLE}<table class="pi-table">{"".join(rows)}</table>'


@attrs.frozen(repr=False)
class Comparison(Target):
    """A value with a comparator: ``≥60项``, ``≤5%``, ``=8个``; or a bare value (``op is None``).

    Attributes:
        op: the comparator, ``None`` when not written (a bare value like ``100%``): the
            direction is then resolved at evaluation time.
        value: a pint quantity with a ``Decimal`` magnitude.
        subject: text written around the value (not part of equality).
    """

    op: Op | None
    value: q.QuantityT = attrs.field(validator=_check_quantity)
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.COMPARISON
    measured: ClassVar[bool] = True

    @property
    def implicit(self) -> bool:
        """True when the direction was not written (a bare value)."""
        return self.op is None

    def __str__(self) -> str:
        return (self.op.symbol if self.op else "") + format_quantity(self.value)

    def _fields_dict(self) -> dict[str, Any]:
        return {"op": self.op.symbol if self.op else None, "value": _quantity_dict(self.value),
                "subject": self.subject}


def _check_range(inst: Range, _att: object, _value: object) -> None:
    low = inst.low
    high = q.to_unit(inst.high, low.units)
    if high.magnitude < low.magnitude:
        raise ValueError(f"a range runs from low to high: {format_quantity(inst.low)} > "
                         f"{format_quantity(inst.high)}")


@attrs.frozen(repr=False)
class Range(Target):
    """Both bounds, inclusive: ``90%-95%``, ``介于90%和95%之间``, ``[80,90]``."""

    low: q.QuantityT = attrs.field(validator=_check_quantity)
    high: q.QuantityT = attrs.field(validator=[_check_quantity, _check_range])
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.RANGE
    measured: ClassVar[bool] = True

    def __str__(self) -> str:
        sep = "~" if self.low.magnitude < 0 or self.high.magnitude < 0 else "-"
        return f"{format_quantity(self.low)}{sep}{format_quantity(self.high)}"

    def _fields_dict(self) -> dict[str, Any]:
        return {"low": _quantity_dict(self.low), "high": _quantity_dict(self.high),
                "subject": self.subject}


@attrs.frozen(repr=False)
class Multi(Target):
    """One comparator over several values: ``分别不超过50万元、30万元和20万元``."""

    op: Op
    values: tuple[Any, ...] = attrs.field(converter=_tuple_any)
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.MULTI
    measured: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        if len(self.values) < 2:
            raise ValueError("several values need at least two")

    def parts(self) -> tuple[Comparison, ...]:
        """One comparison a value."""
        return tuple(Comparison(self.op, v) for v in self.values)

    def __str__(self) -> str:
        return "分别" + self.op.symbol + "、".join(format_quantity(v) for v in self.values)

    def _fields_dict(self) -> dict[str, Any]:
        return {"op": self.op.symbol, "values": [_quantity_dict(v) for v in self.values],
                "subject": self.subject}


@attrs.frozen(repr=False)
class Scoped(Target):
    """A target that holds for each unit of a scope: ``每家支持不超过100万元``, ``各1次``.

    Attributes:
        scope: the scope word as written (``每家``, ``单家``, ``每项``, ``各``).
        target: the target that each unit must meet.
    """

    scope: str
    target: Comparison | Multi | Range
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.SCOPED
    measured: ClassVar[bool] = True

    def __str__(self) -> str:
        return f"{self.scope}{self.target}"

    def _fields_dict(self) -> dict[str, Any]:
        return {"scope": self.scope, "target": self.target.to_dict(), "subject": self.subject}


@attrs.frozen(repr=False)
class Deadline(Target):
    """A date to finish by: ``12月底前``, ``6月30日前``, ``9月前``, ``2021年12月31日前``.

    Attributes:
        date: the date as written (its year filled in from ``parse(..., year=)``).
        before: True for "before the start of" (``9月前``: by 31 August); False for "by the
            end of" (``12月底前``, ``10月底``, ``6月30日前``).
        subject: the activity written with it (``拨付支持资金``), not part of equality.
    """

    date: PartialDate
    before: bool = False
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.DEADLINE

    def __attrs_post_init__(self) -> None:
        if self.before and self.date.day is not None:
            raise ValueError("a deadline on a day is inclusive: write 6月30日前")

    def last_day(self, year: int | None = None) -> Any:
        """The last day that meets the deadline (``datetime.date``)."""
        import datetime as _dt

        first, last = self.date.bounds(year)
        return first - _dt.timedelta(days=1) if self.before else last

    def __str__(self) -> str:
        d = self.date
        if d.day is not None:
            return f"{d}前"
        if self.before:
            return f"{d}前"
        if d.month is None:
            return f"{d.year}年底前"
        return f"{d}底前"

    def _fields_dict(self) -> dict[str, Any]:
        return {"date": attrs.asdict(self.date), "before": self.before, "subject": self.subject}


_QUARTERS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}


@attrs.frozen(repr=False)
class Period(Target):
    """A span of months: ``第三季度``, ``上半年``, ``2021年``, ``2023.07-2024.01``."""

    start: PartialDate
    end: PartialDate
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.PERIOD

    def __attrs_post_init__(self) -> None:
        if self.start.month is None or self.end.month is None:
            raise ValueError("a period runs from a month to a month")
        if (self.start.year is None) != (self.end.year is None):
            raise ValueError("a period has a year at both ends or at neither")
        if (self.start.year or 0, self.start.month) > (self.end.year or 0, self.end.month):
            raise ValueError(f"a period runs forward: {self.start} is after {self.end}")

    def __str__(self) -> str:
        s, e = self.start, self.end
        assert s.month is not None and e.month is not None
        if s.year == e.year and s.day is None and e.day is None:
            y = f"{s.year}年" if s.year is not None else ""
            span = (s.month, e.month)
            if span == (1, 12) and y:
                return y
            if span in _QUARTERS:
                return f"{y}第{CN_DIGITS[_QUARTERS[span]]}季度"
            if span == (1, 6):
                return f"{y}上半年"
            if span == (7, 12):
                return f"{y}下半年"
        return f"{s}-{e}"

    def _fields_dict(self) -> dict[str, Any]:
        return {"start": attrs.asdict(self.start), "end": attrs.asdict(self.end),
                "subject": self.subject}


@attrs.frozen(repr=False)
class Qualitative(Target):
    """A target judged in words: ``效果明显``, ``显著提升``, ``及时``, ``是``, ``定性 优良中低差``.

    Attributes:
        text: the words, as written (spaces from PDF line breaks removed).
        tiers: for a graded scale (``定性 优良中低差``), its grades from best to worst.
    """

    text: str
    tiers: tuple[str, ...] = attrs.field(default=(), converter=_tuple_str)
    kind: ClassVar[str] = TargetKind.QUALITATIVE

    @property
    def qualitative(self) -> bool:
        """Always True: judged in words."""
        return True

    def __str__(self) -> str:
        return f"定性 {self.text}" if self.tiers else self.text

    def _fields_dict(self) -> dict[str, Any]:
        return {"target_text": self.text, "tiers": list(self.tiers)}


@attrs.frozen(repr=False)
class Statement(Target):
    """Free text that states no measurable target: kept verbatim, never guessed into a number.

    Attributes:
        text: the text (spaces from PDF line breaks removed).
        reason: why it was not read as a measured target (not part of equality).
    """

    text: str
    reason: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.STATEMENT

    @property
    def qualitative(self) -> bool:
        """Always True: judged in words."""
        return True

    def __str__(self) -> str:
        return self.text

    def _fields_dict(self) -> dict[str, Any]:
        return {"target_text": self.text, "reason": self.reason}


@attrs.frozen(repr=False)
class AllOf(Target):
    """Several targets in one cell, all to be met: ``2021年12月底前拨付支持资金85%以上``."""

    parts: tuple[Target, ...] = attrs.field(converter=_tuple_targets)
    kind: ClassVar[str] = TargetKind.ALL_OF

    def __attrs_post_init__(self) -> None:
        if len(self.parts) < 2:
            raise ValueError("AllOf needs at least two parts")

    @property
    def measured(self) -> bool:  # type: ignore[override]
        """True when a part is measured."""
        return any(p.measured for p in self.parts)

    def __str__(self) -> str:
        return "；".join(str(p) for p in self.parts)

    def _fields_dict(self) -> dict[str, Any]:
        return {"parts": [p.to_dict() for p in self.parts]}


#: readers of the kinds defined in other modules (`perfindicators.changes`), by kind
_READERS: dict[str, Callable[[Mapping[str, Any]], Target]] = {}


def register_kind(kind: str, reader: Callable[[Mapping[str, Any]], Target]) -> None:
    """Let `from_dict` rebuild targets of *kind* with *reader* (for kinds defined in modules
    above this one)."""
    _READERS[kind] = reader


def _date(d: Mapping[str, Any]) -> PartialDate:
    return PartialDate(d.get("year"), d.get("month"), d.get("day"))


def _op(s: str | None) -> Op | None:
    return Op.from_text(s) if s else None


def classify_text(text: str, *, reason: str | None = None) -> Target:
    """A text that is not a measured target: `Qualitative` if it judges, else a
    `Statement` that keeps the text.

    >>> classify_text("效果明显")
    Qualitative('效果明显')
    >>> classify_text("降低村民出行和农产品运输成本")
    Statement('降低村民出行和农产品运输成本')
    """
    cleaned = clean_text(text)
    if len(cleaned) <= MAX_QUALITATIVE and QUALITATIVE_RE.match(cleaned):
        return Qualitative(cleaned)
    return Statement(cleaned, reason=reason)


def from_dict(d: Mapping[str, Any]) -> Target:
    """Rebuild a target from `Target.to_dict`.

    Examples:
        >>> import perfindicators as pi
        >>> t = pi.parse("每家支持不超过100万元")
        >>> pi.from_dict(t.to_dict()) == t
        True

    Raises:
        ValueError: an unknown ``kind`` or a malformed field.
    """
    kind = d.get("kind")
    sub = d.get("subject")
    if kind == TargetKind.COMPARISON:
        return Comparison(_op(d.get("op")), _quantity_from_dict(d["value"]), subject=sub)
    if kind == TargetKind.RANGE:
        return Range(_quantity_from_dict(d["low"]), _quantity_from_dict(d["high"]), subject=sub)
    if kind == TargetKind.MULTI:
        return Multi(Op.from_text(d["op"]), [_quantity_from_dict(v) for v in d["values"]], subject=sub)
    if kind == TargetKind.SCOPED:
        inner = from_dict(d["target"])
        if not isinstance(inner, Comparison | Multi | Range):
            raise ValueError("a scoped target holds a comparison, a range or several values")
        return Scoped(d["scope"], inner, subject=sub)
    if kind == TargetKind.DEADLINE:
        return Deadline(_date(d["date"]), bool(d.get("before", False)), subject=sub)
    if kind == TargetKind.PERIOD:
        return Period(_date(d["start"]), _date(d["end"]), subject=sub)
    if kind == TargetKind.QUALITATIVE:
        return Qualitative(d["target_text"], d.get("tiers", ()))
    if kind == TargetKind.STATEMENT:
        return Statement(d["target_text"], d.get("reason"))
    if kind == TargetKind.ALL_OF:
        return AllOf([from_dict(p) for p in d["parts"]])
    reader = _READERS.get(str(kind))
    if reader is not None:
        return reader(d)
    raise ValueError(f"unknown target kind: {kind!r}")
