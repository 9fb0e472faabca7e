"""Audit findings as typed records: codes, severities, classifications and the cells a finding
is about.

Codes, severities and classifications are ``StrEnum`` members: they compare equal to, print as
and serialise to the stable strings documented in ``docs/forms.md`` (``"score-differs"``,
``"warning"``), so JSON output and ``f.code == "score-differs"`` keep working.

>>> f = Finding(Code.SCORE_ABOVE_WEIGHT, Severity.ERROR, 3, "得分4高于分值3",
...             "score 4 is above the weight 3", cells=(Cell(3, Field.SCORE),))
>>> f.code == "score-above-weight", f.severity.rank, str(f.cells[0])
(True, 2, 'row 3 score')
>>> print(f)
[error] score-above-weight (row 3): score 4 is above the weight 3
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["CODES", "Cell", "Classification", "Code", "Field", "Finding", "Severity"]


class _Text(enum.StrEnum):
    """A string enum whose repr is its string, so lists of them read as they print."""

    def __repr__(self) -> str:
        return repr(self.value)


class Severity(_Text):
    """How much a finding matters; ordered by `rank`.

    >>> Severity("warning").rank > Severity.INFO.rank
    True
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)


class Code(_Text):
    """The stable code of a finding; each is described in ``docs/forms.md``.

    >>> Code("total-mismatch") is Code.TOTAL_MISMATCH
    True
    """

    TOTAL_CONSISTENT = "total-consistent"
    TOTAL_MISMATCH = "total-mismatch"
    TOTAL_UNCHECKED = "total-unchecked"
    RULE_TOTAL = "rule-total"
    WEIGHTS_SUM = "weights-sum"
    WEIGHTS_UNCHECKED = "weights-unchecked"
    LEVEL1_WEIGHTS = "level1-weights"
    SCORE_ABOVE_WEIGHT = "score-above-weight"
    SCORE_NEGATIVE = "score-negative"
    SCORE_WITHOUT_WEIGHT = "score-without-weight"
    EXECUTION_RATE = "execution-rate"
    EXECUTION_RATE_ROUNDED = "execution-rate-rounded"
    BUDGET_SCORE = "budget-score"
    BUDGET_SCORE_ROUNDED = "budget-score-rounded"
    DOCKED_WITHOUT_NOTE = "docked-without-note"
    FULL_MARKS_NOT_MET = "full-marks-not-met"
    OVER_ACHIEVED_UNEXPLAINED = "over-achieved-unexplained"
    QUALITATIVE_OUT_OF_BAND = "qualitative-out-of-band"
    SCORE_DIFFERS = "score-differs"
    INCONSISTENT_TREATMENT = "inconsistent-treatment"
    ROW_UNREADABLE = "row-unreadable"
    CELL_UNREADABLE = "cell-unreadable"
    TARGET_UNMEASURABLE = "target-unmeasurable"
    CRITERION_OPEN = "criterion-open"
    DIRECTION_INFERRED = "direction-inferred"


class Classification(_Text):
    """Why a published score differs from the rule score (``score-differs``)."""

    ROUNDING = "rounding"
    TRUNCATION = "truncation"
    DISCRETIONARY = "discretionary"
    JUDGEMENT = "judgement"
    IN_BAND = "in-band"
    INCONSISTENT = "inconsistent"


class Field(_Text):
    """A cell of a form a finding can be about."""

    LEVEL1 = "level1"
    LEVEL2 = "level2"
    LEVEL3 = "level3"
    TARGET = "target"
    ACTUAL = "actual"
    WEIGHT = "weight"
    SCORE = "score"
    NOTE = "note"
    BUDGET_AMOUNTS = "budget.amounts"
    BUDGET_WEIGHT = "budget.weight"
    BUDGET_RATE = "budget.rate"
    BUDGET_SCORE = "budget.score"
    TOTAL_WEIGHT = "total.weight"
    TOTAL_SCORE = "total.score"
    CELL = "cell"
    CRITERION = "criterion"


@attrs.frozen
class Cell:
    """A cell a finding is about: an indicator row's field, or a form-level field (row ``None``).

    >>> str(Cell(None, Field.TOTAL_SCORE)), str(Cell(2, Field.TARGET))
    ('total.score', 'row 2 target')
    """

    row: int | None
    field: Field = attrs.field(converter=Field)

    def __str__(self) -> str:
        return str(self.field) if self.row is None else f"row {self.row} {self.field}"


def _cells(items: tuple[Cell, ...] | list[Cell]) -> tuple[Cell, ...]:
    return tuple(items)


