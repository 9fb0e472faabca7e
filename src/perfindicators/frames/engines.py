"""Existing engines: a DuckDB scalar function (Dask and Spark take `score_frame` and
`score_batches` as they are; see the Scale page of the documentation).

Examples:
    >>> import duckdb
    >>> import perfindicators as pi
    >>> con = duckdb.connect()
    >>> pi.register_duckdb(con)
    >>> con.sql("SELECT pi_score('≥60项', '30项', 3, '数量指标') AS s").fetchall()
    [(Decimal('1.500000'),)]
"""

from __future__ import annotations

from typing import Any

from .._optional import optional
from .dataframe import score_arrow
from .schema import POINTS_PRECISION, POINTS_SCALE

__all__ = ["register_duckdb"]


def register_duckdb(connection: Any, name: str = "pi_score", **options: Any) -> None:
    """Register ``pi_score(target, actual, weight, category)`` on a DuckDB connection.

    The function is vectorised (DuckDB hands it Arrow batches; repeated rows score once).
    The weight is a ``DECIMAL(18, 6)`` (integers and decimals cast to it by themselves; cast
    a text column: ``CAST(weight AS DECIMAL(18, 6))``); the result is ``DECIMAL(18, 6)``. A
    row that cannot be scored gives ``NULL``, and ``pi_score_error(...)`` with the same
    arguments says why. Options are those of `score_frame`
    (``scheme=``, ``year=`` …).

    Args:
        connection: a ``duckdb.DuckDBPyConnection``.
        name: the SQL name; the error function is *name* + ``_error``.
    """
    optional("duckdb", "duckdb", "a DuckDB function")  # says which extra to install
    pa = optional("pyarrow", "pandas", "a DuckDB function")
    decimal = f"DECIMAL({POINTS_PRECISION}, {POINTS_SCALE})"
    args = ["VARCHAR", "VARCHAR", decimal, "VARCHAR"]

    def scored(target: Any, actual: Any, weight: Any, category: Any) -> Any:
        table = pa.table({"target": target, "actual": actual, "weight": weight,
                          "category": category})
        return score_arrow(table, **{**options, "errors": "column"})

    def points(target: Any, actual: Any, weight: Any, category: Any) -> Any:
        return scored(target, actual, weight, category).column("rule_score")

    def error(target: Any, actual: Any, weight: Any, category: Any) -> Any:
        return scored(target, actual, weight, category).column("error")

    connection.create_function(name, points, args,
                               decimal,
                               type="arrow", null_handling="special")
    connection.create_function(name + "_error", error, args, "VARCHAR", type="arrow",
                               null_handling="special")
