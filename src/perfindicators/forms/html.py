"""HTML for notebooks: form reports and audit findings render as tables.

Jupyter calls ``_repr_html_``; the functions here build the markup from the escaped building
blocks of `perfindicators._html`, reading the records of `.reportdata` and `.findings`.

>>> import perfindicators as pi
>>> form = pi.examples.load("zgc-2021")
>>> "97.83" in report_html(form.score()), "score-differs" in findings_html(form.audit())
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .._decimal import plain
from .._html import cell, fmt, num, row, table
from .findings import Finding
from .reportdata import ReportData

__all__ = ["findings_html", "report_html"]


def report_html(report: ReportData) -> str:
    """The report: one row per indicator, rule and published scores side by side, departures
    highlighted, then the budget block, the totals and the grade."""
    body = []
    for r in report.rows:
        ind = r.indicator
        differs = r.difference not in (None, Decimal(0))
        pub_cls = "pi-pub pi-diff" if differs else "pi-pub"
        why = "; ".join(p.message for p in ind.problems) or r.error
        if r.score is not None:
            rule = num(r.rule, "pi-rule")
        elif r.open is not None:
            rule = cell(f"待判断 open {plain(r.open.low)}–{plain(r.open.high)}：{r.open.zh}",
                        "pi-open pi-warning")
        else:
            rule = cell(why, "pi-error")
        body.append(row(
            num(Decimal(r.number)), cell(ind.level1), cell(ind.level2), cell(ind.level3),
            cell(ind.target), cell(ind.actual), num(ind.weight), rule,
            num(r.published, pub_cls), num(r.difference, "pi-diff" if differs else ""),
            cell(ind.note)))
    b = report.budget
    body.append(row(
        cell(""), cell("预算执行率"), cell(""), cell("年度资金总额"), num(b.budget),
        num(b.executed), num(b.weight),
        num(None if b.score is None else b.score.points, "pi-rule"),
        num(b.published_score, "pi-pub"), cell(""),
        cell(f"执行率 {fmt(b.rate)}%（公布 {fmt(b.published_rate)}%）")))
    total = num(report.rule_total, "pi-rule")
    if report.total_open:
        total = cell(f"{plain(report.rule_total)}–{plain(report.rule_total_high)}", "pi-open pi-warning")
    open_rows = "、".join(str(r.number) for r in report.open_rows)
    body.append(row(
        cell(""), cell("总分 total"), cell(""), cell(""), cell(""), cell(""),
        num(report.form.total_weight), total,
        num(report.published_total, "pi-pub"), num(report.difference),
        cell(f"等级 grade: {report.grade or '待定 open'}（公布 {report.published_grade or '—'}）"
             + (f"；待判断 open rows: {open_rows}" if open_rows else "")),
        cls="pi-total"))
    caption = f"{report.form.project.name} ({report.form.year or '—'}) — scheme {report.scheme}"
    return table(["#", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                  "规则得分", "公布得分", "差", "偏差原因 / note"], body, caption)


def findings_html(findings: Iterable[Finding]) -> str:
    """The findings: severity, code, row, 三级指标, and the finding in Chinese and English."""
    body = []
    for f in findings:
        body.append(row(cell(f.severity.value, f"pi-{f.severity.value}"), cell(f.code.value),
                        cell("" if f.row is None else f.row), cell(f.indicator or ""),
                        cell(f.zh), cell(f.en)))
    return table(["severity", "code", "row", "三级指标", "说明", "finding"], body)
