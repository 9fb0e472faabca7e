"""The command line: ``perfindicators parse``, ``perfindicators evaluate``.

Exit codes: 0 ok, 2 bad input (a target or actual that cannot be read).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from . import __version__
from .errors import PerfIndicatorError
from .evaluate import Outcome
from .forms import Form
from .parsing import parse
from .targets import Target

__all__ = ["main"]


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perfindicators")
def cli() -> None:
    """Read, check and score the targets of Chinese budget-performance indicators."""


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
        sys.exit(2)


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
    """Check ACTUAL against TARGET, or every row of a bundled example.

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
        click.echo(str(e), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(_outcome_dict(o), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{o.status.value}: {o.reason}")
        if o.flags:
            click.echo("flags: " + ", ".join(sorted(f.value for f in o.flags)))


def _outcome_dict(o: Outcome) -> dict[str, Any]:
    return {
        "target": str(o.target), "kind": o.target.kind, "actual": o.actual.text,
        "status": o.status.value, "met": o.met, "reason": o.reason,
        "ratio": None if o.ratio is None else str(o.ratio),
        "flags": sorted(f.value for f in o.flags),
    }


def _evaluate_example(name: str, as_json: bool) -> None:
    from . import examples

    try:
        form = examples.data(name)
    except PerfIndicatorError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    year = form.get("year")
    results = []
    counts: dict[str, int] = {}
    for i, row in enumerate(form["indicators"], start=1):
        o = parse(row["target"], year=year).evaluate(row["actual"], category=row["level2"],
                                                     year=year)
        counts[o.status.value] = counts.get(o.status.value, 0) + 1
        results.append({"row": i, "indicator": row["level3"], **_outcome_dict(o)})
    if as_json:
        click.echo(json.dumps({"example": name, "rows": results, "counts": counts},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{form['project']['name']} ({year}) — {len(results)} indicators")
    for r in results:
        target = r["target"] if len(r["target"]) <= 24 else r["target"][:23] + "…"
        click.echo(f"{r['row']:>3}  {r['status']:<11} {r['kind']:<11} {target}")
    click.echo("; ".join(f"{k}: {v}" for k, v in sorted(counts.items())))


def _load(file: str | None, example: str | None) -> Form:
    from . import examples
    from .forms import read_form

    if (file is None) == (example is None):
        raise click.UsageError("give a FILE or --example NAME (e.g. --example zgc-2021)")
    try:
        return examples.load(example) if example is not None else read_form(file or "")
    except PerfIndicatorError as e:
        click.echo(str(e), err=True)
        sys.exit(2)


_SCHEME_HELP = "Scheme: central, hubei, pmkpi, or a .toml file."


@cli.command("score")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def score_cmd(file: str | None, example: str | None, scheme: str, as_json: bool) -> None:
    """Score a form (JSON, CSV or XLSX): rule score next to the published one, totals, grade.

    \b
    Examples:
      perfindicators score --example zgc-2021
      perfindicators score form.xlsx --scheme hubei --json
    """
    from .forms.render import render_report

    form = _load(file, example)
    try:
        report = form.score(scheme)
    except PerfIndicatorError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(report))


@cli.command("audit")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--example", default=None, metavar="NAME", help="A bundled example, e.g. zgc-2021.")
@click.option("--scheme", default="central", show_default=True, help=_SCHEME_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def audit_cmd(file: str | None, example: str | None, scheme: str, as_json: bool) -> None:
    """List where a published form departs from the rules, and why.

    \b
    Examples:
      perfindicators audit --example zgc-2021
      perfindicators audit form.csv --json
    """
    from .forms.render import findings_to_dicts, render_findings

    form = _load(file, example)
    try:
        findings = form.audit(scheme)
    except PerfIndicatorError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(findings_to_dicts(findings), ensure_ascii=False, indent=2))
    else:
        click.echo(render_findings(findings))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``perfindicators`` command."""
    cli.main(args=argv, prog_name="perfindicators")


if __name__ == "__main__":  # pragma: no cover
    main()