def _opt_classification(value: Classification | str | None) -> Classification | None:
    return None if value is None else Classification(value)


@attrs.frozen
class Finding:
    """One audit finding.

    Attributes:
        code: a stable `Code`.
        severity: info, warning or error.
        row: the indicator row (1-based), or ``None`` for the whole form.
        zh: the finding in Chinese.
        en: the finding in English.
        indicator: the row's 三级指标.
        classification: for ``score-differs``: rounding, truncation, discretionary, judgement,
            in-band or inconsistent.
        note: the form's own deviation note, where it gives one.
        cells: the cells the finding is about.
    """

    code: Code = attrs.field(converter=Code)
    severity: Severity = attrs.field(converter=Severity)
    row: int | None
    zh: str
    en: str
    indicator: str | None = None
    classification: Classification | None = attrs.field(default=None,
                                                        converter=_opt_classification)
    note: str | None = None
    cells: tuple[Cell, ...] = attrs.field(default=(), converter=_cells)

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "form"
        return f"[{self.severity}] {self.code} ({where}): {self.en}"


#: every code, its default severity and what it means
CODES: dict[Code, tuple[Severity, str]] = {
    Code.TOTAL_CONSISTENT: (Severity.INFO, "the published scores add up to the published total"),
    Code.TOTAL_MISMATCH: (Severity.ERROR,
                          "the published total is not the sum of the published scores"),
    Code.TOTAL_UNCHECKED: (Severity.WARNING,
                           "the total cannot be checked: some rows have no published score"),
    Code.RULE_TOTAL: (Severity.INFO, "the total under the scheme's rules, next to the published one"),
    Code.WEIGHTS_SUM: (Severity.WARNING, "the weights do not add up to the total weight (100)"),
    Code.WEIGHTS_UNCHECKED: (Severity.INFO,
                             "the weights are not checked: the form is not complete enough"),
    Code.LEVEL1_WEIGHTS: (Severity.WARNING, "first-level weights differ from the scheme's defaults"),
    Code.SCORE_ABOVE_WEIGHT: (Severity.ERROR, "a published score above its weight"),
    Code.SCORE_NEGATIVE: (Severity.ERROR, "a published score below zero"),
    Code.SCORE_WITHOUT_WEIGHT: (Severity.WARNING,
                                "a published score on a row without a weight: not reconciled"),
    Code.EXECUTION_RATE: (Severity.ERROR,
                          "the published execution rate does not follow from the amounts"),
    Code.EXECUTION_RATE_ROUNDED: (Severity.INFO,
                                  "the published execution rate is the computed one, rounded"),
    Code.BUDGET_SCORE: (Severity.ERROR, "the published budget score does not follow from the rate"),
    Code.BUDGET_SCORE_ROUNDED: (Severity.INFO,
                                "the published budget score is the computed one, rounded"),
    Code.DOCKED_WITHOUT_NOTE: (Severity.WARNING, "a target met but docked, with no deviation note"),
    Code.FULL_MARKS_NOT_MET: (Severity.ERROR, "a target not met but given full marks"),
    Code.OVER_ACHIEVED_UNEXPLAINED: (Severity.WARNING,
                                     "an actual of at least 1.3 × the target with no explanation"),
    Code.QUALITATIVE_OUT_OF_BAND: (Severity.ERROR, "a qualitative score outside its tier's band"),
    Code.SCORE_DIFFERS: (Severity.INFO,
                         "a published score that is not the rule score: rounding, truncation, "
                         "a discretionary deduction, or inconsistent"),
    Code.INCONSISTENT_TREATMENT: (Severity.WARNING,
                                  "rows in the same situation scored differently under the same rule"),
    Code.ROW_UNREADABLE: (Severity.ERROR,
                          "a row that cannot be scored (a cell unreadable, units mixed up)"),
    Code.CELL_UNREADABLE: (Severity.ERROR,
                           "a cell outside the rows (budget block, total) that cannot be read"),
    Code.TARGET_UNMEASURABLE: (Severity.WARNING,
                               "a target that no actual value can be checked against"),
    Code.DIRECTION_INFERRED: (Severity.INFO,
                              "a bare target (no comparator, no 指标方向) whose direction was "
                              "inferred: from the indicator's name, its category, or the default"),
    Code.CRITERION_OPEN: (Severity.INFO,
                          "a row whose written criterion leaves a judgement, or needs facts the "
                          "form does not give: its rule score is a range (a warning when the "
                          "published score lies outside it)"),
}
