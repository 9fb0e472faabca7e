"""DataFrames and existing engines: pandas, Arrow, Dask, Spark, DuckDB (the ``pandas``
extra; ``dask``, ``spark`` and ``duckdb`` for those engines).

`score_frame` scores a DataFrame, `score_arrow` an Arrow table, `score_batches` an iterator
of frames (Spark's ``mapInPandas``); `frame_meta`, `result_schema` and `spark_schema` give
the fixed result columns; `register_duckdb` adds ``pi_score(...)`` to DuckDB; importing
``perfindicators.frames.accessor`` adds ``df.pi``. Importing this package (or ``perfindicators``)
imports neither pandas nor pyarrow: the functions import what they need when called, and
``df.pi`` is there only after the explicit import of the accessor, which imports pandas.

Examples:
    >>> import pandas as pd
    >>> import perfindicators as pi
    >>> rows = pd.DataFrame({"指标值": ["≥60项"] * 3, "完成值": ["30项", "60项", pd.NA],
    ...                      "分值": pd.array([3, 3, 3], dtype="Int64")}).convert_dtypes()
    >>> pi.score_frame(rows)["rule_score"].tolist()
    [Decimal('1.500000'), Decimal('3.000000'), Decimal('0.000000')]
"""

from __future__ import annotations

from .dataframe import score_arrow, score_batches, score_frame
from .engines import register_duckdb
from .schema import RESULT_COLUMNS, frame_meta, result_schema, spark_schema

__all__ = ["RESULT_COLUMNS", "frame_meta", "register_duckdb", "result_schema", "score_arrow",
           "score_batches", "score_frame", "spark_schema"]
