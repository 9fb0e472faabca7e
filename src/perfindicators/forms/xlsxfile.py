"""XLSX workbooks (Excel, WPS): reading cells as people see them, safely; writing text as text.

Reading:

* the archive is checked before anything is unpacked: its members' total uncompressed size
  and compression ratio are limited (a zip bomb is refused, not unpacked);
* the XML is parsed by openpyxl with ``defusedxml`` (a DTD or entity declarations are
  refused), streamed row by row; the sheet's declared dimension is ignored and rows and
  columns are limited, so a false dimension cannot grow memory;
* numbers are read through their format: ``0.00%`` scales by 100, a quoted literal
  (``0.00"%"``, ``0"项"``) is text shown after the number; dates by their format, a month
  format (``yyyy"年"m"月"``) as the month's last day;
* a formula without a saved value (files written by scripts) and a formula error
  (``#DIV/0!``) are problems naming the cell; merged ranges are reported to the table reader.

Writing stores every cell as text (``data_type="s"``): a target ``=100%`` or a note
``=HYPERLINK(…)`` stays text, never a live formula.

>>> number_text(0.8826, "0.00%"), number_text(88.26, '0.00"%"'), number_text(64, '0"项"')
('88.26%', '88.26%', '64项')
>>> import datetime
>>> date_text(datetime.datetime(2022, 11, 1), 'yyyy"年"m"月"'), date_text(datetime.date(2022, 11, 5), "m/d")
('2022年11月30日', '2022年11月5日')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._optional import optional
from ..errors import CellProblem, FormReadError, PerfIndicatorError
from .cells import MAX_CELL
from .csvfile import MAX_COLUMNS, MAX_ROWS
from .form import Form
from .grid import Grid, has_table, letter, read_grid
from .tablewrite import table_rows

__all__ = ["MAX_RATIO", "MAX_UNPACKED", "date_text", "number_text", "read_xlsx",
           "read_xlsx_sheets", "write_xlsx"]

#: the most a workbook may unpack to (bytes), and the highest compression ratio of a member
MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')


def _format(fmt: str) -> tuple[str, str]:
    """The first section of a number format without literals, and its trailing literal text."""
    section = ""
    quoted = False
    for ch in fmt:  # the first section: up to a ';' outside quotes
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            break
        section += ch
    suffix = ""
    core = ""
    last = 0
    for m in _QUOTED.finditer(section):
        core += section[last:m.start()]
        literal = m.group(1) if m.group(1) is not None else (m.group(2) or "")
        if not re.search(r"[0#?]", section[m.end():]):
            suffix += literal  # text after the last digit placeholder
        last = m.end()
    core += section[last:]
    return core, suffix


def number_text(value: int | float, fmt: str) -> str:
    """A number as the cell shows it: ``%`` formats scale by 100; quoted text is kept."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    core, suffix = _format(fmt or "General")
    if "%" in core:
        return format((d * 100).normalize(), "f") + "%" + suffix
    text = format(d.normalize(), "f") if d != d.to_integral() else format(d.to_integral(), "f")
    return text + suffix if len(suffix) <= 8 else text


def date_text(value: dt.date | dt.datetime, fmt: str) -> str:
    """A date as a day: month formats (no day in the format) give the month's last day."""
    core = _format(fmt or "")[0].lower()
    core = re.sub(r"h+[:：]?m+|m+[:：]s+", "", core)  # minutes are not months
    if "d" not in core and "m" in core:
        last = calendar.monthrange(value.year, value.month)[1]
        return f"{value.year}年{value.month}月{last}日"
    if "d" not in core and "m" not in core and "y" in core:
        return f"{value.year}年"
    return f"{value.year}年{value.month}月{value.day}日"


def _check_archive(path: Path) -> None:
    source = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise FormReadError(source, [CellProblem(
            f"not an XLSX workbook ({type(e).__name__})")]) from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise FormReadError(source, [CellProblem(
            f"the workbook unpacks to {total // (1024 * 1024)} MB; the limit is "
            f"{MAX_UNPACKED // (1024 * 1024)} MB (a zip bomb?)")])
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise FormReadError(source, [CellProblem(
                f"{m.filename} is compressed {m.file_size // max(m.compress_size, 1)} times; "
                f"the limit is {MAX_RATIO} (a zip bomb?)")])


def _refusal(path: Path, e: BaseException, what: str = "not an XLSX workbook") -> FormReadError:
    """The error for an exception openpyxl raised: a hostile XML construct said as such."""
    seen: BaseException | None = e
    while seen is not None:
        if type(seen).__module__.startswith("defusedxml"):
            return FormReadError(str(path), [CellProblem(
                f"the workbook's XML declares a DTD or entities ({type(seen).__name__}): "
                "refused, as it could expand without bound or read other files")])
        seen = seen.__cause__ or seen.__context__
    first = str(e).splitlines()[0][:200] if str(e) else ""
    return FormReadError(str(path), [CellProblem(f"{what} ({type(e).__name__}: {first})")])


