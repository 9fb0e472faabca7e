"""The result columns: one fixed Arrow schema, the empty frame Dask needs, the Spark schema.

Every scored frame, Arrow table or Spark DataFrame carries the input's own columns unchanged,
then these (with ``prefix=`` before each name):

| column | Arrow type | pandas dtype | meaning |
|---|---|---|---|
| ``rule_score`` | ``decimal128(18, 6)`` | ``ArrowDtype`` | the points under the rules, exact |
| ``weight_used`` | ``decimal128(18, 6)`` | ``ArrowDtype`` | the weight as read |
| ``met`` | ``bool`` | ``ArrowDtype`` | the target was met |
| ``status`` | ``string`` | ``ArrowDtype`` | met, not met, missing, needs judgement … |
| ``policy`` | ``string`` | ``ArrowDtype`` | the policy that scored the row |
| ``flags`` | ``string`` | ``ArrowDtype`` | comma-separated flags (``implicit_direction`` …) |
| ``explanation`` | ``string`` | ``ArrowDtype`` | the arithmetic in Chinese and English |
| ``error`` | ``string`` | ``ArrowDtype`` | why the row could not be scored (``errors="column"``) |

Six decimal places hold every rounding a scheme may choose (0 to 6 places), so no score is
ever rounded again on its way into Arrow, Parquet, Spark or DuckDB.

Examples:
    >>> import perfindicators as pi
    >>> [f.name for f in pi.result_schema()]
    ['rule_score', 'weight_used', 'met', 'status', 'policy', 'flags', 'explanation', 'error']
    >>> str(pi.result_schema().field("rule_score").type)
    'decimal128(18, 6)'
    >>> meta = pi.frame_meta()
    >>> len(meta), str(meta["rule_score"].dtype)
    (0, 'decimal128(18, 6)[pyarrow]')
"""

from __future__ import annotations

from typing import Any

from .._optional import optional

__all__ = ["POINTS_PRECISION", "POINTS_SCALE", "RESULT_COLUMNS", "frame_meta", "pyarrow",
           "result_schema", "spark_schema"]

#: the precision and scale of ``rule_score`` and ``weight_used``
POINTS_PRECISION, POINTS_SCALE = 18, 6
#: the result columns, in order (``error`` only with ``errors="column"`` in `score_frame`)
RESULT_COLUMNS = ("rule_score", "weight_used", "met", "status", "policy", "flags",
                  "explanation", "error")
_DECIMAL = ("rule_score", "weight_used")


def pyarrow() -> Any:
    """pyarrow, or an error that says how to install it."""
    return optional("pyarrow", "pandas", "exact decimal columns")


def _pandas() -> Any:
    return optional("pandas", "pandas", "a DataFrame")


def _type(pa: Any, name: str) -> Any:
    if name in _DECIMAL:
        return pa.decimal128(POINTS_PRECISION, POINTS_SCALE)
    return pa.bool_() if name == "met" else pa.string()


def result_schema(prefix: str = "", *, error: bool = True) -> Any:
    """The Arrow schema of the result columns: ``rule_score`` and ``weight_used`` as
    ``decimal128(18, 6)``, ``met`` as ``bool``, the others as ``string``.

    Args:
        prefix: put before each name (``prefix="pi_"`` gives ``pi_rule_score`` …).
        error: include the ``error`` column.

    Examples:
        >>> import perfindicators as pi
        >>> pi.result_schema("pi_", error=False).names[:2]
        ['pi_rule_score', 'pi_weight_used']
    """
    pa = pyarrow()
    names = RESULT_COLUMNS if error else RESULT_COLUMNS[:-1]
    return pa.schema([pa.field(prefix + n, _type(pa, n)) for n in names])


def frame_meta(like: Any = None, *, prefix: str = "", errors: str = "raise",
               decimals: str = "arrow") -> Any:
    """The empty DataFrame that `score_frame` returns for *like*: Dask's ``meta``.

    Args:
        like: the input (a pandas or Dask DataFrame); its columns come first. ``None`` gives
            the result columns alone.
        prefix: as passed to `score_frame`.
        errors: as passed to `score_frame` (``"column"`` adds the ``error`` column).
        decimals: as passed to `score_frame`.

    Examples:
        >>> import pandas as pd
        >>> import perfindicators as pi
        >>> meta = pi.frame_meta(pd.DataFrame({"年度指标值": ["≥60项"], "分值": [3]}))
        >>> list(meta.columns)[:4]
        ['年度指标值', '分值', 'rule_score', 'weight_used']

        With Dask, ``ddf.map_partitions(pi.score_frame, meta=pi.frame_meta(ddf))``.
    """
    pd = _pandas()
    pa = pyarrow()
    base = pd.DataFrame() if like is None else getattr(like, "_meta", like).iloc[:0].copy()
    names = RESULT_COLUMNS if errors == "column" else RESULT_COLUMNS[:-1]
    for n in names:
        if n in _DECIMAL and decimals == "object":
            base[prefix + n] = pd.Series([], dtype=object, index=base.index)
        elif n in _DECIMAL and decimals == "float":
            base[prefix + n] = pd.Series([], dtype="float64", index=base.index)
        else:
            base[prefix + n] = pd.Series([], dtype=pd.ArrowDtype(_type(pa, n)), index=base.index)
    return base


def spark_schema(like: Any = None, *, prefix: str = "", error: bool = True) -> Any:
    """The Spark schema of scored rows, for ``mapInPandas`` (needs pyspark).

    Scores are ``DecimalType(18, 6)``, never doubles.

    Args:
        like: the input's ``StructType`` (or a Spark DataFrame); its fields come first.
        prefix: as passed to `score_frame`.
        error: include the ``error`` column (pass ``errors="column"`` to `score_frame`).

    Examples:
        ``sdf.mapInPandas(pi.score_batches, schema=pi.spark_schema(sdf))``; see the
        Scale page of the documentation.
    """
    types = optional("pyspark.sql.types", "spark", "a Spark schema")
    fields = list(getattr(like, "schema", like) or [])
    names = RESULT_COLUMNS if error else RESULT_COLUMNS[:-1]
    for n in names:
        if n in _DECIMAL:
            t = types.DecimalType(POINTS_PRECISION, POINTS_SCALE)
        else:
            t = types.BooleanType() if n == "met" else types.StringType()
        fields.append(types.StructField(prefix + n, t, True))
    return types.StructType(fields)
