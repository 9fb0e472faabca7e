"""Audit findings: where a published form departs from the rules, and why.

Every finding has a stable code, a severity (``info``, ``warning``, ``error``), the row it
concerns (``None`` for the whole form) and a sentence in Chinese and in English. The codes
are listed in ``docs/forms.md``.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ..evaluate import Status
from ..policies import OverAchievement, QualitativeTiers, fraction_of
from ..schemes import BUDGET, Scheme, get_scheme
from .model import Form
from .report import CENT, FormReport, RowReport, score_form, truncated

__all__ = ["CODES", "Finding", "Findings", "Severity", "audit", "audit_report", "classify"]


class Severity(enum.StrEnum):
    """How much a finding matters; ordered."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


#: every code, its severity and what it means
CODES: dict[str, tuple[Severity, str]] = {
    "total-consistent": (Severity.INFO, "the published scores add up to the published total"),
    "total-mismatch": (Severity.ERROR, "the published total is not the sum of the published scores"),
    "rule-total": (Severity.INFO, "the total under the scheme's rules, next to the published one"),
    "weights-sum": (Severity.WARNING, "the weights do not add up to the total weight (100)"),
    "level1-weights": (Severity.WARNING, "first-level weights differ from the scheme's defaults"),
    "score-above-weight": (Severity.ERROR, "a published score above its weight"),
    "score-negative": (Severity.ERROR, "a published score below zero"),
    "execution-rate": (Severity.ERROR, "the published execution rate does not follow from the amounts"),
    "budget-score": (Severity.ERROR, "the published budget score does not follow from the rate"),
    "docked-without-note": (Severity.WARNING, "a target met but docked, with no deviation note"),
    "full-marks-not-met": (Severity.ERROR, "a target not met but given full marks"),
    "over-achieved-unexplained": (Severity.WARNING,
                                  "an actual of at least 1.3 × the target with no explanation"),
    "qualitative-out-of-band": (Severity.ERROR, "a qualitative score outside its tier's band"),
    "score-differs": (Severity.INFO,
                      "a published score that is not the rule score: rounding, truncation, "
                      "a discretionary deduction, or inconsistent"),
    "inconsistent-treatment": (Severity.WARNING,
                               "rows in the same situation scored differently under the same rule"),
    "row-unreadable": (Severity.ERROR, "a row that cannot be scored (units mixed up, no weight)"),
}


@attrs.frozen
class Finding:
    """One audit finding.

    Attributes:
        code: a stable code from `CODES`.
        severity: info, warning or error.
        row: the indicator row (1-based), or ``None`` for the whole form.
        zh: the finding in Chinese.
        en: the finding in English.
        indicator: the row's 三级指标.
        classification: for ``score-differs``: rounding, truncation, discretionary or
            inconsistent.
        note: the form's own deviation note, where it gives one.
    """

    code: str
    severity: Severity
    row: int | None
    zh: str
    en: str
    indicator: str | None = None
    classification: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "form"
        return f"[{self.severity}] {self.code} ({where}): {self.en}"


def _f(code: str, row: RowReport | None, zh: str, en: str, **kw: object) -> Finding:
    severity = kw.pop("severity", None) or CODES[code][0]
    return Finding(code, severity, None if row is None else row.number, zh, en,  # type: ignore[arg-type]
                   None if row is None else row.indicator.level3, **kw)  # type: ignore[arg-type]


def _n(d: Decimal | None) -> str:
    if d is None:
        return "—"
    s = format(d, "f")
    head, dot, tail = s.partition(".")
    return head if dot and not tail.strip("0") else s.rstrip("0") if dot else s


def classify(rule: Decimal, published: Decimal, note: str) -> str:
    """Why a published score differs from the rule: ``rounding`` (to the cent, a tenth or a
    whole point), ``truncation`` (to a tenth), ``discretionary`` (fewer points, with a
    deviation note) or ``inconsistent`` (anything else; the audit says ``judgement`` instead
    when no formula applies to the row). *rule* is best given unrounded
    (2 × 203/214 = 1.8971…: published 1.8 is truncation, 1.9 rounding)."""
    if abs(published - rule) <= CENT or published in (
            rule.quantize(Decimal("0.1"), ROUND_HALF_UP), rule.quantize(Decimal(1), ROUND_HALF_UP)):
        return "rounding"
    if published == truncated(rule, 1):
        return "truncation"
    if published < rule and note.strip():
        return "discretionary"
    return "inconsistent"


