"""Score and audit many form files in worker processes; every bad file is listed, none sinks
the batch.

Workers get file paths and send back Arrow tables (plain values), so nothing that is hard to
pickle crosses a process. Files go to the workers in small chunks, in the order of the sorted
paths, and the tables come back in that order whatever the number of workers.
"""

from __future__ import annotations

import concurrent.futures as cf
import glob
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._optional import optional
from ..errors import FormReadError
from ..forms import read_form
from ..schemes import Scheme
from .tables import TABLES, failure_rows, form_rows, to_table

__all__ = ["SUFFIXES", "BatchResult", "combine", "expand", "score_file", "score_forms"]

#: the files a folder contributes
SUFFIXES = (".json", ".csv", ".tsv", ".xlsx", ".xlsm")
_CHUNK = 8

#: ``progress(done, total)``: called as files finish
Progress = Callable[[int, int], None]


@attrs.frozen(repr=False)
class BatchResult:
    """The tables of a batch (pyarrow Tables) and what happened.

    Attributes:
        forms, rows, findings, failures: the tables (see `perfindicators.batch.tables`).
        files: how many files were given.
        written: the files written by `run_batch` (empty for `score_forms`).
    """

    forms: Any
    rows: Any
    findings: Any
    failures: Any
    files: int
    written: tuple[Path, ...] = ()

    @property
    def scored(self) -> int:
        """Forms scored and audited."""
        return int(self.forms.num_rows)

    @property
    def failed(self) -> int:
        """Files that could not be scored at all (each listed in ``failures``)."""
        scored = set(self.forms.column("path").to_pylist())
        return len(set(self.failures.column("path").to_pylist()) - scored)

    @property
    def partial(self) -> int:
        """Files scored with some cells unreadable (their rows are unscored, and every such cell
        is listed in ``failures`` with stage ``cells``)."""
        scored = set(self.forms.column("path").to_pylist())
        return len(set(self.failures.column("path").to_pylist()) & scored)

    def tables(self) -> dict[str, Any]:
        """The four tables by name."""
        return {name: getattr(self, name) for name in TABLES}

    def to_pandas(self) -> dict[str, Any]:
        """The four tables as DataFrames with Arrow dtypes (exact decimals)."""
        pd = optional("pandas", "pandas", "DataFrames")
        return {n: t.to_pandas(types_mapper=pd.ArrowDtype) for n, t in self.tables().items()}

    def __repr__(self) -> str:
        return f"<BatchResult {self}>"

    def __str__(self) -> str:
        partly = f" ({self.partial} with unreadable cells)" if self.partial else ""
        return (f"{self.files} file(s): {self.scored} scored{partly}, {self.failed} failed; "
                f"{self.rows.num_rows} rows, {self.findings.num_rows} findings")


