"""Commands on whole forms: score, audit, batch, and the schemes they use."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import attrs
import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .. import examples
from .._terminal import delayed_progress, findings_table, report_tables, stdout_console
from .._terminal import safe as _safe
from ..batch import FORMATS, run_batch
from ..errors import CellProblem, FormReadError, PerfIndicatorError
from ..forms import Findings, Form, FormReport, Severity, read_form, read_sheets, score_form
from ..forms.audit import audit_report
from ..forms.render import findings_to_dicts, render_findings, render_report
from ..policies import default_registry
from ..schemes import get_scheme, scheme_names
from ._group import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, _fail, _terminal, cli


@attrs.frozen
class _Input:
    """One form to work on: read, or the error that says why it could not be."""

    name: str
    sheet: str | None
    form: Form | None
    error: FormReadError | None = None

    @property
    def problems(self) -> tuple[CellProblem, ...]:
        if self.error is not None:
            return self.error.problems
        return () if self.form is None else self.form.problems


def _inputs(files: tuple[str, ...], example: str | None, sheet: str | None,
            strict: bool) -> list[_Input]:
    """Every form of every file (one per sheet of a workbook), failures included."""
    if example is not None and files:
        raise click.UsageError("give FILES or --example, not both")
    if example is None and not files:
        raise click.UsageError("give a FILE or --example NAME (e.g. --example zgc-2021)")
    if example is not None:
        try:
            return [_Input(f"example:{example}", None, examples.load(example))]
        except PerfIndicatorError as e:
            _fail(e)
    out: list[_Input] = []
    for file in files:
        try:
            if sheet is not None:
                out.append(_Input(file, sheet, read_form(file, sheet=sheet, strict=strict)))
                continue
            found = read_sheets(file, strict=strict)
        except FormReadError as e:
            out.append(_Input(file, sheet, None, e))
            continue
        for name, result in found:
            label = file if len(found) == 1 or name is None else f"{file}:{name}"
            if isinstance(result, FormReadError):
                out.append(_Input(label, name, None, result))
            else:
                out.append(_Input(label, name, result))
    return out


def _problem_dicts(problems: tuple[CellProblem, ...]) -> list[dict[str, Any]]:
    return [{"message": p.message, "sheet": p.sheet, "row": p.row, "column": p.column}
            for p in problems]


def _report_failures(inputs: list[_Input]) -> None:
    """Every file that could not be read, and every unreadable cell, on standard error."""
    for item in inputs:
        if item.error is not None:
            click.echo(_safe(str(item.error)), err=True)
        elif item.problems:
            click.echo(_safe(str(FormReadError(item.name, item.problems))) + "\n  (these rows "
                       "are not scored; the rest of the form is; --strict refuses the form)",
                       err=True)


def _status(inputs: list[_Input]) -> int:
    return EXIT_BAD_INPUT if any(item.problems for item in inputs) else EXIT_OK


def _late(found: list[tuple[_Input, tuple[CellProblem, ...]]]) -> None:
    """Cells found unreadable while scoring (a 评(扣)分标准 that does not compile)."""
    for item, problems in (x for x in found if x[1]):
        click.echo(_safe(str(FormReadError(item.name, problems))) + "\n  (these rows are not "
                   "scored; the rest of the form is)", err=True)


def _emit_json(entries: list[dict[str, Any]], single: object, lines: bool) -> None:
    """One JSON document (*single* when one form was read whole, else every entry), or one
    entry a line."""
    if lines:
        for entry in entries:
            click.echo(json.dumps(entry, ensure_ascii=False))
        return
    click.echo(json.dumps(single if single is not None else entries, ensure_ascii=False,
                          indent=2))


def _entry(item: _Input, key: str, value: object) -> dict[str, Any]:
    return {"source": item.name, "sheet": item.sheet,
            "status": "bad-input" if item.error is not None else "ok",
            key: value, "problems": _problem_dicts(item.problems)}


def _show(inputs: list[_Input], results: list[tuple[_Input, Any]], key: str, *,
          as_json: bool, as_lines: bool, plain: bool, to_json: Callable[[Any], object],
          render: Callable[[Any], str], tables: Callable[[Any, Console], list[Any]]) -> None:
    """Print each file's result (a report or findings) as JSON, rich tables or plain text."""
    if as_json or as_lines:
        entries = [_entry(item, key, None if r is None else to_json(r)) for item, r in results]
        single = None
        if len(results) == 1 and results[0][1] is not None and not inputs[0].problems:
            single = entries[0][key]  # one form: its result, as before
        _emit_json(entries, single, as_lines)
    elif _terminal(plain):
        console = stdout_console()
        for item, r in results:
            if len(results) > 1:
                console.rule(_safe(item.name))
            if r is not None:
                for part in tables(r, console):
                    console.print(part)
    else:
        blocks = [(f"== {item.name}\n" if len(results) > 1 else "")
                  + (render(r) if r is not None else "not read: see the problems")
                  for item, r in results]
        click.echo(_safe("\n\n".join(blocks)))


