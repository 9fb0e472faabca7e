"""The command line.

Commands: ``parse``, ``evaluate``, ``explain``, ``score``, ``audit``, ``schemes``. On a terminal
they print rich tables in colour; piped or redirected they print plain text, and ``--json``
prints JSON for scripts.

Exit codes: 0 ok; 1 audit findings at or above ``--fail-on``; 2 bad input (a target, an actual,
a weight, a file or a cell that cannot be read); 3 an internal error (a bug: please report it).
A closed pipe (``… | head``) ends the command quietly with the status it had; control
characters in the text of a form are shown escaped (``\\x1b``), never sent to the terminal.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from typing import Any, NoReturn

import attrs
import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from ._terminal import safe as _safe
from .batch import FORMATS, run_batch
from .criteria.commands import criterion_command, evaluate_command, is_system_call
from .errors import CellProblem, FormReadError, PerfIndicatorError
from .evaluate import Outcome
from .forms import Form, FormReport
from .parsing import parse
from .targets import Target

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "cli", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

def _quiet_pipe() -> None:
    """Standard output was closed (``… | head``): send what is left nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner)
        pass


class _Group(click.Group):
    """The command group: a closed pipe ends quietly, a bug exits with status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            _quiet_pipe()
            ctx.exit(ctx.meta.get("status", EXIT_OK))
        except PerfIndicatorError as e:
            click.echo(_safe(str(e)), err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except Exception:
            click.echo("internal error (a bug in perfindicators; please report it):\n"
                       + traceback.format_exc(), err=True)
            ctx.exit(EXIT_INTERNAL)


def _fail(error: PerfIndicatorError | str) -> NoReturn:
    click.echo(_safe(str(error)), err=True)
    sys.exit(EXIT_BAD_INPUT)


def _terminal(plain: bool) -> bool:
    """Rich output on a terminal (or where ``FORCE_COLOR`` asks for it), not when plain text is
    asked for; ``NO_COLOR`` keeps the tables but drops the colours."""
    return not plain and (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR")))


def _describe(t: Target) -> dict[str, Any]:
    d = t.to_dict()
    d["canonical"] = str(t)
    return d


def _line(text: str, t: Target) -> str:
    extra = ""
    subject = getattr(t, "subject", None)
    if subject:
        extra = f"  (about: {subject})"
    if getattr(t, "implicit", False):
        extra += "  (direction not written)"
    reason = getattr(t, "reason", None)
    if reason:
        extra += f"  (not measured: {reason})"
    return f"{text}\t→ {t.kind}\t{t}{extra}"


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="perfindicators")
def cli() -> None:
    """Read, check and score the targets of Chinese budget-performance indicators.

    \b
    Examples:
      perfindicators parse "≥60项" "不超过100万元" "12月底前" --year 2021
      perfindicators explain "≥60项" "30项" 3
      perfindicators score --example zgc-2021
      perfindicators audit form.xlsx --fail-on warning
      perfindicators schemes

    Exit codes: 0 ok, 1 audit findings at or above --fail-on, 2 bad input, 3 internal error.
    """


# ---- targets and rows --------------------------------------------------------------------------

@cli.command("parse")
@click.argument("texts", nargs=-1, required=True)
@click.option("--year", type=int, default=None, help="The form's year, for deadlines without one.")
@click.option("--strict", is_flag=True, help="Reject unit words the registry does not know.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, one object per target.")
def parse_cmd(texts: tuple[str, ...], year: int | None, strict: bool, as_json: bool) -> None:
    """Parse each TEXT as a target and print what it became.

    \b
    Examples:
      perfindicators parse "≥60项" "不超过100万元" "12月底前" --year 2021
      perfindicators parse "2021年12月底前拨付支持资金85%以上" --json
    """
    failed = 0
    out: list[dict[str, Any]] = []
    for text in texts:
        try:
            t = parse(text, year=year, strict=strict)
        except PerfIndicatorError as e:
            failed += 1
            if as_json:
                out.append({"input": text, "error": e.message, "hint": e.hint,
                            "column": getattr(e, "column", None)})
            else:
                click.echo(f"error in {text!r}:\n{e}", err=True)
            continue
        if as_json:
            out.append({"input": text, **_describe(t)})
        else:
            click.echo(_line(text, t))
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _outcome_dict(o: Outcome) -> dict[str, Any]:
    return {
        "target": str(o.target), "kind": o.target.kind, "actual": o.actual.text,
        "status": o.status.value, "met": o.met, "reason": o.reason,
        "ratio": None if o.ratio is None else str(o.ratio),
        "flags": sorted(f.value for f in o.flags),
    }


@cli.command("evaluate")
@click.argument("target", required=False)
@click.argument("actual", required=False)
@click.option("--example", default=None, metavar="NAME",
              help="Check every row of a bundled example form instead (e.g. zgc-2021).")
@click.option("--year", type=int, default=None, help="The form's year.")
@click.option("--category", default=None, help="The indicator's category, e.g. 成本指标.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate_cmd(target: str | None, actual: str | None, example: str | None, year: int | None,
                 category: str | None, as_json: bool) -> None:
    """Check ACTUAL against TARGET (met, not met, or cannot tell, and why); or, given two table
    files, score an indicator system (评价指标体系, CSV/JSON/XLSX) against a project's facts.

    \b
    Examples:
      perfindicators evaluate "≥60项" "64项"
      perfindicators evaluate "20万元" "21万元" --category 成本指标
      perfindicators evaluate --example zgc-2021
      perfindicators evaluate system.csv facts.json
    """
    if target and actual and is_system_call(target, actual):
        out, code = evaluate_command(target, actual, as_json=as_json)
        click.echo(_safe(out), err=code != 0)
        sys.exit(code)
    if example is not None:
        _evaluate_example(example, as_json)
        return
    if target is None or actual is None:
        raise click.UsageError("give TARGET and ACTUAL, or --example NAME")
    try:
        o = parse(target, year=year).evaluate(actual, category=category, year=year)
    except PerfIndicatorError as e:
        _fail(e)
    if as_json:
        click.echo(json.dumps(_outcome_dict(o), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{o.status.value}: {o.reason}")
        if o.flags:
            click.echo("flags: " + ", ".join(sorted(f.value for f in o.flags)))


@cli.command("criterion")
@click.argument("text")
@click.option("--weight", default=None, help="The indicator's weight (分值).")
@click.option("--fact", "facts", multiple=True, metavar="KEY=VALUE",
              help="A fact: value=97.5%, count:缺项=2, item:①=true, level=良 … (repeatable).")
@click.option("--default", "defaults", multiple=True, metavar="NAME=VALUE",
              help="A declared default, e.g. partial_step=ceil (repeatable).")
def criterion_cmd(text: str, weight: str | None, facts: tuple[str, ...],
                  defaults: tuple[str, ...]) -> None:
    """Compile a written scoring criterion (评分标准): its rule, its inputs and the score of the
    facts given.

    \b
    Examples:
      perfindicators criterion "每降低1个百分点扣0.5分，扣完为止" --weight 5 --fact value=97.5%
      perfindicators criterion "合理2分，基本合理1分，不合理0分" --fact level=基本合理
    """
    out, code = criterion_command(text, weight=weight, facts=facts, defaults=defaults)
    click.echo(_safe(out), err=code != 0)
    sys.exit(code)


def _evaluate_example(name: str, as_json: bool) -> None:
    from . import examples

    try:
        form = examples.load(name)
    except PerfIndicatorError as e:
        _fail(e)
    year = form.year
    results = []
    counts: dict[str, int] = {}
    for i, row in enumerate(form.indicators, start=1):
        o = parse(row.target, year=year).evaluate(row.actual, category=row.level2, year=year,
                                                  indicator=row.level3)
        counts[o.status.value] = counts.get(o.status.value, 0) + 1
        results.append({"row": i, "indicator": row.level3, **_outcome_dict(o)})
    if as_json:
        click.echo(json.dumps({"example": name, "rows": results, "counts": counts},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{form.project.name} ({year}) — {len(results)} indicators")
    for r in results:
        target = r["target"] if len(r["target"]) <= 24 else r["target"][:23] + "…"
        click.echo(f"{r['row']:>3}  {r['status']:<11} {r['kind']:<11} {target}")
    click.echo("; ".join(f"{k}: {v}" for k, v in sorted(counts.items())))


@cli.command("explain")
@click.argument("target")
@click.argument("actual")
@click.argument("weight")
@click.option("--policy", default=None, help="A policy name (see: perfindicators schemes).")
@click.option("--scheme", default="central", show_default=True,
              help="central, hubei, pmkpi, or a .toml file.")
@click.option("--category", default=None, help="The 二级指标, e.g. 成本指标.")
@click.option("--indicator", default=None, help="The 三级指标, e.g. 预算调整率.")
@click.option("--year", type=int, default=None, help="The form's year.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def explain_cmd(target: str, actual: str, weight: str, policy: str | None, scheme: str,
                category: str | None, indicator: str | None, year: int | None,
                as_json: bool) -> None:
    """Score one row and show the arithmetic.

    \b
    Examples:
      perfindicators explain "≥60项" "30项" 3
      perfindicators explain "≤5%" "7.5%" 10 --policy reverse-linear
      perfindicators explain "20万元" "25万元" 4 --category 成本指标
    """
    from .scoring import score

    try:
        t = parse(target, year=year)
        s = score(t, actual, weight, policy=policy, scheme=scheme, year=year, category=category,
                  indicator=indicator)
    except PerfIndicatorError as e:
        _fail(e)
    o = s.outcome
    if as_json:
        click.echo(json.dumps({
            "target": str(t), "kind": t.kind, "actual": actual, "weight": str(s.weight),
            "points": str(s.points), "policy": s.policy, "flags": sorted(s.flags),
            "status": None if o is None else o.status.value,
            "explanation_zh": s.explanation_zh, "explanation_en": s.explanation_en},
            ensure_ascii=False, indent=2))
        return
    click.echo(f"target  年度指标值  {target}  →  {t.kind} {t}")
    click.echo(f"actual  实际完成值  {actual}" + ("" if o is None else f"  →  {o.status.value}"))
    click.echo(f"policy  计分规则    {s.policy} (scheme {scheme})")
    click.echo(f"score   得分        {s.points} of {s.weight}")
    click.echo(f"        {s.explanation_zh}")
    click.echo(f"        {s.explanation_en}")
    if s.flags:
        click.echo("flags   " + ", ".join(sorted(s.flags)))


# ---- forms ------------------------------------------------------------------------------------

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
    from . import examples
    from .forms import read_form, read_sheets

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
    from ._terminal import delayed_progress, report_tables, stdout_console
    from .forms import score_form
    from .forms.render import render_report

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
    if as_json or as_lines:
        entries = [_entry(item, "report", None if r is None else r.to_dict())
                   for item, r in reports]
        single = None
        if len(reports) == 1 and reports[0][1] is not None and not inputs[0].problems:
            single = entries[0]["report"]  # one form: its report, as before
        _emit_json(entries, single, as_lines)
    elif _terminal(plain):
        console = stdout_console()
        for item, r in reports:
            if len(reports) > 1:
                console.rule(_safe(item.name))
            if r is not None:
                color = console.color_system is not None and not console.no_color
                for part in report_tables(r, color=color, width=console.width):
                    console.print(part)
    else:
        blocks = [(f"== {item.name}\n" if len(reports) > 1 else "")
                  + (render_report(r) if r is not None else "not read: see the problems")
                  for item, r in reports]
        click.echo(_safe("\n\n".join(blocks)))
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
    from ._terminal import delayed_progress, findings_table, stdout_console
    from .forms import Findings, Severity, score_form
    from .forms.audit import audit_report
    from .forms.render import findings_to_dicts, render_findings
    from .schemes import get_scheme

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
    if as_json or as_lines:
        entries = [_entry(item, "findings", None if f is None else findings_to_dicts(f))
                   for item, f in results]
        single = None
        if len(results) == 1 and results[0][1] is not None and not inputs[0].problems:
            single = entries[0]["findings"]  # one form: its findings, as before
        _emit_json(entries, single, as_lines)
    elif _terminal(plain):
        console = stdout_console()
        for item, found in results:
            if len(results) > 1:
                console.rule(_safe(item.name))
            if found is not None:
                console.print(findings_table(found))
    else:
        blocks = [(f"== {item.name}\n" if len(results) > 1 else "")
                  + (render_findings(found) if found is not None else "not read: see the problems")
                  for item, found in results]
        click.echo(_safe("\n\n".join(blocks)))
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
    from .policies import default_registry
    from .schemes import get_scheme, scheme_names

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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``perfindicators`` command."""
    cli.main(args=argv, prog_name="perfindicators")


if __name__ == "__main__":  # pragma: no cover
    main()


