"""Text → target. The only module that lets lark errors in, and it turns them into ours.

>>> import perfindicators as pi
>>> pi.parse("≥60项")
Comparison('≥60项')
>>> pi.parse("12月底前", year=2021)
Deadline('2021年12月底前')
>>> pi.parse("效果明显")
Qualitative('效果明显')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

from ._grammar import target_parser
from ._normalize import normalize
from ._vocab import classify_text
from .errors import BatchError, PerfIndicatorError, RowError, TargetSyntaxError
from .targets import Target

__all__ = ["parse", "parse_many"]

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
    "POLARITY": "正向", "QUALMARK": "定性", "YEAR_END": "年底",
}
# A text that starts like this was meant as a measured target: failing to read it is an error,
# not a statement.
_MEASURED_START = re.compile(r"^\s*(?:[≥≤<>=~\d.]|百分之)")
_CMP_TYPES = {"GE", "GT", "LE", "LT", "EQ", "CONTROL"}


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


def _parse_normalized(original: str, year: int | None, strict: bool) -> Target:
    text = normalize(original)
    if not text.strip():
        raise TargetSyntaxError("cannot read the target: it is empty", text=original, column=0,
                                hint='write a target such as "≥60项" or "效果明显"')
    lark_parser, builder = target_parser()
    try:
        return builder.run(lark_parser.parse, text, year=year, strict=strict)
    except (UnexpectedCharacters, UnexpectedToken, UnexpectedEOF) as e:
        err = _syntax_error(original, e)
        if _MEASURED_START.match(text):
            raise err from None
        return classify_text(original, reason=err.message.removeprefix("cannot read the target: "))
    except TargetSyntaxError as e:
        e.text = original
        raise
    except VisitError as e:  # pragma: no cover - only when lark wraps a callback's error
        if isinstance(e.orig_exc, PerfIndicatorError):
            raise e.orig_exc from None
        raise


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str, year: int | None, strict: bool) -> Target:
    return _parse_normalized(text, year, strict)


def parse(text: str, *, year: int | None = None, strict: bool = False) -> Target:
    """Read one target (年度指标值).

    Args:
        text: the target as written in the form.
        year: the form's year; deadlines and periods without a year take it. The clock is
            never read.
        strict: reject unit words the registry does not know (with a did-you-mean hint)
            instead of reading them as count units of their own.

    Returns:
        a `perfindicators.targets.Target`: a comparison, range, deadline, period,
        scoped or multi-value target, a qualitative target, or a `Statement` that
        keeps a text that states no measurable target.

    Raises:
        TargetSyntaxError: a text that starts as a measured target (a comparator, a digit)
            but cannot be read; also a ``ValueError``.
        UnknownUnitError: an unknown unit word in strict mode.

    >>> parse("90%-95%")
    Range('90%-95%')
    >>> parse("分别不超过50万元、30万元和20万元")
    Multi('分别≤50万元、30万元、20万元')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    return _parse_cached(text, year, strict)


def parse_many(texts: Iterable[str], *, year: int | None = None, strict: bool = False,
               ) -> list[Target]:
    """Read many targets; report every bad one, not just the first.

    Raises:
        BatchError: listing a `RowError` (with its index) for every text that could not
            be read; its ``results`` hold the targets of the good rows (``None`` for bad ones).

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
