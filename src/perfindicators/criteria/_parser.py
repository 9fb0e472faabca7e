"""The cached lark parser of the criterion grammar, and the transformer to phrases.

This is the only module of the package that touches lark: it builds the LALR parser once,
turns the parse tree into a flat tuple of `Phrase` values and translates lark's errors into
`CriterionSyntaxError` with a caret in the author's text.

Example:
    >>> [p.kind for p in phrases("≥90%,计5分")]
    ['cond', 'comma', 'award']
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .._cache import memo
from .._grammar import _collision_check
from ..errors import CriterionSyntaxError, detached
from ._keywords import KEYWORD_NAMES
from ._prepare import Prepared, prepare

__all__ = ["Phrase", "build_parser", "parser", "phrases", "read"]

_PACKAGE = "perfindicators.grammars"
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_NUMS = re.compile(r"\d+(?:\.\d+)?")


def cn_number(text: str) -> Decimal:
    """A small Chinese numeral (一 … 九十九, 半) as a Decimal.

    >>> cn_number("十二"), cn_number("半"), cn_number("三")
    (Decimal('12'), Decimal('0.5'), Decimal('3'))
    """
    if text == "半":
        return Decimal("0.5")
    if "十" in text:
        tens, _, units = text.partition("十")
        return Decimal((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(units, 0))
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS.get(ch, 0)
    return Decimal(value)


@attrs.frozen
class Phrase:
    """One phrase of a criterion: its kind, where it is (in the prepared text) and its data.

    Attributes:
        kind: ``award`` ``deduct`` ``cond`` ``qty`` ``text`` ``sep`` … (the grammar's rules).
        start: index of its first character in the prepared text.
        end: index after its last character.
        data: the kind's values (numbers as Decimal, words as str).
    """

    kind: str
    start: int
    end: int
    data: dict[str, Any] = attrs.field(factory=dict, eq=False)

    def get(self, key: str, default: Any = None) -> Any:
        """One value of ``data``."""
        return self.data.get(key, default)


def _num(tok: Token | None) -> Decimal | None:
    if tok is None:
        return None
    s = str(tok).strip()
    try:
        return Decimal(s.replace(",", ""))
    except ArithmeticError:
        return cn_number(s)


def _span(items: list[Any]) -> tuple[int, int]:
    starts = [getattr(i, "start_pos", None) if isinstance(i, Token) else getattr(i, "start", None)
              for i in items if i is not None]
    ends = [getattr(i, "end_pos", None) if isinstance(i, Token) else getattr(i, "end", None)
            for i in items if i is not None]
    s = [x for x in starts if x is not None]
    e = [x for x in ends if x is not None]
    return (min(s) if s else 0, max(e) if e else 0)


@v_args(inline=True)
class _Phrases(Transformer[Token, tuple[Phrase, ...]]):
    """Parse tree → phrases (one small method per rule)."""

    def start(self, *items: Phrase) -> tuple[Phrase, ...]:
        return tuple(items)

    def _p(self, kind: str, parts: list[Any], **data: Any) -> Phrase:
        s, e = _span(parts)
        return Phrase(kind, s, e, data)

    # points
    def pts(self, num: Token, fen: Token) -> Phrase:
        return self._p("pts", [num, fen], lo=_num(num), hi=_num(num))

    def pts_range(self, tok: Token) -> Phrase:
        a, b = (Decimal(x) for x in _NUMS.findall(str(tok))[:2])
        return self._p("pts", [tok], lo=min(a, b), hi=max(a, b))

    def paren_pts(self, lp: Token, a: Token, _d: Token | None, b: Token | None,
                  _f: Token | None, rp: Token) -> Phrase:
        lo, hi = _num(a), _num(b) if b is not None else _num(a)
        assert lo is not None and hi is not None
        return self._p("pts", [lp, rp], lo=min(lo, hi), hi=max(lo, hi), bracket=True)

    def cell_pts(self, tok: Token) -> Phrase:
        nums = [Decimal(x) for x in _NUMS.findall(str(tok))]
        return self._p("pts", [tok], lo=min(nums), hi=max(nums), cell=True)

    def points(self, p: Phrase) -> Phrase:
        return attrs.evolve(p, kind="points")

    def award(self, tok: Token, p: Phrase) -> Phrase:
        return Phrase("award", tok.start_pos or 0, p.end, dict(p.data))

    def deduct(self, tok: Token, p: Phrase | Token) -> Phrase:
        if isinstance(p, Token):
            v = _num(p)
            return Phrase("deduct", tok.start_pos or 0, p.end_pos or 0, {"lo": v, "hi": v})
        return Phrase("deduct", tok.start_pos or 0, p.end, dict(p.data))

    def add(self, tok: Token, p: Phrase) -> Phrase:
        return Phrase("add", tok.start_pos or 0, p.end, dict(p.data))

    # quantities and conditions
    def qty(self, num: Token, unit: Token | None) -> Phrase:
        return self._p("qty", [num, unit], value=_num(num), unit=str(unit or "").strip())

    def qty_i(self, q: Phrase, incl: Token | None) -> Phrase:
        return Phrase("qty", q.start, incl.end_pos or q.end if incl else q.end,
                      {**q.data, "incl": incl is not None})

    def cmp(self, op: Token, incl: Token | None, q: Phrase, post: Token | None) -> Phrase:
        return Phrase("cond", op.start_pos or 0, post.end_pos or q.end if post else q.end,
                      {"form": "cmp", "op": str(op), "qty": q, "incl": incl is not None
                       or q.get("incl"), "post": str(post or "").strip()})

    def cmp_ref(self, op: Token, ref: Token) -> Phrase:
        return self._p("cond", [op, ref], form="ref", op=str(op), ref=str(ref))

    def post(self, q: Phrase, post: Token) -> Phrase:
        return Phrase("cond", q.start, post.end_pos or q.end,
                      {"form": "post", "qty": q, "post": str(post).strip(), "incl": q.get("incl")})

    def range(self, a: Phrase, _dash: Token, b: Phrase) -> Phrase:
        return Phrase("cond", a.start, b.end, {"form": "range", "lo": a, "hi": b})

    # limits
    def clamp_all(self, tok: Token) -> Phrase:
        return self._p("clamp", [tok], form="all")

    def clamp_upto(self, tok: Token, n: Token, _f: Token, stop: Token) -> Phrase:
        return self._p("clamp", [tok, stop], form="upto", n=_num(n))

    def max_deduct(self, tok: Token, n: Token, f: Token) -> Phrase:
        return self._p("clamp", [tok, f], form="max_deduct", n=_num(n))

    def max_score(self, tok: Token, n: Token, f: Token | None) -> Phrase:
        return self._p("clamp", [tok, n], form="max_score", n=_num(n))

    def formula(self, head: Token, *rest: Any) -> Phrase:
        terms: list[Any] = []
        ops: list[str] = []
        for r in rest:
            if isinstance(r, Token) and r.type == "FOP":
                ops.append(str(r).strip())
            else:
                terms.append(r)
        return self._p("formula", [head, *[t for t in rest if isinstance(t, Token)]],
                       terms=tuple(terms), ops=tuple(ops), head=str(head))

    def fterm(self, *toks: Token | None) -> Any:
        out: dict[str, Any] = {}
        for tok in toks:
            if tok is None:
                continue
            if tok.type == "NUMBER":
                out["number"] = _num(tok)
            elif tok.type in ("UNIT", "BEI"):
                out["unit"] = str(tok)
            elif tok.type == "FCAP":
                out["cap"] = Decimal(_NUMS.findall(str(tok))[-1])
            else:
                out["word"] = str(tok).strip()
        return out

    def basis(self, tok: Token, q: Phrase, end: Token) -> Phrase:
        return self._p("basis", [tok, end], qty=q)

    def times(self, tok: Token, what: Phrase | Token) -> Phrase:
        if isinstance(what, Token):
            return self._p("times", [tok, what], word=str(what))
        return Phrase("times", tok.start_pos or 0, what.end, {"qty": what})

    def each_worth(self, tok: Token, p: Phrase) -> Phrase:
        return Phrase("each_worth", tok.start_pos or 0, p.end, dict(p.data))

    def __default__(self, data: str, children: list[Any], meta: Any) -> Any:
        tok = children[0] if children else None
        if isinstance(tok, Token):
            return Phrase(str(data), tok.start_pos or 0, tok.end_pos or 0, {"text": str(tok)})
        return Phrase(str(data), 0, 0, {})


def build_parser(*, strict: bool = False) -> Lark:
    """A new LALR parser of ``criteria.lark`` (contextual lexer, positions kept)."""
    with _collision_check(strict):
        return Lark.open_from_package(_PACKAGE, "criteria.lark", parser="lalr",
                                      lexer="contextual", maybe_placeholders=True,
                                      strict=strict, cache=False)


@memo(maxsize=None)
def parser() -> Lark:
    """The shared parser (built once)."""
    return build_parser()


def _expected(names: Any) -> tuple[str, ...]:
    out: list[str] = []
    for n in sorted(names or ()):
        label = KEYWORD_NAMES.get(n, n)
        if label not in out:
            out.append(label)
    return tuple(out)


def syntax_error(prep: Prepared, message: str, index: int, length: int = 1, *,
                 expected: tuple[str, ...] = (), hint: str | None = None) -> CriterionSyntaxError:
    """A `CriterionSyntaxError` at *index* of the prepared text, placed in the author's text."""
    col = prep.column(index)
    end = prep.column(index + max(1, length) - 1) + 1 if index < len(prep.text) else col + 1
    return CriterionSyntaxError(message, text=prep.original, column=col,
                                length=max(1, end - col), expected=expected, hint=hint)


def _translate(prep: Prepared, err: UnexpectedInput) -> CriterionSyntaxError:
    expected = _expected(getattr(err, "expected", None) or getattr(err, "allowed", None))
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken)
                                          and err.token.type == "$END"):
        return syntax_error(prep, "cannot read the criterion: it ends too early",
                            len(prep.text), expected=expected,
                            hint="a number or a word is missing at the end")
    if isinstance(err, UnexpectedToken):
        tok = err.token
        what = KEYWORD_NAMES.get(tok.type, str(tok))
        return syntax_error(prep, f'cannot read the criterion: unexpected "{tok}" ({what})',
                            tok.start_pos or 0, len(str(tok)), expected=expected,
                            hint=("a number of points is missing" if "60" in expected
                                  or "分" in expected else None))
    assert isinstance(err, UnexpectedCharacters)
    pos = int(err.pos_in_stream or 0)
    return syntax_error(prep, "cannot read the criterion: unexpected "
                        f'"{prep.text[pos:pos + 1]}"', pos, expected=expected)


