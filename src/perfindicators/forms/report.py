"""Scoring a whole form: rule score next to the published score, row by row, with subtotals,
the budget block, the total and the grade.

不适用 rows are dropped and the rest rescaled to 100, as the central rules say
(「用适用指标得分汇总后按百分制对该项目折算计分」).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import attrs

from ..errors import PerfIndicatorError
from ..evaluate import Outcome
from ..schemes import Scheme, get_scheme
from ..scoring import Score, score, score_budget
from .model import Form, Indicator

__all__ = ["BudgetReport", "FormReport", "GroupTotal", "RowReport", "score_form"]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@attrs.frozen
class RowReport:
    """One indicator row scored.

    Attributes:
        number: the row's position in the form (1-based).
        indicator: the row as published.
        score: the rule score (``None`` for a 不适用 row or a row without a weight).
        error: why the row could not be scored, if it could not.
    """

    number: int
    indicator: Indicator
    score: Score | None
    error: str | None = None

    @property
    def rule(self) -> Decimal | None:
        return None if self.score is None else self.score.points

    @property
    def published(self) -> Decimal | None:
        return self.indicator.score

    @property
    def difference(self) -> Decimal | None:
        """published − rule (negative: the form gave fewer points than the rule)."""
        if self.rule is None or self.published is None:
            return None
        return self.published - self.rule

    @property
    def outcome(self) -> Outcome | None:
        return None if self.score is None else self.score.outcome

    @property
    def applicable(self) -> bool:
        return not self.indicator.not_applicable


@attrs.frozen
class GroupTotal:
    """Subtotal of a first-level group (level2 ``None``) or a second-level group."""

    level1: str
    level2: str | None
    weight: Decimal
    rule: Decimal
    published: Decimal | None

    @property
    def lost(self) -> Decimal:
        """Points the rules take off this group."""
        return self.weight - self.rule


@attrs.frozen
class BudgetReport:
    """The budget block: the rate and score the amounts give, next to the published ones."""

    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None  # percent, two decimals
    score: Score | None
    published_rate: Decimal | None
    published_score: Decimal | None
    weight: Decimal


@attrs.frozen(repr=False)
class FormReport:
    """A form scored under a scheme.

    Attributes:
        form: the form.
        scheme: the scheme's name.
        rows: every indicator row.
        groups: first-level subtotals, then second-level ones.
        budget: the budget block.
        rule_total: indicators + budget under the rules (rescaled to 100 when 不适用 rows
            were dropped).
        published_total: the total the form publishes.
        grade: the grade of the rule total; ``published_grade`` that of the published total.
    """

    form: Form
    scheme: str
    rows: tuple[RowReport, ...]
    groups: tuple[GroupTotal, ...]
    budget: BudgetReport
    rule_total: Decimal
    published_total: Decimal | None
    published_sum: Decimal | None
    grade: str
    published_grade: str | None
    dropped_weight: Decimal

    @property
    def difference(self) -> Decimal | None:
        """published total − rule total."""
        if self.published_total is None:
            return None
        return self.published_total - self.rule_total

    def __repr__(self) -> str:
        return (f"FormReport({self.form.project.name!r}, scheme={self.scheme!r}, "
                f"rule_total={self.rule_total}, published_total={self.published_total}, "
                f"grade={self.grade!r})")

    def departures(self) -> list[RowReport]:
        """Rows whose published score is not the rule score."""
        return [r for r in self.rows if r.difference not in (None, Decimal(0))]

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data (numbers as exact decimal strings)."""
        from .render import report_to_dict

        return report_to_dict(self)

    def to_dataframe(self) -> object:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .render import report_to_frame

        return report_to_frame(self)

    def plot(self, ax: object = None, *, labels: str = "auto") -> object:
        """A bar chart of the points lost per first-level group (needs ``matplotlib``)."""
        from .plot import plot_points_lost

        return plot_points_lost(self, ax, labels=labels)

    def _repr_html_(self) -> str:
        from .html import report_html

        return report_html(self)

    def __str__(self) -> str:
        from .render import render_report

        return render_report(self)


def _budget(form: Form, sch: Scheme) -> BudgetReport:
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


def score_form(form: Form, scheme: str | Scheme = "central", *,
               progress: Callable[[list[Indicator]], Iterable[Indicator]] | None = None,
               ) -> FormReport:
    """Score every row and the budget block of *form* under *scheme*.

    Args:
        form: the form.
        scheme: a scheme name, object or ``.toml`` file.
        progress: wraps the rows as they are scored (the command line passes a progress
            bar that shows once the work takes more than a second).
    """
    sch = get_scheme(scheme)
    rows: list[RowReport] = []
    indicators = list(form.indicators)
    for n, ind in enumerate(progress(indicators) if progress else indicators, start=1):
        if ind.not_applicable or ind.weight is None:
            rows.append(RowReport(n, ind, None, "不适用" if ind.not_applicable else "no weight"))
            continue
        try:
            s = score(ind.target, ind.actual, ind.weight, scheme=sch, year=form.year,
                      category=ind.level2, level1=ind.level1, indicator=ind.level3)
        except PerfIndicatorError as e:
            rows.append(RowReport(n, ind, None, e.message))
            continue
        rows.append(RowReport(n, ind, s))
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
    published = [r.published for r in rows if r.applicable]
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
    order1: list[str] = []
    order2: list[tuple[str, str]] = []
    acc: dict[tuple[str, str | None], list[Decimal | None]] = {}
    for r in rows:
        ind = r.indicator
        weight = ind.weight
        if not r.applicable or weight is None:
            continue
        for key in ((ind.level1, None), (ind.level1, ind.level2)):
            if key not in acc:
                acc[key] = [Decimal(0), Decimal(0), Decimal(0)]
                if key[1] is None:
                    order1.append(ind.level1)
                else:
                    order2.append((ind.level1, ind.level2))
            w, ru, pu = acc[key]
            assert w is not None and ru is not None
            acc[key][0] = w + weight
            acc[key][1] = ru + (r.rule or Decimal(0))
            acc[key][2] = None if pu is None or r.published is None else pu + r.published
    out = [GroupTotal(l1, None, *_triple(acc[(l1, None)])) for l1 in order1]
    out += [GroupTotal(l1, l2, *_triple(acc[(l1, l2)])) for l1, l2 in order2]
    return tuple(out)


def _triple(v: list[Decimal | None]) -> tuple[Decimal, Decimal, Decimal | None]:
    assert v[0] is not None and v[1] is not None
    return v[0], v[1], v[2]


def truncated(value: Decimal, places: int = 1) -> Decimal:
    """*value* truncated (not rounded) to *places* decimals, as some forms do."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
