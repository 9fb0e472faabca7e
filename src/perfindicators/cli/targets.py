"""Commands on targets and rows: parse, evaluate, criterion, explain."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import examples
from .._terminal import safe as _safe
from ..criteria.commands import criterion_command, evaluate_command, is_system_call
from ..errors import PerfIndicatorError
from ..evaluate import Outcome
from ..parsing import parse
from ..scoring import score
from ._group import EXIT_BAD_INPUT, _describe, _fail, _line, cli

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

