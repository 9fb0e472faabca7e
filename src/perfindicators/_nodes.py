"""The values the target builder passes from rule to rule (words, quantities, calendar points,
measures), each with its place in the text, and the readers of small pieces of text (the basis
of a relative target, a comparator before a basis)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from decimal import Decimal

import attrs
from lark import Token

from . import units as q
from ._words import LEVEL_WORDS, NEGATORS, keyword_patterns
from .changes import Relative, Tolerance, Trend
from .targets import Comparison, Deadline, Multi, Op, Period, Range, Scoped

__all__ = ["CUE_TERMINALS", "DANGLING_NEGATOR", "RATE_WORDS", "CueNotes", "Measure", "Point",
           "Q", "Text", "Words", "basis_of", "level_of", "merge_dotted", "pos", "whole_month"]


#: the terminals that are cues of the accounting invariant (issue #9, point 1): comparators,
#: negated comparators, bounds, signs, units, dates, relative and tolerance words
CUE_TERMINALS = ("GE", "GT", "LE", "LT", "EQ", "CONTROL", "GE_POST", "LE_POST", "POLARITY",
                 "FENBIE", "TOLERANCE", "PLUS_MINUS", "TREND_UP", "TREND_DOWN", "FLAT",
                 "YEARLY_UP", "YEARLY_DOWN", "LEVEL_CMP", "BASIS", "NEXT_YEAR", "YEAR_END",
                 "TENDAY", "BEFORE", "END", "INCL", "ISO_DATE", "DOTTED_DAY", "NUMBER",
                 "KNOWN_UNIT", "ASCII_UNIT", "UNKNOWN_UNIT", "YEAR", "MONTH", "DAY", "QUARTER",
                 "HALF", "PCT_CN", "CN_NUMBER", "SCALE", "SCOPE", "EACH", "QUALMARK")
#: a negator right before a measured clause that the grammar did not compose with its
# comparator (未达到95%, 没有提高): the clause is text, never the target without its negation
DANGLING_NEGATOR = tuple(sorted({*NEGATORS, "无", "非", "并非", "不再"}, key=len, reverse=True))


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


# the words of a rate of change (增幅≥5%: a bare percent as actual is the change itself)
RATE_WORDS = frozenset({"增幅", "增长率", "增速", "增长幅度", "提高幅度", "提升幅度", "增加幅度",
                         "涨幅", "降幅", "下降率", "减幅", "下降幅度", "降低幅度", "减少幅度", "跌幅"})
_LEVEL_OPS = {"GE": (Trend.UP, Op.GE), "GT": (Trend.UP, Op.GT), "LE": (Trend.DOWN, Op.GE),
              "LT": (Trend.DOWN, Op.GT)}
_PATTERNS = {name: re.compile(keyword_patterns()[name]) for name in _LEVEL_OPS}
_BASIS_YEAR = re.compile(r"((?:19|20)\d\d)年")


def basis_of(tok: str | None) -> str:
    """The basis a relative target names: 上年 (also 同比, 去年, 上年同期), a year, 上期 (环比).

    >>> basis_of("较2020年"), basis_of("同比"), basis_of(None)
    ('2020年', '上年', '上年')
    """
    if tok is None:
        return "上年"
    m = _BASIS_YEAR.search(str(tok))
    if m:
        return f"{m.group(1)}年"
    return "上期" if "环比" in str(tok) else "上年"


def level_of(text: str) -> tuple[Trend, Op]:
    """The change a comparator before a basis asks for: 不低于上年 (up, ≥ 0), 低于上年 (down).

    >>> level_of("不低于上年"), level_of("低于上年")
    ((<Trend.UP: '增长'>, <Op.GE: '≥'>), (<Trend.DOWN: '下降'>, <Op.GT: '>'>))
    """
    level = next(w for w in sorted(LEVEL_WORDS, key=len, reverse=True) if text.endswith(w))
    word = text[: -len(level)]
    for name, found in _LEVEL_OPS.items():
        if _PATTERNS[name].fullmatch(word):
            return found
    return Trend.UP, Op.GE  # 达到上年水平


class CueNotes:
    """What the lexer saw of the cues of the last parse in this thread (for
    `perfindicators.accounting.account`)."""

    _context: threading.local

    def lexer_callbacks(self) -> dict[str, Callable[[Token], Token]]:
        """The lexer calls these with every cue token, so that `cues` can account for them."""
        return dict.fromkeys(CUE_TERMINALS, self._note_cue)

    def _note_cue(self, tok: Token) -> Token:
        cues = getattr(self._context, "cues", None)
        if cues is not None and (tok.type != "NUMBER" or str(tok)[:1] in "-+"):
            cues.append((tok.type, int(tok.start_pos or 0), int(tok.end_pos or 0)))
        return tok

    def forget(self) -> None:
        """Drop what the last parse in this thread noted."""
        self._context.cues, self._context.text_spans = [], []

    def cues(self) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
        """The cue tokens of the last parse in this thread (type, start, end; a number only
        when it carries a sign) and the spans that stayed text (the subject's words)."""
        ctx = self._context
        return list(getattr(ctx, "cues", [])), list(getattr(ctx, "text_spans", []))
