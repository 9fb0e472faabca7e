"""Text → targets and actual values. The only module that lets lark errors in, and it turns
them into ours.

>>> import perfindicators as pi
>>> pi.parse("≥60项")
Comparison('≥60项')
>>> pi.parse("12月底前", year=2021)
Deadline('2021年12月底前')
>>> pi.parse("效果明显")
Qualitative('效果明显')
>>> pi.parse_actual("64项"), pi.parse_actual("达成预期指标")
(Measured('64项'), Judged('达成预期指标', tier='met'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

from . import _cache
from . import units as q
from ._grammar import fast_parser
from ._normalize import clean_text, normalize, squeeze
from ._prepare import malformed_separator, mask_qualifiers, read_scale
from .actuals import (
    Actual,
    Approx,
    Change,
    Claimed,
    Compound,
    DateValue,
    Judged,
    Measured,
    Missing,
    TextValue,
    tier_of,
)
from .changes import Relative, Trend
from .errors import (
    BatchError,
    PerfIndicatorError,
    RowError,
    TargetSyntaxError,
    UnknownUnitError,
    detached,
)
from .periods import PartialDate, check_year
from .targets import (
    AllOf,
    Comparison,
    Deadline,
    Op,
    Period,
    Qualitative,
    Scoped,
    Statement,
    Target,
    classify_text,
)

__all__ = ["parse", "parse_actual", "parse_many"]

# what each terminal is called in an error message
_NAMES = {
    "NUMBER": "a number", "CN_NUMBER": "a number", "PCT_CN": "a percentage",
    "KNOWN_UNIT": "a unit", "UNKNOWN_UNIT": "a unit", "UNIT_OP": "/",
    "GE": "≥", "GT": ">", "LE": "≤", "LT": "<", "EQ": "=", "CONTROL": "控制在",
    "GE_POST": "以上", "LE_POST": "以内", "TEXT": "words", "SCOPE": "每…", "EACH": "各",
    "RANGE_SEP": "-", "NUM_AND": "、", "YEAR": "年", "MONTH": "月", "DAY": "日",
    "END": "底", "BEFORE": "前", "QUARTER": "季度", "HALF": "上半年", "LBRACK": "[",
    "RBRACK": "]", "BETWEEN_END": "之间", "$END": "the end", "_SEP": "，", "SCALE": "万",
    "BETWEEN": "介于", "FENBIE": "分别", "INCL": "(含)", "ASCII_UNIT": "a unit",
    "POLARITY": "正向", "QUALMARK": "定性", "YEAR_END": "年底", "BASIS": "较上年",
    "DOTTED_DAY": "9.30", "ISO_DATE": "2021-12-31", "NEXT_YEAR": "次年", "TENDAY": "上旬",
    "TOLERANCE": "误差", "PLUS_MINUS": "±", "TREND_UP": "增长", "TREND_DOWN": "下降",
    "FLAT": "持平", "YEARLY_UP": "逐年提高", "YEARLY_DOWN": "逐年下降", "LEVEL_CMP": "不低于上年",
}
# A text that starts like this was meant as a measured target: failing to read it is an error,
# not a statement.
_MEASURED_START = re.compile(r"^\s*(?:[≥≤<>=~\d.]|百分之)")
_CMP_TYPES = {"GE", "GT", "LE", "LT", "EQ", "CONTROL"}
_CLAUSE_COMMA = re.compile(r"(?<![\d\[])[，,](?=\s*[-+]?\d)(?![^\[]*\])")


def _expected(names: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for n in sorted(names):
        label = _NAMES.get(n, n)
        if label not in seen:
            seen.append(label)
    return tuple(seen)


def _syntax_error(text: str, err: UnexpectedInput) -> TargetSyntaxError:
    expected = _expected(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())
    if (isinstance(err, UnexpectedToken) and err.token.type == "$END") or isinstance(
            err, UnexpectedEOF):
        column = len(text.rstrip())
        prev = text.rstrip()[-1:] if text.strip() else ""
        if (prev and normalize(prev) in "≥≤<>=") or (isinstance(err, UnexpectedToken) and
                                                   _prev_is_cmp(err)):
            return TargetSyntaxError(
                "cannot read the target: a number is missing after the comparator",
                text=text, column=column, expected=expected,
                hint='write the value after the comparator, e.g. "≥60项"')
        return TargetSyntaxError("cannot read the target: it ends too early", text=text,
                                 column=column, expected=expected,
                                 hint="expected " + " or ".join(expected[:6]))
    column = int(getattr(err, "pos_in_stream", 0) or 0)
    if isinstance(err, UnexpectedToken):
        column = int(err.token.start_pos or 0)
        length = max(1, len(str(err.token)))
        what = f'"{err.token}"'
    else:
        length = 1
        what = f'"{text[column:column + 1]}"'
    hint = "expected " + " or ".join(expected[:6]) if expected else None
    return TargetSyntaxError(f"cannot read the target: unexpected {what}", text=text,
                             column=column, length=length, expected=expected, hint=hint)


def _prev_is_cmp(err: UnexpectedToken) -> bool:
    state = getattr(err, "state", None)
    stack = getattr(state, "value_stack", None) or []
    last = stack[-1] if stack else None
    return getattr(last, "type", None) in _CMP_TYPES


def _relocate(err: TargetSyntaxError, original: str, where: tuple[int, ...]) -> None:
    """Point *err* into the user's *original* text (the parser saw it squeezed)."""
    col = err.column
    end = col + err.length
    err.column = where[col] if col < len(where) else len(original.rstrip())
    err.length = max(1, (where[end - 1] + 1 if 0 < end <= len(where) else err.column + 1)
                     - err.column)
    err.text = original