@memo(maxsize=4096)
def read(text: str) -> tuple[Prepared, tuple[Phrase, ...]]:
    """Prepare and parse *text*: its `Prepared` form and its phrases.

    Raises:
        CriterionSyntaxError: the grammar cannot read it (with a caret in *text*).
    """
    prep = prepare(text)
    failure: UnexpectedInput | None = None
    try:
        tree = parser().parse(prep.text)
    except UnexpectedInput as e:
        failure = e
    if failure is not None:
        # a truncated copy: the clause cut off in the middle is dropped (and said so)
        cut = max(prep.text.rfind(ch) for ch in ";；。,，") if prep.truncated else -1
        if cut <= 0:
            raise detached(_translate(prep, failure))
        prep = attrs.evolve(prep, text=prep.text[:cut], origin=prep.origin[:cut],
                            notes=(*prep.notes, "truncated=not_triggered: the clause cut off "
                                   f"at the end ({prep.text[cut + 1:]}…) is left out"))
        try:
            tree = parser().parse(prep.text)
        except UnexpectedInput as e2:
            failure = e2
        else:
            failure = None
        if failure is not None:
            # raised outside the handler: no lark exception rides along as __context__
            raise detached(_translate(prep, failure))
    return prep, _Phrases().transform(tree)


def phrases(text: str) -> tuple[Phrase, ...]:
    """The phrases of *text* (see `read`)."""
    return read(text)[1]