def _open(path: Path) -> Any:
    openpyxl = optional("openpyxl", "xlsx", "reading and writing XLSX")
    _check_archive(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken or hostile file
        raise _refusal(path, e) from None


def _rows(ws: Any, data_only: bool, merged: list[str] | None = None,
          ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The parsed rows of a sheet, streamed, ignoring its declared dimension; the merged
    ranges are added to *merged* once the rows are read."""
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats,
                                 timedelta_formats=wb._timedelta_formats)
        yield from parser.parse()
        if merged is not None and parser.merged_cells is not None:
            merged += [str(c.ref) for c in parser.merged_cells.mergeCell]


def _text(ws: Any, cell: dict[str, Any]) -> tuple[str, str | None]:
    """The text of one parsed cell, and a problem with it (or ``None``)."""
    from openpyxl.cell.read_only import ReadOnlyCell

    value = cell["value"]
    if value is None:
        return "", None
    if cell.get("data_type") == "e":
        return "", f"the cell holds a formula error {value}"
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, dt.datetime | dt.date):
        fmt = ReadOnlyCell(ws, cell["row"], cell["column"], value, cell["data_type"],
                           cell["style_id"]).number_format
        return date_text(value, str(fmt or "")), None
    if isinstance(value, int | float):
        fmt = ReadOnlyCell(ws, cell["row"], cell["column"], value, cell["data_type"],
                           cell["style_id"]).number_format
        return number_text(value, str(fmt or "General")), None
    text = str(value)
    if len(text) > MAX_CELL:
        return "", f"a cell longer than {MAX_CELL // 1024} KB"
    return text, None


def _grid(ws: Any, source: str) -> Grid:
    rows: list[list[str]] = []
    problems: dict[tuple[int, int], str] = {}
    refs: list[str] = []
    for idx, cells in _rows(ws, True, refs):
        if idx > MAX_ROWS:
            raise FormReadError(source, [CellProblem(
                f"more than {MAX_ROWS} rows: not a form", row=idx, sheet=ws.title)])
        while len(rows) < idx - 1:
            rows.append([])
        row: list[str] = []
        for cell in cells:
            col = cell["column"]
            if col > MAX_COLUMNS:
                if cell["value"] is None:
                    continue
                raise FormReadError(source, [CellProblem(
                    f"more than {MAX_COLUMNS} columns: not a form", row=idx,
                    column=letter(col - 1), sheet=ws.title)])
            text, problem = _text(ws, cell)
            row += [""] * (col - 1 - len(row))
            row.append(text)
            if problem:
                problems[(idx - 1, col - 1)] = problem
        rows.append(row)
    for idx, cells in _rows(ws, False):  # formulas without a saved value
        for cell in cells:
            r, c = idx - 1, cell["column"] - 1
            if cell.get("data_type") == "f" and r < len(rows) and c < MAX_COLUMNS and (
                    c >= len(rows[r]) or not rows[r][c]) and (r, c) not in problems:
                formula = str(cell["value"])[:60]
                problems[(r, c)] = (f"a formula ({formula}) without a saved value: open and save "
                                    "the file in Excel or WPS, or type the value")
    merged = []
    for ref in refs:
        m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", ref)
        if m:
            merged.append((int(m.group(2)) - 1, _col(m.group(1)), int(m.group(4)) - 1,
                           _col(m.group(3))))
    return Grid(rows, sheet=ws.title, letters=True, problems=problems, merged=merged)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_xlsx_sheets(path: Path, *, strict: bool = False) -> list[tuple[str, Form | FormReadError]]:
    """Every sheet of a workbook that holds an indicator table: its form, or why not.

    Raises:
        FormReadError: the file is not a workbook, or no sheet holds an indicator table.
    """
    wb = _open(path)
    out: list[tuple[str, Form | FormReadError]] = []
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "_get_source"):
                continue  # a chart sheet
            grid = _grid(ws, str(path))
            if has_table(grid):
                try:
                    out.append((ws.title, read_grid(grid, str(path), strict=strict)))
                except FormReadError as e:
                    out.append((ws.title, e))
        if not out:
            raise FormReadError(str(path), [CellProblem(
                "no indicator table in any sheet (" + ", ".join(wb.sheetnames) + "): expected a "
                "header row with 年度指标值 (or 指标值, 目标值) and 三级指标, 一级指标 or 分值")])
        return out
    except FormReadError:
        raise
    except Exception as e:  # a broken sheet inside a valid archive
        raise _refusal(path, e, "not a readable XLSX workbook") from None
    finally:
        wb.close()


def read_xlsx(path: Path, sheet: str | None = None, *, strict: bool = False) -> Form:
    """Read the form of one sheet: *sheet*, or the one sheet that holds a form.

    Raises:
        FormReadError: no such sheet, no form, or several forms and no *sheet* chosen.
    """
    source = str(path)
    if sheet is None:
        found = read_xlsx_sheets(path, strict=strict)
        if len(found) > 1:
            names = ", ".join(name for name, _ in found)
            raise FormReadError(source, [CellProblem(
                f"the workbook holds {len(found)} forms (sheets {names}): choose one with "
                f"sheet=… (--sheet), or read them all with read_forms")])
        result = found[0][1]
        if isinstance(result, FormReadError):
            raise result
        return result
    wb = _open(path)
    try:
        if sheet not in wb.sheetnames:
            raise FormReadError(source, [CellProblem(
                f"no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")])
        return read_grid(_grid(wb[sheet], source), source, strict=strict)
    except FormReadError:
        raise
    except Exception as e:  # a broken sheet inside a valid archive
        raise _refusal(path, e, "not a readable XLSX workbook") from None
    finally:
        wb.close()


def write_xlsx(form: Form, path: Path) -> None:
    """Write *form* as a workbook of one sheet, every cell stored as text."""
    openpyxl = optional("openpyxl", "xlsx", "reading and writing XLSX")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效自评表"
    for r, values in enumerate(table_rows(form), start=1):
        for c, text in enumerate(values, start=1):
            bad = _ILLEGAL.search(text)
            if bad:
                raise PerfIndicatorError(
                    f"row {r}, column {letter(c - 1)}: the text holds the control character "
                    f"U+{ord(bad.group()):04X}, which XLSX cannot store",
                    hint="remove it, or write the form as JSON or CSV")
            if text:
                cell = ws.cell(row=r, column=c)
                cell.value = text
                cell.data_type = "s"  # never a formula, whatever the text starts with
    wb.save(path)
