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
@click.argument("target")
@click.argument("actual")
@click.option("--year", type=int, default=None, help="The form's year.")
@click.option("--category", default=None, help="The indicator's category, e.g. 成本指标.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate_cmd(target: str, actual: str, year: int | None, category: str | None,
                 as_json: bool) -> None:
    """Check ACTUAL against TARGET.

    \b
    Example:
      perfindicators evaluate "≥60项" "64项"
    """
    try:
        o = parse(target, year=year).evaluate(actual, category=category, year=year)
    except PerfIndicatorError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps({
            "target": str(o.target), "actual": o.actual.text, "status": o.status.value,
            "met": o.met, "reason": o.reason,
            "ratio": None if o.ratio is None else str(o.ratio),
            "flags": sorted(f.value for f in o.flags)}, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{o.status.value}: {o.reason}")
        if o.flags:
            click.echo("flags: " + ", ".join(sorted(f.value for f in o.flags)))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``perfindicators`` command."""
    cli.main(args=argv, prog_name="perfindicators")


if __name__ == "__main__":  # pragma: no cover
    main()
