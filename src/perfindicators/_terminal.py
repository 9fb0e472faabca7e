"""Rich tables for a terminal. Off a terminal the CLI prints plain text (or ``--json``)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from .forms.audit import Finding, Severity
from .forms.report import FormReport

__all__ = ["delayed_progress", "findings_table", "report_tables", "stdout_console"]

T = TypeVar("T")
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def stdout_console() -> Console:
    return Console(highlight=False)


def _n(d: Decimal | None) -> str:
    return "" if d is None else format(d, "f")


def report_tables(report: FormReport) -> list[Table | Text]:
    """The report as rich renderables: the rows, then the budget block and the totals."""
    f = report.form
    rows = Table(title=f"{f.project.name} ({f.year or '—'}) — scheme {report.scheme}",
                 box=box.SIMPLE_HEAD, show_lines=False)
    for name, justify in (("#", "right"), ("三级指标", "left"), ("年度指标值", "left"),
                          ("实际完成值", "left"), ("分值", "right"), ("规则得分", "right"),
                          ("公布得分", "right")):
        rows.add_column(name, justify=justify, overflow="ellipsis",  # type: ignore[arg-type]
                        max_width=24 if name in ("三级指标", "年度指标值", "实际完成值") else None,
                        no_wrap=True)
    for r in report.rows:
        differs = r.difference not in (None, Decimal(0))
        rule = Text(_n(r.rule), style="green") if r.score is not None else Text(
            r.error or "", style="red")
        pub = Text(_n(r.published), style="bold red" if differs else "")
        rows.add_row(str(r.number), r.indicator.level3, r.indicator.target, r.indicator.actual,
                     _n(r.indicator.weight), rule, pub)
    b = report.budget
    totals = Table(box=box.SIMPLE_HEAD)
    totals.add_column("")
    totals.add_column("分值", justify="right")
    totals.add_column("规则得分", justify="right")
    totals.add_column("公布得分", justify="right")
    for g in report.groups:
        if g.level2 is None:
            totals.add_row(g.level1, _n(g.weight), _n(g.rule), _n(g.published))
    totals.add_row(f"预算执行率 {_n(b.rate)}% (公布 {_n(b.published_rate)}%)", _n(b.weight),
                   _n(None if b.score is None else b.score.points), _n(b.published_score))
    totals.add_row(Text("总分 total", style="bold"), _n(report.form.total_weight),
                   Text(f"{_n(report.rule_total)} {report.grade}", style="bold green"),
                   Text(f"{_n(report.published_total)} {report.published_grade or ''}",
                        style="bold"))
    note = Text("red: the published score differs from the rule (see: perfindicators audit)",
                style="dim")
    return [rows, totals, note]


def findings_table(findings: Iterable[Finding]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("severity")
    table.add_column("code")
    table.add_column("row", justify="right")
    table.add_column("finding", overflow="fold")
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.row or 0)):
        where = "" if f.row is None else str(f.row)
        table.add_row(Text(f.severity.value, style=_SEVERITY_STYLE[f.severity]), f.code, where,
                      f"{f.zh}\n{f.en}")
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
