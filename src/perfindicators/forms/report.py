"""Scoring a whole form: rule score next to the published score, row by row, with subtotals,
the budget block, the total and the grade.

不适用 rows are dropped and the rest rescaled to 100, as the central rules say
(「用适用指标得分汇总后按百分制对该项目折算计分」). A row with an unreadable cell is not
scored (its state is ``unreadable``; the audit lists it) and the rest of the form is.

A row with a written criterion (its 评(扣)分标准 cell, else the scheme's ``[[criteria]]`` for
its name) is scored by that criterion when it needs only the actual value and the target;
otherwise — a point range, 酌情, counts or items the form does not give — the row is *open*:
its points lie in a range, the total becomes a range, and the grade is ``None`` when the open
rows could still change it. Nothing is made up in between.

>>> import perfindicators as pi
>>> report = score_form(pi.examples.load("zgc-2021"))
>>> report.rule_total, report.grade, str(report).splitlines()[-2]
(Decimal('97.83'), '优', 'published total 公布总分: 94.23 (优)')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ..criteria import Criterion, CriterionSyntaxError, criterion
from ..errors import CellProblem, PerfIndicatorError
from ..evaluate import evaluate
from ..schemes import Scheme, get_scheme
from ..scoring import score, score_budget, score_outcome
from .headers import canonical_group
from .html import report_html
from .model import FormData, Indicator
from .plot import plot_points_lost
from .render import render_report, report_to_dict, report_to_frame
from .reportdata import (
    BudgetReport,
    GroupTotal,
    OpenScore,
    ReportData,
    RowReport,
    RowState,
    criterion_name,
)

__all__ = ["BudgetReport", "FormReport", "GroupTotal", "OpenScore", "RowReport", "RowState",
           "score_form", "truncated"]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
#: the header a criterion problem names (the readers accept its synonyms, see `.headers`)
CRITERION_COLUMN = "评(扣)分标准"
#: criterion cells that say "none": the scheme's policy scores the row
_NO_CRITERION = frozenset({"", "—", "——", "-", "/", "无", "／"})


@attrs.frozen(repr=False)
class FormReport(ReportData):
    """A form scored under a scheme; see `ReportData` for the attributes.

    ``str(report)`` is a plain-text table, ``report.to_dict()`` JSON-ready data,
    ``report.to_dataframe()`` a DataFrame, ``report.plot()`` a chart and, in a notebook, the
    report shows as an HTML table.
    """

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (numbers as exact decimal strings)."""
        return report_to_dict(self)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra)."""
        return report_to_frame(self)

    def plot(self, ax: object = None, *, labels: str = "auto") -> Any:
        """A bar chart of the points lost per first-level group (needs ``matplotlib``)."""
        return plot_points_lost(self, ax, labels=labels)

    def _repr_html_(self) -> str:
        return report_html(self)

    def __str__(self) -> str:
        return render_report(self)


def _budget(form: FormData, sch: Scheme) -> BudgetReport:
    total = form.budget.total
    weight = (total.weight if total is not None and total.weight is not None
              else sch.budget_weight)
    if total is None or total.full_year is None or total.executed is None:
        return BudgetReport(None, None, None, None, form.budget.published_rate,
                            form.budget.published_score, weight)
    s = score_budget(total.full_year, total.executed, weight, scheme=sch)
    rate = None
    if total.full_year:
        rate = (total.executed / total.full_year * HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return BudgetReport(total.full_year, total.executed, rate, s, total.rate, total.score,
                        weight)


def _criterion_text(ind: Indicator, sch: Scheme) -> tuple[str, dict[str, str], str] | None:
    """The row's written criterion, its declared defaults and where it comes from: the form's
    own cell wins over the scheme's ``[[criteria]]``."""
    text = (ind.criterion or "").strip()
    if text not in _NO_CRITERION:
        return text, {}, "form"
    found = sch.criterion_for(canonical_group(ind.level1), canonical_group(ind.level2),
                              ind.level3)
    if found is None:
        return None
    return found.criterion, dict(found.defaults), "scheme"


def _by_criterion(n: int, ind: Indicator, form: FormData, sch: Scheme,
                  found: tuple[str, dict[str, str], str]) -> RowReport:
    """Score a row by its written criterion, or leave it open with the range it allows."""
    text, defaults, source = found
    assert ind.weight is not None
    try:
        crit: Criterion = criterion(text, weight=ind.weight, defaults=defaults)
    except CriterionSyntaxError as e:
        if source == "form":  # the cell cannot be read: a problem of the row, with its place
            problem = CellProblem(str(e), ind.row, CRITERION_COLUMN)
            return RowReport(n, attrs.evolve(ind, problems=(problem,)), None,
                             "unreadable: " + e.message, e, criterion_source=source)
        return RowReport(n, ind, None, f"the scheme's criterion cannot be read: {e.message}", e,
                         criterion_source=source)
    category = canonical_group(ind.level2)
    try:
        outcome = evaluate(ind.parsed(form.year), ind.actual, category=category,
                           year=form.year, indicator=ind.level3)
    except PerfIndicatorError as e:
        return RowReport(n, ind, None, e.message, e, criterion=crit, criterion_source=source)
    needs = tuple(i.key for i in crit.beyond_row)
    if needs:
        high = sch.rounding(ind.weight)
        wanted = "、".join(needs)
        return RowReport(
            n, ind, None, f"open 0–{high}: the criterion needs {', '.join(needs)}, which the "
            "form does not give", criterion=crit, criterion_source=source, open=OpenScore(
                sch.rounding(ZERO), high, needs, f"评分标准需要表中没有的事实（{wanted}），待评价人判断",
                f"the criterion needs facts the form does not give ({', '.join(needs)}): "
                "a person must judge"))
    cs = crit.score_outcome(outcome, ind.weight)
    if cs.points is None:
        return RowReport(n, ind, None, f"open {cs.low}–{cs.high}: {cs.en}", criterion=crit,
                         criterion_source=source,
                         open=OpenScore(cs.low, cs.high, (), cs.zh, cs.en))
    s = score_outcome(outcome, ind.weight, policy=crit, scheme=sch,
                      level1=canonical_group(ind.level1), category=category)
    return RowReport(n, ind, attrs.evolve(s, policy=criterion_name(text)), criterion=crit,
                     criterion_source=source)