class Findings(list[Finding]):
    """The findings of an audit: a list, with a table in notebooks and a DataFrame."""

    def at_least(self, severity: str | Severity) -> Findings:
        """The findings at *severity* or above."""
        rank = Severity(severity).rank
        return Findings(f for f in self if f.severity.rank >= rank)

    def _repr_html_(self) -> str:
        from .html import findings_html

        return findings_html(self)

    def to_dataframe(self) -> object:
        """The findings as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .io import pandas
        from .render import findings_to_dicts

        pd = pandas()

        return pd.DataFrame(findings_to_dicts(self))

    def __str__(self) -> str:
        from .render import render_findings

        return render_findings(self)


def audit(form: Form, scheme: str | Scheme = "central") -> Findings:
    """Audit *form* under *scheme*."""
    return audit_report(score_form(form, scheme), get_scheme(scheme))


def audit_report(report: FormReport, scheme: Scheme) -> Findings:
    """The findings of a form already scored."""
    out = Findings()
    out += _totals(report)
    out += _weights(report, scheme)
    out += _budget(report)
    over = OverAchievement()
    over_rows: dict[bool, list[RowReport]] = {True: [], False: []}
    for r in report.rows:
        ind = r.indicator
        if r.error and r.applicable and ind.weight is not None:
            out.append(_f("row-unreadable", r, f"无法计分：{r.error}", f"cannot be scored: {r.error}"))
        pub, w = r.published, ind.weight
        if pub is not None and w is not None and pub > w:
            out.append(_f("score-above-weight", r, f"得分{_n(pub)}高于分值{_n(w)}",
                          f"score {_n(pub)} is above the weight {_n(w)}"))
        if pub is not None and pub < 0:
            out.append(_f("score-negative", r, f"得分{_n(pub)}为负数", f"score {_n(pub)} is negative"))
        o = r.outcome
        if o is None or pub is None or w is None:
            continue
        note = ind.note.strip()
        if o.status is Status.MET and pub < w and not note:
            out.append(_f("docked-without-note", r,
                          f"指标已完成，得分{_n(pub)}低于分值{_n(w)}，但未说明偏差原因",
                          f"target met but scored {_n(pub)} of {_n(w)}, with no deviation note"))
        if o.status is Status.NOT_MET and pub == w and r.rule is not None and r.rule < w:
            out.append(_f("full-marks-not-met", r, f"指标未完成（{o.reason_zh}），却得满分{_n(w)}",
                          f"target not met ({o.reason_en}) but given full marks {_n(w)}"))
        if over.over(o):
            over_rows[pub < w].append(r)
            if not note:
                pct = _n(((o.ratio or Decimal(0)) * 100).quantize(Decimal("0.1")))
                out.append(_f("over-achieved-unexplained", r,
                              f"实际值达到指标值的{pct}%，指标值可能设定偏低，未说明原因",
                              f"actual is {pct} % of the target (target probably set too low), "
                              f"with no explanation"))
        policy = scheme.policy_for(ind.level1, ind.level2, o.target.kind)[1]
        if isinstance(policy, QualitativeTiers) and o.status is not Status.UNKNOWN:
            why = policy.check(pub, w, o.status)
            if why is not None:
                out.append(_f("qualitative-out-of-band", r, f"定性指标得分不在其档次区间：{why}",
                              why))
        rule = r.rule
        if rule is not None and pub != rule:
            share = fraction_of(o)
            kind = classify(rule if share is None else w * share, pub, note)
            if r.score is not None and "needs_judgement" in r.score.flags:
                kind = "judgement"  # no formula applies: the published score is a judgement
            sev = {"rounding": "info", "truncation": "info", "discretionary": "info",
                   "judgement": "info", "inconsistent": "warning"}[kind]
            zh_kind = {"rounding": "四舍五入", "truncation": "截尾取一位小数",
                       "discretionary": "酌情扣分", "judgement": "规则无法计分，需人工判断",
                       "inconsistent": "与规则不一致"}[kind]
            zh = f"公布得分{_n(pub)}，规则得分{_n(rule)}（{zh_kind}）"
            en = f"published {_n(pub)}, rule {_n(rule)} ({kind})"
            if note:
                zh += f"；偏差说明：{note}"
                en += f"; the form's note: {note}"
            out.append(_f("score-differs", r, zh, en, classification=kind, note=note or None,
                          severity=Severity(sev)))
    if over_rows[True] and over_rows[False]:
        docked = ", ".join(str(r.number) for r in over_rows[True])
        full = ", ".join(str(r.number) for r in over_rows[False])
        out.append(_f("inconsistent-treatment", None,
                      f"实际值超过指标值130%以上的指标处理不一致：第{docked}行被扣分，第{full}行得满分",
                      f"over-achieved rows (actual ≥ 1.3 × target) treated differently: docked in "
                      f"rows {docked}, full marks in rows {full}"))
        for r in over_rows[False]:
            out.append(_f("inconsistent-treatment", r,
                          f"超额完成（{r.outcome.reason_zh if r.outcome else ''}）却未扣分，而同类指标被扣分",
                          f"over-achieved ({r.outcome.reason_en if r.outcome else ''}) and given "
                          f"full marks while similar rows were docked"))
    return out


def _totals(report: FormReport) -> list[Finding]:
    out = []
    pub_total, pub_sum = report.published_total, report.published_sum
    if pub_total is not None and pub_sum is not None:
        if pub_total == pub_sum:
            out.append(_f("total-consistent", None, f"公布的各项得分合计{_n(pub_sum)}，与公布总分一致",
                          f"the published scores add up to the published total {_n(pub_total)}"))
        else:
            out.append(_f("total-mismatch", None,
                          f"公布的各项得分合计{_n(pub_sum)}，与公布总分{_n(pub_total)}不符",
                          f"the published scores add up to {_n(pub_sum)}, not to the published "
                          f"total {_n(pub_total)}"))
    grade = f"（{report.grade}）"
    pub = "—" if pub_total is None else _n(pub_total)
    out.append(_f("rule-total", None,
                  f"按{report.scheme}规则计算总分{_n(report.rule_total)}{grade}，公布总分{pub}",
                  f"total under the {report.scheme} rules {_n(report.rule_total)} "
                  f"({report.grade}); published {pub}"))
    return out


def _weights(report: FormReport, scheme: Scheme) -> list[Finding]:
    out = []
    has_budget = report.form.budget.total is not None
    budget_w = report.budget.weight if has_budget else Decimal(0)
    total = sum((r.indicator.weight or Decimal(0) for r in report.rows), Decimal(0)) + budget_w
    expected = report.form.total_weight or Decimal(100)
    if total != expected:
        out.append(_f("weights-sum", None, f"各项分值合计{_n(total)}，不等于{_n(expected)}",
                      f"the weights add up to {_n(total)}, not {_n(expected)}"))
    groups = {g.level1: g.weight for g in report.groups if g.level2 is None}
    groups[BUDGET] = budget_w
    for name, want in scheme.weights:
        if name == BUDGET and not has_budget:
            continue
        have = sum((groups.get(part, Decimal(0)) for part in name.split("+")), Decimal(0))
        if have != want:
            out.append(_f("level1-weights", None,
                          f"{name}分值为{_n(have)}，{scheme.name}规则的默认分值为{_n(want)}",
                          f"{name} weighs {_n(have)}; the {scheme.name} default is {_n(want)}"))
    return out


def _budget(report: FormReport) -> list[Finding]:
    out = []
    b = report.budget
    shown = None if b.published_rate is None else b.published_rate.quantize(CENT, ROUND_HALF_UP)
    if b.rate is not None and shown is not None and b.rate != shown:
        out.append(_f("execution-rate", None,
                      f"执行率应为{_n(b.rate)}%（{_n(b.executed)}/{_n(b.budget)}），公布为{_n(b.published_rate)}%",
                      f"execution rate is {_n(b.rate)} % ({_n(b.executed)}/{_n(b.budget)}), "
                      f"published {_n(b.published_rate)} %"))
    if b.score is not None and b.published_score is not None and b.score.points != b.published_score:
        out.append(_f("budget-score", None,
                      f"预算执行得分应为{_n(b.score.points)}，公布为{_n(b.published_score)}",
                      f"the budget score is {_n(b.score.points)}, published {_n(b.published_score)}"))
    return out
