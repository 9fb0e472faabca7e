"""HTML for notebooks: targets, scores, form reports and audit findings render as tables.

Jupyter calls ``_repr_html_``; the functions here build the markup with every text escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..scoring import Score
    from ..targets import Target
    from .audit import Finding
    from .report import FormReport

__all__ = ["findings_html", "report_html", "score_html", "target_html"]

_STYLE = (
    "<style>"
    ".pi-table{border-collapse:collapse;font-size:13px}"
    ".pi-table th,.pi-table td{border:1px solid #ccc;padding:2px 6px;text-align:left}"
    ".pi-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".pi-rule{background:#eef6ee}.pi-pub{background:#eef2fb}"
    ".pi-diff{background:#fde8e8;font-weight:bold}"
    ".pi-error{color:#b00020}.pi-warning{color:#a15c00}.pi-info{color:#555}"
    ".pi-total td{font-weight:bold;border-top:2px solid #888}"
    "</style>"
)


def _n(d: Decimal | None) -> str:
    return "" if d is None else escape(format(d, "f"))


def _cell(text: object, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{escape('' if text is None else str(text))}</td>"


def _num(d: Decimal | None, cls: str = "") -> str:
    return f'<td class="num {cls}">{_n(d)}</td>'


def _table(headers: Iterable[str], body: Iterable[str], caption: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'{_STYLE}<table class="pi-table">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def target_html(target: Target) -> str:
    rows = [f"<tr><th>kind</th>{_cell(target.kind)}</tr>",
            f"<tr><th>canonical</th>{_cell(str(target))}</tr>"]
    subject = getattr(target, "subject", None)
    if subject:
        rows.append(f"<tr><th>subject</th>{_cell(subject)}</tr>")
    reason = getattr(target, "reason", None)
    if reason:
        rows.append(f"<tr><th>not measured</th>{_cell(reason)}</tr>")
    return f'{_STYLE}<table class="pi-table">{"".join(rows)}</table>'


def score_html(score: Score) -> str:
    rows = [
        f"<tr><th>points</th>{_num(score.points, 'pi-rule')}</tr>",
        f"<tr><th>weight</th>{_num(score.weight)}</tr>",
        f"<tr><th>policy</th>{_cell(score.policy)}</tr>",
        f"<tr><th>flags</th>{_cell(', '.join(sorted(score.flags)))}</tr>",
        f"<tr><th>explanation</th>{_cell(score.explanation_zh)}</tr>",
        f"<tr><th></th>{_cell(score.explanation_en)}</tr>",
    ]
    return f'{_STYLE}<table class="pi-table">{"".join(rows)}</table>'


def report_html(report: FormReport) -> str:
    """The report: one row per indicator, rule and published scores side by side, departures
    highlighted, then the budget block, the totals and the grade."""
    body = []
    for r in report.rows:
        ind = r.indicator
        differs = r.difference not in (None, Decimal(0))
        pub_cls = "pi-pub pi-diff" if differs else "pi-pub"
        body.append(
            "<tr>" + _num(Decimal(r.number)) + _cell(ind.level1) + _cell(ind.level2)
            + _cell(ind.level3) + _cell(ind.target) + _cell(ind.actual) + _num(ind.weight)
            + (_num(r.rule, "pi-rule") if r.score is not None else _cell(r.error, "pi-error"))
            + _num(r.published, pub_cls) + _num(r.difference, "pi-diff" if differs else "")
            + _cell(ind.note) + "</tr>")
    b = report.budget
    body.append(
        "<tr>" + _cell("") + _cell("预算执行率") + _cell("") + _cell("年度资金总额")
        + _cell(_n(b.budget)) + _cell(_n(b.executed)) + _num(b.weight)
        + _num(None if b.score is None else b.score.points, "pi-rule")
        + _num(b.published_score, "pi-pub") + _cell("") + _cell(
            f"执行率 {_n(b.rate)}%（公布 {_n(b.published_rate)}%）") + "</tr>")
    body.append(
        '<tr class="pi-total">' + _cell("") + _cell("总分 total") + _cell("") + _cell("")
        + _cell("") + _cell("") + _num(report.form.total_weight)
        + _num(report.rule_total, "pi-rule") + _num(report.published_total, "pi-pub")
        + _num(report.difference) + _cell(
            f"等级 grade: {report.grade}（公布 {report.published_grade or '—'}）") + "</tr>")
    caption = f"{report.form.project.name} ({report.form.year or '—'}) — scheme {report.scheme}"
    return _table(["#", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                   "规则得分", "公布得分", "差", "偏差原因 / note"], body, caption)


def findings_html(findings: Iterable[Finding]) -> str:
    body = []
    for f in findings:
        cls = f"pi-{f.severity.value}"
        body.append("<tr>" + _cell(f.severity.value, cls) + _cell(f.code)
                    + _cell("" if f.row is None else f.row) + _cell(f.indicator or "")
                    + _cell(f.zh) + _cell(f.en) + "</tr>")
    return _table(["severity", "code", "row", "三级指标", "说明", "finding"], body)
