"""The raw data of a self-evaluation form (项目支出绩效自评表): immutable values, no behaviour.

A form has its project facts, a budget block, the overall goals, and indicator rows in the
一级/二级/三级 tree. Published numbers (weights, scores, rates, totals) are kept exactly as
``Decimal``; texts are kept as written. A cell that could not be read is kept as a
`CellProblem` on its row (``Indicator.problems``) and on the form (``FormData.problems``),
so the rest of the form is still read and scored.

This module is the bottom of the forms package: the user-facing `perfindicators.forms.Form`
(in `.form`) adds scoring and auditing on top of `FormData`.

>>> ind = Indicator("产出指标", "数量指标", "培训", "≥10次", "12次", "3分", "3")
>>> ind.weight, ind.score, ind.not_applicable
(Decimal('3'), Decimal('3'), False)
>>> to_decimal("10,740.000000"), to_decimal("88.26%"), to_decimal("—")
(Decimal('10740.000000'), Decimal('88.26'), None)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from .._decimal import read_number
from ..errors import CellProblem
from ..parsing import parse
from ..targets import Target

__all__ = ["Budget", "BudgetLine", "FormData", "Goals", "Indicator", "Project", "to_decimal"]


def to_decimal(value: object) -> Decimal | None:
    """A published number as ``Decimal``; ``None`` for an empty or dash cell.

    The one number reader of the package (`perfindicators._decimal.read_number`), kept here
    under its old name.

    >>> to_decimal("10,740.000000"), to_decimal("88.26%"), to_decimal("—"), to_decimal(3)
    (Decimal('10740.000000'), Decimal('88.26'), None, Decimal('3'))

    Raises:
        ValueError: a cell that holds something else.
    """
    return read_number(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _opt_text(value: object) -> str | None:
    text = _text(value)
    return text or None


def _problems(items: Iterable[CellProblem]) -> tuple[CellProblem, ...]:
    return tuple(items)


@attrs.frozen
class Project:
    """Project facts: 项目名称, 主管部门, 实施单位, 年度, 项目负责人, 联系电话.

    >>> Project("示例", year=2022).year
    2022
    """

    name: str = attrs.field(default="", converter=_text)
    department: str = attrs.field(default="", converter=_text)
    implementer: str = attrs.field(default="", converter=_text)
    year: int | None = None
    manager: str = attrs.field(default="", converter=_text)
    phone: str = attrs.field(default="", converter=_text)


@attrs.frozen
class BudgetLine:
    """One line of the budget block (年度资金总额, 其中:当年财政拨款, 上年结转资金, 其他资金).

    >>> BudgetLine("年度资金总额", "100", "100", "90", "10", "90%", "9").rate
    Decimal('90')
    """

    name: str = attrs.field(converter=_text)
    initial: Decimal | None = attrs.field(default=None, converter=to_decimal)
    full_year: Decimal | None = attrs.field(default=None, converter=to_decimal)
    executed: Decimal | None = attrs.field(default=None, converter=to_decimal)
    weight: Decimal | None = attrs.field(default=None, converter=to_decimal)
    rate: Decimal | None = attrs.field(default=None, converter=to_decimal)  # percent
    score: Decimal | None = attrs.field(default=None, converter=to_decimal)

    @property
    def empty(self) -> bool:
        """No amount at all (a 其他资金 line left blank)."""
        return all(v is None for v in (self.initial, self.full_year, self.executed))


def _lines(items: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(items)


@attrs.frozen
class Budget:
    """The budget block (项目资金). The first line is the total (年度资金总额).

    Attributes:
        unit: the unit of the amounts (万元 or 元).
        lines: the lines as published.

    >>> Budget([BudgetLine("年度资金总额", "100", "100", "90", "10")]).weight
    Decimal('10')
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
        """The block's weight (分值)."""
        t = self.total
        return t.weight if t else None

    @property
    def published_rate(self) -> Decimal | None:
        """The published execution rate, in percent."""
        t = self.total
        return t.rate if t else None

    @property
    def published_score(self) -> Decimal | None:
        """The published score of the block."""
        t = self.total
        return t.score if t else None


@attrs.frozen
class Goals:
    """年度总体目标: 预期目标 and 实际完成情况.

    >>> Goals("完成培训", "已完成").actual
    '已完成'
    """

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
        criterion: the row's 评(扣)分标准, when the form has that column.
        remark: the row's 备注, when the form has it beside a deviation note column.
        problems: the cells of this row that could not be read (the row is then not scored,
            and the audit lists it); not part of equality, like ``row``.

    Examples:
        >>> Indicator("产出指标", "数量指标", "甲", "≥60项", "不适用").not_applicable
        True
    """

    level1: str = attrs.field(converter=_text)
    level2: str = attrs.field(converter=_text)
    level3: str = attrs.field(converter=_text)
    target: str = attrs.field(converter=_text)
    actual: str = attrs.field(default="", converter=_text)
    weight: Decimal | None = attrs.field(default=None, converter=to_decimal)
    score: Decimal | None = attrs.field(default=None, converter=to_decimal)
    note: str = attrs.field(default="", converter=_text)
    row: int | None = attrs.field(default=None, eq=False)
    criterion: str | None = attrs.field(default=None, converter=_opt_text, kw_only=True)
    remark: str = attrs.field(default="", converter=_text, kw_only=True)
    problems: tuple[CellProblem, ...] = attrs.field(default=(), converter=_problems, eq=False,
                                                    kw_only=True)

    def parsed(self, year: int | None = None) -> Target:
        """The target, parsed (cached by the parser)."""
        return parse(self.target, year=year)

    @property
    def not_applicable(self) -> bool:
        """不适用: the row is dropped and the rest rescaled to 100."""
        return any("不适用" in x for x in (self.target, self.actual))

    @property
    def readable(self) -> bool:
        """Every cell of the row was read."""
        return not self.problems


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(items)


@attrs.frozen(repr=False)
class FormData:
    """The data of a project self-evaluation form, as published.

    Attributes:
        project: the project facts.
        budget: the budget block.
        goals: the overall goals.
        indicators: the indicator rows, in order.
        total_weight: the published total weight (总分 column 分值), normally 100.
        total_score: the published total score.
        title: the form's title.
        source: where it comes from (a file, a URL).
        problems: every cell of the form that could not be read, in the rows and outside
            them (budget block, total); not part of equality.

    >>> FormData(Project("示例", year=2021)).year
    2021
    """

    project: Project = attrs.field(factory=Project)
    budget: Budget = attrs.field(factory=Budget)
    goals: Goals = attrs.field(factory=Goals)
    indicators: tuple[Indicator, ...] = attrs.field(factory=tuple, converter=_indicators)
    total_weight: Decimal | None = attrs.field(default=None, converter=to_decimal)
    total_score: Decimal | None = attrs.field(default=None, converter=to_decimal)
    title: str = attrs.field(default="项目支出绩效自评表", converter=_text)
    source: str = attrs.field(default="", converter=_text, eq=False)
    problems: tuple[CellProblem, ...] = attrs.field(default=(), converter=_problems, eq=False,
                                                    kw_only=True)

    @property
    def year(self) -> int | None:
        """The form's year (项目年度), for deadlines written without one."""
        return self.project.year

    @property
    def targets_only(self) -> bool:
        """A 绩效目标表: targets, but no actual values and no scores in any row."""
        return bool(self.indicators) and all(
            not i.actual and i.score is None for i in self.indicators)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.project.name!r}, year={self.project.year}, "
                f"indicators={len(self.indicators)}, total_score={self.total_score})")