def _parse_normalized(original: str, year: int | None, strict: bool) -> Target:
    text, where = squeeze(normalize(original))
    if not text.strip():
        raise TargetSyntaxError("cannot read the target: it is empty", text=original, column=0,
                                hint='write a target such as "≥60项" or "效果明显"')
    scale = read_scale(text)
    if scale is not None:
        return scale
    bad = malformed_separator(text)
    if bad is not None:
        err = TargetSyntaxError("cannot read the target: a comma between digits that is not a "
                                "thousands separator", text=text, column=bad,
                                hint="write 1,000 (groups of three digits) or remove the comma")
        _relocate(err, original, where)
        raise err
    masked, _ = mask_qualifiers(text)
    if "分别" not in masked and "介于" not in masked and ("，" in masked or "," in masked):
        # a comma before a number separates clauses (≥95%，12月底前), except in a list of values
        # after 分别: the parser reads it as ； (the subject keeps the user's comma)
        masked = _CLAUSE_COMMA.sub("；", masked)
    fast, _ = fast_parser()  # lark's tables, a tighter loop; lark itself on any error
    failure: PerfIndicatorError
    try:
        return fast.run(text, year=year, strict=strict, masked=masked)
    except (UnexpectedCharacters, UnexpectedToken, UnexpectedEOF) as e:
        err = _syntax_error(text, e)
        _relocate(err, original, where)
        if not _MEASURED_START.match(text):
            return classify_text(original, reason=err.message.removeprefix("cannot read the target: "))
        failure = err
    except TargetSyntaxError as e:
        _relocate(e, original, where)
        failure = e
    except UnknownUnitError as e:
        column = where[e.column] if e.column is not None and 0 <= e.column < len(where) else None
        failure = UnknownUnitError(e.unit, e.suggestions, text=original, column=column)
    except PerfIndicatorError as e:
        failure = e
    except VisitError as e:  # pragma: no cover - only when lark wraps a callback's error
        if not isinstance(e.orig_exc, PerfIndicatorError):
            raise
        failure = e.orig_exc
    # raised here, outside the handlers, so that no lark exception (which holds the parser's
    # state) rides along as __context__: our errors pickle, tblib's way too
    raise detached(failure)


@_cache.memo(maxsize=65536)
def _parse_cached(text: str, year: int | None, strict: bool) -> Target:
    target = _parse_normalized(text, year, strict)
    if target.source is None:  # a new value no one has seen: record its text in place
        object.__setattr__(target, "source", text)
        object.__setattr__(target, "_source_year", year)
        return target
    return target.with_source(text, year)


