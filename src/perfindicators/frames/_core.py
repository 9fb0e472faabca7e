"""The vectorised scorer: every column factorised, each distinct row scored once.

A province's rows repeat (``≥95%`` against ``100%`` with weight 10 under 质量指标), so the rows
are reduced to their distinct combinations of target, actual, weight, category, 一级 and 三级
指标 and year; each combination goes through `perfindicators.score` once, and the results are
spread back over the rows with one ``take`` per column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from .._optional import optional
from ..errors import (
    PerfIndicatorError,
    TargetSyntaxError,
    UnitMismatchError,
    WeightError,
)
from ..parsing import parse
from ..policies import Policy
from ..schemes import Scheme, get_scheme
from ..scoring import score
from ._cells import as_number, as_text

__all__ = ["Distinct", "score_distinct"]

#: the flag added to a row whose numeric actual was read as a fraction (0.96 → 96%)
FRACTION_FLAG = "percent_as_fraction"
HUNDRED = Decimal(100)


def _np() -> Any:
    return optional("numpy", "pandas", "scoring a DataFrame")


@attrs.define
class Distinct:
    """The distinct rows scored: per-distinct-row results and each row's distinct row.

    Attributes:
        inverse: for each row, the index of its distinct row.
        points, weight, met, status, policy, flags, explanation: one entry per distinct row
            (``None`` where it could not be scored).
        error, field: why a distinct row could not be scored, and the field at fault.
        exceptions: the error raised for each distinct row that could not be scored.
    """

    inverse: Any
    points: list[Decimal | None] = attrs.Factory(list)
    weight: list[Decimal | None] = attrs.Factory(list)
    met: list[bool | None] = attrs.Factory(list)
    status: list[str | None] = attrs.Factory(list)
    policy: list[str | None] = attrs.Factory(list)
    flags: list[str | None] = attrs.Factory(list)
    explanation: list[str | None] = attrs.Factory(list)
    error: list[str | None] = attrs.Factory(list)
    field: list[str | None] = attrs.Factory(list)
    exceptions: list[PerfIndicatorError | None] = attrs.Factory(list)


class _Factor:
    """One column factorised: codes into ``values``, whose last entry stands for empty."""

    def __init__(self, pd: Any, np: Any, series: Any, read: Callable[[Any], Any]) -> None:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        self.raw: list[Any] = [*list(uniques), None]
        self.values: list[Any] = [read(u) for u in self.raw[:-1]] + [None]
        empty = len(self.values) - 1
        self.codes = np.where(codes < 0, empty, codes).astype(np.int64)

    @classmethod
    def constant(cls, np: Any, n: int, value: Any) -> _Factor:
        f = cls.__new__(cls)
        f.raw = [value, None]
        f.values = [value, None]
        f.codes = np.zeros(n, dtype=np.int64)
        return f


def _weight(value: object) -> object:
    number = as_number(value)
    return value if number is None else number


def _year(value: object) -> int | None:
    number = as_number(value)
    if number is None or number != number.to_integral_value():
        raise PerfIndicatorError(f"a year is a whole number, not {value!r}")
    return int(number)


_PERCENT_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


def _small_percent(target: str | None) -> bool:
    """Whether *target* states a percentage of at most 1 (``≤0.5%``)."""
    return target is not None and any(Decimal(m) <= 1 for m in _PERCENT_NUMBER.findall(target))


def _fractions(np: Any, target: _Factor, actual: _Factor, percent_as_fraction: bool | None,
               ) -> tuple[Any, Any, Any]:
    """Rows whose bare number against a percentage target is read as a fraction (0.96 is
    96 %, as ``read_excel`` returns a percent cell), rows where that is ambiguous, and rows
    the caller declared percent points as written (``percent_as_fraction=False``: 0.96 is
    0.96 %, said so to the evaluator, which otherwise cannot tell)."""
    pct = np.array([v is not None and ("%" in v or "％" in v) for v in target.values])
    numeric = [as_number(v) for v in actual.raw]
    isnum = np.array([v is not None for v in numeric])
    rows = pct[target.codes] & isnum[actual.codes]
    none = np.zeros(len(rows), dtype=bool)
    if not rows.any():
        return none, none, none
    if percent_as_fraction is False:
        return none, none, rows
    if percent_as_fraction:
        return rows, none, none
    used = [numeric[c] for c in np.unique(actual.codes[rows])]
    fraction = np.array([v is not None and 0 < v < 1 for v in numeric])
    if not any(v is not None and 0 < v < 1 for v in used):
        return none, none, none  # 0, 1, 96, 100: percent points as written
    if all(v is not None and v <= 1 for v in used):
        # every number is 0…1 with some fractions: a percent column — unless the target itself
        # is a percentage of at most 1 (≤0.5%), where 0.3 may well mean 0.3 %: cannot tell
        small = np.array([_small_percent(v) for v in target.values])
        tiny = rows & small[target.codes] & fraction[actual.codes]
        return rows & ~tiny, tiny, none
    return none, rows & fraction[actual.codes], none  # 0.96 next to 98: cannot tell


def _field(error: PerfIndicatorError, target: str, year: int | None) -> str | None:
    if isinstance(error, WeightError):
        return "weight"
    if isinstance(error, UnitMismatchError):
        return "actual"
    try:
        parse(target, year=year)
    except PerfIndicatorError:
        return "target"
    return "actual" if isinstance(error, TargetSyntaxError) else None


def score_distinct(pd: Any, frame: Any, columns: dict[str, object], *,
                   policy: str | Policy | None, scheme: str | Scheme, year: int | str | None,
                   percent_as_fraction: bool | None) -> Distinct:
    """Score the distinct rows of *frame* (see `perfindicators.score_frame`)."""
    np = _np()
    n = len(frame)
    sch = get_scheme(scheme)

    def factor(role: str, read: Callable[[Any], Any]) -> _Factor:
        name = columns.get(role)
        if name is None:
            return _Factor.constant(np, n, None)
        return _Factor(pd, np, frame[name], read)

    target = factor("target", as_text)
    actual = factor("actual", as_text)
    weight = factor("weight", _weight)
    roles = [factor(r, as_text) for r in ("category", "level1", "indicator")]
    years = (_Factor(pd, np, frame[year], lambda v: v) if isinstance(year, str)
             else _Factor.constant(np, n, year))
    convert, ambiguous, as_written = _fractions(np, target, actual, percent_as_fraction)
    marks = (convert.astype(np.int64) + 2 * ambiguous.astype(np.int64)
             + 3 * as_written.astype(np.int64))

    key = np.zeros(n, dtype=np.int64)
    for codes, size in [(f.codes, len(f.values)) for f in (target, actual, weight, *roles, years)
                        ] + [(marks, 4)]:
        key, _ = pd.factorize(key * size + codes)
        key = key.astype(np.int64)
    _, first = np.unique(key, return_index=True)

    out = Distinct(key)
    for r in first:
        t = target.values[target.codes[r]]
        a = actual.values[actual.codes[r]]
        w = weight.values[weight.codes[r]]
        cat, lv1, ind = (f.values[f.codes[r]] for f in roles)
        extra = ""
        y: int | None = None
        try:
            y = None if years.raw[years.codes[r]] is None else _year(years.raw[years.codes[r]])
            if marks[r] == 2:
                raise PerfIndicatorError(
                    f"the number {a} against the percentage target {t} could be {a}% or a "
                    "fraction (a percent cell read by read_excel); the column holds both kinds",
                    hint="pass percent_as_fraction=True (0.96 is 96%) or False (0.96 is 0.96%)")
            if marks[r] == 1:
                number = as_number(actual.raw[actual.codes[r]])
                assert number is not None
                a = format((number * HUNDRED).normalize(), "f") + "%"
                extra = FRACTION_FLAG
            if marks[r] == 3 and a is not None:
                a = f"{a}%"  # the caller said: percent points as written
            s = score("" if t is None else t, a, w, policy=policy, scheme=sch, year=y,
                      category=cat, level1=lv1, indicator=ind)
        except (PerfIndicatorError, TypeError) as e:
            err = e if isinstance(e, PerfIndicatorError) else PerfIndicatorError(str(e))
            for lst in (out.points, out.weight, out.met, out.status, out.policy, out.flags,
                        out.explanation):
                lst.append(None)
            out.error.append(str(err))
            out.field.append("actual" if marks[r] == 2 else _field(err, t or "", y))
            out.exceptions.append(err)
            continue
        out.points.append(s.points)
        out.weight.append(s.weight)
        out.met.append(s.met)
        out.status.append(None if s.outcome is None else s.outcome.status.value)
        out.policy.append(s.policy)
        out.flags.append(", ".join(sorted(s.flags | {extra} if extra else s.flags)))
        out.explanation.append(s.explanation)
        out.error.append(None)
        out.field.append(None)
        out.exceptions.append(None)
    return out