_SCHEME_HELP = "central, hubei, pmkpi, or a .toml scheme file."
_STRICT_HELP = "Refuse a whole form when any cell cannot be read (default: only its row)."
_SHEET_HELP = "The worksheet to read from each workbook (default: every sheet with a form)."


@cli.command("score")
@click.argument("files", nargs=-1)
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--sheet", default=None, metavar="NAME", help=_SHEET_HELP)
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one document).")
@click.option("--json-lines", "as_lines", is_flag=True, help="Print one JSON object a line.")
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
@click.pass_context
def score_cmd(ctx: click.Context, files: tuple[str, ...], example: str | None, scheme: str,
              sheet: str | None, strict: bool, as_json: bool, as_lines: bool,
              plain: bool) -> None:
    """Score forms (JSON, CSV or XLSX): rule score next to the published one, totals, grade.

    Every file is read and scored; a file that cannot be read is reported with its problems
    and the others go on. Exit status 2 when any file or cell could not be read.

    \b
    Examples:
      perfindicators score --example zgc-2021
      perfindicators score form.xlsx --scheme hubei
      perfindicators score forms/*.csv --json
    """
    inputs = _inputs(files, example, sheet, strict)
    reports: list[tuple[_Input, FormReport | None]] = []
    try:
        for item in delayed_progress(inputs, "scoring forms"):
            if item.form is None:
                reports.append((item, None))
                continue
            label = f"scoring {item.name}"
            reports.append((item, score_form(item.form, scheme, progress=functools.partial(
                delayed_progress, label=label))))
    except PerfIndicatorError as e:  # the scheme itself
        _fail(e)
    late = [(item, r.scoring_problems) for item, r in reports if r is not None]
    status = max(_status(inputs), EXIT_BAD_INPUT if any(p for _, p in late) else EXIT_OK)
    ctx.meta["status"] = status
    _show(inputs, reports, "report", as_json=as_json, as_lines=as_lines, plain=plain,
          to_json=lambda r: r.to_dict(), render=render_report,
          tables=lambda r, console: report_tables(
              r, color=console.color_system is not None and not console.no_color,
              width=console.width))
    _report_failures(inputs)
    _late(late)
    ctx.exit(status)


@cli.command("audit")
@click.argument("files", nargs=-1)
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--sheet", default=None, metavar="NAME", help=_SHEET_HELP)
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]),
              default="never", show_default=True,
              help="Exit with status 1 when a finding at or above this severity is found.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one document).")
@click.option("--json-lines", "as_lines", is_flag=True, help="Print one JSON object a line.")
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
@click.pass_context
def audit_cmd(ctx: click.Context, files: tuple[str, ...], example: str | None, scheme: str,
              sheet: str | None, strict: bool, fail_on: str, as_json: bool, as_lines: bool,
              plain: bool) -> None:
    """List where published forms depart from the rules, and why.

    Every file is read and audited; a file that cannot be read is reported with its problems
    and the others go on. Exit status: 2 when any file or cell could not be read, else 1
    when a finding reaches --fail-on, else 0.

    \b
    Examples:
      perfindicators audit --example zgc-2021
      perfindicators audit form.csv --json
      perfindicators audit form.xlsx --fail-on warning   # status 1 on warnings or errors
    """
    inputs = _inputs(files, example, sheet, strict)
    results: list[tuple[_Input, Findings | None]] = []
    late: list[tuple[_Input, tuple[CellProblem, ...]]] = []
    try:
        for item in delayed_progress(inputs, "auditing forms"):
            report = None if item.form is None else score_form(item.form, scheme)
            late.append((item, () if report is None else report.scoring_problems))
            results.append((item, None if report is None else audit_report(report, get_scheme(scheme))))
    except PerfIndicatorError as e:  # the scheme itself
        _fail(e)
    status = max(_status(inputs), EXIT_BAD_INPUT if any(p for _, p in late) else EXIT_OK)
    if status == EXIT_OK and fail_on != "never" and any(
            found.at_least(Severity(fail_on)) for _, found in results if found is not None):
        status = EXIT_FINDINGS
    ctx.meta["status"] = status
    _show(inputs, results, "findings", as_json=as_json, as_lines=as_lines, plain=plain,
          to_json=findings_to_dicts, render=render_findings,
          tables=lambda found, console: [findings_table(found)])
    _report_failures(inputs)
    _late(late)
    ctx.exit(status)


