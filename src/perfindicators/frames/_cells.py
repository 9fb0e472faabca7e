"""Cells of a DataFrame as the texts and numbers `perfindicators.score` reads.

A column is factorised once (`pandas.factorize`), so each distinct cell is read once, whatever
its dtype: object, ``string``, nullable (``Int64``, ``Float64``, ``boolean``), categorical or
Arrow. ``None``, ``NaN``, ``NaT`` and ``pd.NA`` are all "empty".

Floats are read at 15 significant digits, the precision Excel stores for a typed number, so
``0.1 + 0.2`` is the ``0.3`` a person typed, never ``0.30000000000000004``:

>>> read_float(0.1 + 0.2), read_float(2.5), read_float(1e-7)
(Decimal('0.3'), Decimal('2.5'), Decimal('1E-7'))
>>> as_text(0.96), as_text(3), as_text("≥60项"), as_text(Decimal("2.50"))
('0.96', '3', '≥60项', '2.50')
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..errors import PerfIndicatorError

__all__ = ["COLUMNS", "Column", "as_number", "as_text", "find_columns", "read_float", "target_column"]

#: headers that name the columns `score_frame` reads (whitespace and full-width brackets are
#: ignored), Chinese as published or English as `perfindicators.forms.to_frame` writes them
COLUMNS: dict[str, str] = {
    "年度指标值": "target", "指标值": "target", "目标值": "target", "年初目标值": "target",
    "年初目标值(A)": "target", "年度指标值(A)": "target", "年度目标值": "target",
    "全年指标值": "target", "指标值(A)": "target", "target": "target",
    "实际完成值": "actual", "完成值": "actual", "全年实际值": "actual", "全年实际值(B)": "actual",
    "实际完成值(B)": "actual", "实际值": "actual", "实际完成情况": "actual", "actual": "actual",
    "分值": "weight", "权重": "weight", "权重(%)": "weight", "指标分值": "weight",
    "weight": "weight",
    "二级指标": "category", "level2": "category", "category": "category",
    "一级指标": "level1", "level1": "level1",
    "三级指标": "indicator", "指标名称": "indicator", "level3": "indicator",
    "indicator": "indicator",
}

#: the keyword arguments of `score_frame` that name a column
Column = str


def _norm(header: object) -> str:
    text = re.sub(r"\s+", "", str(header)).replace("（", "(").replace("）", ")")
    return text


def find_columns(columns: Sequence[object], given: dict[str, object | None]) -> dict[str, object]:
    """The column each role (target, actual, weight, category, level1, indicator) is read from.

    A role named in *given* must exist; the others are found by their headers.

    Raises:
        PerfIndicatorError: a named column is missing, or no target or weight column.
    """
    found: dict[str, object] = {}
    for role, name in given.items():
        if name is not None:
            if name not in columns:
                raise PerfIndicatorError(f"no column {name!r}; columns: {list(columns)}")
            found[role] = name
    for c in columns:
        key = COLUMNS.get(_norm(c))
        if key is not None and key in given and key not in found:
            found[key] = c
    missing = [r for r in ("target", "weight") if r not in found]
    if missing:
        raise PerfIndicatorError(f"no {' or '.join(missing)} column in {list(columns)}",
                                 hint="name it: score_frame(df, target=..., weight=...)")
    return found


def target_column(columns: Sequence[object]) -> object:
    """The column of targets, found by its header.

    Raises:
        PerfIndicatorError: no column is headed like one.
    """
    for c in columns:
        if COLUMNS.get(_norm(c)) == "target":
            return c
    raise PerfIndicatorError(f"no target column in {list(columns)}",
                             hint="name it: df.pi.parse_targets(column=...)")


def read_float(value: float) -> Decimal:
    """A float as the decimal a person typed: 15 significant digits (Excel's precision)."""
    return Decimal(format(value, ".15g"))


def as_number(value: object) -> Decimal | None:
    """A cell that holds a number (not text) as ``Decimal``; ``None`` for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, float):  # numpy.float64 too
        return read_float(value)
    return None


def as_text(value: Any) -> str:
    """A cell as the text `perfindicators.score` reads (numbers written plainly)."""
    if isinstance(value, str):
        return value
    number = as_number(value)
    if number is not None:
        return format(number, "f") if number.is_finite() else str(number)
    return str(value)
