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
"""

from __future__ import annotations

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

    def parse_targets(self, column: str | None = None, *, year: int | None = None) -> Any:
        """Each row's target parsed (distinct texts parsed once); empty cells stay ``None``."""
        pd = optional("pandas", "pandas", "a DataFrame")
        name = column if column is not None else target_column(list(self._frame.columns))
        texts = self._frame[name]
        parsed = {t: parse(str(t), year=year) for t in pd.unique(texts.dropna())}
        return texts.map(lambda t: None if pd.isna(t) else parsed[t])


optional("pandas", "pandas", "the DataFrame.pi accessor").api.extensions \
    .register_dataframe_accessor("pi")(PiAccessor)
