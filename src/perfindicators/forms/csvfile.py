"""CSV and TSV files: decoding, the delimiter, strict quoting, limits, safe cells.

Reading never loses data silently:

* the encoding is found from the BOM, then UTF-8, then by charset-normalizer among the
  encodings Chinese forms are saved in (GB18030/GBK, Big5, UTF-16 without a BOM);
* the delimiter (``,``, tab, ``;``) is found by ``csv.Sniffer`` and checked against the rows;
* quoting is strict: an unterminated quoted cell, text after a closing quote, or a quoted
  cell that swallows lines that look like rows is an error with its line;
* the file size, the number of rows and columns and the length of a cell are limited, and
  checked before memory grows.

Writing is safe for spreadsheets: a cell that starts with ``= + - @``, a tab or a carriage
return is written with a leading ``'`` (the OWASP advice against formula injection), and
reading removes exactly that ``'`` again, so the text round-trips.

>>> escape("=HYPERLINK(1)"), unescape(escape("=HYPERLINK(1)")), escape("'=x"), escape("≥60项")
("'=HYPERLINK(1)", '=HYPERLINK(1)', "''=x", '≥60项')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from ..errors import CellProblem, FormReadError
from .cells import MAX_CELL
from .form import Form
from .grid import Grid, read_grid
from .tablewrite import table_rows

__all__ = ["MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS", "decode", "escape", "read_csv", "unescape",
           "write_csv"]

#: the largest CSV file read (bytes)
MAX_BYTES = 32 * 1024 * 1024
#: the most rows and columns read from a table
MAX_ROWS = 20_000
MAX_COLUMNS = 256

_TRIGGER = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]


def escape(text: str) -> str:
    """*text* made safe for a spreadsheet cell (a ``'`` before ``= + - @``, tab or CR)."""
    return "'" + text if _TRIGGER.match(text) else text


def unescape(text: str) -> str:
    """The text `escape` was given."""
    return text[1:] if _ESCAPED.match(text) else text


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(raw: bytes, source: str) -> str:
    """The text of a CSV file, its encoding found (BOM, UTF-8, then charset-normalizer).

    >>> decode("指标".encode("gb18030") * 20, "x"), decode(b"\\xff\\xfe" + "指标".encode("utf-16-le"), "x")
    ('指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标指标', '指标')

    Raises:
        FormReadError: not text in any of those encodings.
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as e:
                raise FormReadError(source, [CellProblem(
                    f"not {encoding} text despite its byte-order mark (byte {e.start})")]) from None
    guess = _utf16_without_bom(raw)
    if guess is not None:
        try:
            return raw.decode(guess)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise FormReadError(source, [CellProblem(
            "not a text file: not UTF-8, UTF-16, GB18030/GBK or Big5")])
    return str(best)


def _delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    sample = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        found = ","
    # the sniffer guesses; keep its guess only if it splits the rows at least as well
    counts = {d: sum(line.count(d) for line in lines) for d in ",\t;"}
    if counts.get(found, 0) == 0 or counts[found] < max(counts.values()) / 2:
        found = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return found


def _looks_like_rows(cell: str, delimiter: str, width: int) -> bool:
    """A quoted cell over several lines, one of which would be a whole row of this table (as
    many delimiters as the row the cell is in): a stray quote that swallowed rows."""
    need = max(2, width - 1)
    return any(line.count(delimiter) >= need for line in cell.split("\n")[1:])


def read_csv(path: Path, *, strict: bool = False) -> Form:
    """Read a CSV or TSV form (any delimiter and encoding above).

    Raises:
        FormReadError: the file cannot be read as a table, or holds no form; every problem
            with its line and column.
    """
    source = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FormReadError(source, [CellProblem(
            f"the file is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")])
    text = decode(path.read_bytes(), source)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise FormReadError(source, [CellProblem(
            "the file holds NUL characters: not a text table (a UTF-16 file that lost its "
            "byte-order mark, or a binary file?)", row=line)])
    delimiter = _delimiter(text, path.suffix.lower())
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: dict[tuple[int, int], str] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                message = str(e)
                if "field larger" in message:
                    message = f"a cell longer than {MAX_CELL // 1024} KB"
                elif "unexpected end of data" in message or "EOF" in message:
                    message = "a quoted cell (\") is never closed: the rest of the file would be lost"
                elif "expected after" in message:
                    message = "text after a closing quote (\"): a stray quote in a cell"
                raise FormReadError(source, [CellProblem(message, row=line)]) from None
            if len(rows) >= MAX_ROWS:
                raise FormReadError(source, [CellProblem(
                    f"more than {MAX_ROWS} rows: not a form", row=line)])
            if len(record) > MAX_COLUMNS and any(record[MAX_COLUMNS:]):
                raise FormReadError(source, [CellProblem(
                    f"more than {MAX_COLUMNS} columns: not a form", row=line)])
            index = len(rows)
            for c, cell in enumerate(record[:MAX_COLUMNS]):
                if "\n" in cell and _looks_like_rows(cell, delimiter, len(record)):
                    problems[(index, c)] = ("a quoted cell runs over lines that look like rows: "
                                            "a stray quote (\")?")
            rows.append([unescape(c) for c in record[:MAX_COLUMNS]])
            numbers.append(line)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(old_limit)
    if problems:  # the file's structure is broken: no row after it can be trusted
        first = min(problems)
        raise FormReadError(source, [CellProblem(problems[first], row=numbers[first[0]],
                                                 column=str(first[1] + 1))])
    return read_grid(Grid(rows, sheet=None, letters=False, row_numbers=numbers), source,
                     strict=strict)


def write_csv(form: Form, path: Path) -> None:
    """Write *form* as CSV (UTF-8 with a BOM, so Excel reads it) or TSV, cells escaped."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        writer.writerows([[escape(c) for c in row] for row in table_rows(form)])
