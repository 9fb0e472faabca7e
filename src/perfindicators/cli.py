"""The command line.

Commands: ``parse``, ``evaluate``, ``explain``, ``score``, ``audit``, ``schemes``. On a terminal
they print rich tables in colour; piped or redirected they print plain text, and ``--json``
prints JSON for scripts.

Exit codes: 0 ok; 1 audit findings at or above ``--fail-on``; 2 bad input (a target, an actual,
a weight or a file that cannot be read).
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any, NoReturn

import click

from . import __version__
from .errors import PerfIndicatorError
from .evaluate import Outcome
from .forms import Form
from .parsing import parse
from .targets import Target

__all__ = ["cli", "main"]

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def _fail(error: PerfIndicatorError | str) -> NoReturn:
    click.echo(str(error), err=True)
    sys.exit(EXIT_BAD_INPUT)


def _terminal(plain: bool) -> bool:
    """Rich output only on a terminal, and not when plain text is asked for."""
    return not plain and sys.stdout.isatty()


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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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

    Exit codes: 0 ok, 1 audit findings at or above --fail-on, 2 bad input.
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
    """Check ACTUAL against TARGET (met, not met, or cannot tell, and why).

    \b
    Examples:
      perfindicators evaluate "≥60项" "64项"
      perfindicators evaluate "20万元" "21万元" --category 成本指标
      perfindicators evaluate --example zgc-2021
    """
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


def _evaluate_example(name: str, as_json: bool) -> None:
    form = _load(None, name)
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

def _load(file: str | None, example: str | None) -> Form:
    from . import examples
    from .forms import read_form

    if (file is None) == (example is None):
        raise click.UsageError("give a FILE or --example NAME (e.g. --example zgc-2021)")
    try:
        return examples.load(example) if example is not None else read_form(file or "")
    except PerfIndicatorError as e:
        _fail(e)


_SCHEME_HELP = "central, hubei, pmkpi, or a .toml scheme file."


@cli.command("score")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
def score_cmd(files: tuple[str, ...], example: str | None, scheme: str, as_json: bool,
              plain: bool) -> None:
    """Score forms (JSON, CSV or XLSX): rule score next to the published one, totals, grade.

    \b
    Examples:
      perfindicators score --example zgc-2021
      perfindicators score form.xlsx --scheme hubei
      perfindicators score forms/*.csv --json
    """
    from ._terminal import delayed_progress, report_tables, stdout_console
    from .forms.render import render_report
    from .forms.report import score_form

    if example is not None and files:
        raise click.UsageError("give FILES or --example, not both")
    sources: list[str | None] = list(files) if files else [None]
    reports = []
    for file in delayed_progress(sources, "scoring forms"):
        form = _load(file, example if file is None else None)
        try:
            label = f"scoring {file or example}"
            reports.append(score_form(form, scheme, progress=functools.partial(
                delayed_progress, label=label)))
        except PerfIndicatorError as e:
            _fail(e)
    if as_json:
        data = [r.to_dict() for r in reports]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return
    if _terminal(plain):
        console = stdout_console()
        for r in reports:
            for part in report_tables(r):
                console.print(part)
    else:
        click.echo("\n\n".join(render_report(r) for r in reports))


@cli.command("audit")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]),
              default="never", show_default=True,
              help="Exit with status 1 when a finding at or above this severity is found.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
def audit_cmd(files: tuple[str, ...], example: str | None, scheme: str, fail_on: str,
              as_json: bool, plain: bool) -> None:
    """List where published forms depart from the rules, and why.

    \b
    Examples:
      perfindicators audit --example zgc-2021
      perfindicators audit form.csv --json
      perfindicators audit form.xlsx --fail-on warning   # status 1 on warnings or errors
    """
    from ._terminal import delayed_progress, findings_table, stdout_console
    from .forms.audit import Findings, Severity
    from .forms.render import findings_to_dicts, render_findings

    if example is not None and files:
        raise click.UsageError("give FILES or --example, not both")
    sources: list[str | None] = list(files) if files else [None]
    results: list[tuple[str, Findings]] = []
    for file in delayed_progress(sources, "auditing forms"):
        form = _load(file, example if file is None else None)
        try:
            results.append((file or f"example:{example}", form.audit(scheme)))
        except PerfIndicatorError as e:
            _fail(e)
    if as_json:
        data = [findings_to_dicts(f) for _, f in results]
        click.echo(json.dumps(data[0] if len(data) == 1 else
                              dict(zip([n for n, _ in results], data, strict=True)),
                              ensure_ascii=False, indent=2))
    elif _terminal(plain):
        console = stdout_console()
        for name, found in results:
            if len(results) > 1:
                console.rule(name)
            console.print(findings_table(found))
    else:
        blocks = [(f"== {name}\n" if len(results) > 1 else "") + render_findings(found)
                  for name, found in results]
        click.echo("\n\n".join(blocks))
    if fail_on != "never":
        worst = [f for _, found in results for f in found.at_least(Severity(fail_on))]
        if worst:
            sys.exit(EXIT_FINDINGS)


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
            "budget": s.budget_policy.policy})
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
        click.echo(f"  budget block: {item['budget']}")
    click.echo("policies: " + ", ".join(policies))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``perfindicators`` command."""
    cli.main(args=argv, prog_name="perfindicators")


if __name__ == "__main__":  # pragma: no cover
    main()


