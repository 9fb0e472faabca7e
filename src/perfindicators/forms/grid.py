"""The table reader: rows of cells (from a CSV file, a worksheet or a DataFrame) → a `Form`.

The layout follows the official form from top to bottom (see ``docs/forms.md``): project facts
as label/value pairs, the budget block under its header (年初预算数 全年预算数 全年执行数 分值
执行率 得分), the goals, then the indicator table under its header and a 总分 row. Headers are
compared through `.headers` (spaces, brackets and traditional characters do not matter).

* split targets (指标性质 | 指标方向 | 指标值 | 度量单位) are joined into one target text;
  a second header row may name the split cells under a merged 年度指标值;
* blank 一级/二级/三级 cells (merged in the original) take the value above; merged cells the
  source reports (`Grid.merged`) fill down in every text column;
* a table with targets but no 实际完成值 is a 绩效目标表 (targets only);
* a cell that cannot be read stays with its row as a `CellProblem` (the row is not scored,
  the audit lists it) and the rest is read, unless ``strict=True``, which refuses the form
  with every problem.

>>> grid = Grid([["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
...              ["产出指标", "甲", "≥60项", "64项", "三", "3"],
...              ["", "乙", "≥10项", "12项", "10", "10"]], sheet=None, letters=False)
>>> form = read_grid(grid, "t.csv")
>>> [(i.level1, i.weight, len(i.problems)) for i in form.indicators]
[('产出指标', None, 1), ('产出指标', Decimal('10'), 0)]
>>> form.indicators[0].problems[0].column
'5 (分值)'
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..errors import CellProblem, FormReadError
from . import cells as cellread
from .form import Form
from .headers import (
    FACTS,
    budget_key,
    column_key,
    is_budget_header,
    is_indicator_header,
    is_level_header,
    is_subheader,
    norm_header,
)
from .model import Budget, BudgetLine, Goals, Indicator, Project

__all__ = ["Grid", "has_table", "letter", "read_grid"]

_NUMERIC = frozenset({"weight", "score"})
_GOAL_LABELS = ("预期目标", "实际完成情况")
_SECTION_ENDS = ("年度总体目标", "总体目标", "预期目标", "实际完成情况", "绩效指标", "年度绩效目标")
_TOTAL_LABELS = ("总分", "合计", "总计")
_NATURE = frozenset({"定量", "定性", "定量指标", "定性指标"})
_PERCENT_TARGET = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_BARE = re.compile(r"\d+(?:\.\d+)?")
_DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}
_COMPARATOR = re.compile(
    r"\s*(?:[≥≤=＝═﹦>＞<＜≧≦]|>=|<=|大于|小于|不低于|不高于|不少于|不超过|不大于|不小于)")


def letter(col: int) -> str:
    """The spreadsheet letter of a 0-based column.

    >>> letter(0), letter(25), letter(26)
    ('A', 'Z', 'AA')
    """
    s = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


@attrs.define
class Grid:
    """Rows of cells with their places, and what the source knows about them.

    Attributes:
        rows: the cell texts, row by row.
        sheet: the worksheet's name (``None`` for CSV and DataFrames).
        first_row: the number of the first row in the source (1 for files).
        letters: columns named by letter (XLSX) or by number (CSV).
        problems: cells the source could not read (a formula without a cached value), by
            (row index, column index) into ``rows``.
        merged: merged ranges as (first row, first column, last row, last column) indices.
        row_numbers: the source line of each row, where it is not ``first_row + index``.
    """

    rows: list[list[str]]
    sheet: str | None
    first_row: int = 1
    letters: bool = False
    problems: dict[tuple[int, int], str] = attrs.field(factory=dict)
    merged: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    row_numbers: list[int] | None = None

    def number(self, index: int) -> int:
        """The source row number of ``rows[index]`` (CSV cells may span several lines)."""
        if self.row_numbers is not None and index < len(self.row_numbers):
            return self.row_numbers[index]
        return self.first_row + index

    def column_name(self, col: int, header: str) -> str:
        """``F (分值)`` in a workbook, ``6 (分值)`` in a CSV file."""
        ref = letter(col) if self.letters else str(col + 1)
        return f"{ref} ({header})" if header else ref


def _year(text: str | None) -> int | None:
    if not text:
        return None
    m = re.search(r"(19|20|21)\d\d", str(text))
    return int(m.group()) if m else None


def _fill_merged(grid: Grid) -> dict[tuple[int, int], str]:
    """For each merged range, the top-left text for every cell below it in the first column
    (a vertical merge: one text for several rows)."""
    fill: dict[tuple[int, int], str] = {}
    for r0, c0, r1, _ in grid.merged:
        if r0 >= len(grid.rows) or r1 <= r0:
            continue
        row = grid.rows[r0]
        text = row[c0] if c0 < len(row) else ""
        for r in range(r0 + 1, min(r1, len(grid.rows) - 1) + 1):
            fill[(r, c0)] = text
    return fill


class _Reader:
    """One pass over a grid; the state of the sections read so far."""

    def __init__(self, grid: Grid, source: str) -> None:
        self.grid = grid
        self.source = source
        self.structural: list[CellProblem] = []  # the form cannot be read at all
        self.problems: list[CellProblem] = []  # cells outside indicator rows
        self.row_problems: list[CellProblem] = []
        self.facts: dict[str, str] = {}
        self.lines: list[BudgetLine] = []
        self.line_rates: list[tuple[int, str]] = []
        self.unit = "万元"
        self.indicators: list[Indicator] = []
        self.total_weight: Decimal | None = None
        self.total_score: Decimal | None = None
        self.mode: str | None = None
        self.budget_cols: dict[int, str] = {}
        self.cols: dict[str, int] = {}
        self.headers: list[str] = []
        self.budget_headers: list[str] = []
        self.last = {"level1": "", "level2": "", "level3": ""}
        self.goals: dict[str, str] = {}
        self.goal_columns: dict[int, str] = {}
        self.seen_table = False
        self.header_index: int | None = None
        self.fill = _fill_merged(grid)
        self.marked = {r for r, _ in grid.problems}  # rows with a cell the source could not read

    # ---- cells -------------------------------------------------------------------------

    def place(self, col: int, headers: list[str]) -> str:
        return self.grid.column_name(col, headers[col] if col < len(headers) else "")

    def cell(self, values: list[str], key: str) -> str:
        i = self.cols.get(key)
        return values[i] if i is not None and i < len(values) else ""

    def source_problem(self, index: int, col: int | None, into: list[CellProblem],
                       rownum: int, headers: list[str]) -> None:
        for (r, c), message in self.grid.problems.items():
            if r == index and (col is None or c == col):
                into.append(CellProblem(message, rownum, self.place(c, headers), self.grid.sheet))

    def number(self, values: list[str], col: int | None, rownum: int, headers: list[str],
               into: list[CellProblem], *, unit: str | None = None) -> Decimal | None:
        if col is None or col >= len(values):
            return None
        try:
            if unit is not None:
                return cellread.amount(values[col], unit)
            return cellread.weight(values[col])
        except ValueError as e:
            what = "amounts are numbers, 万元 or 元" if unit else "分值 and 得分 are numbers"
            into.append(CellProblem(f"{e} ({what})", rownum, self.place(col, headers),
                                    self.grid.sheet))
            return None

    # ---- sections ----------------------------------------------------------------------

    def indicator_header(self, values: list[str], cells: list[str], index: int,
                         rownum: int) -> None:
        self.mode, self.seen_table, self.header_index = "indicators", True, index
        self.headers = list(values)
        self.cols = {}
        for i, c in enumerate(cells):
            key = column_key(c)
            if key and key not in self.cols:
                self.cols[key] = i
        if "remark" in self.cols and "note" not in self.cols:
            self.cols["note"] = self.cols.pop("remark")  # 备注 is the note column
        targets_only = "actual" not in self.cols and "score" not in self.cols  # 绩效目标表
        missing = [name for key, name in (("actual", "实际完成值"), ("weight", "分值"))
                   if key not in self.cols]
        if missing and not targets_only:
            self.structural.append(CellProblem(
                "the indicator table has no column " + ", ".join(missing)
                + " (accepted headers: see docs/forms.md)", rownum, None, self.grid.sheet))

    def subheader(self, values: list[str], cells: list[str]) -> None:
        """The second header row: the levels, or the split cells under 年度指标值."""
        for i, c in enumerate(cells):
            key = column_key(c)
            if key is None:
                continue
            if key in ("level1", "level2", "level3") and key in self.cols:
                continue
            self.cols[key] = i
            if i < len(self.headers):
                self.headers[i] = values[i]
            else:
                self.headers += [""] * (i - len(self.headers)) + [values[i]]

    def budget_header(self, values: list[str], cells: list[str]) -> None:
        self.mode = "budget"
        self.budget_headers = list(values)
        self.budget_cols = {}
        first = next((v for v in values if v), "")
        m = re.search(r"[(（]\s*(万元|萬元|元|亿元|億元)\s*[)）]", first)
        if m:
            self.unit = m.group(1).replace("萬", "万").replace("億", "亿")
        for i, c in enumerate(cells):
            key = budget_key(c)
            if key and key not in self.budget_cols.values():
                self.budget_cols[i] = key

    def budget_line(self, values: list[str], cells: list[str], index: int, rownum: int) -> None:
        by_key = {k: i for i, k in self.budget_cols.items()}
        name_col = next((i for i, c in enumerate(cells) if c), 0)
        h = self.budget_headers
        self.source_problem(index, None, self.problems, rownum, h)

        def amount(key: str) -> Decimal | None:
            return self.number(values, by_key.get(key), rownum, h, self.problems, unit=self.unit)

        def plain(key: str) -> Decimal | None:
            return self.number(values, by_key.get(key), rownum, h, self.problems)

        rate_col = by_key.get("rate")
        rate_text = values[rate_col] if rate_col is not None and rate_col < len(values) else ""
        rate: Decimal | None = None
        if rate_text:
            try:
                rate, _ = cellread.rate(rate_text)
            except ValueError as e:
                self.problems.append(CellProblem(f"{e} (执行率 is a rate)", rownum,
                                                 self.place(rate_col or 0, h), self.grid.sheet))
        self.line_rates.append((len(self.lines), rate_text))
        self.lines.append(BudgetLine(values[name_col], amount("initial"), amount("full_year"),
                                     amount("executed"), plain("weight"), rate, plain("score")))

    def fractions(self) -> None:
        """Rates written as fractions (``1``, ``0.8826``): read as such where the amounts
        of a line say so, and then for every bare rate of the block."""
        bare = [(k, t) for k, t in self.line_rates if t and not t.rstrip().endswith(("%", "％"))]
        fraction = False
        for k, _ in bare:
            line = self.lines[k]
            if line.rate is None or line.rate > 1 or not line.full_year or line.executed is None:
                continue
            exact = line.executed / line.full_year
            places = max(0, -int(line.rate.as_tuple().exponent))
            step = Decimal(1).scaleb(-places)
            if abs(exact - line.rate) <= step and abs(exact * 100 - line.rate) > step:
                fraction = True
        if fraction:
            for k, _ in bare:
                line = self.lines[k]
                if line.rate is not None and line.rate <= 1:
                    self.lines[k] = attrs.evolve(line, rate=(line.rate * 100).normalize()
                                                 if line.rate else line.rate)

    def fraction_actuals(self) -> None:
        """Actual values written as fractions (``0.98`` for 98 %): read as percentages when the
        column says so — at least two rows with a target of 50 % or more have a bare actual,
        and every one of those is at most 1 (as a percentage it would be hardly anything).
        Rows with a small percentage target (差错率 ≤1%) are left alone: 0.5 may well be 0.5 %."""
        bare: list[tuple[int, Decimal, Decimal]] = []
        for k, ind in enumerate(self.indicators):
            m = _PERCENT_TARGET.search(ind.target)
            if m and _BARE.fullmatch(ind.actual) and not ind.problems:
                bare.append((k, Decimal(m.group(1)), Decimal(ind.actual)))
        evidence = [v for _, threshold, v in bare if threshold >= 50]
        if len(evidence) < 2 or any(v > 1 for v in evidence):
            return
        for k, threshold, v in bare:
            if threshold >= 50:
                text = format((v * 100).normalize(), "f") + "%"
                self.indicators[k] = attrs.evolve(self.indicators[k], actual=text)

    def target_text(self, values: list[str]) -> str:
        """The target, its split cells joined: 指标方向, 指标性质, 指标值, 度量单位."""
        target = self.cell(values, "target")
        if not ("sign" in self.cols or "unit" in self.cols or "direction" in self.cols):
            return target
        sign, direction = self.cell(values, "sign"), self.cell(values, "direction")
        if sign in _NATURE:  # 指标性质 定量/定性 says nothing the value does not
            sign = "" if sign.startswith("定量") else sign
        comparator = _COMPARATOR.match(target) or _COMPARATOR.fullmatch(sign)
        if direction in _DIRECTIONS and not comparator and target and not sign:
            sign = _DIRECTIONS[direction]  # 正向: at least the value; 反向: at most
        elif _COMPARATOR.fullmatch(direction) and not sign:
            direction, sign = "", direction  # the direction column holds the comparator
        return " ".join(x for x in (direction, sign, target, self.cell(values, "unit")) if x)

    def indicator_row(self, values: list[str], first: str, index: int, rownum: int) -> None:
        for (r, c), text in self.fill.items():
            if r == index and (c >= len(values) or not values[c]):
                key = next((k for k, i in self.cols.items() if i == c), None)
                if key is not None and key not in _NUMERIC:
                    values += [""] * (c + 1 - len(values))
                    values[c] = text
        if first.startswith(_TOTAL_LABELS):
            self.total_weight = self.number(values, self.cols.get("weight"), rownum,
                                            self.headers, self.problems)
            self.total_score = self.number(values, self.cols.get("score"), rownum, self.headers,
                                           self.problems)
            return
        for key in ("level1", "level2", "level3"):
            if self.cell(values, key):
                self.last[key] = self.cell(values, key)
                if key == "level1":
                    self.last["level2"] = self.last["level3"] = ""
                elif key == "level2":
                    self.last["level3"] = ""
        mine: list[CellProblem] = []
        self.source_problem(index, None, mine, rownum, self.headers)
        target = self.target_text(values)
        weight = self.number(values, self.cols.get("weight"), rownum, self.headers, mine)
        score = self.number(values, self.cols.get("score"), rownum, self.headers, mine)
        actual = self.cell(values, "actual")
        if not target and weight is None and score is None and not actual and not mine:
            return  # a heading row inside the table
        t_col = self.cols.get("target", 0)
        t_place = self.place(t_col, self.headers)
        if target:
            why = cellread.target_problem(target, _year(self.facts.get("year")))
            if why is not None:
                mine.append(CellProblem(why.replace("\n", "\n      "), rownum, t_place,
                                        self.grid.sheet))
        elif weight is not None:
            mine.append(CellProblem("the target (年度指标值) is empty", rownum, t_place,
                                    self.grid.sheet))
        criterion = self.cell(values, "criterion") if "criterion" in self.cols else None
        self.row_problems += mine
        self.indicators.append(Indicator(
            self.last["level1"], self.last["level2"], self.last["level3"], target, actual,
            weight, score, self.cell(values, "note"), row=rownum, criterion=criterion,
            remark=self.cell(values, "remark"), problems=mine))

    def facts_or_goals(self, values: list[str], cells: list[str], first: str) -> bool:
        """Project facts and goals (above the indicator table); ``True`` when the row was one."""
        pairs = [(cells[i], values[i + 1] if i + 1 < len(values) else "")
                 for i in range(len(cells)) if cells[i] in FACTS]
        if pairs:
            for label, value in pairs:
                self.facts.setdefault(FACTS[label], value)
            return True
        labels = {i: c for i, c in enumerate(cells) if c in _GOAL_LABELS}
        if len(labels) == 2 and all(not c or c in _GOAL_LABELS or
                                    c.startswith(("年度总体目标", "总体目标")) for c in cells):
            self.goal_columns.update(labels)  # the texts are on the next row
            return True
        if self.goal_columns and not self.goals:
            for i, label in self.goal_columns.items():
                if i < len(values) and values[i]:
                    self.goals["expected" if label == "预期目标" else "actual"] = values[i]
            if self.goals:
                return True
        if first in ("预期目标", "年度目标") or first.startswith("预期目标"):
            rest = [v for v in values if v and norm_header(v) != first]
            self.goals["expected"] = rest[0] if rest else self.goals.get("expected", "")
            if len(rest) > 1:
                self.goals["actual"] = rest[1]
            return True
        if first.startswith("实际完成情况") and "actual" not in self.goals:
            rest = [v for v in values if v and norm_header(v) != first]
            self.goals["actual"] = rest[0] if rest else ""
            return True
        return False

    # ---- the pass ------------------------------------------------------------------------

    def run(self) -> None:
        grid = self.grid
        for index, raw in enumerate(grid.rows):
            rownum = grid.number(index)
            values = [("" if v is None else str(v)).strip() for v in raw]
            if not self.row(index, rownum, values) and index in self.marked:
                # a cell the source could not read, outside the indicator and budget rows
                self.source_problem(index, None, self.problems, rownum, self.headers)
        self.fractions()
        self.fraction_actuals()

    def row(self, index: int, rownum: int, values: list[str]) -> bool:
        """Read one row; ``True`` when it was an indicator or budget row (which keep the
        problems of their cells themselves)."""
        cells = [norm_header(v) for v in values]
        if not any(cells) and index not in self.marked:
            if self.mode == "budget":
                self.mode = None
            return False
        if "year" not in self.facts:
            for v in values:  # the title row: （2021年度）
                m = re.search(r"((?:19|20|21)\d\d)\s*年度", v)
                if m and len(v) <= 20:
                    self.facts["year"] = m.group(1)
        if self.mode == "indicators" and self.header_index == index - 1 and (
                is_level_header(cells) or is_subheader(cells)):
            self.subheader(values, cells)
            return False
        if self.mode == "budget" and cells[0].startswith(_SECTION_ENDS):
            self.mode = None
        if is_indicator_header(cells):
            self.indicator_header(values, cells, index, rownum)
            return False
        if is_budget_header(cells):
            self.budget_header(values, cells)
            return False
        first = next((c for c in cells if c), "")
        if self.mode != "indicators" and self.facts_or_goals(values, cells, first):
            return False
        if self.mode == "budget":
            self.budget_line(values, cells, index, rownum)
            return True
        if self.mode == "indicators":
            self.indicator_row(values, first, index, rownum)
            return True
        return False

    def form(self, strict: bool) -> Form:
        sheet = self.grid.sheet
        if not self.seen_table:
            self.structural.append(CellProblem(
                "no indicator table: expected a header row with 年度指标值 (or 指标值, 目标值) "
                "and 三级指标, 一级指标 or 分值", None, None, sheet))
        elif not self.indicators and not self.structural:
            self.structural.append(CellProblem("the indicator table has no rows", None, None,
                                               sheet))
        every = sorted(self.problems + self.row_problems, key=lambda p: (p.row or 0))
        if self.structural:
            raise FormReadError(self.source, self.structural + every)
        if strict and every:
            raise FormReadError(self.source, every)
        f = self.facts
        return Form(Project(f.get("name", ""), f.get("department", ""), f.get("implementer", ""),
                            _year(f.get("year")), f.get("manager", ""), f.get("phone", "")),
                    Budget(self.lines, self.unit),
                    Goals(self.goals.get("expected", ""), self.goals.get("actual", "")),
                    self.indicators, self.total_weight, self.total_score, source=self.source,
                    problems=every)


def read_grid(grid: Grid, source: str, *, strict: bool = False) -> Form:
    """Read a form from *grid*.

    Raises:
        FormReadError: no indicator table, a required column missing; with ``strict=True``
            also any cell that cannot be read. Every problem has its place.
    """
    reader = _Reader(grid, source)
    reader.run()
    return reader.form(strict)


def has_table(grid: Grid) -> bool:
    """Whether *grid* holds an indicator table (to find the sheets that are forms)."""
    return any(is_indicator_header([norm_header(v) for v in row]) for row in grid.rows)
