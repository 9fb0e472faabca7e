"""Showing a report and findings: JSON-ready dicts, plain-text tables, pandas DataFrames.

These functions read the records of `.reportdata` and `.findings`; `FormReport` and
`Findings` call them for ``to_dict``, ``__str__`` and ``to_dataframe``.

>>> import perfindicators as pi
>>> report = pi.examples.load("zgc-2021").score()
>>> report_to_dict(report)["rule_total"], render_report(report).splitlines()[-3]
('97.83', 'rule total 规则总分: 97.83 (优)')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .._decimal import compact, plain
from .._decimal import opt_plain as _s
from .._optional import optional
from .findings import Finding
from .reportdata import ReportData, RowReport

__all__ = ["findings_to_dicts", "render_findings", "render_report", "report_to_dict",
           "report_to_frame", "targets_only_line"]


def _problems(row: RowReport) -> list[dict[str, Any]]:
    return [{"message": p.message, "row": p.row, "column": p.column, "sheet": p.sheet}
            for p in row.indicator.problems]


def report_to_dict(report: ReportData) -> dict[str, Any]:
    """The report as JSON-ready data (numbers as strings: they are exact decimals)."""
    b = report.budget
    return {
        "project": report.form.project.name,
        "year": report.form.year,
        "scheme": report.scheme,
        "rows": [
            {"row": r.number, "level1": r.indicator.level1, "level2": r.indicator.level2,
             "level3": r.indicator.level3, "target": r.indicator.target,
             "actual": r.indicator.actual, "weight": _s(r.indicator.weight),
             "rule": _s(r.rule), "published": _s(r.published), "difference": _s(r.difference),
             "status": None if r.outcome is None else r.outcome.status.value,
             "policy": None if r.score is None else r.score.policy,
             "flags": [] if r.score is None else sorted(r.score.flags),
             "explanation": None if r.score is None else r.score.explanation,
             "note": r.indicator.note, "error": r.error, "state": r.state.value,
             "problems": _problems(r),
             "criterion": None if r.criterion is None else r.criterion.text,
             "criterion_source": r.criterion_source,
             "open": None if r.open is None else {
                 "low": _s(r.open.low), "high": _s(r.open.high), "needs": list(r.open.needs),
                 "zh": r.open.zh, "en": r.open.en}}
            for r in report.rows],
        "groups": [{"level1": g.level1, "level2": g.level2, "weight": _s(g.weight),
                    "rule": _s(g.rule), "rule_high": _s(g.high), "published": _s(g.published)}
                   for g in report.groups],
        "budget": {"budget": _s(b.budget), "executed": _s(b.executed),
                   "rate": None if b.rate is None else f"{b.rate}%",
                   "published_rate": None if b.published_rate is None else f"{b.published_rate}%",
                   "weight": _s(b.weight), "rule": _s(None if b.score is None else b.score.points),
                   "published": _s(b.published_score)},
        "rule_total": _s(report.rule_total),
        "rule_total_high": _s(report.rule_total_high or report.rule_total),
        "total_open": report.total_open,
        "open": [r.number for r in report.open_rows],
        "published_total": _s(report.published_total),
        "published_sum": _s(report.published_sum),
        "grade": report.grade,
        "published_grade": report.published_grade,
        "dropped_weight": _s(report.dropped_weight),
    }


def findings_to_dicts(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings as JSON-ready dicts (codes and severities as their strings)."""
    return [{"code": f.code.value, "severity": f.severity.value, "row": f.row,
             "indicator": f.indicator,
             "classification": None if f.classification is None else f.classification.value,
             "zh": f.zh, "en": f.en, "note": f.note, "cells": [str(c) for c in f.cells]}
            for f in findings]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    out, w = "", 0
    for c in text:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > width - 1 and _width(text) > width:
            return out + "…"
        out += c
        w += cw
    return out


def _pad(text: str, width: int, right: bool = False) -> str:
    text = _cut(text, width)
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


_NUMERIC = re.compile(r"^[\d.,%+\-–— *]*$")


