"""Parse tree → target objects. One small method per grammar rule.

Semantic checks that the grammar cannot express (contradictory comparators, a range that runs
backwards, month 13) raise `perfindicators.errors.TargetSyntaxError` with the position
of the offending token.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
from lark import Token, Transformer, v_args

from . import units as q
from ._nodes import DANGLING_NEGATOR, RATE_WORDS, CueNotes, basis_of, level_of
from ._nodes import Measure as _Measure
from ._nodes import Point as _Point
from ._nodes import Q as _Q
from ._nodes import Text as _Text
from ._nodes import Words as _Words
from ._nodes import merge_dotted as _merge_dotted
from ._nodes import pos as _pos
from ._nodes import whole_month as _whole_month
from ._numerals import SCALES, cn_to_decimal, parse_decimal
from ._prepare import split_tiers
from .changes import Relative, Tolerance, Trend
from .errors import TargetSyntaxError, UnknownUnitError
from .periods import PartialDate, month_last_day
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
    Target,
    classify_text,
)

__all__ = ["TargetBuilder"]

_CMP = {"GE": Op.GE, "GT": Op.GT, "LE": Op.LE, "LT": Op.LT, "EQ": Op.EQ}
_QUARTER_NO = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DOTTED_MONTH = re.compile(r"^(19|20|21)\d\d\.(0[1-9]|1[0-2])$")
_TEN_DAYS = {"上旬": 10, "中旬": 20}
# a number followed by more words than this, inside a sentence, qualifies a noun phrase
# ("拥有1件(含)以上高价值发明专利且围绕…的企业"): the clause is text, not a target
_MAX_TAIL = 8


@v_args(inline=True)
class TargetBuilder(CueNotes, Transformer[Token, Target]):
    """Builds a target from one parse tree of one (normalised) text."""

    # The builder runs inside the LALR parser (lark's ``transformer=`` option: no tree is
    # built), so one instance serves every parse; the text being parsed, its year and its
    # strictness live in a thread-local context that `run` sets.
    _context = threading.local()

    @property
    def text(self) -> str:
        """The text as the user wrote it (normalised); the parser may read it masked."""
        return str(self._context.text)

    @property
    def form_year(self) -> int | None:
        year: int | None = self._context.year
        return year

    @property
    def strict(self) -> bool:
        return bool(self._context.strict)

    def run(self, parse: Callable[[str], Any], text: str, *, year: int | None,
            strict: bool, masked: str | None = None) -> Target:
        """Parse *text* with *parse* (the lark parser built with this builder).

        *masked*, of the same length, is what the parser reads: *text* with the qualifiers
        of the subject's name (PM2.5, 65岁以上) blanked; subjects are cut from *text*."""
        ctx = self._context
        ctx.text, ctx.year, ctx.strict = text, year, strict
        ctx.cues, ctx.text_spans = [], []
        result = parse(masked if masked is not None else text)
        assert isinstance(result, Target)
        return result

    # -- helpers --------------------------------------------------------------------------
    def _error(self, message: str, start: int, end: int | None = None, hint: str | None = None,
               ) -> TargetSyntaxError:
        return TargetSyntaxError(f"cannot read the target: {message}", text=self.text,
                                 column=start, length=max(1, (end or start + 1) - start), hint=hint)

    def _date(self, p: _Point) -> PartialDate:
        if p.year is None and p.year_number is not None:
            raise self._error(f"{p.year_number}年 is not a calendar year", p.start, p.end)
        try:
            return PartialDate(p.year, p.month, p.day).with_year(self.form_year)
        except ValueError as e:
            raise self._error(str(e), p.start, p.end) from None

    # -- words ----------------------------------------------------------------------------
    def words(self, *toks: Token) -> _Words:
        start, _ = _pos(toks[0])
        _, end = _pos(toks[-1])
        self._context.text_spans.append((start, end))
        scope = "".join(str(t) for t in toks if t.type == "SCOPE") or None
        return _Words(self.text[start:end], scope, start, end)

    # -- numbers and quantities -----------------------------------------------------------
    def number(self, num: Token, scale: Token | None) -> tuple[Decimal, int, int]:
        start, end = _pos(scale or num)
        start = _pos(num)[0]
        value = parse_decimal(str(num))
        if scale is not None:
            value = value * SCALES[str(scale)]
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))  # 3.5万 is 35000, not 35000.0
        return value, start, end

    def unit(self, *items: Any) -> tuple[Any, int, int, bool]:
        parts: list[tuple[str, str]] = []
        op = ""
        unknown = False
        for it in items:
            if isinstance(it, Token) and it.type == "UNIT_OP":
                op = str(it)
            else:
                word, tok = it
                parts.append((op, word))
                op = ""
                unknown = unknown or tok.type == "UNKNOWN_UNIT"
        first = items[0][1]
        last = items[-1][1]
        start, end = _pos(first)[0], _pos(last)[1]
        parts = _merge_dotted(parts) if len(parts) > 1 else parts  # one word: nothing to merge
        try:
            if len(parts) == 1:
                unit = q.resolve_unit(parts[0][1], strict=self.strict)
            else:
                unit = q.compound_unit(parts, strict=self.strict)
        except UnknownUnitError as e:
            raise UnknownUnitError(e.unit, e.suggestions, text=self.text,
                                   column=self.text.find(e.unit, start)) from None
        return unit, start, end, unknown

    def simple_unit(self, tok: Token) -> tuple[str, Token]:
        return str(tok), tok

    def quantity(self, number: tuple[Decimal, int, int], unit: Any) -> _Q:
        value, start, end = number
        if unit is None:
            return _Q(q.make(value, None), False, False, start, end, self.text[start:end])
        return self._with_unit(value, start, unit)

    def _with_unit(self, value: Decimal, start: int, unit: Any) -> _Q:
        u, ustart, uend, unknown = unit
        if self.text[ustart:uend] == "成":  # 九成, 9成: tenths
            return _Q(q.make(value * 10, q.resolve_unit("%")), True, False, start, uend,
                      self.text[start:uend])
        return _Q(q.make(value, u), True, unknown, start, uend, self.text[start:uend])

    def cn_quantity(self, num: Token, unit: Any) -> _Q:
        start, _ = _pos(num)
        try:
            value = cn_to_decimal(str(num))
        except ValueError:
            raise self._error(f"{num} is not a Chinese numeral", *_pos(num)) from None
        return self._with_unit(value, start, unit)

    def pct_cn_quantity(self, tok: Token) -> _Q:
        start, end = _pos(tok)
        digits = str(tok)[3:]
        unit = "%" if str(tok).startswith("百") else "‰"
        try:
            value = Decimal(digits) if digits[0].isdigit() else cn_to_decimal(digits)
        except (ValueError, InvalidOperation, KeyError):
            raise self._error(f"{tok} is not a percentage", start, end) from None
        return _Q(q.make(value, q.resolve_unit(unit)), True, False, start, end, str(tok))

    def _same_unit(self, a: _Q, b: _Q) -> tuple[Any, Any]:
        """Two quantities of a list: one written without a unit takes the other's."""
        av, bv = a.value, b.value
        if not a.unit_written and b.unit_written:
            av = q.make(Decimal(av.magnitude), bv.units)
        elif a.unit_written and not b.unit_written:
            bv = q.make(Decimal(bv.magnitude), av.units)
        try:
            q.compare_units(av.units, bv.units)
        except Exception as e:
            raise self._error(str(e).split("\n")[0], a.start, b.end) from None
        return av, bv

    def range(self, low: _Q, sep: Token, high: _Q) -> Range | Period:
        if (not low.unit_written and not high.unit_written and _DOTTED_MONTH.match(low.raw)
                and _DOTTED_MONTH.match(high.raw)):
            y1, m1 = low.raw.split(".")
            y2, m2 = high.raw.split(".")
            try:
                return Period(PartialDate(int(y1), int(m1)), PartialDate(int(y2), int(m2)))
            except ValueError as e:
                raise self._error(str(e), low.start, high.end) from None
        if (not low.unit_written and self.text[high.start:high.end].endswith("月")
                and _whole_month(low.value.magnitude) and _whole_month(high.value.magnitude)
                and not self.text[high.start:high.end].endswith("个月")):
            # 1-12月: the months of the form's year, not a range of durations
            try:
                return Period(PartialDate(self.form_year, int(low.value.magnitude)),
                              PartialDate(self.form_year, int(high.value.magnitude)))
            except ValueError as e:
                raise self._error(str(e), low.start, high.end) from None
        lv, hv = self._same_unit(low, high)
        try:
            return Range(lv, hv)
        except ValueError as e:
            raise self._error(str(e), low.start, high.end,
                              hint="write the lower bound first, e.g. 90%-95%") from None

    def between_range(self, _b: Token, low: _Q, _and: Token, high: _Q, _e: Token) -> Range | Period:
        return self.range(low, _and, high)

    def bracket_range(self, _b: Token, low: _Q, _and: Token, high: _Q, _e: Token) -> Range | Period:
        return self.range(low, _and, high)

    def value_list(self, *items: Any) -> list[_Q]:
        return [i for i in items if isinstance(i, _Q)]

    # -- comparators ----------------------------------------------------------------------
    def cmp(self, tok: Token) -> tuple[Op | None, Token]:
        return (None if tok.type == "CONTROL" else _CMP[tok.type]), tok

    def post(self, _incl: Token | None, tok: Token) -> tuple[Op, Token]:
        return (Op.GE if tok.type == "GE_POST" else Op.LE), tok

    def incl_post(self, tok: Token) -> None:
        return None  # "(含)" alone: the bound is included, which the comparator already says

    def _combine(self, pre: tuple[Op | None, Token] | None, post: tuple[Op, Token] | None) -> Op | None:
        op = pre[0] if pre else None
        if post is None:
            return Op.LE if (pre is not None and op is None) else op  # 控制在… → at most
        if op is None or op is Op.EQ:
            return post[0]
        if op.at_least and post[0] is Op.GE:
            return op
        if op.at_most and post[0] is Op.LE:
            return op
        start, end = _pos(post[1])
        raise self._error(f'"{pre[1] if pre else ""}" and "{post[1]}" say opposite things',
                          start, end, hint="keep one comparator")

    # -- measured clauses -----------------------------------------------------------------
    def _measure_of(self, op: Op | None, value: Any, bare: bool) -> _Measure:
        if isinstance(value, _Q):
            return _Measure(Comparison(op, value.value), bare=bare,
                            weak=bare and (value.unknown_unit or not value.unit_written),
                            start=value.start, end=value.end)
        if isinstance(value, _Point):
            return _Measure(self._point_target(op, value))
        if isinstance(value, Range | Period):
            if op is not None:
                raise self._error("a range takes no comparator", 0, len(self.text),
                                  hint="write 90%-95%, or one bound: ≥90%")
            return _Measure(value)
        raise TypeError(value)  # pragma: no cover - the grammar allows nothing else

    def _point_target(self, op: Op | None, p: _Point) -> Comparison | Deadline | Period:
        if p.month is None and p.year is None:
            # "≥20年": a number of years, not a calendar year
            assert p.year_number is not None
            return Comparison(op, q.make(p.year_number, q.resolve_unit("年")))
        if op is None:
            date = self._date(p)
            if date.month is None:
                return Period(PartialDate(date.year, 1), PartialDate(date.year, 12))
            return Deadline(date)
        if op in (Op.LE, Op.EQ):
            return Deadline(self._date(p))
        if op is Op.LT:
            date = self._date(p)
            if date.day is not None:
                raise self._error("a deadline before a day: write the last day allowed",
                                  p.start, p.end, hint="e.g. 6月29日前")
            return Deadline(date, before=True)
        raise self._error("a date cannot be a lower bound", p.start, p.end,
                          hint="write the date to finish by, e.g. 12月底前")

    def cmp_measure(self, cmp: tuple[Op | None, Token], _gap: _Words | None, value: Any,
                    post: tuple[Op, Token] | None) -> _Measure:
        return self._measure_of(self._combine(cmp, post), value, bare=False)

    def bare_measure(self, value: Any, post: tuple[Op, Token] | None) -> _Measure:
        op = post[0] if post else None
        return self._measure_of(op, value, bare=post is None)

    def polarity_measure(self, pol: Token, cmp: tuple[Op | None, Token], value: Any) -> _Measure:
        op = cmp[0]
        if op is Op.EQ or op is None:
            op = Op.GE if str(pol) == "正向" else Op.LE
        elif (str(pol) == "正向") != op.at_least:
            start, end = _pos(cmp[1])
            raise self._error(f'"{pol}" and "{cmp[1]}" say opposite things', start, end)
        return self._measure_of(op, value, bare=False)

    def multi_measure(self, _f: Token, cmp: tuple[Op | None, Token], values: list[_Q]) -> _Measure:
        unit_of = next((v for v in reversed(values) if v.unit_written), None)
        qs = []
        for v in values:
            if unit_of is not None and not v.unit_written:
                qs.append(q.make(Decimal(v.value.magnitude), unit_of.value.units))
            else:
                qs.append(v.value)
        op = cmp[0] if cmp[0] is not None else Op.LE
        return _Measure(Multi(op, qs))

    def plus_minus(self, center: _Q | None, pm: Token, dev: _Q,
                   post: tuple[Op, Token] | None) -> _Measure:
        if post is not None and post[0] is not Op.LE:
            raise self._error(f'"{post[1]}" after a tolerance: write ±2% or ±2%以内', *_pos(post[1]))
        return self._tolerance(center, dev, strict=False, tok=pm)

    def _tolerance(self, center: _Q | None, dev: _Q, *, strict: bool, tok: Token) -> _Measure:
        deviation = dev.value
        if dev.value.magnitude < 0:
            deviation = q.make(-dev.value.magnitude, dev.value.units)
        try:
            if center is not None:
                cv, deviation = self._same_unit(center, attrs.evolve(dev, value=deviation))
                return _Measure(Tolerance(deviation, cv))
            return _Measure(Tolerance(deviation, None, strict=strict))
        except ValueError as e:
            raise self._error(str(e).split("\n")[0], *_pos(tok)) from None

    def tolerance(self, tol: Token, cmp: tuple[Op | None, Token] | None, _pm: Token | None,
                  dev: _Q, post: tuple[Op, Token] | None) -> _Measure:
        op = self._combine(cmp, post) if (cmp or post) else None
        if op is not None and not (op.at_most or op is Op.EQ):
            where = cmp[1] if cmp is not None else tol
            raise self._error(f'an error bound is an upper bound: "{where}" says the opposite',
                              *_pos(where), hint="e.g. 误差不超过2%")
        return self._tolerance(None, dev, strict=op is Op.LT, tok=tol)

    def cmp_plus_minus(self, cmp: tuple[Op | None, Token], pm: Token, dev: _Q,
                       post: tuple[Op, Token] | None) -> _Measure:
        """控制在±5%以内: a tolerance with the comparator before it."""
        return self.tolerance(pm, cmp, pm, dev, post)

    def trend(self, tok: Token) -> Token:
        return tok

    def rel_change(self, basis: Token | None, trend: Token, cmp: tuple[Op | None, Token] | None,
                   amount: _Q, post: tuple[Op, Token] | None) -> _Measure:
        op = self._combine(cmp, post) if (cmp or post) else None
        direction = Trend.UP if trend.type == "TREND_UP" else Trend.DOWN
        if not amount.unit_written:
            raise self._error("the change needs its unit: % or 个百分点", amount.start, amount.end,
                              hint="e.g. 较上年增长10%")
        try:
            return _Measure(Relative(direction, op, amount.value, basis=basis_of(basis),
                                     rate=str(trend) in RATE_WORDS))
        except ValueError as e:
            raise self._error(str(e), amount.start, amount.end) from None

    def rel_trend(self, basis: Token | None, trend: Token) -> _Measure:
        direction = Trend.UP if trend.type == "TREND_UP" else Trend.DOWN
        start = _pos(basis or trend)[0]
        return _Measure(Relative(direction, Op.GT, None, basis=basis_of(basis)),
                        bare=True, weak=True, start=start, end=_pos(trend)[1])

    def rel_flat(self, basis: Token | None, _flat: Token) -> _Measure:
        return _Measure(Relative(Trend.FLAT, basis=basis_of(basis)))

    def rel_level(self, tok: Token) -> _Measure:
        trend, op = level_of(str(tok))
        return _Measure(Relative(trend, op, None))

    def rel_yearly(self, tok: Token) -> _Measure:
        trend = Trend.UP if tok.type == "YEARLY_UP" else Trend.DOWN
        start, end = _pos(tok)
        return _Measure(Relative(trend, Op.GT, None), bare=True, weak=True, start=start, end=end)

    def each_measure(self, each: Token, value: Any) -> _Measure:
        inner = self._measure_of(None, value, bare=False).target
        assert isinstance(inner, Comparison | Range)
        return _Measure(Scoped("各", inner))

    # -- deadlines and periods ------------------------------------------------------------
    def year(self, num: Token, _y: Token) -> tuple[str, Decimal, Token]:
        value = cn_to_decimal(str(num)) if num.type == "CN_NUMBER" else parse_decimal(str(num))
        return "Y", value, num

    def month(self, num: Token, _m: Token) -> tuple[str, Decimal, Token]:
        value = cn_to_decimal(str(num)) if num.type == "CN_NUMBER" else parse_decimal(str(num))
        return "M", value, num

    def day(self, num: Token, _d: Token) -> tuple[str, Decimal, Token]:
        return "D", parse_decimal(str(num)), num

    def point(self, *parts: Any) -> _Point:
        found = {p[0]: p for p in parts if p is not None}
        toks = [p[2] for p in parts if p is not None]
        start = _pos(toks[0])[0]
        end = _pos(toks[-1])[1] + 1
        year = month = day = None
        year_number = None
        for key, value, tok in found.values():
            whole = value == value.to_integral_value()
            if key == "Y" and not (whole and 1900 <= value <= 2199):
                year_number = value  # a number of years (≥3.5年), not a calendar year
                continue
            if not whole:
                raise self._error(f"{tok} is not a whole number", *_pos(tok))
            n = int(value)
            if key == "Y":
                year = n
            elif key == "M":
                month = n
            else:
                day = n
        if year_number is not None and (month is not None or day is not None):
            raise self._error(f"{year_number}年 is not a calendar year", start, end)
        return _Point(year, month, day, year_number, start, end)

    def deadline_incl(self, p: _Point, end: Token | None, incl: Token, before: Token) -> Target:
        return self.deadline(p, end, before)

    def deadline(self, p: _Point, end: Token | None, before: Token | None) -> Target:
        if p.year is None and p.month is None:
            # "20年" standing alone: a number of years
            return self._point_target(None, p)
        date = self._date(p)
        if end is None and before is None and date.month is None:
            return Period(PartialDate(date.year, 1), PartialDate(date.year, 12))
        if end is None and before is not None and date.day is None:
            return Deadline(date, before=True)  # 9月前: before September
        if end is not None and date.day is not None:
            raise self._error("a day has no end: write 6月30日前", *_pos(end))
        return Deadline(date)

    def year_end(self, _tok: Token, _before: Token | None) -> Deadline:
        return Deadline(PartialDate(self.form_year, 12))

    def _next_year(self, tok: Token) -> int:
        if self.form_year is None:
            raise self._error(f"{tok} is the year after the form's: pass year=", *_pos(tok),
                              hint="parse(text, year=2021)")
        return self.form_year + 1

    def next_year(self, tok: Token, p: _Point, end: Token | None, before: Token | None,
                  ) -> Target:
        if p.year is not None or p.month is None:
            raise self._error(f"{tok} takes a month: 次年3月底前", *_pos(tok))
        year = self._next_year(tok)
        shifted = _Point(year, p.month, p.day, None, p.start, p.end)
        if end is None and before is not None and p.day is None:
            return Deadline(self._date(shifted), before=True)
        return Deadline(self._date(shifted))

    def next_year_end(self, tok: Token, _end: Token | None, _before: Token | None) -> Deadline:
        return Deadline(PartialDate(self._next_year(tok), 12))

    def ten_days(self, p: _Point, tok: Token, _before: Token | None) -> Deadline:
        date = self._date(p)
        if date.month is None or date.day is not None:
            raise self._error(f"{tok} follows a month: 11月中旬前", *_pos(tok))
        day = _TEN_DAYS.get(str(tok))
        if day is None:  # 下旬: the month's last day
            day = month_last_day(date.year or 2000, date.month)
        try:
            return Deadline(PartialDate(date.year, date.month, day))
        except ValueError as e:
            raise self._error(str(e), *_pos(tok)) from None

    def dotted_deadline(self, tok: Token, _incl: Token | None, _before: Token) -> Deadline:
        m, d = (int(x) for x in str(tok).split("."))
        try:
            return Deadline(PartialDate(self.form_year, m, d))
        except ValueError as e:
            raise self._error(str(e), *_pos(tok)) from None

    def iso_deadline_incl(self, tok: Token, incl: Token, before: Token) -> Deadline:
        return self.iso_deadline(tok, before, incl)

    def iso_deadline(self, tok: Token, _before: Token | None, _incl: Token | None) -> Deadline:
        y, m, d = (int(x) for x in re.split(r"[-./]", str(tok)))
        try:
            return Deadline(PartialDate(y, m, d))
        except ValueError as e:
            raise self._error(str(e), *_pos(tok)) from None

    def quarter(self, year: Any, tok: Token) -> Period:
        word = str(tok).lstrip("第").removesuffix("季度")
        n = _QUARTER_NO.get(word)
        if n is None:
            raise self._error(f"there is no {tok}: a year has four quarters", *_pos(tok),
                              hint="第一季度 to 第四季度")
        y = self._year_of(year)
        return Period(PartialDate(y, 3 * n - 2), PartialDate(y, 3 * n))

    def half_year(self, year: Any, tok: Token) -> Period:
        y = self._year_of(year)
        first = str(tok) == "上半年"
        return Period(PartialDate(y, 1 if first else 7), PartialDate(y, 6 if first else 12))

    def _year_of(self, year: tuple[str, Decimal, Token] | None) -> int | None:
        if year is None:
            return self.form_year
        n = int(year[1])
        if not 1900 <= n <= 2199:
            raise self._error(f"{year[1]}年 is not a calendar year", *_pos(year[2]))
        return n

    def period(self, a: _Point, _sep: Token, b: _Point) -> Period:
        start = self._date(a)
        if b.year is None and start.year is not None:
            b = attrs.evolve(b, year=start.year)
        end = self._date(b)
        try:
            if start.month is None and end.month is None:
                return Period(PartialDate(start.year, 1), PartialDate(end.year, 12))
            return Period(start, end)
        except ValueError as e:
            raise self._error(str(e), a.start, b.end) from None

    def point_post(self, p: _Point, post: tuple[Op, Token] | None) -> Target:
        if post is None:  # "(含)" alone after a date: the day itself is allowed
            return self.deadline(p, None, None)
        return self._point_target(post[0], p)

    # -- clauses --------------------------------------------------------------------------
    def text_clause(self, words: _Words) -> _Text:
        return _Text(words.text, words.start, words.end)

    def when_clause(self, lead: _Words | None, when: Target, tail: _Words | None) -> Target:
        subject = " ".join(w.text for w in (lead, tail) if w is not None) or None
        return attrs.evolve(when, subject=subject) if subject else when  # type: ignore[call-arg]

    def when_measure_clause(self, lead: _Words | None, when: Target, mid: _Words,
                            measure: _Measure, tail: _Words | None) -> AllOf:
        first = self.when_clause(lead, when, mid)
        second = self._measured(mid, measure, tail)
        return AllOf([first, second])

    def measure_clause(self, lead: _Words | None, m: _Measure, tail: _Words | None,
                       ) -> Target | _Text:
        if lead is not None and lead.text.rstrip().endswith(DANGLING_NEGATOR):
            if self.strict:
                neg = next(n for n in DANGLING_NEGATOR if lead.text.rstrip().endswith(n))
                at = lead.start + len(lead.text.rstrip()) - len(neg)
                raise self._error(f'"{neg}" negates a comparator that cannot be negated here',
                                  at, at + len(neg), hint="write the bound itself, e.g. <95%")
            end = tail.end if tail is not None else max(m.end, len(self.text.rstrip()))
            self._context.text_spans.append((lead.start, end))
            return _Text(self.text[lead.start:end], lead.start, end)
        sentence = (lead is not None and lead.scope is None and tail is not None
                    and len(tail.text) > _MAX_TAIL)
        if sentence or (m.bare and ((lead is not None and tail is not None and lead.scope is None)
                                    or (m.weak and tail is not None))):
            # a number inside a sentence ("…发债规模的1%给予…"): text, not a target
            start = lead.start if lead is not None else m.start
            end = tail.end if tail is not None else m.end
            self._context.text_spans.append((start, end))
            return _Text(self.text[start:end], start, end)
        return self._measured(lead, m, tail)

    def _measured(self, lead: _Words | None, m: _Measure, tail: _Words | None) -> Target:
        subject = " ".join(w.text for w in (lead, tail) if w is not None) or None
        target = m.target
        if lead is not None and lead.scope is not None and isinstance(
                target, Comparison | Multi | Range):
            return Scoped(lead.scope, target, subject=subject)
        return attrs.evolve(target, subject=subject) if subject else target

    def qual_clause(self, _mark: Token, words: _Words | None) -> Target:
        if words is None:
            raise self._error("定性 needs the words of the target", *_pos(_mark),
                              hint="e.g. 定性 优良中低差")
        text = words.text.replace(" ", "")
        return Qualitative(text, split_tiers(text))

    def start(self, *clauses: Target | _Text) -> Target:
        targets = [c for c in clauses if isinstance(c, Target)]
        if not targets:
            return classify_text(self.text, reason="no number, date or comparator to check")
        if len(targets) == 1:
            t = targets[0]
            texts = [c.text for c in clauses if isinstance(c, _Text)]
            if texts and getattr(t, "subject", None) is None and hasattr(t, "subject"):
                return attrs.evolve(t, subject="，".join(texts))  # type: ignore[call-arg]
            return t
        return AllOf(targets)