def parse(text: str, *, year: int | None = None, strict: bool = False) -> Target:
    """Read one target (年度指标值).

    Args:
        text: the target as written in the form.
        year: the form's year; deadlines and periods without a year take it. The clock is
            never read.
        strict: reject unit words the registry does not know (with a did-you-mean hint)
            instead of reading them as count units of their own.

    Returns:
        Target: a comparison, range, deadline, period, scoped or multi-value target, a
            relative target or a tolerance, a qualitative target, or a `Statement` that keeps
            a text that states no measurable target.

    Raises:
        TargetSyntaxError: a text that starts as a measured target (a comparator, a digit)
            but cannot be read; also a ``ValueError``.
        UnknownUnitError: an unknown unit word in strict mode.

    Examples:
        >>> parse("90%-95%")
        Range('90%-95%')
        >>> parse("分别不超过50万元、30万元和20万元")
        Multi('分别≤50万元、30万元、20万元')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    if year is not None and not (type(year) is int and 1900 <= year <= 2199):
        year = check_year(year)
    return _parse_cached(text, year, bool(strict))


def parse_many(texts: Iterable[str], *, year: int | None = None, strict: bool = False,
               ) -> list[Target]:
    """Read many targets; report every bad one, not just the first.

    Raises:
        BatchError: listing a `RowError` (with its index) for every text that could not
            be read; its ``results`` hold the targets of the good rows (``None`` for bad ones).

    Examples:
        >>> try:
        ...     parse_many(["≥60项", "≥", "≤5%", "≥5项项/"])
        ... except BatchError as e:
        ...     print([err.row for err in e.errors])
        [1, 3]
    """
    results: list[Any] = []
    errors: list[RowError] = []
    for i, text in enumerate(texts):
        try:
            results.append(parse(text, year=year, strict=strict))
        except PerfIndicatorError as e:
            errors.append(RowError(i, e, field="target"))
            results.append(None)
        except TypeError as e:
            errors.append(RowError(i, PerfIndicatorError(str(e)), field="target"))
            results.append(None)
    if errors:
        raise BatchError(errors, results)
    return results


# ---- actual values ------------------------------------------------------------------------

_MISSING = re.compile(r"^[\s—–\-/*＊／_－.…无]*$|^(?:N/?A|null|none|暂无|不适用)$", re.IGNORECASE)


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
    if isinstance(t, Relative):
        if t.trend is Trend.FLAT:
            return Change(Trend.FLAT, None, text)
        if t.amount is not None and t.op is None:
            return Change(t.trend, t.amount, text)
        if t.amount is None and t.op is Op.GT:
            return Change(t.trend, None, text)
        return Claimed(t, text)
    if isinstance(t, Scoped) and isinstance(t.target, Comparison) and t.target.op is None:
        # 每家80万元: the value per unit of the scope
        return Measured(t.target.value, q.unit_text(t.target.value.units) != "", text)
    if isinstance(t, Qualitative | Statement):
        tier = tier_of(text)
        if tier is not None:
            return Judged(tier, text)
        return TextValue(clean_text(text))
    return Claimed(t, text)


# The most common actual by far is a plain number with or without a unit word ("64项",
# "88.26%", "50"): read it without the grammar. Anything else goes through the grammar; a
# test checks that both paths agree.
_PLAIN = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([^\d\s.,/*+]{0,4})\s*$")
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


# words before the number of an actual that say nothing more: 实际完成64项, 已完成100%
_LEAD = re.compile(
    r"^\s*(?:实际完成值?|实际值|实际|已完成|已经完成|完成了?|共计?|合计|累计)\s*[:：]?\s*(?=[-+]?\d)")
# a note of what a number includes, after it: 64项（含追加4项）
_INCLUDED = re.compile(r"(?<=[^\d\s])\s*[(（]含[^()（）]+[)）]\s*$")
# a spreadsheet's number in scientific notation: 1.2E+07
_SCIENTIFIC = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?[eE][-+]?\d+)\s*$")
# an approximate number: 200余人, 200多人, 逾200人, 200+, 近200人, 约200人, 64项左右, 不足200人
_APPROX = re.compile(
    r"^\s*(?P<pre>逾|超过|多于|近|将近|接近|约|大约|大概|不足|不到|少于)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mid>余|多|\+)?\s*(?P<unit>[^\d\s.,+]{0,6}?)\s*"
    r"(?P<post>余|多|\+|左右|上下|以上|多一些)?\s*$")
_AROUND = Decimal("0.05")


def _approx(text: str) -> Approx | None:
    m = _APPROX.match(text)
    if m is None or not (m["pre"] or m["mid"] or m["post"]):
        return None
    unit_word = m["unit"] or ""
    if unit_word and (unit_word in _NOT_PLAIN_UNITS or not q.is_known_unit(unit_word)):
        return None
    n = Decimal(m["num"])
    pre, mark = m["pre"], m["mid"] or m["post"]
    low: Decimal | None = n
    high: Decimal | None = None
    low_open = high_open = True
    if pre in ("约", "大约", "大概") or mark in ("左右", "上下"):
        if pre in ("约", "大约", "大概") and mark not in (None, "左右", "上下"):
            return None
        low, high, low_open, high_open = n * (1 - _AROUND), n * (1 + _AROUND), False, False
    elif pre in ("近", "将近", "接近", "不足", "不到", "少于"):
        if mark is not None:
            return None
        low, high = None, n
    elif mark in ("余", "多", "多一些") and n == n.to_integral_value() and n > 0:
        step = Decimal(1)
        while n % (step * 10) == 0:
            step *= 10
        high = n + step  # 200余: 200 to 300; 64余: 64 to 65
    elif mark == "以上":
        low_open = False
    unit = q.resolve_unit(unit_word) if unit_word else None
    return Approx(q.make(n, unit), low, high, low_open, high_open, bool(unit_word), text)


@_cache.memo(maxsize=65536)
def _parse_actual(text: str, year: int | None) -> Actual:
    normalized = normalize(text)
    lead = _LEAD.match(normalized)
    if lead:
        normalized = normalized[lead.end():]
    included = _INCLUDED.search(normalized)
    if included:  # 64项（含追加4项）: 64 in all
        normalized = normalized[:included.start()]
    plain = _plain(normalized)
    if plain is not None:
        return attrs.evolve(plain, text=text)
    sci = _SCIENTIFIC.match(normalized)
    if sci:
        return Measured(q.make(Decimal(sci.group(1)), None), False, text, spreadsheet=True)
    approx = _approx(normalized)
    if approx is not None:
        return attrs.evolve(approx, text=text)
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
    if year is not None and not (type(year) is int and 1900 <= year <= 2199):
        year = check_year(year)
    return _parse_actual(text, year)
