"""Shapes of targets: texts that lex and parse alike (``≥60项``, ``≥75项``), and the
templates of the shapes whose one number flows unchanged into a comparison.

The key of a shape is the text with each run of digits written ``0``, except runs whose digits
the lexer itself reads (next to ``.`` ``-`` ``/`` ``,`` a Latin letter, or before 年: dates,
decimals, thousands, ``m2``, ``较2020年``), which stay verbatim; `check_digit_literals` makes
sure that no other terminal of the grammar mentions a digit. Two texts of one shape give the
same tokens at places that differ only by the lengths of their runs of digits
(perfindicators._lalr replays the plan of one for the other).

A **template** goes one step further, for the commonest shapes: a comparison or a bare value
with one number and known unit words (``≥0%``, ``0人``, ``正向 = 0 %``, ``≤0万元/人``). The
builder's rules on that path (``number quantity … cmp_measure measure_clause start``) take
every decision from the tokens' types and words, which the shape fixes, and pass the number
through unchanged: the target is the comparison of the first text with the new number, read
by the builder's own ``number`` and built with the same constructor (validators included). The
lexer's callbacks (the cues) are called on every token as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lark import Lark, Token

from .targets import Comparison
from .units import make

__all__ = ["Template", "check_digit_literals", "shape_key", "to_key"]

_RUN = re.compile(r"\d+")  # what the terminals' \d matches (str patterns: every Unicode digit)
#: next to these, the lexer reads a run's digits themselves (ISO and dotted dates, decimals,
#: thousands separators, m2 and km2)
_SENSITIVE = frozenset(".-/,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: before these too (较2020年 is a basis, a year of 1900–2199 a calendar year)
_SENSITIVE_AFTER = _SENSITIVE | {"年"}
_Shape = tuple[str, tuple[tuple[int, int], ...]]


def shape_key(text: str) -> _Shape:
    """The shape of *text* and the runs of digits it wrote as ``0`` (start, end in *text*).

    >>> shape_key("≥60项"), shape_key("2021年12月31日前")[0], shape_key("≥10,740.00元")[0]
    (('≥0项', ((1, 3),)), '2021年0月0日前', '≥10,740.00元')
    """
    runs: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        a, b = m.span()
        if (a and text[a - 1] in _SENSITIVE) or (b < len(text) and text[b] in _SENSITIVE_AFTER):
            continue
        parts.append(text[last:a])
        parts.append("0")
        last = b
        runs.append((a, b))
    if not runs:
        return text, ()
    parts.append(text[last:])
    return "".join(parts), tuple(runs)


def to_key(pos: int, runs: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """A position in the text as a position in its shape (never inside a run), and the number
    of runs before it."""
    shift = 0
    count = 0
    for a, b in runs:
        if b <= pos:
            shift += b - a - 1
            count += 1
        elif a < pos:
            raise RuntimeError("not a shape")  # a token boundary inside a run of digits: not a shape
        else:
            break
    return pos - shift, count


def check_digit_literals(lark_parser: Lark) -> bool:
    """Whether the only terminals that mention digits themselves (not ``\\d``) are those the
    shape key knows about."""
    known = {"ISO_DATE", "DOTTED_DAY", "BASIS", "TEXT"}
    strip = re.compile(r"\\[dDwWsS]|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\{\d+(?:,\d*)?\}|\\\d")
    for term in lark_parser.terminals:
        body = strip.sub("", term.pattern.to_regexp())
        if not any(c.isdecimal() for c in body) or term.name in known:
            continue
        if term.name == "KNOWN_UNIT":
            words = set(re.findall(r"[^|()?:]+", body))
            if {w for w in words if any(c.isdecimal() for c in w)} <= {"km2", "m2", "m3"}:
                continue
        return False
    return True


#: the rules (by the builder's method names) of a plan a template may stand for
_TEMPLATE_RULES = re.compile(
    r"(?:cmp )?number (?:simple_unit (?:simple_unit __unit_star_2 )*unit )?quantity bare_value "
    r"(?:value )?(?:post )?(?:bare_measure|cmp_measure|polarity_measure) measure_clause start")
#: the token types a template may hold (unit words only known ones: strict or not, they read
#: alike; an unknown or Latin word may not)
_TEMPLATE_TOKENS = frozenset({"GE", "GT", "LE", "LT", "EQ", "CONTROL", "POLARITY", "GE_POST",
                              "LE_POST", "INCL", "NUMBER", "SCALE", "KNOWN_UNIT", "UNIT_OP"})


class Template:
    """The target of a shape whose one number flows unchanged into a comparison."""

    __slots__ = ("callbacks", "jobs", "number", "op", "scale", "unit", "where")

    def __init__(self, callbacks: tuple[Any, ...], number: Callable[..., Any], where: int,
                 scale: int | None, first: Comparison) -> None:
        self.callbacks = callbacks
        self.number = number
        self.where = where
        self.scale = scale
        self.op = first.op
        self.unit = first.value.units
        #: the tokens to make: (type, final type, start, runs before, end, runs before,
        #: callback, 1 the number, 2 its scale word, 0 a cue), built at the first use
        self.jobs: tuple[tuple[Any, ...], ...] | None = None

    @classmethod
    def of(cls, names: str, tokens: list[tuple[Any, ...]], text: str, result: Any,
           number: Callable[..., Any], callbacks: tuple[Any, ...]) -> Template | None:
        """The template of a plan (its rules' *names*, its *tokens* as lexed in *text*:
        state, lexed type, type, start, end), or ``None`` if it may not have one."""
        if type(result) is not Comparison or result.subject is not None:
            return None
        if not _TEMPLATE_RULES.fullmatch(names):
            return None
        types = [t[2] for t in tokens]
        if (not set(types) <= _TEMPLATE_TOKENS or types.count("NUMBER") != 1
                or types.count("SCALE") > 1 or any(t[1] != t[2] for t in tokens)
                or any(text[t[3]:t[4]] == "成" for t in tokens)):  # 九成 is 90%: not unchanged
            return None
        where = types.index("NUMBER")
        scale = types.index("SCALE") if "SCALE" in types else None
        found = [Token(t[2], text[t[3]:t[4]], t[3], 1, t[3] + 1, 1, t[4] + 1, t[4])
                 for t in tokens]
        value = number(found[where], None if scale is None else found[scale])[0]
        if value != result.value.magnitude or str(value) != str(result.value.magnitude):
            return None
        return cls(callbacks, number, where, scale, result)

    def apply(self, tokens: tuple[tuple[Any, ...], ...], text: str, off: list[int]) -> Comparison:
        """The target of *text*, of this template's shape (*off*: the offsets of its runs)."""
        jobs = self.jobs
        if jobs is None:
            jobs = self.jobs = tuple(
                (*tokens[j][1:], cb, 1 if j == self.where else 2 if j == self.scale else 0)
                for j, cb in enumerate(self.callbacks)
                if cb is not None or j == self.where or j == self.scale)
        num = scale = None
        snew = str.__new__
        for raw, final, ks, cs, ke, ce, cb, role in jobs:
            s = ks + off[cs]
            e = ke + off[ce]
            v = text[s:e]
            tok = snew(Token, v)
            tok.type, tok.start_pos, tok.value, tok.line, tok.column = raw, s, v, 1, s + 1
            tok.end_line, tok.end_column, tok.end_pos = 1, e + 1, e
            if cb is not None:
                tok = cb(tok)
                if not isinstance(tok, Token) or tok.type != final:
                    raise RuntimeError("not this shape")
            if role == 1:
                num = tok
            elif role == 2:
                scale = tok
        return Comparison(self.op, make(self.number(num, scale)[0], self.unit))
