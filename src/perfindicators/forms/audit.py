"""Audit findings: where a published form departs from the rules, and why.

Every finding has a stable `Code`, a `Severity`, the row it concerns (``None`` for the whole
form), the cells it is about and a sentence in Chinese and in English. The codes are listed in
``docs/forms.md``. A row gets one finding per cause: a specific finding about its published
score (full marks for a target not met, docked without a note, out of its tier's band, above
its weight) replaces the general ``score-differs``.

Published numbers are compared under a tolerance model (`agreement`): a value published with
fewer decimals is the computed one rounded (half up) or truncated to those decimals — said as
information with the rule, not as an error.

>>> import perfindicators as pi
>>> findings = audit(pi.examples.load("zgc-2021"))
>>> findings[0].code, findings[0].severity
('total-consistent', 'info')
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from .._decimal import trimmed
from .._optional import optional
from ..errors import CellProblem, PerfIndicatorError, TargetSyntaxError, UnitMismatchError
from ..evaluate import DirectionSource, Outcome, Status, resolve_direction
from ..policies import OverAchievement, QualitativeTiers, fraction_of
from ..schemes import BUDGET, Scheme, get_scheme
from ..targets import AllOf, Comparison, Op, Scoped, Target
from .findings import CODES, Cell, Classification, Code, Field, Finding, Severity
from .headers import canonical_group
from .html import findings_html
from .model import FormData
from .render import findings_to_dicts, render_findings
from .report import CENT, FormReport, RowReport, score_form, truncated

__all__ = ["CODES", "Agreement", "Finding", "Findings", "Severity", "agreement", "audit",
           "audit_report", "classify"]


class Findings(list[Finding]):
    """The findings of an audit: a list, with a table in notebooks and a DataFrame.

    >>> import perfindicators as pi
    >>> len(pi.examples.load("zgc-2021").audit().at_least("warning"))
    9
    """

    def at_least(self, severity: str | Severity) -> Findings:
        """The findings at *severity* or above."""
        rank = Severity(severity).rank
        return Findings(f for f in self if f.severity.rank >= rank)

    def _repr_html_(self) -> str:
        return findings_html(self)

    def to_dataframe(self) -> Any:
        """The findings as a pandas DataFrame (needs the ``pandas`` extra)."""
        pd = optional("pandas", "pandas", "a DataFrame")
        return pd.DataFrame(findings_to_dicts(self))

    def __str__(self) -> str:
        return render_findings(self)


class Agreement(enum.StrEnum):
    """How a published number agrees with the computed one."""

    EXACT = "exact"
    ROUNDED = "rounded"
    TRUNCATED = "truncated"

    def __repr__(self) -> str:
        return repr(self.value)


def _places(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agreement(computed: Decimal, published: Decimal) -> Agreement | None:
    """How *published* agrees with *computed*: equal, or the computed value rounded half up or
    truncated to the decimals *published* is written with; ``None`` when it does not.

    >>> agreement(Decimal("99.10"), Decimal("99")), agreement(Decimal("2.892"), Decimal("2.9"))
    ('rounded', 'rounded')
    >>> agreement(Decimal("1.897"), Decimal("1.8")), agreement(Decimal("90"), Decimal("95"))
    ('truncated', None)
    """
    if computed == published:
        return Agreement.EXACT
    places = _places(published)
    if computed.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == published:
        return Agreement.ROUNDED
    if truncated(computed, places) == published:
        return Agreement.TRUNCATED
    return None


def classify(rule: Decimal, published: Decimal, note: str) -> Classification:
    """Why a published score differs from the rule: ``rounding`` (to the cent, a tenth or a
    whole point), ``truncation`` (to a tenth), ``discretionary`` (fewer points, with a
    deviation note) or ``inconsistent`` (anything else; the audit says ``judgement`` instead
    when no formula applies to the row, and ``in-band`` for a qualitative row scored by hand
    inside its tier's band). *rule* is best given unrounded (2 × 203/214 = 1.8971…:
    published 1.8 is truncation, 1.9 rounding).

    >>> classify(Decimal("1.946"), Decimal("1.95"), ""), classify(Decimal(2), Decimal("1.5"), "偏低")
    ('rounding', 'discretionary')
    """
    if abs(published - rule) <= CENT or published in (
            rule.quantize(Decimal("0.1"), ROUND_HALF_UP), rule.quantize(Decimal(1), ROUND_HALF_UP)):
        return Classification.ROUNDING
    if published == truncated(rule, 1):
        return Classification.TRUNCATION
    if published < rule and note.strip():
        return Classification.DISCRETIONARY
    return Classification.INCONSISTENT


def _n(d: Decimal | None) -> str:
    return "—" if d is None else trimmed(d)


def _f(code: Code, row: RowReport | None, zh: str, en: str, *fields: Field,
       severity: Severity | None = None, classification: Classification | None = None,
       note: str | None = None) -> Finding:
    number = None if row is None else row.number
    return Finding(code, severity or CODES[code][0], number, zh, en,
                   None if row is None else row.indicator.level3, classification, note,
                   tuple(Cell(number, f) for f in fields))


_SCHEME_ZH = {"central": "中央部门", "hubei": "湖北省", "pmkpi": "绩效管理系统"}
_TIER_ZH = {Status.MET: "达成", Status.PARTIAL: "部分达成", Status.NOT_MET: "未达成"}
_KIND_ZH = {Classification.ROUNDING: "四舍五入", Classification.TRUNCATION: "截尾取一位小数",
            Classification.DISCRETIONARY: "酌情扣分",
            Classification.JUDGEMENT: "规则无法计分，需人工判断",
            Classification.IN_BAND: "定性指标在档次区间内人工评分",
            Classification.INCONSISTENT: "与规则不一致"}
_AGREEMENT_ZH = {Agreement.ROUNDED: "四舍五入", Agreement.TRUNCATED: "截尾"}


def _scheme_zh(name: str) -> str:
    return _SCHEME_ZH.get(name, f"“{name}”")


def _where_zh(p: CellProblem) -> str:
    parts = []
    if p.sheet:
        parts.append(f"工作表“{p.sheet}”")
    if p.row is not None:
        parts.append(f"第{p.row}行")
    if p.column:
        parts.append(f"{p.column}列")
    return "，".join(parts) or "文件"


def _cause_zh(row: RowReport) -> str:
    """Why a row could not be scored, in Chinese (the English message is ``row.error``)."""
    if row.indicator.problems:
        return "单元格无法读取（" + "；".join(_where_zh(p) for p in row.indicator.problems) + "）"
    e = row.failure
    if isinstance(e, UnitMismatchError):
        return f"实际值的单位“{e.actual_unit}”与指标值的单位“{e.target_unit}”不可比较"
    if isinstance(e, TargetSyntaxError):
        return f"无法识别“{e.text}”"
    return "规则无法计分"


def audit(form: FormData, scheme: str | Scheme = "central") -> Findings:
    """Audit *form* under *scheme*.

    >>> import perfindicators as pi
    >>> warnings = [f.code for f in audit(pi.examples.load("zgc-2021")) if f.severity == "warning"]
    >>> len(warnings), warnings[0]
    (9, 'over-achieved-unexplained')
    """
    return audit_report(score_form(form, scheme), get_scheme(scheme))


def audit_report(report: FormReport, scheme: Scheme) -> Findings:
    """The findings of a form already scored."""
    out = Findings()
    if report.form.targets_only:
        out += _cells(report)
        for r in report.rows:
            out += _unreadable(r)
            out += _unmeasurable(r, report.form.year)
            out += _inferred(r, report.form.year)
        return out
    out += _totals(report)
    out += _weights(report, scheme)
    out += _budget(report)
    out += _cells(report)
    over = OverAchievement()
    over_rows: dict[bool, list[RowReport]] = {True: [], False: []}
    for r in report.rows:
        out += _unreadable(r)
        found, over_state = _row(r, scheme, over)
        out += found
        out += _inferred(r, report.form.year)
        if over_state is not None:
            over_rows[over_state].append(r)
    if over_rows[True] and over_rows[False]:
        docked = ", ".join(str(r.number) for r in over_rows[True])
        full = ", ".join(str(r.number) for r in over_rows[False])
        out.append(_f(Code.INCONSISTENT_TREATMENT, None,
                      f"实际值超过指标值130%以上的指标处理不一致：第{docked}行被扣分，第{full}行得满分",
                      f"over-achieved rows (actual ≥ 1.3 × target) treated differently: docked in "
                      f"rows {docked}, full marks in rows {full}"))
        out[-1] = attrs.evolve(out[-1], cells=tuple(
            Cell(r.number, Field.SCORE) for r in sorted(over_rows[True] + over_rows[False],
                                                        key=lambda r: r.number)))
        for r in over_rows[False]:
            o = r.outcome
            out.append(_f(Code.INCONSISTENT_TREATMENT, r,
                          f"超额完成（{o.reason_zh if o else ''}）却未扣分，而同类指标被扣分",
                          f"over-achieved ({o.reason_en if o else ''}) and given "
                          f"full marks while similar rows were docked", Field.SCORE))
    return out


def _unreadable(r: RowReport) -> list[Finding]:
    ind = r.indicator
    if ind.problems:
        where = "; ".join(f"{p.column or '?'}: {p.message.splitlines()[0]}" for p in ind.problems)
        return [_f(Code.ROW_UNREADABLE, r, f"无法计分：{_cause_zh(r)}",
                   f"cannot be scored: unreadable cells ({where})", Field.CELL)]
    if r.open is not None:
        return _open(r)
    if r.error and r.score is None and r.applicable and ind.weight is not None and not r.target_only:
        return [_f(Code.ROW_UNREADABLE, r, f"无法计分：{_cause_zh(r)}",
                   f"cannot be scored: {r.error}", Field.TARGET, Field.ACTUAL)]
    return []


def _open(r: RowReport) -> list[Finding]:
    """A row its criterion leaves open: the range, why, and where the published score lies."""
    o = r.open
    assert o is not None
    span = f"{_n(o.low)}–{_n(o.high)}"
    pub = r.published
    zh = f"评分标准无法仅凭表中数据计分，规则得分为{span}分：{o.zh}"
    en = f"the criterion cannot score the row from the form alone: rule score {span} ({o.en})"
    severity = Severity.INFO
    if pub is not None and not o.low <= pub <= o.high:
        severity = Severity.WARNING
        zh += f"；公布得分{_n(pub)}不在此区间内"
        en += f"; the published {_n(pub)} lies outside it"
    elif pub is not None:
        zh += f"；公布得分{_n(pub)}在此区间内"
        en += f"; the published {_n(pub)} lies inside it"
    return [_f(Code.CRITERION_OPEN, r, zh, en, Field.CRITERION, Field.SCORE, severity=severity)]


def _unmeasurable(r: RowReport, year: int | None) -> list[Finding]:
    ind = r.indicator
    if ind.problems or not ind.target:
        return []
    try:
        t = ind.parsed(year)
    except PerfIndicatorError:  # pragma: no cover - the reader kept it as a problem
        return []
    if t.kind != "statement":
        return []
    return [_f(Code.TARGET_UNMEASURABLE, r, f"指标值“{ind.target}”不是可衡量的目标，无法核对完成情况",
               f"the target {ind.target!r} is not measurable: no actual value can be checked "
               f"against it", Field.TARGET)]


_INFERRED = (DirectionSource.INDICATOR, DirectionSource.CATEGORY, DirectionSource.DEFAULT)


def _bare(t: Target) -> list[Comparison]:
    """The comparisons of *t* written with no comparator (``100%``)."""
    if isinstance(t, Comparison):
        return [t] if t.op is None else []
    if isinstance(t, Scoped):
        return _bare(t.target)
    if isinstance(t, AllOf):
        return [c for p in t.parts for c in _bare(p)]
    return []


def _directions(r: RowReport, year: int | None) -> list[tuple[Target, Op, DirectionSource]]:
    """Each bare target of the row with the direction it was scored by, and where that came
    from (the outcome says; a 绩效目标表's row is resolved as it would be scored)."""
    if r.outcome is not None:
        found: list[tuple[Target, Op, DirectionSource]] = []
        todo: list[Outcome] = [r.outcome]
        while todo:
            o = todo.pop(0)
            todo.extend(o.parts)
            if o.direction is not None and o.direction_source in _INFERRED:
                assert o.direction_source is not None
                found.append((o.target, o.direction, o.direction_source))
        return found
    ind = r.indicator
    if ind.problems or not ind.target or not r.target_only:
        return []
    try:
        bare = _bare(ind.parsed(year))
    except PerfIndicatorError:  # pragma: no cover - kept as a problem by the reader
        return []
    return [(c, *resolve_direction(None, canonical_group(ind.level2), ind.level3)) for c in bare]


_SOURCE_ZH = {DirectionSource.INDICATOR: "按指标名称“{name}”",
              DirectionSource.CATEGORY: "按二级指标“{group}”",
              DirectionSource.DEFAULT: "指标名称和类别均未表明方向，按默认"}
_SOURCE_EN = {DirectionSource.INDICATOR: "from the indicator's name {name!r}",
              DirectionSource.CATEGORY: "from its category {group!r}",
              DirectionSource.DEFAULT: "by default (neither the name nor the category says)"}


def _inferred(r: RowReport, year: int | None) -> list[Finding]:
    """A finding for each bare target whose direction was inferred, saying from what."""
    out: list[Finding] = []
    ind = r.indicator
    for t, op, source in _directions(r, year):
        way_zh = "越高越好（≥）" if op.at_least else "越低越好（≤）"
        way_en = f"at least ({op.symbol})" if op.at_least else f"at most ({op.symbol})"
        words = {"name": ind.level3, "group": ind.level2}
        out.append(_f(Code.DIRECTION_INFERRED, r,
                      f"指标值“{t}”未写明方向，{_SOURCE_ZH[source].format(**words)}判为{way_zh}",
                      f"the target {str(t)!r} states no direction: read as {way_en} "
                      f"{_SOURCE_EN[source].format(**words)}", Field.TARGET))
    return out


def _row(r: RowReport, scheme: Scheme, over: OverAchievement,
         ) -> tuple[list[Finding], bool | None]:
    """The findings of one row, and whether it is over-achieved and docked (``None``: not
    over-achieved)."""
    out: list[Finding] = []
    ind = r.indicator
    pub, w = r.published, ind.weight
    if pub is not None and w is None and r.applicable and not ind.problems:
        out.append(_f(Code.SCORE_WITHOUT_WEIGHT, r, f"有得分{_n(pub)}但没有分值，无法核对",
                      f"a published score {_n(pub)} but no weight: cannot be reconciled",
                      Field.WEIGHT, Field.SCORE))
    specific = False  # a finding about the published score was made: no score-differs
    if pub is not None and w is not None and pub > w:
        out.append(_f(Code.SCORE_ABOVE_WEIGHT, r, f"得分{_n(pub)}高于分值{_n(w)}",
                      f"score {_n(pub)} is above the weight {_n(w)}", Field.SCORE, Field.WEIGHT))
        specific = True
    if pub is not None and pub < 0:
        out.append(_f(Code.SCORE_NEGATIVE, r, f"得分{_n(pub)}为负数", f"score {_n(pub)} is negative",
                      Field.SCORE))
        specific = True
    o = r.outcome
    if o is None or pub is None or w is None:
        return out, None
    note = ind.note.strip()
    rule = r.rule
    policy = None if r.criterion is not None else scheme.policy_for(
        canonical_group(ind.level1), canonical_group(ind.level2), o.target.kind)[1]
    band_why: str | None = None  # why a qualitative score is outside its tier's band
    in_band = False  # a qualitative score by hand inside its tier's band: the rules allow it
    if isinstance(policy, QualitativeTiers) and o.status in _TIER_ZH:
        band_why = policy.check(pub, w, o.status)
        in_band = band_why is None
    # a written criterion may dock a met target itself (its own anchor): then only less than it
    docked = pub < w if r.criterion is None or rule is None else pub < rule
    if o.status is Status.MET and docked and not note and not in_band:
        out.append(_f(Code.DOCKED_WITHOUT_NOTE, r,
                      f"指标已完成，得分{_n(pub)}低于分值{_n(w)}，但未说明偏差原因",
                      f"target met but scored {_n(pub)} of {_n(w)}, with no deviation note",
                      Field.SCORE, Field.NOTE))
        specific = True
    if o.status is Status.NOT_MET and pub == w and rule is not None and rule < w:
        out.append(_f(Code.FULL_MARKS_NOT_MET, r,
                      f"指标未完成（{o.reason_zh}），却得满分{_n(w)}，规则得分{_n(rule)}",
                      f"target not met ({o.reason_en}) but given full marks {_n(w)}; "
                      f"the rule gives {_n(rule)}", Field.ACTUAL, Field.SCORE))
        specific = True
    over_state = None
    if over.over(o):
        over_state = pub < w
        if not note:
            pct = _n(((o.ratio or Decimal(0)) * 100).quantize(Decimal("0.1")))
            out.append(_f(Code.OVER_ACHIEVED_UNEXPLAINED, r,
                          f"实际值达到指标值的{pct}%，指标值可能设定偏低，未说明原因",
                          f"actual is {pct} % of the target (target probably set too low), "
                          f"with no explanation", Field.TARGET, Field.ACTUAL, Field.NOTE))
    if band_why is not None and isinstance(policy, QualitativeTiers):
        lo, hi = policy.band(o.status)
        low, high = policy.rounding(w * lo / 100), policy.rounding(w * hi / 100)
        out.append(_f(Code.QUALITATIVE_OUT_OF_BAND, r,
                      f"定性指标得分{_n(pub)}不在“{_TIER_ZH[o.status]}”档次区间"
                      f"{_n(low)}–{_n(high)}内（分值{_n(w)}）", band_why, Field.SCORE))
        specific = True
    if rule is not None and pub != rule and not specific:
        share = None if r.criterion is not None else fraction_of(o)
        kind = classify(rule if share is None else w * share, pub, note)
        if r.score is not None and "needs_judgement" in r.score.flags:
            kind = Classification.JUDGEMENT  # no formula applies: the score is a judgement
        elif in_band and kind is Classification.INCONSISTENT:
            kind = Classification.IN_BAND  # a hand score inside the tier's band
        sev = Severity.WARNING if kind is Classification.INCONSISTENT else Severity.INFO
        zh = f"公布得分{_n(pub)}，规则得分{_n(rule)}（{_KIND_ZH[kind]}）"
        en = f"published {_n(pub)}, rule {_n(rule)} ({kind})"
        if note:
            zh += f"；偏差说明：{note}"
            en += f"; the form's note: {note}"
        out.append(_f(Code.SCORE_DIFFERS, r, zh, en, Field.SCORE, severity=sev,
                      classification=kind, note=note or None))
    return out, over_state


def _totals(report: FormReport) -> list[Finding]:
    out = []
    pub_total, pub_sum = report.published_total, report.published_sum
    if pub_total is not None and pub_sum is not None:
        if pub_total == pub_sum:
            out.append(_f(Code.TOTAL_CONSISTENT, None, f"公布的各项得分合计{_n(pub_sum)}，与公布总分一致",
                          f"the published scores add up to the published total {_n(pub_total)}",
                          Field.TOTAL_SCORE))
        else:
            out.append(_f(Code.TOTAL_MISMATCH, None,
                          f"公布的各项得分合计{_n(pub_sum)}，与公布总分{_n(pub_total)}不符",
                          f"the published scores add up to {_n(pub_sum)}, not to the published "
                          f"total {_n(pub_total)}", Field.TOTAL_SCORE))
    elif pub_sum is None:
        missing = [r for r in report.rows if r.applicable and r.indicator.weight is not None
                   and r.published is None]
        if missing:
            rows = ", ".join(str(r.number) for r in missing)
            these = f"rows {rows} have" if len(missing) > 1 else f"row {rows} has"
            out.append(_f(Code.TOTAL_UNCHECKED, None,
                          f"第{rows}行没有公布得分，无法核对总分",
                          f"{these} no published score: the total cannot be checked",
                          Field.TOTAL_SCORE))
            for r in missing:
                out.append(_f(Code.TOTAL_UNCHECKED, r, "有分值但没有公布得分，无法核对",
                              "a weight but no published score: the row cannot be reconciled",
                              Field.SCORE, severity=Severity.INFO))
    pub = "—" if pub_total is None else _n(pub_total)
    total = _n(report.rule_total)
    grade_zh = grade_en = report.grade or ""
    if report.total_open:
        total = f"{total}–{_n(report.rule_total_high)}"
        rows = ", ".join(str(r.number) for r in report.open_rows)
        grade_zh = f"{report.grade or '等级待定'}，第{rows}行待判断"
        grade_en = f"{report.grade or 'grade open'}; rows {rows} open"
    out.append(_f(Code.RULE_TOTAL, None,
                  f"按{_scheme_zh(report.scheme)}规则计算总分{total}（{grade_zh}），公布总分{pub}",
                  f"total under the {report.scheme} rules {total} ({grade_en}); published {pub}",
                  Field.TOTAL_SCORE))
    return out


def _weights(report: FormReport, scheme: Scheme) -> list[Finding]:
    """The weights as designed: 不适用 rows keep the weight they were given (the rules rescale
    the rest), so a form that follows the scheme's weights raises nothing."""
    out = []
    has_budget = report.form.budget.total is not None
    if report.form.total_weight is None and not has_budget:
        return [_f(Code.WEIGHTS_UNCHECKED, None,
                   "表中没有总分分值，也没有预算执行率，可能只是部分指标，不核对分值",
                   "the form publishes no total weight and no budget block (perhaps only some "
                   "of its rows): the weights are not checked", Field.TOTAL_WEIGHT)]
    budget_w = report.budget.weight if has_budget else Decimal(0)
    total = sum((r.indicator.weight or Decimal(0) for r in report.rows), Decimal(0)) + budget_w
    expected = report.form.total_weight or Decimal(100)
    if total != expected:
        out.append(_f(Code.WEIGHTS_SUM, None, f"各项分值合计{_n(total)}，不等于{_n(expected)}",
                      f"the weights add up to {_n(total)}, not {_n(expected)}", Field.WEIGHT))
    groups: dict[str, Decimal] = {}
    for r in report.rows:
        if r.indicator.weight is not None:
            key = canonical_group(r.indicator.level1)
            groups[key] = groups.get(key, Decimal(0)) + r.indicator.weight
    groups[BUDGET] = budget_w
    known = {part for name, _ in scheme.weights for part in name.split("+")}
    strangers = sorted({canonical_group(r.indicator.level1) for r in report.rows
                        if r.indicator.weight is not None} - known)
    if strangers:
        names = "、".join(s or "（空）" for s in strangers)
        out.append(_f(Code.WEIGHTS_UNCHECKED, None,
                      f"一级指标{names}不在{_scheme_zh(scheme.name)}规则的分组中，不核对一级指标分值",
                      f"first-level groups the {scheme.name} rules do not name ("
                      + ", ".join(repr(s) for s in strangers)
                      + "): the first-level weights are not checked", Field.LEVEL1))
        return out
    for name, want in scheme.weights:
        if name == BUDGET and not has_budget:
            continue
        have = sum((groups.get(part, Decimal(0)) for part in name.split("+")), Decimal(0))
        if have != want:
            out.append(_f(Code.LEVEL1_WEIGHTS, None,
                          f"{name}分值为{_n(have)}，{_scheme_zh(scheme.name)}规则的默认分值为{_n(want)}",
                          f"{name} weighs {_n(have)}; the {scheme.name} default is {_n(want)}",
                          Field.WEIGHT))
    return out


def _budget(report: FormReport) -> list[Finding]:
    out = []
    b = report.budget
    if b.rate is not None and b.published_rate is not None and b.budget:
        exact = (b.executed or Decimal(0)) / b.budget * 100
        shown = b.published_rate.quantize(CENT, ROUND_HALF_UP)
        agree = None if b.rate == shown else agreement(exact, b.published_rate)
        if b.rate == shown or agree is Agreement.EXACT:
            pass
        elif agree is not None:
            out.append(_f(Code.EXECUTION_RATE_ROUNDED, None,
                          f"公布执行率{_n(b.published_rate)}%为计算值{_n(b.rate)}%按公布位数"
                          f"{_AGREEMENT_ZH[agree]}（{_n(b.executed)}/{_n(b.budget)}）",
                          f"published execution rate {_n(b.published_rate)} % is the computed "
                          f"{_n(b.rate)} % ({_n(b.executed)}/{_n(b.budget)}) {agree} to the "
                          f"decimals published", Field.BUDGET_RATE))
        else:
            out.append(_f(Code.EXECUTION_RATE, None,
                          f"执行率应为{_n(b.rate)}%（{_n(b.executed)}/{_n(b.budget)}），公布为{_n(b.published_rate)}%",
                          f"execution rate is {_n(b.rate)} % ({_n(b.executed)}/{_n(b.budget)}), "
                          f"published {_n(b.published_rate)} %", Field.BUDGET_RATE))
    if b.score is not None and b.published_score is not None and b.score.points != b.published_score:
        agree = agreement(b.score.points, b.published_score)
        if agree is not None:
            out.append(_f(Code.BUDGET_SCORE_ROUNDED, None,
                          f"公布的预算执行得分{_n(b.published_score)}为计算值{_n(b.score.points)}"
                          f"按公布位数{_AGREEMENT_ZH[agree]}",
                          f"the published budget score {_n(b.published_score)} is the computed "
                          f"{_n(b.score.points)} {agree} to the decimals published",
                          Field.BUDGET_SCORE))
        else:
            out.append(_f(Code.BUDGET_SCORE, None,
                          f"预算执行得分应为{_n(b.score.points)}，公布为{_n(b.published_score)}",
                          f"the budget score is {_n(b.score.points)}, published "
                          f"{_n(b.published_score)}", Field.BUDGET_SCORE))
    return out


def _cells(report: FormReport) -> list[Finding]:
    """Cells outside the indicator rows (budget block, total) that could not be read."""
    in_rows = [p for r in report.rows for p in r.indicator.problems]
    out = []
    for p in report.form.problems:
        if p in in_rows:
            continue
        where = p.where() or "?"
        out.append(_f(Code.CELL_UNREADABLE, None, f"单元格无法读取：{_where_zh(p)}",
                      f"unreadable cell at {where}: {p.message.splitlines()[0]}", Field.CELL))
    return out
