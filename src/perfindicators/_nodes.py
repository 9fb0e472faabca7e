"""The values the target builder passes from rule to rule (words, quantities, calendar points,
measures), each with its place in the text."""

from __future__ import annotations

from decimal import Decimal

import attrs
from lark import Token

from . import units as q
from .changes import Relative, Tolerance
from .targets import Comparison, Deadline, Multi, Period, Range, Scoped

__all__ = ["Measure", "Point", "Q", "Text", "Words", "merge_dotted", "pos", "whole_month"]


@attrs.define
class Words:
    """Running text, with the scope word it holds (每家)."""

    text: str
    scope: str | None
    start: int
    end: int


@attrs.define
class Q:
    """A quantity as written: its value, whether a unit was written, where it stands."""

    value: q.QuantityT
    unit_written: bool
    unknown_unit: bool
    start: int
    end: int
    raw: str


@attrs.define
class Point:
    """A calendar point as written (2021年12月, 6月30日) or a number of years."""

    year: int | None
    month: int | None
    day: int | None
    year_number: Decimal | None
    start: int
    end: int

    @property
    def calendar(self) -> bool:
        return self.month is not None or (self.year is not None)


@attrs.define
class Measure:
    """A measured clause's target; a bare or weak one may turn out to be text."""

    target: Comparison | Range | Multi | Scoped | Deadline | Period | Relative | Tolerance
    bare: bool = False
    weak: bool = False  # a bare value with an unknown unit: maybe just text
    start: int = 0  # known for bare quantities, the only ones that may turn into text
    end: int = 0


@attrs.define
class Text:
    """A clause that is only text."""

    text: str
    start: int
    end: int


def pos(tok: Token) -> tuple[int, int]:
    return int(tok.start_pos or 0), int(tok.end_pos or 0)


def whole_month(d: Decimal) -> bool:
    """A whole number from 1 to 12."""
    return d == d.to_integral_value() and 1 <= d <= 12


def merge_dotted(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``人·次`` is the unit 人次 when the registry knows it; otherwise ``·`` multiplies
    (元/人·月 = 元/人*月)."""
    out: list[tuple[str, str]] = []
    for op, word in parts:
        if op == "·" and out and q.is_known_unit(out[-1][1] + word):
            out[-1] = (out[-1][0], out[-1][1] + word)
        else:
            out.append(("*" if op == "·" else op, word))
    return out
