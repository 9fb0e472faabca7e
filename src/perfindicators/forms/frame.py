"""pandas DataFrames of indicator rows: `to_frame` and `read_frame` (the ``pandas`` extra).

>>> import perfindicators as pi
>>> form = pi.examples.load("zgc-2021")
>>> frame = to_frame(form)
>>> list(frame.columns)[:4], read_frame(frame).indicators == form.indicators
(['level1', 'level2', 'level3', 'target'], True)
"""

from __future__ import annotations

from typing import Any

import attrs

from .._optional import optional
from .form import Form
from .grid import Grid, read_grid
from .model import Budget, FormData, Project

__all__ = ["FRAME_COLUMNS", "read_frame", "to_frame"]

#: the columns of `to_frame`
FRAME_COLUMNS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "note",
                 "criterion", "remark")


def to_frame(form: FormData) -> Any:
    """The indicator rows as a pandas DataFrame (numbers stay ``Decimal``)."""
    pd = optional("pandas", "pandas", "a DataFrame")
    return pd.DataFrame(
        [{"level1": i.level1, "level2": i.level2, "level3": i.level3, "target": i.target,
          "actual": i.actual, "weight": i.weight, "score": i.score, "note": i.note,
          "criterion": i.criterion, "remark": i.remark}
         for i in form.indicators], columns=list(FRAME_COLUMNS))


def _isna(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pandas.NA and arrays refuse to be truth-tested
        return True


def read_frame(frame: Any, *, project: Project | None = None, budget: Budget | None = None,
               source: str = "<DataFrame>", strict: bool = False) -> Form:
    """A form from a DataFrame of indicator rows (Chinese or English headers).

    Raises:
        FormReadError: no target column; with ``strict=True`` also any cell that cannot
            be read (rows are numbered from 1, the header being row 0).
    """
    headers = [str(c) for c in frame.columns]
    rows: list[list[str]] = [headers]
    for record in frame.itertuples(index=False):
        rows.append(["" if _isna(v) else str(v) for v in record])
    form = read_grid(Grid(rows, sheet=None, first_row=0, letters=False), source, strict=strict)
    return attrs.evolve(form, project=project or form.project, budget=budget or form.budget)
