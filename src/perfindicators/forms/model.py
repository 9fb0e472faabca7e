"""The self-evaluation form (项目支出绩效自评表) as immutable values.

A form has its project facts, a budget block, the overall goals, and indicator rows in the
一级/二级/三级 tree. Published numbers (weights, scores, rates, totals) are kept exactly as
``Decimal``; texts are kept as written. Scoring and auditing live in `.report` and
`.audit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from ..parsing import parse
from ..targets import Target

if TYPE_CHECKING:
    from ..schemes import Scheme
    from .audit import Findings
    from .report import FormReport

__all__ = ["Budget", "BudgetLine", "Form", "Goals", "Indicator", "Project", "to_decimal"]

_NOT_A_NUMBER = {"", "-", "—", "–", "/", "*", "－"}


def to_decimal(value: object) -> Decimal | None:
    """A published number as ``Decimal``; ``None`` for an empty or dash cell.

    >>> to_decimal("10,740.000000"), to_decimal("88.26%"), to_decimal("—"), to_decimal(3)
    (Decimal('10740.000000'), Decimal('88.26'), None, Decimal('3'))

    Raises:
        ValueError: a cell that holds something else.
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    text = str(value).strip().replace(",", "").replace("，", "")
    if text in _NOT_A_NUMBER:
        return None
    text = text.removesuffix("%").removesuffix("％").strip()
    text = text.removesuffix("分").strip()  # a weight written "3分"
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return d


def _opt_decimal(value: object) -> Decimal | None:
    return to_decimal(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


@attrs.frozen
class Project:
    """Project facts: 项目名称, 主管部门, 实施单位, 年度, 项目负责人, 联系电话."""

    name: str = attrs.field(default="", converter=_text)
    department: str = attrs.field(default="", converter=_text)
    implementer: str = attrs.field(default="", converter=_text)
    year: int | None = None
    manager: str = attrs.field(default="", converter=_text)
    phone: str = attrs.field(default="", converter=_text)


@attrs.frozen
class BudgetLine:
    """One line of the budget block (年度资金总额, 其中:当年财政拨款, 上年结转资金, 其他资金)."""

    name: str = attrs.field(converter=_text)
    initial: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    full_year: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    executed: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    weight: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    rate: Decimal | None = attrs.field(default=None, converter=_opt_decimal)  # percent
    score: Decimal | None = attrs.field(default=None, converter=_opt_decimal)

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.initial, self.full_year, self.executed))


def _lines(items: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(items)


@attrs.frozen
class Budget:
    """The budget block (项目资金). The first line is the total (年度资金总额).

    Attributes:
        unit: the unit of the amounts (万元 or 元).
        lines: the lines as published.
    """

    lines: tuple[BudgetLine, ...] = attrs.field(factory=tuple, converter=_lines)
    unit: str = "万元"

    @property
    def total(self) -> BudgetLine | None:
        """The 年度资金总额 line (the first line that has amounts)."""
        for line in self.lines:
            if "总额" in line.name or "合计" in line.name:
                return line
        return next((line for line in self.lines if not line.empty), None)

    @property
    def weight(self) -> Decimal | None:
        t = self.total
        return t.weight if t else None

    @property
    def published_rate(self) -> Decimal | None:
        t = self.total
        return t.rate if t else None

    @property
    def published_score(self) -> Decimal | None:
        t = self.total
        return t.score if t else None


@attrs.frozen
class Goals:
    """年度总体目标: 预期目标 and 实际完成情况."""

    expected: str = attrs.field(default="", converter=_text)
    actual: str = attrs.field(default="", converter=_text)


@attrs.frozen
class Indicator:
    """One indicator row.

    Attributes:
        level1: 一级指标 (产出指标, 效益指标, 满意度指标).
        level2: 二级指标 (数量指标, 成本指标 …).
        level3: 三级指标, the indicator itself.
        target: 年度指标值 as written.
        actual: 实际完成值 as written.
        weight: 分值.
        score: 得分 as published.
        note: 偏差原因分析及改进措施.
        row: where the row stands in its source (1-based line or row number), for messages.
    """

    level1: str = attrs.field(converter=_text)
    level2: str = attrs.field(converter=_text)
    level3: str = attrs.field(converter=_text)
    target: str = attrs.field(converter=_text)
    actual: str = attrs.field(default="", converter=_text)
    weight: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    score: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    note: str = attrs.field(default="", converter=_text)
    row: int | None = attrs.field(default=None, eq=False)

    def parsed(self, year: int | None = None) -> Target:
        """The target, parsed (cached by the parser)."""
        return parse(self.target, year=year)

    @property
    def not_applicable(self) -> bool:
        """不适用: the row is dropped and the rest rescaled to 100."""
        return any("不适用" in x for x in (self.target, self.actual))


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(items)


@attrs.frozen(repr=False)
class Form:
    """A project self-evaluation form.

    Attributes:
        project: the project facts.
        budget: the budget block.
        goals: the overall goals.
        indicators: the indicator rows, in order.
        total_weight: the published total weight (总分 column 分值), normally 100.
        total_score: the published total score.
        title: the form's title.
        source: where it comes from (a file, a URL).
    """

    project: Project = attrs.field(factory=Project)
    budget: Budget = attrs.field(factory=Budget)
    goals: Goals = attrs.field(factory=Goals)
    indicators: tuple[Indicator, ...] = attrs.field(factory=tuple, converter=_indicators)
    total_weight: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    total_score: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    title: str = attrs.field(default="项目支出绩效自评表", converter=_text)
    source: str = attrs.field(default="", converter=_text, eq=False)

    @property
    def year(self) -> int | None:
        """The form's year (项目年度), for deadlines written without one."""
        return self.project.year

    def __repr__(self) -> str:
        return (f"Form({self.project.name!r}, year={self.project.year}, "
                f"indicators={len(self.indicators)}, total_score={self.total_score})")

    def score(self, scheme: str | Scheme = "central") -> FormReport:
        """Score every row and the budget block under *scheme*; see `FormReport`."""
        from .report import score_form

        return score_form(self, scheme)

    def audit(self, scheme: str | Scheme = "central") -> Findings:
        """Where the published form departs from the rules, and why."""
        from .audit import audit

        return audit(self, scheme)

    def to_dict(self) -> dict[str, Any]:
        """The form in the JSON layout (see ``docs/forms.md``)."""
        from .io import form_to_dict

        return form_to_dict(self)
