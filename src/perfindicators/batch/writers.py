"""Writing the batch tables: Parquet, DuckDB, CSV or XLSX, chosen by the suffix.

- ``results.parquet``: ``results.forms.parquet``, ``results.rows.parquet``,
  ``results.findings.parquet`` and ``results.failures.parquet``;
- ``results.duckdb``: one database with the tables ``forms``, ``rows``, ``findings`` and
  ``failures``;
- ``results.csv``: ``results.forms.csv`` … (UTF-8 with a byte-order mark, so Excel reads the
  Chinese);
- ``results.xlsx``: one workbook, a sheet per table; texts are written as text, never as
  formulas.

Decimals stay exact: ``DECIMAL(18, 6)`` in Parquet and DuckDB, their digits in CSV, numbers
in XLSX (written from their decimal digits).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._optional import optional
from ..errors import PerfIndicatorError
from .tables import TABLES

__all__ = ["FORMATS", "outputs", "write_tables"]

#: the suffixes `write_tables` knows
FORMATS = (".parquet", ".duckdb", ".csv", ".xlsx")
#: rows an XLSX sheet holds (Excel's limit, less the header)
XLSX_ROWS = 1_048_575
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def outputs(out: str | Path) -> list[Path]:
    """The files `write_tables` writes for *out*.

    Examples:
        >>> [p.name for p in outputs("results.parquet")][:2]
        ['results.forms.parquet', 'results.rows.parquet']
        >>> outputs("results.duckdb")
        [PosixPath('results.duckdb')]
    """
    p = Path(out)
    suffix = p.suffix.lower()
    if suffix not in FORMATS:
        raise PerfIndicatorError(f"cannot write {p.name}: use one of {', '.join(FORMATS)}")
    if suffix in (".parquet", ".csv"):
        return [p.with_name(f"{p.stem}.{name}{suffix}") for name in TABLES]
    return [p]


def write_tables(tables: dict[str, Any], out: str | Path, *, overwrite: bool = False,
                 ) -> list[Path]:
    """Write the four tables to *out* (see the list above); returns the files written.

    Raises:
        FileExistsError: a file exists and ``overwrite`` is not set.
        PerfIndicatorError: an unknown suffix, or more rows than an XLSX sheet holds.
    """
    files = outputs(out)
    taken = [f for f in files if f.exists()]
    if taken and not overwrite:
        raise FileExistsError(f"{taken[0]} exists; pass overwrite=True (--overwrite) to replace it")
    suffix = files[0].suffix.lower()
    if suffix == ".parquet":
        pq = optional("pyarrow.parquet", "parquet", "writing Parquet")
        for name, f in zip(TABLES, files, strict=True):
            pq.write_table(tables[name], f)
    elif suffix == ".csv":
        pcsv = optional("pyarrow.csv", "parquet", "writing CSV")
        for name, f in zip(TABLES, files, strict=True):
            with f.open("wb") as handle:
                handle.write("\ufeff".encode())
                pcsv.write_csv(tables[name], handle)
    elif suffix == ".duckdb":
        _duckdb(tables, files[0])
    else:
        _xlsx(tables, files[0])
    return files


def _duckdb(tables: dict[str, Any], path: Path) -> None:
    duckdb = optional("duckdb", "duckdb", "writing DuckDB")
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        for name in TABLES:
            con.register("_pi_table", tables[name])
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _pi_table')
            con.unregister("_pi_table")
    finally:
        con.close()


def _xlsx(tables: dict[str, Any], path: Path) -> None:
    openpyxl = optional("openpyxl", "xlsx", "writing XLSX")
    cell_type = optional("openpyxl.cell", "xlsx", "writing XLSX").WriteOnlyCell
    too_big = [n for n in TABLES if tables[n].num_rows > XLSX_ROWS]
    if too_big:
        raise PerfIndicatorError(f"the {too_big[0]} table has more rows than an XLSX sheet "
                                 f"holds ({XLSX_ROWS:,})", hint="write .parquet or .duckdb")
    wb = openpyxl.Workbook(write_only=True)
    for name in TABLES:
        ws = wb.create_sheet(name)
        table = tables[name]
        ws.append([_text(ws, cell_type, c) for c in table.column_names])
        for record in table.to_pylist():
            ws.append([_cell(ws, cell_type, v) for v in record.values()])
    wb.save(path)


def _text(ws: Any, cell_type: Any, value: str) -> Any:
    """A text cell that stays text: ``=1+1`` is shown, never computed."""
    cell = cell_type(ws, value=_ILLEGAL.sub("\ufffd", value))
    cell.data_type = "s"
    return cell


def _cell(ws: Any, cell_type: Any, value: object) -> Any:
    if isinstance(value, str):
        return _text(ws, cell_type, value)
    if isinstance(value, Decimal):
        return cell_type(ws, value=value.normalize() if value == value.to_integral_value()
                         else value)
    return value