def _score_row(n: int, ind: Indicator, form: FormData, sch: Scheme) -> RowReport:
    if ind.problems:
        return RowReport(n, ind, None, "unreadable: " + "; ".join(
            p.message.splitlines()[0] for p in ind.problems))
    if form.targets_only:
        return RowReport(n, ind, None, "targets only: no actual value to score",
                         target_only=True)
    if ind.not_applicable or ind.weight is None:
        return RowReport(n, ind, None, "不适用" if ind.not_applicable else "no weight")
    found = _criterion_text(ind, sch)
    if found is not None:
        return _by_criterion(n, ind, form, sch, found)
    try:
        s = score(ind.target, ind.actual, ind.weight, scheme=sch, year=form.year,
                  category=canonical_group(ind.level2), level1=canonical_group(ind.level1),
                  indicator=ind.level3)
    except PerfIndicatorError as e:
        return RowReport(n, ind, None, e.message, e)
    return RowReport(n, ind, s)


def score_form(form: FormData, scheme: str | Scheme = "central", *,
               progress: Callable[[list[Indicator]], Iterable[Indicator]] | None = None,
               ) -> FormReport:
    """Score every row and the budget block of *form* under *scheme*.

    Args:
        form: the form.
        scheme: a scheme name, object or ``.toml`` file.
        progress: wraps the rows as they are scored (the command line passes a progress
            bar that shows once the work takes more than a second).

    >>> import perfindicators as pi
    >>> score_form(pi.examples.load("zgc-2021"), "central").budget.rate
    Decimal('88.26')
    """
    sch = get_scheme(scheme)
    indicators = list(form.indicators)
    rows = [_score_row(n, ind, form, sch)
            for n, ind in enumerate(progress(indicators) if progress else indicators, start=1)]
    budget = _budget(form, sch)
    dropped = sum((r.indicator.weight or Decimal(0) for r in rows if not r.applicable),
                  Decimal(0))
    rule = sum((r.rule or (r.open.low if r.open else ZERO) for r in rows), ZERO)
    high = sum((r.rule or (r.open.high if r.open else ZERO) for r in rows), ZERO)
    if budget.score is not None:
        rule += budget.score.points
        high += budget.score.points
    full = form.total_weight or HUNDRED
    if dropped and full > dropped:
        rule = rule * full / (full - dropped)
        high = high * full / (full - dropped)
    rule, high = sch.rounding(rule), sch.rounding(high)
    grade: str | None = sch.grade(rule)
    if sch.grade(high) != grade:
        grade = None  # the open rows could still change it
    published = [r.published for r in rows if r.applicable
                 and (r.indicator.weight is not None or r.published is not None)]
    published_sum = None
    if all(p is not None for p in published) and published:
        published_sum = sum((p for p in published if p is not None), Decimal(0))
        if budget.published_score is not None:
            published_sum += budget.published_score
    opened = any(r.open is not None for r in rows)
    return FormReport(
        form, sch.name, tuple(rows), _groups(rows), budget, rule, form.total_score,
        published_sum, grade,
        None if form.total_score is None else sch.grade(form.total_score), dropped,
        rule_total_high=high if opened else None)


def _groups(rows: list[RowReport]) -> tuple[GroupTotal, ...]:
    """Subtotals by canonical group name; 不适用 rows and rows without a weight stay out. Open
    rows count at their lowest in ``rule`` and at their highest in ``rule_high``."""
    acc: dict[tuple[str, str | None], list[Decimal | None]] = {}
    opened: set[tuple[str, str | None]] = set()
    for r in rows:
        ind = r.indicator
        weight = ind.weight
        if not r.applicable or weight is None:
            continue
        level1, level2 = canonical_group(ind.level1), canonical_group(ind.level2)
        low = r.rule or (r.open.low if r.open else ZERO)
        high = r.rule or (r.open.high if r.open else ZERO)
        for key in ((level1, None), (level1, level2)):
            w, ru, pu, hi = acc.setdefault(key, [ZERO, ZERO, ZERO, ZERO])
            assert w is not None and ru is not None and hi is not None
            acc[key] = [w + weight, ru + low,
                        None if pu is None or r.published is None else pu + r.published,
                        hi + high]
            if r.open is not None and r.open.high != r.open.low:
                opened.add(key)
    out = [_group(k, v, k in opened) for k, v in acc.items() if k[1] is None]
    out += [_group(k, v, k in opened) for k, v in acc.items() if k[1] is not None]
    return tuple(out)


def _group(key: tuple[str, str | None], v: list[Decimal | None], opened: bool) -> GroupTotal:
    assert v[0] is not None and v[1] is not None
    return GroupTotal(key[0], key[1], v[0], v[1], v[2], rule_high=v[3] if opened else None)


def truncated(value: Decimal, places: int = 1) -> Decimal:
    """*value* truncated (not rounded) to *places* decimals, as some forms do.

    >>> truncated(Decimal("1.897")), truncated(Decimal("99.1"), 0)
    (Decimal('1.8'), Decimal('99'))
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
