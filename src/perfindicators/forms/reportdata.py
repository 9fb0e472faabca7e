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

from ..criteria import Criterion
from ..errors import CellProblem, PerfIndicatorError
from ..evaluate import Outcome
from ..scoring import Score
from .model import FormData, Indicator

__all__ = ["BudgetReport", "GroupTotal", "OpenScore", "ReportData", "RowReport", "RowState",
           "criterion_name"]


def criterion_name(text: str, width: int = 24) -> str:
    """The policy name of a row scored by its criterion: ``criterion:`` and the text (cut).

    >>> criterion_name("每降低1个百分点扣0.5分，扣完为止")
    'criterion:每降低1个百分点扣0.5分，扣完为止'
    >>> criterion_name("重点支出安排率≥90%,计5分;80%(含)-90%,计4分;低于80%不得分")
    'criterion:重点支出安排率≥90%,计5分;80%(含)-…'
    """
    text = " ".join(text.split())
    return "criterion:" + (text if len(text) <= width else text[:width - 1] + "…")


class RowState(enum.StrEnum):
    """What became of a row when the form was scored."""

    SCORED = "scored"
    NOT_APPLICABLE = "not-applicable"  # 不适用: dropped, the rest rescaled
    NO_WEIGHT = "no-weight"  # nothing to score against (a heading row)
    TARGET_ONLY = "target-only"  # a row of a 绩效目标表: no actual value to score yet
    UNREADABLE = "unreadable"  # a cell of the row could not be read
    UNSCORABLE = "unscorable"  # read, but the rules cannot score it (units mixed up)
    OPEN = "open"  # its criterion leaves a judgement, or needs facts the form does not have

    def __repr__(self) -> str:
        return repr(self.value)


@attrs.frozen
class OpenScore:
    """A row its criterion cannot score from the form alone: the points lie in
    [``low``, ``high``] and a person must decide (never a number made up in between).

    Attributes:
        low: the fewest points the criterion allows here.
        high: the most.
        needs: the facts the form does not give (``count:不符合要求`` …); empty when the text
            itself leaves the choice (a point range, 酌情).
        zh: why, in Chinese (the criterion's own words).
        en: the same in English.
    """

    low: Decimal
    high: Decimal
    needs: tuple[str, ...]
    zh: str
    en: str


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
        criterion: the written criterion that scored the row (or left it open), compiled.
        criterion_source: where it comes from: ``form`` (its 评(扣)分标准 column) or
            ``scheme`` (the scheme's ``[[criteria]]``); ``None`` when the scheme's policy
            scored the row.
        open: the range of an open row (its criterion needs a judgement or facts).
    """

    number: int
    indicator: Indicator
    score: Score | None
    error: str | None = None
    failure: PerfIndicatorError | None = attrs.field(default=None, eq=False)
    target_only: bool = attrs.field(default=False, kw_only=True)
    criterion: Criterion | None = attrs.field(default=None, kw_only=True)
    criterion_source: str | None = attrs.field(default=None, kw_only=True)
    open: OpenScore | None = attrs.field(default=None, kw_only=True)

    @property
    def state(self) -> RowState:
        """Scored, open, not applicable, without a weight, unreadable or unscorable."""
        ind = self.indicator
        if ind.problems:
            return RowState.UNREADABLE
        if ind.not_applicable:
            return RowState.NOT_APPLICABLE
        if self.target_only:
            return RowState.TARGET_ONLY
        if ind.weight is None:
            return RowState.NO_WEIGHT
        if self.open is not None:
            return RowState.OPEN
        return RowState.SCORED if self.score is not None else RowState.UNSCORABLE

    @property
    def rule(self) -> Decimal | None:
        """The rule score's points (``None`` for an open row: see `open`)."""
        return None if self.score is None else self.score.points

    @property
    def policy(self) -> str | None:
        """The name of the rule that scored the row (``criterion:…`` for a written criterion)."""
        return None if self.score is None else self.score.policy

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
    rule_high: Decimal | None = attrs.field(default=None, kw_only=True)

    @property
    def high(self) -> Decimal:
        """The subtotal with open rows at their highest (`rule` counts them at their lowest)."""
        return self.rule if self.rule_high is None else self.rule_high

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
            were dropped), open rows counted at their lowest.
        published_total: the total the form publishes.
        published_sum: the published scores added up (``None`` when a row has none).
        grade: the grade of the rule total (``None`` when open rows could still change it);
            ``published_grade`` that of the published total.
        dropped_weight: the weight of the 不适用 rows.
        rule_total_high: the rule total with open rows at their highest (``None``: no row
            is open; see `total_open`).
    """

    form: FormData
    scheme: str
    rows: tuple[RowReport, ...]
    groups: tuple[GroupTotal, ...]
    budget: BudgetReport
    rule_total: Decimal
    published_total: Decimal | None
    published_sum: Decimal | None
    grade: str | None
    published_grade: str | None
    dropped_weight: Decimal
    rule_total_high: Decimal | None = attrs.field(default=None, kw_only=True)

    @property
    def open_rows(self) -> tuple[RowReport, ...]:
        """The rows whose criterion leaves a judgement or needs facts the form lacks."""
        return tuple(r for r in self.rows if r.state is RowState.OPEN)

    @property
    def scoring_problems(self) -> tuple[CellProblem, ...]:
        """Cells found unreadable while scoring, beyond those the reader found: a
        评(扣)分标准 that does not compile (the reader keeps criteria as text)."""
        return tuple(p for r in self.rows for p in r.indicator.problems
                     if p not in self.form.problems)

    @property
    def total_open(self) -> bool:
        """Whether the rule total is a range (open rows), not one number."""
        return self.rule_total_high is not None and self.rule_total_high != self.rule_total

    @property
    def difference(self) -> Decimal | None:
        """published total − rule total (``None`` while the rule total is open)."""
        if self.published_total is None or self.total_open:
            return None
        return self.published_total - self.rule_total

    def departures(self) -> list[RowReport]:
        """Rows whose published score is not the rule score."""
        return [r for r in self.rows if r.difference not in (None, Decimal(0))]

    def __repr__(self) -> str:
        return (f"FormReport({self.form.project.name!r}, scheme={self.scheme!r}, "
                f"rule_total={self.rule_total}, published_total={self.published_total}, "
                f"grade={self.grade!r})")