def _table(headers: list[str], rows: list[list[str]], widths: list[int],
           right: set[int]) -> list[str]:
    # numbers are never cut: a right-aligned column widens to its widest number
    widths = [max([w] + [_width(r[i]) for r in rows if _NUMERIC.match(r[i])]) if i in right
              else w for i, w in enumerate(widths)]
    lines = ["  ".join(_pad(h, w, i in right) for i, (h, w) in enumerate(zip(headers, widths,
                                                                               strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_pad(c, w, i in right)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return lines


def targets_only_line(report: ReportData) -> str:
    """What a 绩效目标表 report says instead of totals."""
    return (f"绩效目标表 targets only: {len(report.rows)} targets read, no actual values to score "
            "(see: perfindicators audit for targets that cannot be measured)")


def _why(row: RowReport) -> str:
    if row.open is not None:
        return f"{compact(row.open.low)}–{compact(row.open.high)}?"
    if row.target_only:
        return "—"
    if row.indicator.problems:
        return "unreadable"
    return str(row.error or "")


def render_report(report: ReportData) -> str:
    """The report as a plain-text table, for terminals and logs."""
    f = report.form
    lines = [f"{f.project.name} ({f.year or '—'}) — scheme {report.scheme}", ""]
    rows = []
    for r in report.rows:
        mark = "" if r.difference in (None, Decimal(0)) else " *"
        rows.append([str(r.number), r.indicator.level3, r.indicator.target, r.indicator.actual,
                     _s(r.indicator.weight) or "", _s(r.rule) or _why(r),
                     (_s(r.published) or "") + mark])
    lines += _table(["#", "三级指标", "年度指标值", "实际完成值", "分值", "规则得分", "公布得分"],
                    rows, [3, 24, 20, 16, 5, 9, 9], {0, 4, 5, 6})
    if f.targets_only:
        lines += ["", targets_only_line(report)]
        return "\n".join(lines)
    b = report.budget
    lines.append("")
    if report.form.budget.total is None:
        lines.append("预算执行率 execution rate: the form has no budget block")
    else:
        lines.append(f"预算执行率 execution rate: {b.rate if b.rate is not None else '—'}% "
                     f"(published {b.published_rate if b.published_rate is not None else '—'}%); "
                     f"score {_s(None if b.score is None else b.score.points) or '—'} of "
                     f"{_s(b.weight)} (published {_s(b.published_score) or '—'})")
    lines.append("")
    for g in report.groups:
        if g.level2 is None:
            span = plain(g.rule) + ("" if g.high == g.rule else f"–{plain(g.high)}")
            lines.append(f"{g.level1}: rule {span} of {_s(g.weight)}, published "
                         f"{_s(g.published) or '—'}")
    lines += _criteria_lines(report)
    lines.append("")
    if report.total_open:
        lines.append(f"rule total 规则总分: {_s(report.rule_total)}–{_s(report.rule_total_high)} "
                     f"(open 待判断; grade {report.grade or 'open 等级待定'})")
    else:
        lines.append(f"rule total 规则总分: {_s(report.rule_total)} ({report.grade})")
    pub = _s(report.published_total) or "—"
    lines.append(f"published total 公布总分: {pub}"
                 + (f" ({report.published_grade})" if report.published_grade else ""))
    if report.dropped_weight:
        lines.append(f"不适用 rows dropped: {_s(report.dropped_weight)} points; rescaled to 100")
    judged = [str(r.number) for r in report.rows
              if r.score is not None and "needs_judgement" in r.score.flags]
    if judged:
        lines.append(f"rows {', '.join(judged)} need a judgement: no formula applies, counted as 0")
    unreadable = [str(r.number) for r in report.rows if r.indicator.problems]
    if unreadable:
        lines.append(f"rows {', '.join(unreadable)} unreadable: not scored (see: perfindicators audit)")
    if report.departures():
        lines.append("* published score differs from the rule score (see: perfindicators audit)")
    return "\n".join(lines)


def _criteria_lines(report: ReportData) -> list[str]:
    """The rows scored by a written criterion, and the rows it leaves open."""
    lines = []
    for r in report.rows:
        if r.criterion is None or (r.score is None and r.open is None):
            continue
        if r.score is not None:
            lines.append(f"  {r.number} {r.indicator.level3}: {r.score.policy} → {_s(r.rule)}"
                         f" ({r.score.explanation_zh})")
        elif r.open is not None:
            lines.append(f"  {r.number} {r.indicator.level3}: open 待判断 {_s(r.open.low)}–"
                         f"{_s(r.open.high)} ({r.open.zh})")
    return ["", "评分标准 criteria:", *lines] if lines else []


def render_findings(findings: Sequence[Finding]) -> str:
    """Findings as plain text, one per line, most severe first."""
    order = sorted(findings, key=lambda f: (-f.severity.rank, f.row or 0))
    lines = []
    for f in order:
        where = f"row {f.row:>2} {f.indicator or ''}" if f.row is not None else "form"
        lines.append(f"{f.severity.value:<8} {f.code:<26} {where}")
        lines.append(f"         {f.zh}")
        lines.append(f"         {f.en}")
    return "\n".join(lines)


def report_to_frame(report: ReportData) -> Any:
    """The rows of a report as a pandas DataFrame (needs pandas)."""
    pd = optional("pandas", "pandas", "a DataFrame")

    data = report_to_dict(report)["rows"]
    frame = pd.DataFrame(data)
    for col in ("weight", "rule", "published", "difference"):
        frame[col] = [None if v is None else Decimal(v) for v in frame[col]]
    return frame
