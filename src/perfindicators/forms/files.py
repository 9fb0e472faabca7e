"""Forms in files: `read_form`, `read_forms` and `write_form` choose the format by the suffix.

=========  ==========================================================================
suffix     format
=========  ==========================================================================
.json      the layout ``perfindicators-form/1`` (`.jsonfile`)
.csv .tsv  a table in any common encoding and delimiter (`.csvfile`); also .txt
.xlsx      an Excel or WPS workbook, one form per sheet (`.xlsxfile`); also .xlsm
=========  ==========================================================================

Reading never writes anything; writing never replaces a file unless told to, and writes
through a temporary file, so a failed write leaves nothing half-written.

>>> import tempfile, pathlib, perfindicators as pi
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_form(pi.examples.load("zgc-2021"), folder / "zgc.xlsx")
>>> read_form(path).total_score
Decimal('94.23')
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CellProblem, FormReadError, UnknownNameError
from .csvfile import read_csv, write_csv
from .form import Form
from .jsonfile import read_json, write_json
from .model import FormData
from .xlsxfile import read_xlsx, read_xlsx_sheets, write_xlsx

__all__ = ["SUFFIXES", "read_form", "read_forms", "read_sheets", "write_form"]

SUFFIXES = (".json", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def _check(path: Path) -> str:
    source = str(path)
    try:
        if not path.exists():
            raise FormReadError(source, [CellProblem("no such file")])
        if path.is_dir():
            raise FormReadError(source, [CellProblem("a directory, not a form file")])
        with path.open("rb"):
            pass
    except PermissionError:
        raise FormReadError(source, [CellProblem("cannot be read: permission denied")]) from None
    except OSError as e:
        raise FormReadError(source, [CellProblem(
            f"cannot be read: {e.strerror or type(e).__name__}")]) from None
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FormReadError(source, [CellProblem(
            f"unknown file type {suffix or '(none)'}: use .json, .csv, .tsv or .xlsx")])
    return suffix


def read_form(path: str | Path, *, sheet: str | None = None, strict: bool = False) -> Form:
    """Read a form from a ``.json``, ``.csv``/``.tsv`` or ``.xlsx`` file.

    Args:
        path: the file.
        sheet: the worksheet of a workbook; by default the one sheet that holds a form.
        strict: refuse the whole form when any cell cannot be read (by default such a cell
            stays with its row as a problem, and the rest of the form is read and scored).

    Raises:
        FormReadError: the file cannot be read; every problem is listed with its place.
    """
    p = Path(path)
    suffix = _check(p)
    try:
        if suffix == ".json":
            return read_json(p, strict=strict)
        if suffix in (".xlsx", ".xlsm"):
            return read_xlsx(p, sheet, strict=strict)
        return read_csv(p, strict=strict)
    except OSError as e:
        raise FormReadError(str(p), [CellProblem(
            f"cannot be read: {e.strerror or type(e).__name__}")]) from None


def read_sheets(path: str | Path, *, strict: bool = False,
                ) -> list[tuple[str | None, Form | FormReadError]]:
    """Every form in a file, each with its sheet (``None`` outside workbooks), or the
    error that says why that sheet could not be read.

    Raises:
        FormReadError: the file itself cannot be read.
    """
    p = Path(path)
    if _check(p) in (".xlsx", ".xlsm"):
        found: list[tuple[str | None, Form | FormReadError]] = []
        found += read_xlsx_sheets(p, strict=strict)
        return found
    return [(None, read_form(p, strict=strict))]


def read_forms(path: str | Path, *, strict: bool = False) -> list[Form]:
    """Every form in a file: one per sheet of a workbook that holds an indicator table.

    Raises:
        FormReadError: the file, or one of its sheets, cannot be read (every problem).
    """
    results = read_sheets(path, strict=strict)
    bad = [r for _, r in results if isinstance(r, FormReadError)]
    if bad:
        raise FormReadError(str(path), [p for e in bad for p in e.problems])
    return [r for _, r in results if isinstance(r, Form)]


def write_form(form: FormData, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write *form* as ``.json``, ``.csv``/``.tsv`` or ``.xlsx`` (by the suffix of *path*).

    Text cells are always written as text: a CSV cell starting with ``= + - @`` is escaped
    with a ``'`` (read back to the original text), an XLSX cell is never a formula.

    Raises:
        FileExistsError: *path* exists and ``overwrite`` is not set (an input is never
            written over by accident).
        UnknownNameError: an unknown file type (the hint lists the known ones).
    """
    p = Path(path)
    if p.exists() and not overwrite:
        raise FileExistsError(f"{p} exists; pass overwrite=True to replace it")
    suffix = p.suffix.lower()
    writers = {".json": write_json, ".csv": write_csv, ".tsv": write_csv, ".xlsx": write_xlsx}
    if suffix not in writers:
        raise UnknownNameError(suffix or "(none)", "file type", tuple(writers))
    if not isinstance(form, Form):
        form = Form(form.project, form.budget, form.goals, form.indicators, form.total_weight,
                    form.total_score, form.title, form.source, problems=form.problems)
    temporary = p.with_name(f".{p.name}.{os.getpid()}.tmp{suffix}")
    try:
        writers[suffix](form, temporary)
        os.replace(temporary, p)
    finally:
        temporary.unlink(missing_ok=True)
    return p
