"""Score a pandas DataFrame or an Arrow table of indicator rows in one call.

Examples:
    >>> import pandas as pd
    >>> import perfindicators as pi
    >>> df = pd.DataFrame({"年度指标值": ["≥60项", "≤5%"], "实际完成值": ["30项", "10%"],
    ...                    "分值": [3, 10]})
    >>> scored = pi.score_frame(df)
    >>> scored[["年度指标值", "rule_score", "met"]]
      年度指标值  rule_score    met
    0   ≥60项    1.500000  False
    1     ≤5%    5.000000  False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .._optional import optional
from ..errors import BatchError, PerfIndicatorError, RowError
from ..policies import Policy
from ..schemes import Scheme
from ._cells import find_columns
from ._core import Distinct, score_distinct
from .schema import POINTS_PRECISION, POINTS_SCALE, RESULT_COLUMNS, pyarrow, result_schema

__all__ = ["score_arrow", "score_batches", "score_frame"]

_ERRORS = ("raise", "column")
_DECIMALS = ("arrow", "object", "float")


def _pandas() -> Any:
    return optional("pandas", "pandas", "a DataFrame")


def score_frame(frame: Any, *, target: str | None = None, actual: str | None = None,
                weight: str | None = None, category: str | None = None,
                indicator: str | None = None, level1: str | None = None,
                policy: str | Policy | None = None, scheme: str | Scheme = "central",
                year: int | str | None = None, percent_as_fraction: bool | None = None,
                errors: str = "raise", decimals: str = "arrow", prefix: str = "",
                label: str | None = None) -> Any:
    """A copy of *frame* with the result columns added; the input is never changed.

    The columns are found by their headers (年度指标值/指标值/目标值, 实际完成值/完成值,
    分值/权重, 二级指标, 三级指标, 一级指标, or ``target``, ``actual``, ``weight``,
    ``level1``/``level2``/``level3`` as `perfindicators.forms.to_frame` writes them) unless
    named. Any dtype is read (object, ``string``, nullable, categorical, Arrow), and
    ``None``/``NaN``/``pd.NA`` are empty cells. Rows that repeat are scored once.

    The results go to ``rule_score``, ``weight_used``, ``met``, ``status``, ``policy``,
    ``flags``, ``explanation`` (and ``error``), or those names after *prefix*; an existing
    column is never overwritten (a frame from ``to_frame`` keeps its published ``score``).

    Args:
        frame: a pandas DataFrame.
        target: the column of targets, when its header is not one of the usual ones.
        actual: the column of actual values.
        weight: the column of weights.
        category: the column of 二级指标.
        indicator: the column of 三级指标.
        level1: the column of 一级指标.
        policy: a policy name or object for every row (by default the scheme chooses).
        scheme: a scheme name, object or ``.toml`` path.
        year: the form's year, for deadlines without one, or the name of a column of years.
        percent_as_fraction: how a bare number read from a spreadsheet is read against a
            percentage target: ``True`` reads 0.96 as 96 % (``read_excel`` returns a percent
            cell so), ``False`` as 0.96 %; ``None`` (the default) lets the column decide —
            numbers all between 0 and 1 are fractions, numbers above 1 are percent points,
            and a column with both is an error on the rows that could be either. A converted
            row is flagged ``percent_as_fraction``.
        errors: ``"raise"`` (a `BatchError` naming every bad row) or ``"column"`` (an
            ``error`` column says why; the other rows are scored).
        decimals: ``"arrow"`` (exact ``decimal128(18, 6)`` columns pandas computes with),
            ``"object"`` (``Decimal`` objects) or ``"float"`` (lossy, on request only).
        prefix: put before each result column's name.
        label: a column whose values name the bad rows (by default their index labels).

    Returns:
        The frame, same index and columns, with the result columns after them.

    Raises:
        BatchError: with ``errors="raise"``, a `RowError` for each bad row, by label.
        PerfIndicatorError: a column is missing, or a result column exists already.

    Examples:
        >>> import pandas as pd
        >>> import perfindicators as pi
        >>> df = pd.DataFrame({"指标值": ["≥95%", "≤5%", None], "完成值": [0.96, "3", "1"],
        ...                    "分值": [4, 0.1 + 0.2, 3]}, index=["a", "b", "c"])
        >>> out = pi.score_frame(df, errors="column")
        >>> out[["rule_score", "weight_used", "flags"]]
           rule_score  weight_used                flags
        a    4.000000     4.000000  percent_as_fraction
        b    0.300000     0.300000         unit_assumed
        c        <NA>         <NA>                 <NA>
        >>> out["rule_score"].sum()
        Decimal('4.300000')
        >>> try:
        ...     pi.score_frame(df)
        ... except pi.BatchError as e:
        ...     print([(err.row, err.field) for err in e.errors])
        [('c', 'target')]
    """
    pd = _pandas()
    if errors not in _ERRORS:
        raise PerfIndicatorError(f"errors={errors!r}: use one of {', '.join(_ERRORS)}")
    if decimals not in _DECIMALS:
        raise PerfIndicatorError(f"decimals={decimals!r}: use one of {', '.join(_DECIMALS)}")
    names = [prefix + n for n in (RESULT_COLUMNS if errors == "column" else RESULT_COLUMNS[:-1])]
    taken = [n for n in names if n in frame.columns]
    if taken:
        raise PerfIndicatorError(f"the frame has a column {taken[0]!r} already",
                                 hint='pass prefix="pi_" (or another) to keep both')
    if isinstance(year, str) and year not in frame.columns:
        raise PerfIndicatorError(f"no year column {year!r}; columns: {list(frame.columns)}")
    if label is not None and label not in frame.columns:
        raise PerfIndicatorError(f"no label column {label!r}; columns: {list(frame.columns)}")
    columns = find_columns(list(frame.columns), {
        "target": target, "actual": actual, "weight": weight, "category": category,
        "level1": level1, "indicator": indicator})
    distinct = score_distinct(pd, frame, columns, policy=policy, scheme=scheme, year=year,
                              percent_as_fraction=percent_as_fraction)
    if errors == "raise":
        _raise_bad_rows(frame, distinct, label)
    out = frame.copy(deep=False)
    for name, column in zip(names, _columns(pd, distinct, decimals, errors == "column"),
                            strict=True):
        out[name] = pd.Series(column, index=frame.index, copy=False)
    return out


def _raise_bad_rows(frame: Any, d: Distinct, label: str | None) -> None:
    bad_distinct = [i for i, e in enumerate(d.exceptions) if e is not None]
    if not bad_distinct:
        return
    np = optional("numpy", "pandas", "a DataFrame")
    positions = np.flatnonzero(np.isin(d.inverse, bad_distinct))
    labels = frame[label].iloc[positions] if label is not None else frame.index[positions]
    errors = []
    for pos, lab in zip(positions, labels, strict=True):
        k = d.inverse[pos]
        err = d.exceptions[k]
        assert err is not None
        errors.append(RowError(lab.item() if hasattr(lab, "item") else lab, err,
                               field=d.field[k]))
    raise BatchError(errors)


def _columns(pd: Any, d: Distinct, decimals: str, with_error: bool) -> list[Any]:
    pa = pyarrow()
    take = pa.array(d.inverse)

    def arrow(values: list[Any], typ: Any) -> Any:
        return pd.arrays.ArrowExtensionArray(pa.array(values, type=typ).take(take))

    dec = pa.decimal128(POINTS_PRECISION, POINTS_SCALE)
    cols: list[Any] = []
    decimal_values: tuple[list[Any], ...] = (d.points, d.weight)
    for values in decimal_values:
        if decimals == "arrow":
            cols.append(arrow(values, dec))
        else:
            np = optional("numpy", "pandas", "a DataFrame")
            uniq = np.array([None, *values], dtype=object)[1:]  # keeps Decimals as objects
            if decimals == "float":
                uniq = np.array([float("nan") if v is None else float(v) for v in values])
            cols.append(uniq[d.inverse])
    cols.append(arrow(d.met, pa.bool_()))
    for texts in (d.status, d.policy, d.flags, d.explanation):
        cols.append(arrow(texts, pa.string()))
    if with_error:
        cols.append(arrow(d.error, pa.string()))
    return cols


def score_arrow(data: Any, **options: Any) -> Any:
    """Score an Arrow table, a record batch or an iterable of batches.

    Returns one ``pyarrow.Table``: the input's columns, then the fields of
    `result_schema` (the ``error`` column included, null on good rows). Options are those of
    `score_frame`; ``errors="raise"`` is the default here too.

    Examples:
        >>> import pyarrow as pa
        >>> import perfindicators as pi
        >>> t = pa.table({"target": ["≥60项"], "actual": ["30项"], "weight": [3]})
        >>> out = pi.score_arrow(t)
        >>> out.schema.field("rule_score").type, out.column("rule_score")[0].as_py()
        (Decimal128Type(decimal128(18, 6)), Decimal('1.500000'))
    """
    pa = pyarrow()
    pd = _pandas()
    if isinstance(data, pa.RecordBatch):
        table = pa.Table.from_batches([data])
    elif isinstance(data, pa.Table):
        table = data
    else:
        table = pa.Table.from_batches(list(data))
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    prefix = options.get("prefix", "")
    options = {**options, "errors": options.get("errors", "raise"), "decimals": "arrow"}
    scored = score_frame(frame, **options)
    if options["errors"] != "column":
        scored[prefix + "error"] = pd.Series(pd.array([None] * len(scored),
                                                      dtype=pd.ArrowDtype(pa.string())),
                                             index=scored.index)
    schema = pa.schema(list(table.schema) + list(result_schema(prefix)))
    return pa.Table.from_pandas(scored, schema=schema, preserve_index=False)


def score_batches(frames: Iterable[Any], **options: Any) -> Iterator[Any]:
    """Score each DataFrame of an iterator: the function Spark's ``mapInPandas`` calls.

    ``errors="column"`` is the default here, so the output always has the ``error`` column
    that `spark_schema` declares; pass options with ``functools.partial``.

    Examples:
        >>> import pandas as pd
        >>> import perfindicators as pi
        >>> parts = [pd.DataFrame({"target": ["≥60项"], "actual": ["30项"], "weight": [3]})]
        >>> [str(f["rule_score"].iloc[0]) for f in pi.score_batches(parts)]
        ['1.500000']
    """
    options = {"errors": "column", **options}
    for frame in frames:
        yield score_frame(frame, **options)
