"""Actual values (实际完成值): what the form says was achieved.

>>> import perfindicators as pi
>>> pi.parse_actual("64项")
Measured('64项')
>>> pi.parse_actual("50")
Measured('50')
>>> pi.parse_actual("≥90%")
Claimed('≥90%')
>>> pi.parse_actual("达成预期指标")
Judged('达成预期指标', tier='met')
>>> pi.parse_actual("—")
Missing('—')
>>> pi.parse_actual("2021年12月15日")
DateValue('2021年12月15日')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar

import attrs

from . import units as q
from ._normalize import clean_text
from ._words import EVENT_NONE_RE, MET_WORDS, NOT_MET_RE, NOTHING_DONE_RE, PARTIAL_RE
from .changes import Trend
from .periods import PartialDate
from .targets import (
    Target,
    format_quantity,
)

__all__ = [
    "Actual",
    "Approx",
    "Change",
    "Claimed",
    "Compound",
    "DateValue",
    "Judged",
    "Measured",
    "Missing",
    "TextValue",
    "Tier",
    "no_event",
    "nothing_done",
    "tier_of",
]



def _tuple_actuals(items: Iterable[Actual]) -> tuple[Actual, ...]:
    return tuple(items)


class Tier(enum.Enum):
    """How a result was judged in words."""

    MET = "met"
    PARTIAL = "partly met"
    NOT_MET = "not met"


def tier_of(text: str) -> Tier | None:
    """The tier a text of an actual value states, or ``None`` when it states none.

    >>> tier_of("达成预期指标"), tier_of("部分达成年度指标并具有一定效果"), tier_of("未进行资金支持")
    (<Tier.MET: 'met'>, <Tier.PARTIAL: 'partly met'>, <Tier.NOT_MET: 'not met'>)
    """
    s = clean_text(text)
    if s in MET_WORDS:
        return Tier.MET
    if PARTIAL_RE.match(s):
        return Tier.PARTIAL
    if NOT_MET_RE.match(s):
        return Tier.NOT_MET
    return None


def nothing_done(text: str) -> bool:
    """The actual says the activity did not happen (``未进行资金支持``, ``未开展``, ``未实施``).

    >>> nothing_done("未进行资金支持"), nothing_done("未发生安全事故")
    (True, False)
    """
    return bool(NOTHING_DONE_RE.match(clean_text(text)))


def no_event(text: str) -> bool:
    """The actual says an event the target limits did not occur (``未发生安全事故``, ``零发生``).

    >>> no_event("未发生安全事故"), no_event("未进行资金支持")
    (True, False)
    """
    return bool(EVENT_NONE_RE.match(clean_text(text)))


class Actual:
    """Base of every kind of actual value. ``text`` is what the form says."""

    __slots__ = ()
    kind: ClassVar[str] = "actual"
    text: str

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r})"


@attrs.frozen(repr=False)
class Measured(Actual):
    """A number, with its unit or without (``unit_written`` False: it takes the target's)."""

    value: q.QuantityT
    unit_written: bool
    text: str = attrs.field(eq=False)
    #: written in a spreadsheet's scientific notation (1.2E+07): maybe in 元, maybe in the
    #: target's unit
    spreadsheet: bool = attrs.field(default=False, eq=False)
    kind: ClassVar[str] = "measured"

    def __repr__(self) -> str:
        return f"Measured({format_quantity(self.value)!r})"


@attrs.frozen(repr=False)
class Claimed(Actual):
    """A copy of a target with its comparator (``≥90%``, ``9月底前完成项目申报``): the form
    claims the target was met without saying by how much. Flagged ``copied_target``."""

    target: Target
    text: str = attrs.field(eq=False)
    kind: ClassVar[str] = "claimed"

    def __repr__(self) -> str:
        return f"Claimed({str(self.target)!r})"


@attrs.frozen(repr=False)
class DateValue(Actual):
    """A date or month (``2021年12月15日``, ``7月``), for deadlines and periods: the
    comparison uses the last day the text can mean (``7月`` → 31 July)."""

    date: PartialDate
    text: str = attrs.field(default="", eq=False)
    kind: ClassVar[str] = "date"

    def __repr__(self) -> str:
        return f"DateValue({self.text or str(self.date)!r})"


@attrs.frozen(repr=False)
class Judged(Actual):
    """A tier word: 达成 / 部分达成 / 未达成 and their variants, 完成, 是, 否 …"""

    tier: Tier
    text: str = attrs.field(eq=False)
    kind: ClassVar[str] = "judged"

    def __repr__(self) -> str:
        return f"Judged({self.text!r}, tier={self.tier.value!r})"


@attrs.frozen(repr=False)
class Missing(Actual):
    """No actual value: empty, ``—``, ``/``, ``*``."""

    text: str = attrs.field(eq=False, default="")
    kind: ClassVar[str] = "missing"


@attrs.frozen(repr=False)
class TextValue(Actual):
    """Words that state no number and no tier (a narrative, a copy of a sentence target)."""

    text: str
    kind: ClassVar[str] = "text"


@attrs.frozen(repr=False)
class Compound(Actual):
    """Several values in one cell (``2021年12月底前拨付资金88.26%``)."""

    parts: tuple[Actual, ...] = attrs.field(converter=_tuple_actuals)
    text: str = attrs.field(eq=False, default="")
    kind: ClassVar[str] = "compound"


@attrs.frozen(repr=False)
class Change(Actual):
    """An actual that states a change against the basis: ``增长12%``, ``下降1个百分点``,
    ``持平``, ``超过上年``, ``较上年下降`` (the direction only: ``amount`` is ``None``)."""

    trend: Trend
    amount: q.QuantityT | None = None
    text: str = attrs.field(default="", eq=False)
    kind: ClassVar[str] = "change"

    @property
    def signed(self) -> Decimal | None:
        """The change with its sign (a fall is negative), or ``None`` when not stated."""
        if self.trend is Trend.FLAT:
            return Decimal(0)
        if self.amount is None:
            return None
        return self.amount.magnitude * self.trend.sign

    def __repr__(self) -> str:
        amount = format_quantity(self.amount) if self.amount is not None else ""
        return f"Change({self.trend.value + amount!r})"


@attrs.frozen(repr=False)
class Approx(Actual):
    """An approximate number, read as an interval: ``200余人`` and ``200多人`` (200, 300),
    ``逾200人`` and ``200+`` (200, ∞), ``近200人`` and ``不足200人`` (−∞, 200), ``约200人`` and
    ``64项左右`` [190, 210] (5 % either side).

    Attributes:
        value: the number as written, with its unit.
        low, high: the ends of the interval, in the unit of ``value`` (``None``: unbounded).
        low_open, high_open: whether the ends themselves are excluded.
    """

    value: q.QuantityT
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool
    unit_written: bool
    text: str = attrs.field(eq=False, default="")
    kind: ClassVar[str] = "approx"

    def __repr__(self) -> str:
        return f"Approx({self.text!r})"
