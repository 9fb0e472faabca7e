"""``DataFrame.pi``: the frame functions as methods (importing this module registers it).

Examples:
    >>> import pandas as pd
    >>> import perfindicators.frames.accessor
    >>> df = pd.DataFrame({"target": ["≥60项", "不超过100万元"], "actual": ["30项", "80万元"],
    ...                    "weight": [3, 4]})
    >>> df.pi.score()["rule_score"].sum()
    Decimal('5.500000')
    >>> df.pi.parse_targets().tolist()
    [Comparison('≥60项'), Comparison('≤100万元')]
    >>> df.pi.score().pi.describe()["rule_score"][["count", "mean", "min", "50%", "max"]].tolist()
    [2, Decimal('2.75'), Decimal('1.5'), Decimal('2.75'), Decimal('4')]
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from .._optional import optional
from ..parsing import parse
from ._cells import target_column
from .dataframe import score_frame

__all__ = ["PiAccessor"]


class PiAccessor:
    """``df.pi.score(**options)`` is `perfindicators.score_frame` (df, **options);
    ``df.pi.parse_targets()`` the parsed targets as a Series (same index)."""

    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def score(self, **options: Any) -> Any:
        """`perfindicators.score_frame` of this frame."""
        return score_frame(self._frame, **options)

    def describe(self) -> Any:
        """pandas' ``describe()`` of the numeric columns, the exact ones included: an Arrow
        decimal column (``rule_score``, ``weight_used``) or a column of `Decimal` objects is
        summarised in `Decimal` — count, mean, std (of a sample), min, quartiles (interpolated
        linearly, as pandas does) and max, to 28 significant digits, with no float on the way.
        pandas' own ``describe()`` leaves such columns out or raises."""
        pd = optional("pandas", "pandas", "a DataFrame")
        frame = self._frame
        exact = [c for c in frame.columns if _is_decimal(frame[c])]
        rows = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
        others = frame.drop(columns=exact).select_dtypes("number")
        summary = others.describe() if len(others.columns) else pd.DataFrame(index=rows)
        out = pd.DataFrame(index=rows)
        for c in frame.columns:
            if c in exact:
                out[c] = pd.Series(_summary(frame[c].dropna().tolist()), index=rows, dtype=object)
            elif c in summary.columns:
                out[c] = summary[c]
        return out

    def parse_targets(self, column: str | None = None, *, year: int | None = None) -> Any:
        """Each row's target parsed (distinct texts parsed once); empty cells stay ``None``."""
        pd = optional("pandas", "pandas", "a DataFrame")
        name = column if column is not None else target_column(list(self._frame.columns))
        texts = self._frame[name]
        parsed = {t: parse(str(t), year=year) for t in pd.unique(texts.dropna())}
        return texts.map(lambda t: None if pd.isna(t) else parsed[t])


def _is_decimal(column: Any) -> bool:
    pyarrow_dtype = getattr(column.dtype, "pyarrow_dtype", None)
    if pyarrow_dtype is not None:
        return str(pyarrow_dtype).startswith("decimal")
    values = column.dropna()
    return column.dtype == object and len(values) > 0 and all(
        isinstance(v, Decimal) for v in values)


def _summary(values: list[Decimal]) -> list[Any]:
    """count, mean, sample std, min, quartiles and max of *values*, in Decimal."""
    xs = sorted(Decimal(v) for v in values)
    n = len(xs)
    if n == 0:
        return [0] + [None] * 7
    mean = sum(xs, Decimal(0)) / n
    std = (sum(((x - mean) ** 2 for x in xs), Decimal(0)) / (n - 1)).sqrt() if n > 1 else None

    def quantile(q: Decimal) -> Decimal:
        pos = (n - 1) * q
        low = math.floor(pos)
        if low + 1 >= n:
            return xs[low]
        return xs[low] + (xs[low + 1] - xs[low]) * (pos - low)

    quartiles = [quantile(Decimal(q)) for q in ("0.25", "0.5", "0.75")]
    return [n, mean.normalize(), std, xs[0].normalize(),
            *(q.normalize() for q in quartiles), xs[-1].normalize()]


optional("pandas", "pandas", "the DataFrame.pi accessor").api.extensions \
    .register_dataframe_accessor("pi")(PiAccessor)
