"""Scoring a whole form: rule score next to the published score, row by row, with subtotals,
the budget block, the total and the grade.

不适用 rows are dropped and the rest rescaled to 100, as the central rules say
(「用适用指标得分汇总后按百分制对该项目折算计分」). A row with an unreadable cell is not
scored (its state is ``unreadable``; the audit lists it) and the rest of the form is.

>>> import perfindicators as pi
>>> report = score_form(pi.examples.load("zgc-2021"))
>>> report.rule_total, report.grade, str(report).splitlines()[-2]
(Decimal('98.83'), '优', 'published total 公布总分: 94.23 (优)')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ..errors import PerfIndicatorError
from ..schemes import Scheme, get_scheme
from ..scoring import score, score_budget
from .headers import canonical_group
from .html import report_html
from .model import FormData, Indicator
from .plot import plot_points_lost
from .render import render_report, report_to_dict, report_to_frame
from .reportdata import BudgetReport, GroupTotal, ReportData, RowReport, RowState

__all__ = ["BudgetReport", "FormReport", "GroupTotal", "RowReport", "RowState", "score_form",
           "truncated"]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


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


def _score_row(n: int, ind: Indicator, form: FormData, sch: Scheme) -> RowReport:
    if ind.problems:
        return RowReport(n, ind, None, "unreadable: " + "; ".join(
            p.message.splitlines()[0] for p in ind.problems))
    if form.targets_only:
        return RowReport(n, ind, None, "targets only: no actual value to score",
                         target_only=True)
    if ind.not_applicable or ind.weight is None:
        return RowReport(n, ind, None, "不适用" if ind.not_applicable else "no weight")
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
    rule = sum((r.rule or Decimal(0) for r in rows), Decimal(0))
    if budget.score is not None:
        rule += budget.score.points
    full = form.total_weight or HUNDRED
    if dropped and full > dropped:
        rule = rule * full / (full - dropped)
    rule = sch.rounding(rule)
    published = [r.published for r in rows if r.applicable
                 and (r.indicator.weight is not None or r.published is not None)]
    published_sum = None
    if all(p is not None for p in published) and published:
        published_sum = sum((p for p in published if p is not None), Decimal(0))
        if budget.published_score is not None:
            published_sum += budget.published_score
    return FormReport(
        form, sch.name, tuple(rows), _groups(rows), budget, rule, form.total_score,
        published_sum, sch.grade(rule),
        None if form.total_score is None else sch.grade(form.total_score), dropped)


def _groups(rows: list[RowReport]) -> tuple[GroupTotal, ...]:
    """Subtotals by canonical group name; 不适用 rows and rows without a weight stay out."""
    acc: dict[tuple[str, str | None], list[Decimal | None]] = {}
    for r in rows:
        ind = r.indicator
        weight = ind.weight
        if not r.applicable or weight is None:
            continue
        level1, level2 = canonical_group(ind.level1), canonical_group(ind.level2)
        for key in ((level1, None), (level1, level2)):
            w, ru, pu = acc.setdefault(key, [Decimal(0), Decimal(0), Decimal(0)])
            assert w is not None and ru is not None
            acc[key] = [w + weight, ru + (r.rule or Decimal(0)),
                        None if pu is None or r.published is None else pu + r.published]
    first = [GroupTotal(k[0], None, *_triple(v)) for k, v in acc.items() if k[1] is None]
    second = [GroupTotal(k[0], k[1], *_triple(v)) for k, v in acc.items() if k[1] is not None]
    return tuple(first + second)


def _triple(v: list[Decimal | None]) -> tuple[Decimal, Decimal, Decimal | None]:
    assert v[0] is not None and v[1] is not None
    return v[0], v[1], v[2]


def truncated(value: Decimal, places: int = 1) -> Decimal:
    """*value* truncated (not rounded) to *places* decimals, as some forms do.

    >>> truncated(Decimal("1.897")), truncated(Decimal("99.1"), 0)
    (Decimal('1.8'), Decimal('99'))
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