@cli.command("batch")
@click.argument("paths", nargs=-1, required=True, metavar="FOLDER_OR_GLOB...")
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False),
              help=f"Where to write the tables: {', '.join(FORMATS)}.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the CPU count).")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--overwrite", is_flag=True, help="Replace output files that exist.")
@click.option("--plain", is_flag=True, help="No progress bar.")
def batch_cmd(paths: tuple[str, ...], out: str, workers: int | None, scheme: str,
              overwrite: bool, plain: bool) -> None:
    """Score and audit every form in folders, files or glob patterns, in parallel, and write
    the tables forms, rows, findings and failures (Parquet, DuckDB, CSV or XLSX).

    A file that cannot be read is listed in failures with its problems; the others are
    scored and written all the same (exit status 2 says some files or cells failed).

    \b
    Examples:
      perfindicators batch forms/ --out results.parquet
      perfindicators batch "forms/**/*.xlsx" --out results.duckdb --workers 4
    """
    console = Console(stderr=True)
    with Progress(TextColumn("scoring forms"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True,
                  disable=plain or not console.is_terminal) as bar:
        task = bar.add_task("forms", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = run_batch(paths, out, workers, progress, scheme=scheme, overwrite=overwrite)
        except (PerfIndicatorError, FileExistsError) as e:
            _fail(str(e))
    click.echo(str(result))
    for path in result.written:
        click.echo(f"wrote {path}")
    if result.failures.num_rows:
        for row in result.failures.to_pylist()[:20]:
            where = ", ".join(str(row[k]) for k in ("sheet", "row", "column") if row[k])
            click.echo(_safe(f"failed: {row['path']}{f' ({where})' if where else ''}: "
                             f"{row['message'].splitlines()[0]}"), err=True)
        if result.failures.num_rows > 20:
            click.echo(f"… {result.failures.num_rows - 20} more problems in the failures table",
                       err=True)
        sys.exit(EXIT_BAD_INPUT)


@cli.command("schemes")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def schemes_cmd(as_json: bool) -> None:
    """List the scoring schemes and the policies they can use.

    \b
    Example:
      perfindicators schemes
    """
    schemes: list[dict[str, Any]] = []
    for name in scheme_names():
        s = get_scheme(name)
        schemes.append({
            "name": name, "description": s.description,
            "weights": {k: str(v) for k, v in s.weights},
            "grades": {g: str(low) for low, g in s.grades},
            "rules": [{"policy": r.policy if isinstance(r.policy, str) else repr(r.policy),
                       "level1": r.level1, "level2": r.level2, "kinds": sorted(r.kinds),
                       "settings": {k: str(v) for k, v in r.settings}} for r in s.rules],
            "budget": s.budget_policy.policy,
            "criteria": [{**attrs.asdict(c), "defaults": dict(c.defaults)} for c in s.criteria]})
    policies = {name: repr(default_registry.get(name)) for name in default_registry.names()}
    if as_json:
        click.echo(json.dumps({"schemes": schemes, "policies": policies}, ensure_ascii=False,
                              indent=2))
        return
    for item in schemes:
        click.echo(f"{item['name']}: {item['description']}")
        click.echo("  weights: " + ", ".join(f"{k} {v}" for k, v in item["weights"].items()))
        click.echo("  grades:  " + ", ".join(f"{g} ≥ {low}" for g, low in item["grades"].items()))
        for r in item["rules"]:
            where = ", ".join(x for x in (
                f"kinds {'/'.join(r['kinds'])}" if r["kinds"] else "",
                f"一级 {r['level1']}" if r["level1"] else "",
                f"二级 {r['level2']}" if r["level2"] else "") if x) or "everything else"
            settings = f" {r['settings']}" if r["settings"] else ""
            click.echo(f"  {where}: {r['policy']}{settings}")
        for c in item["criteria"]:
            click.echo(f"  criterion for 三级 {c['indicator']}: {c['criterion']}")
        click.echo(f"  budget block: {item['budget']}")
    click.echo("policies: " + ", ".join(policies))


