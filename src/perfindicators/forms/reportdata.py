"""The values of a scored form: rows, group subtotals, the budget block, the totals.

These are plain frozen records. `.report` computes them (`score_form`) and its `FormReport`
adds the ways to show them (text, HTML, dict, DataFrame, chart), which live in `.render`,
`.html` and `.plot` and only read the records defined here.

>>> import perfindicators as pi
>>> row = pi.examples.load("zgc-2021").score().rows[2]
>>> row.number, row.state, row.rule, row.published, row.difference
(3, 'scored', Decimal('3.00'), Decimal('2.5'), Decimal('-0.50'))
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from ..errors import PerfIndicatorError
from ..evaluate import Outcome
from ..scoring import Score
from .model import FormData, Indicator

__all__ = ["BudgetReport", "GroupTotal", "ReportData", "RowReport", "RowState"]


class RowState(enum.StrEnum):
    """What became of a row when the form was scored."""

    SCORED = "scored"
    NOT_APPLICABLE = "not-applicable"  # 不适用: dropped, the rest rescaled
    NO_WEIGHT = "no-weight"  # nothing to score against (a heading row)
    TARGET_ONLY = "target-only"  # a row of a 绩效目标表: no actual value to score yet
    UNREADABLE = "unreadable"  # a cell of the row could not be read
    UNSCORABLE = "unscorable"  # read, but the rules cannot score it (units mixed up)

    def __repr__(self) -> str:
        return repr(self.value)


@attrs.frozen
class RowReport:
    """One indicator row scored.

    Attributes:
        number: the row's position in the form (1-based).
        indicator: the row as published.
        score: the rule score (``None`` when the row was not scored; see `state`).
        error: why the row could not be scored, if it could not (English).
        failure: the error raised while scoring it, if any (its type says the cause).
        target_only: a row of a 绩效目标表, not scored: it has no actual value yet.
    """

    number: int
    indicator: Indicator
    score: Score | None
    error: str | None = None
    failure: PerfIndicatorError | None = attrs.field(default=None, eq=False)
    target_only: bool = attrs.field(default=False, kw_only=True)

    @property
    def state(self) -> RowState:
        """Scored, not applicable, without a weight, unreadable or unscorable."""
        ind = self.indicator
        if ind.problems:
            return RowState.UNREADABLE
        if ind.not_applicable:
            return RowState.NOT_APPLICABLE
        if self.target_only:
            return RowState.TARGET_ONLY
        if ind.weight is None:
            return RowState.NO_WEIGHT
        return RowState.SCORED if self.score is not None else RowState.UNSCORABLE

    @property
    def rule(self) -> Decimal | None:
        """The rule score's points."""
        return None if self.score is None else self.score.points

    @property
    def published(self) -> Decimal | None:
        """The published score."""
        return self.indicator.score

    @property
    def difference(self) -> Decimal | None:
        """published − rule (negative: the form gave fewer points than the rule)."""
        if self.rule is None or self.published is None:
            return None
        return self.published - self.rule

    @property
    def outcome(self) -> Outcome | None:
        """Met, not met or unknown, and why."""
        return None if self.score is None else self.score.outcome

    @property
    def applicable(self) -> bool:
        """Not a 不适用 row."""
        return not self.indicator.not_applicable


@attrs.frozen
class GroupTotal:
    """Subtotal of a first-level group (level2 ``None``) or a second-level group.

    Group names are canonical (`perfindicators.forms.headers.canonical_group`): rows under
    ``产出指标(50分)`` and ``產出指標`` add up in one group ``产出指标``.
    """

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
class ReportData:
    """A form scored under a scheme: the numbers (`FormReport` adds the ways to show them).

    Attributes:
        form: the form.
        scheme: the scheme's name.
        rows: every indicator row.
        groups: first-level subtotals, then second-level ones.
        budget: the budget block.
        rule_total: indicators + budget under the rules (rescaled to 100 when 不适用 rows
            were dropped).
        published_total: the total the form publishes.
        published_sum: the published scores added up (``None`` when a row has none).
        grade: the grade of the rule total; ``published_grade`` that of the published total.
        dropped_weight: the weight of the 不适用 rows.
    """

    form: FormData
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

    def departures(self) -> list[RowReport]:
        """Rows whose published score is not the rule score."""
        return [r for r in self.rows if r.difference not in (None, Decimal(0))]

    def __repr__(self) -> str:
        return (f"FormReport({self.form.project.name!r}, scheme={self.scheme!r}, "
                f"rule_total={self.rule_total}, published_total={self.published_total}, "
                f"grade={self.grade!r})")