def expand(paths: str | Path | Iterable[str | Path]) -> list[str]:
    """The form files named by *paths*: files, folders (searched recursively for
    ``.json``, ``.csv``, ``.tsv`` and ``.xlsx``) and glob patterns; sorted, each once.

    A name that is neither an existing path nor a pattern with matches is kept, so that it
    is reported in ``failures`` ("no such file") instead of vanishing.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    found: list[str] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found += [str(f) for f in p.rglob("*") if f.suffix.lower() in SUFFIXES
                      and f.is_file() and not f.name.startswith(("~$", "."))]
        elif p.exists():
            found.append(str(p))
        elif glob.has_magic(str(item)):
            found += [f for f in glob.glob(str(item), recursive=True) if Path(f).is_file()]
        else:
            found.append(str(p))
    return sorted(dict.fromkeys(found))


def _score_file(form_id: int, path: str, scheme: str | Scheme) -> tuple[str, Any]:
    """One file: ``("ok", tables)`` or ``("failed", failure rows)``. Never raises."""
    stage = "read"
    try:
        form = read_form(path)
        stage = "score"
        report = form.score(scheme)
        stage = "audit"
        findings = form.audit(scheme)
        stage = "tables"
        tables = form_rows(form_id, path, form.to_dict(), report.to_dict(), list(findings))
        if form.problems:  # read, but some cells not: the rows stay unscored, the cells listed
            tables["failures"] = failure_rows(form_id, path, "cells",
                                              FormReadError(path, form.problems))
        return "ok", tables
    except Exception as e:  # one bad file never sinks the batch: it is listed in failures
        return "failed", failure_rows(form_id, path, stage, e)


def score_file(path: str | Path, *, form_id: int = 0, scheme: str | Scheme = "central",
               ) -> dict[str, Any]:
    """One form file's four tables (pyarrow Tables: plain values that pickle), for engines
    that schedule files themselves (``dask.bag``); `combine` joins them. Never raises: a
    bad file gives a ``failures`` table.

    Examples:
        >>> import perfindicators as pi
        >>> from perfindicators.batch import combine, score_file
        >>> parts = [score_file(pi.examples.path("zgc-2021")), score_file("nope.json", form_id=1)]
        >>> print(combine(parts))
        2 file(s): 1 scored, 1 failed; 29 rows, 18 findings
    """
    status, value = _score_file(form_id, str(path), scheme)
    parts = value if status == "ok" else {"failures": value}
    return {name: to_table(name, parts.get(name, [])) for name in TABLES}


def combine(parts: Iterable[dict[str, Any]]) -> BatchResult:
    """One `BatchResult` from the tables of `score_file` (in the order given)."""
    pa = optional("pyarrow", "parquet", "scoring a batch of forms")
    items = list(parts)
    tables = {name: pa.concat_tables([p[name] for p in items]) if items
              else to_table(name, []) for name in TABLES}
    return BatchResult(**tables, files=len(items))


def _score_chunk(chunk: Sequence[tuple[int, str]], scheme: str | Scheme,
                 ) -> list[tuple[str, Any]]:
    return [_score_file(i, p, scheme) for i, p in chunk]


def score_forms(paths: str | Path | Iterable[str | Path], *, workers: int | None = None,
                scheme: str | Scheme = "central", progress: Progress | None = None,
                ) -> BatchResult:
    """Read, score and audit every form file in worker processes.

    Args:
        paths: files, folders or glob patterns (see `expand`).
        workers: worker processes (default: the CPU count); 1 scores in this process.
        scheme: a scheme name or ``.toml`` path, as for `perfindicators.Form.score`.
        progress: called with (files done, files in all) as files finish.

    Returns:
        The forms, rows, findings and failures tables; a file that cannot be read, scored or
        audited is listed in ``failures`` with each of its problems, and the rest go on.

    Examples:
        >>> import perfindicators as pi
        >>> result = pi.score_forms([pi.examples.path("zgc-2021"), "missing.json"], workers=1)
        >>> print(result)
        2 file(s): 1 scored, 1 failed; 29 rows, 18 findings
        >>> result.forms.column("rule_total").to_pylist()
        [Decimal('97.830000')]
        >>> result.failures.column("message").to_pylist()
        ['no such file']
    """
    optional("pyarrow", "parquet", "scoring a batch of forms")  # before any work is done
    files = expand(paths)
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers is at least 1, not {workers}")
    items = list(enumerate(files))
    chunks = [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    results: list[list[tuple[str, Any]] | None] = [None] * len(chunks)
    done = 0
    if workers == 1 or len(chunks) <= 1:
        for k, chunk in enumerate(chunks):
            results[k] = _score_chunk(chunk, scheme)
            done += len(chunk)
            if progress:
                progress(done, len(files))
    else:
        with cf.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_score_chunk, chunk, scheme): k
                       for k, chunk in enumerate(chunks)}
            for future in cf.as_completed(futures):
                k = futures[future]
                try:
                    results[k] = future.result()
                except Exception as e:  # a worker that died: its files are failures
                    results[k] = [("failed", failure_rows(i, p, "worker", e))
                                  for i, p in chunks[k]]
                done += len(chunks[k])
                if progress:
                    progress(done, len(files))
    parts: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for chunk_results in results:
        for status, value in chunk_results or []:
            if status == "ok":
                for name, rows in value.items():
                    parts[name] += rows
            else:
                parts["failures"] += value
    tables = {name: to_table(name, parts[name]) for name in TABLES}
    return BatchResult(**tables, files=len(files))
