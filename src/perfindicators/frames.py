"""pandas: score a DataFrame of indicator rows in one call (needs the ``pandas`` extra).

>>> import pandas as pd
>>> import perfindicators as pi
>>> df = pd.DataFrame({"年度指标值": ["≥60项", "≤5%"], "实际完成值": ["30项", "10%"],
...                    "分值": [3, 10]})
>>> scored = pi.score_frame(df)
>>> scored[["年度指标值", "score", "met"]]
  年度指标值 score    met
0   ≥60项  1.50  False
1     ≤5%  5.00  False
"""

from __future__ import annotations

from typing import Any

from .errors import BatchError, PerfIndicatorError, RowError
from .forms.headers import INDICATOR_COLUMNS as _INDICATOR_COLUMNS
from .forms.headers import norm_header as _norm
from .policies import Policy
from .schemes import Scheme
from .scoring import score

__all__ = ["score_frame"]

_ADDED = ("score", "weight_used", "met", "status", "policy", "flags", "explanation")


def _find(frame: Any, key: str, given: str | None) -> str | None:
    if given is not None:
        if given not in frame.columns:
            raise PerfIndicatorError(f"no column {given!r}; columns: {list(frame.columns)}")
        return given
    for c in frame.columns:
        if _INDICATOR_COLUMNS.get(_norm(c)) == key:
            return str(c)
    return None


def score_frame(frame: Any, *, target: str | None = None, actual: str | None = None,
                weight: str | None = None, category: str | None = None,
                indicator: str | None = None, level1: str | None = None,
                policy: str | Policy | None = None, scheme: str | Scheme = "central",
                year: int | None = None) -> Any:
    """The same frame with ``score``, ``met``, ``status``, ``policy``, ``flags`` and
    ``explanation`` columns added (a copy; the input is not changed).

    Columns are found by their headers (年度指标值/指标值/目标值, 实际完成值/完成值, 分值/权重,
    二级指标, 三级指标, 一级指标, or the English names) unless named.

    Raises:
        BatchError: every row that cannot be scored, by its index label.
    """
    cols = {k: _find(frame, k, v) for k, v in (("target", target), ("actual", actual),
                                               ("weight", weight), ("level2", category),
                                               ("level3", indicator), ("level1", level1))}
    missing = [k for k in ("target", "weight") if cols[k] is None]
    if missing:
        raise PerfIndicatorError(f"no {' or '.join(missing)} column in {list(frame.columns)}",
                                 hint="name it: score_frame(df, target=..., weight=...)")
    out = frame.copy()
    results: dict[str, list[Any]] = {k: [] for k in _ADDED}
    errors: list[RowError] = []

    def get(row: Any, key: str) -> Any:
        name = cols[key]
        if name is None:
            return None
        value = row[name]
        return None if value is None or value != value else value  # NaN is empty

    for label, row in frame.iterrows():
        try:
            t = get(row, "target")
            s = score(str(t) if t is not None else "", None if get(row, "actual") is None
                      else str(get(row, "actual")), get(row, "weight"), policy=policy,
                      scheme=scheme, year=year, category=get(row, "level2"),
                      level1=get(row, "level1"), indicator=get(row, "level3"))
        except PerfIndicatorError as e:
            errors.append(RowError(label if isinstance(label, int) else len(results["score"]),
                                   e))
            for k in _ADDED:
                results[k].append(None)
            continue
        results["score"].append(s.points)
        results["weight_used"].append(s.weight)
        results["met"].append(s.met)
        results["status"].append(None if s.outcome is None else s.outcome.status.value)
        results["policy"].append(s.policy)
        results["flags"].append(", ".join(sorted(s.flags)))
        results["explanation"].append(s.explanation)
    if errors:
        raise BatchError(errors, results["score"])
    for k in _ADDED:
        out[k] = results[k]
    return out
