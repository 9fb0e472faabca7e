"""A whole province at once: score and audit folders of forms in worker processes, and
write tidy tables that DuckDB, Spark, pandas or Excel can query.

`score_forms` returns the tables; `run_batch` also writes them (the ``perfindicators batch``
command is a thin wrapper around it).

Examples:
    >>> import perfindicators as pi
    >>> result = pi.score_forms(pi.examples.path("zgc-2021"), workers=1)
    >>> result.scored, result.failed, result.rows.num_rows
    (1, 0, 29)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from ..schemes import Scheme
from .engine import SUFFIXES, BatchResult, Progress, combine, expand, score_file, score_forms
from .tables import TABLES, schemas
from .writers import FORMATS, outputs, write_tables

__all__ = ["FORMATS", "SUFFIXES", "TABLES", "BatchResult", "combine", "expand", "outputs",
           "run_batch", "schemas", "score_file", "score_forms", "write_tables"]


def run_batch(paths: str | Path | Iterable[str | Path], out: str | Path,
              workers: int | None = None, progress: Progress | None = None, *,
              scheme: str | Scheme = "central", overwrite: bool = False) -> BatchResult:
    """Score and audit every form of *paths* and write the tables to *out*.

    The output's suffix chooses the format (``.parquet``, ``.duckdb``, ``.csv``, ``.xlsx``;
    see `write_tables`); it is checked before any form is read. Bad files are listed in the
    ``failures`` table and written with the rest.

    Args:
        paths: files, folders or glob patterns.
        out: where to write.
        workers: worker processes (default: the CPU count).
        progress: called with (files done, files in all).
        scheme: the scheme to score under.
        overwrite: replace existing output files.

    Examples:
        >>> import tempfile, duckdb
        >>> import perfindicators as pi
        >>> from perfindicators.batch import run_batch
        >>> out = Path(tempfile.mkdtemp()) / "results.parquet"
        >>> result = run_batch([pi.examples.path("zgc-2021")], out, workers=1)
        >>> [p.name for p in result.written][0]
        'results.forms.parquet'
        >>> duckdb.sql(f"SELECT project, rule_total FROM '{result.written[0]}'").fetchall()
        [('中关村企业专利、技术标准等资助资金项目', Decimal('97.830000'))]
    """
    files = outputs(out)
    taken = [f for f in files if f.exists()]
    if taken and not overwrite:
        raise FileExistsError(f"{taken[0]} exists; pass overwrite=True (--overwrite) to replace it")
    result = score_forms(paths, workers=workers, scheme=scheme, progress=progress)
    written = write_tables(result.tables(), out, overwrite=overwrite)
    return attrs.evolve(result, written=tuple(written))
