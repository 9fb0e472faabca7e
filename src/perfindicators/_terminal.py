r"""Rich tables for a terminal. Off a terminal the CLI prints plain text (or ``--json``).

Text from a form is never markup and never reaches the terminal raw: `safe` shows control
characters (escape sequences, bidi overrides) escaped, and cells are rich ``Text``.

>>> safe("甲\x1b[31m乙\n")
'甲\\x1b[31m乙\n'
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ._decimal import plain
from .forms import Finding, FormReport, Severity
from .forms.render import targets_only_line

__all__ = ["delayed_progress", "findings_table", "report_tables", "safe", "stdout_console"]

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """*text* with control characters shown as ``\\xNN`` / ``\\uNNNN`` (newlines and tabs kept)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def _t(text: object, style: str = "") -> Text:
    """Form text as a rich ``Text``: never markup, control characters escaped."""
    return Text(safe("" if text is None else str(text)), style=style)
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def stdout_console() -> Console:
    return Console(highlight=False)


_n = plain


_TEXT_COLUMNS = ("三级指标", "年度指标值", "实际完成值")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def report_tables(report: FormReport, *, color: bool = True, width: int | None = None,
                  stream_after: int = 1000) -> list[RenderableType]:
    """The report as rich renderables: the rows, then the budget block and the totals.

    The number columns are never cut or dropped: they keep the width of their widest number
    and the text columns share what the terminal of *width* columns has left (cut with …).
    Without *color*
    (``NO_COLOR``) a differing published score is marked ``*`` and the legend says so. A
    form of more than *stream_after* rows comes as pieces to print one after another (the
    same table, streamed).
    """
    f = report.form
    rows = Table(title=_t(f"{f.project.name} ({f.year or '—'}) — scheme {report.scheme}"),
                 box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False)
    cells: list[tuple[tuple[str, str], ...]] = []  # (text, style): Text only if rich lays out
    for r in report.rows:
        differs = r.difference not in (None, Decimal(0))
        rule = (_n(r.rule), "green") if r.score is not None else (safe(
            "open" if r.open is not None else (r.error or "—")), "red")
        pub = (_n(r.published) + ("" if color or not differs else "*"),
               "bold red" if differs else "")
        ind = r.indicator
        cells.append(((str(r.number), ""), (safe(ind.level3 or ""), ""), (safe(ind.target or ""), ""),
                      (safe(ind.actual or ""), ""), (_n(ind.weight), ""), rule, pub))
    names = ("#", "三级指标", "年度指标值", "实际完成值", "分值", "规则得分", "公布得分")
    numeric = {k: max([_width(name)] + [_width(c[k][0]) for c in cells])
               for k, name in enumerate(names) if name not in _TEXT_COLUMNS}
    # what the numbers and the cell padding leave is shared by the three text columns
    room = (width or 10**4) - sum(numeric.values()) - 3 * len(names) - 4
    text_width = max(4, min(24, room // len(_TEXT_COLUMNS)))
    for k, name in enumerate(names):
        if k in numeric:
            rows.add_column(name, justify="right", no_wrap=True, width=numeric[k] + 1)
        else:
            rows.add_column(name, justify="left", overflow="ellipsis", no_wrap=True,
                            width=text_width)
    parts: list[RenderableType] = [rows]
    fits = width is not None and _table_width(rows) <= width
    if len(cells) > stream_after and fits:
        parts = _streamed(rows, cells, chunk=stream_after)
    else:
        for c in cells:
            rows.add_row(*(Text(text, style=style) for text, style in c))
    if f.targets_only:
        return [*parts, _t(targets_only_line(report), style="dim")]
    b = report.budget
    totals = Table(box=box.SIMPLE_HEAD)
    totals.add_column("")
    totals.add_column("分值", justify="right")
    totals.add_column("规则得分", justify="right")
    totals.add_column("公布得分", justify="right")
    for g in report.groups:
        if g.level2 is None:
            totals.add_row(_t(g.level1), _n(g.weight), _n(g.rule), _n(g.published))
    totals.add_row(f"预算执行率 {_n(b.rate)}% (公布 {_n(b.published_rate)}%)", _n(b.weight),
                   _n(None if b.score is None else b.score.points), _n(b.published_score))
    totals.add_row(Text("总分 total", style="bold"), _n(report.form.total_weight),
                   Text(f"{_n(report.rule_total)}–{_n(report.rule_total_high)} (open) "
                        f"{report.grade or '待定'}" if report.total_open
                        else f"{_n(report.rule_total)} {report.grade}", style="bold green"),
                   Text(f"{_n(report.published_total)} {report.published_grade or ''}",
                        style="bold"))
    note = Text(("red" if color else "*") + ": the published score differs from the rule "
                "(see: perfindicators audit)", style="dim")
    return [*parts, totals, note]


def _table_width(table: Table) -> int:
    """The width of a ``SIMPLE_HEAD`` table of fixed-width columns without edge padding: an
    edge space each side, the columns, and three spaces between two columns."""
    return sum(c.width or 0 for c in table.columns) + 3 * len(table.columns) - 1


class _Head:
    """The title, header and rule of *table* (which has no rows), without its bottom edge."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.table, options, pad=False, new_lines=True)[:-1]:
            yield from line


def _fit(text: str, width: int, right: bool) -> str:
    """*text* cut (with …) and padded to *width* cells, as rich cuts and aligns a cell."""
    n = cell_len(text)
    if n > width:
        text = set_cell_size(text, width - 1) + "…"
        n = cell_len(text)
    pad = " " * (width - n)
    return pad + text if right else text + pad


class _Lines:
    """Rows already laid out: plain runs and styled cells, a line each."""

    def __init__(self, lines: list[list[tuple[str, str]]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {}
        for line in self.lines:
            for text, style in line:
                if style:
                    found = styles.get(style)
                    if found is None:
                        found = styles[style] = console.get_style(style)
                    yield Segment(text, found)
                else:
                    yield Segment(text)
            yield Segment.line()


def _streamed(table: Table, cells: list[tuple[tuple[str, str], ...]], *, chunk: int,
              ) -> list[RenderableType]:
    """*table* with *cells* as rows, in pieces printed one after the other — the header, then
    *chunk* rows at a time, then the bottom edge — so that a form of 20,000 rows starts to
    show at once and renders several times faster than one rich table. The output is the
    table's, character for character (`tests/test_terminal.py` compares them); it is used
    only when the table fits the terminal, so that rich would not shrink a column, and the
    cells are plain or one style each (as `report_tables` makes them)."""
    columns = [(c.width or 0, c.justify == "right") for c in table.columns]
    parts: list[RenderableType] = [_Head(table)]
    for start in range(0, len(cells), chunk):
        lines: list[list[tuple[str, str]]] = []
        for row in cells[start:start + chunk]:
            line: list[tuple[str, str]] = []
            run = " "
            for k, ((w, right), (cell, style)) in enumerate(zip(columns, row, strict=True)):
                if k:
                    run += "   "
                text = _fit(cell, w, right)
                if style:
                    line += [(run, ""), (text, style)]
                    run = ""
                else:
                    run += text
            line.append((run + " ", ""))
            lines.append(line)
        parts.append(_Lines(lines))
    parts.append(Text(" " * _table_width(table)))
    return parts


def findings_table(findings: Iterable[Finding]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("severity")
    table.add_column("code")
    table.add_column("row", justify="right")
    table.add_column("finding", overflow="fold")
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.row or 0)):
        where = "" if f.row is None else str(f.row)
        table.add_row(Text(f.severity.value, style=_SEVERITY_STYLE[f.severity]), f.code.value,
                      where, _t(f"{f.zh}\n{f.en}"))
    return table


def delayed_progress(items: list[T], label: str, *, after: float = 1.0) -> Iterator[T]:
    """Yield *items*; once more than *after* seconds of work have passed, show a progress bar
    on standard error (only on a terminal)."""
    console = Console(stderr=True)
    start = time.monotonic()
    progress: Progress | None = None
    task = None
    try:
        for i, item in enumerate(items):
            if (progress is None and console.is_terminal and sys.stderr.isatty()
                    and time.monotonic() - start > after and i < len(items)):
                progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                                    TimeRemainingColumn(), console=console, transient=True)
                progress.start()
                task = progress.add_task(label, total=len(items), completed=i)
            yield item
            if progress is not None and task is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
