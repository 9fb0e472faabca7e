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

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from . import quantities as q
from ._normalize import clean_text, normalize
from ._vocab import Tier, tier_of
from .errors import PerfIndicatorError
from .periods import PartialDate
from .targets import (
    AllOf,
    Comparison,
    Deadline,
    Period,
    Qualitative,
    Statement,
    Target,
    format_quantity,
)

__all__ = [
    "Actual",
    "Claimed",
    "Compound",
    "DateValue",
    "Judged",
    "Measured",
    "Missing",
    "TextValue",
    "parse_actual",
]

_MISSING = re.compile(r"^[\s—–\-/*＊／_－.…无]*$|^(?:N/?A|null|none|暂无|不适用)$", re.IGNORECASE)


def _tuple_actuals(items: Iterable[Actual]) -> tuple[Actual, ...]:
    return tuple(items)


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

    value: Any
    unit_written: bool
    text: str = attrs.field(eq=False)
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


def _from_target(t: Target, text: str) -> Actual:
    if isinstance(t, Comparison):
        if t.op is None:
            return Measured(t.value, q.unit_text(t.value.units) != "", text)
        return Claimed(t, text)
    if isinstance(t, Deadline):
        if t.subject is None and not t.before and text.strip()[-1:] not in "前":
            return DateValue(t.date, text=text)
        return Claimed(t, text)
    if isinstance(t, Period):
        return Claimed(t, text)
    if isinstance(t, AllOf):
        return Compound([_from_target(p, str(p)) for p in t.parts], text)
    if isinstance(t, Qualitative | Statement):
        tier = tier_of(text)
        if tier is not None:
            return Judged(tier, text)
        return TextValue(clean_text(text))
    return Claimed(t, text)


# The most common actual by far is a plain number with or without a unit word ("64项",
# "88.26%", "50"): read it without the grammar. Anything else goes through the grammar; a
# test checks that both paths agree.
_PLAIN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([^\d\s.,/*]{0,4})\s*$")
# dates as spreadsheets and clerks write them: 2022-11-30, 2022/11/30, 2022.11.30, 2022-11
_ISO_DATE = re.compile(r"^\s*((?:19|20|21)\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:\s+0?0:00(?::00)?)?\s*$")
_NOT_PLAIN_UNITS = frozenset({"年", "月", "日", "号", "万", "亿", "千", "百万", "千万"})


def _plain(text: str) -> Measured | None:
    m = _PLAIN.match(text)
    if m is None:
        return None
    word = m.group(2)
    if word and (word in _NOT_PLAIN_UNITS or not q.is_known_unit(word)):
        return None
    unit = q.resolve_unit(word) if word else None
    return Measured(q.make(Decimal(m.group(1)), unit), bool(word), text)


@functools.lru_cache(maxsize=65536)
def _parse_actual(text: str, year: int | None) -> Actual:
    from .parsing import parse

    normalized = normalize(text)
    plain = _plain(normalized)
    if plain is not None:
        return attrs.evolve(plain, text=text)
    dated = _ISO_DATE.match(normalized)
    if dated:
        y, m, d = (int(x) if x else None for x in dated.groups())
        try:
            return DateValue(PartialDate(y, m, d), text=text)
        except ValueError:
            pass  # not a real date: read on
    if _MISSING.match(normalized):
        return Missing(text)
    tier = tier_of(text)
    if tier is not None:
        return Judged(tier, text)
    try:
        target = parse(text, year=year)
    except PerfIndicatorError:
        return _split_values(text, year) or TextValue(clean_text(text))
    return _from_target(target, text)


_LIST_SEP = re.compile(r"[，,、；;]")


def _split_values(text: str, year: int | None) -> Compound | None:
    """Several values in one cell, separated by commas (``88.26%，92%``): a compound, when
    every piece reads as a value."""
    pieces = [p for p in _LIST_SEP.split(text) if p.strip()]
    if len(pieces) < 2:
        return None
    parts = [_parse_actual(p, year) for p in pieces]
    if all(isinstance(p, Measured | DateValue | Claimed) for p in parts):
        return Compound(parts, text)
    return None


def parse_actual(text: str | Actual | None, *, year: int | None = None) -> Actual:
    """Read an actual value (实际完成值).

    A bare number keeps ``unit_written=False`` and takes the target's unit when evaluated;
    a copy of a target with its comparator becomes `Claimed`; empty, ``—``, ``/`` and
    ``*`` become `Missing`. Text that cannot be read is kept as `TextValue`:
    reading an actual value never raises on its text.
    """
    if isinstance(text, Actual):
        return text
    if text is None:
        return Missing("")
    if not isinstance(text, str):
        text = str(text)
    return _parse_actual(text, year)
