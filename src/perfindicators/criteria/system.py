"""Indicator systems (评价指标体系): a table of indicators with their criteria, and a facts sheet
per evaluated project → a scored evaluation.

The system file (CSV, JSON, or XLSX when openpyxl is installed) has the columns
``一级指标`` ``二级指标`` ``三级指标`` ``分值`` ``评分标准`` (also read: ``评(扣)分标准``,
``评分细则``, ``权重``). The facts sheet is JSON, ``{"project": …, "facts": {三级指标: {key:
value}}}``, or CSV with the columns ``三级指标`` ``key`` ``value``. Every row is scored by its own
criterion; rows whose criterion cannot be read, or whose judgement is open, are listed.

Example:
    >>> system = IndicatorSystem.from_rows([
    ...     {"一级指标": "过程", "二级指标": "资金管理", "三级指标": "支付进度", "分值": "3",
    ...      "评分标准": "每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。"},
    ...     {"一级指标": "产出", "二级指标": "质量", "三级指标": "合格率", "分值": "5",
    ...      "评分标准": "≥90%,计5分;80%(含)-90%,计4分;低于80%不得分"}])
    >>> ev = system.evaluate({"支付进度": {"count:未按进度": 1}, "合格率": {"value": "85%"}})
    >>> ev.total, ev.grade
    (Decimal('6.50'), '良')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._optional import optional
from ..errors import CriterionSyntaxError, PerfIndicatorError
from .compiled import Criterion, CriterionScore, criterion

__all__ = ["Evaluation", "IndicatorSystem", "RowScore", "SystemRow", "grade", "read_facts",
           "read_system"]

ZERO = Decimal(0)
_COLUMNS = {
    "level1": ("一级指标", "一级"), "level2": ("二级指标", "二级"),
    "level3": ("三级指标", "三级", "指标", "指标名称"),
    "weight": ("分值", "权重", "标准分", "分数"),
    "criterion": ("评分标准", "评(扣)分标准", "评（扣）分标准", "评分细则", "评分方法", "扣分标准"),
}
#: the central grade bands (财预〔2020〕10号): 90 优, 80 良, 60 中, below 差
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))


def grade(total: Decimal, out_of: Decimal = Decimal(100)) -> str:
    """The grade of a total on the central bands (rescaled when the system is not out of 100).

    >>> grade(Decimal("91.5")), grade(Decimal("59.99"))
    ('优', '差')
    """
    score = total * 100 / out_of if out_of else total
    for edge, name in GRADES:
        if score >= edge:
            return name
    return "差"


def _cell(row: Mapping[str, Any], field: str) -> str:
    for name in _COLUMNS[field]:
        if name in row and row[name] is not None:
            return str(row[name]).strip()
    return ""


@attrs.frozen
class SystemRow:
    """One indicator of a system, with its compiled criterion (or the reason it has none)."""

    level1: str
    level2: str
    level3: str
    weight: Decimal | None
    text: str
    criterion: Criterion | None
    error: str | None = None


@attrs.frozen
class RowScore:
    """One row's score in an evaluation."""

    row: SystemRow
    score: CriterionScore | None
    error: str | None = None

    @property
    def open(self) -> bool:
        """A judgement (or a fact, or a readable criterion) is still missing."""
        return self.score is None or self.score.points is None


@attrs.frozen
class Evaluation:
    """A scored evaluation of one project: rows, subtotals per 一级指标, total and grade.

    ``total`` counts the open rows at their lowest; ``total_high`` at their highest; ``grade``
    is None when the open rows could still change it.
    """

    project: str
    rows: tuple[RowScore, ...]
    subtotals: tuple[tuple[str, Decimal, Decimal], ...]
    total: Decimal
    total_high: Decimal
    out_of: Decimal
    grade: str | None

    @property
    def open(self) -> tuple[RowScore, ...]:
        """The rows whose judgement (or facts) are still open."""
        return tuple(r for r in self.rows if r.open)

    def __str__(self) -> str:
        lines = [f"{self.project}：评价得分"]
        for r in self.rows:
            w = "" if r.row.weight is None else f"{r.row.weight}"
            if r.score is None:
                lines.append(f"  {r.row.level3}（{w}分）：无法评分——{r.error}")
            elif r.score.points is None:
                lines.append(f"  {r.row.level3}（{w}分）：{r.score.low}-{r.score.high}，待评价人判断"
                             f"：{r.score.zh}")
            else:
                lines.append(f"  {r.row.level3}（{w}分）：{r.score.points}：{r.score.zh}")
        for name, lo, hi in self.subtotals:
            lines.append(f"  小计 {name}：{lo}" + (f"-{hi}" if hi != lo else ""))
        span = f"{self.total}" + (f"-{self.total_high}" if self.total_high != self.total else "")
        lines.append(f"  合计：{span} / {self.out_of}，等级：{self.grade or '待定'}")
        if self.open:
            lines.append("  待判断：" + "、".join(r.row.level3 for r in self.open))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the evaluation."""
        return {
            "project": self.project, "total": str(self.total), "total_high": str(self.total_high),
            "out_of": str(self.out_of), "grade": self.grade,
            "subtotals": [{"一级指标": n, "low": str(lo), "high": str(hi)}
                          for n, lo, hi in self.subtotals],
            "rows": [{"三级指标": r.row.level3, "weight": None if r.row.weight is None
                      else str(r.row.weight),
                      "points": None if r.score is None or r.score.points is None
                      else str(r.score.points),
                      "low": None if r.score is None else str(r.score.low),
                      "high": None if r.score is None else str(r.score.high),
                      "zh": None if r.score is None else r.score.zh,
                      "en": None if r.score is None else r.score.en,
                      "error": r.error} for r in self.rows],
            "open": [r.row.level3 for r in self.open],
        }


@attrs.frozen
class IndicatorSystem:
    """An indicator system: rows with 一级/二级/三级指标, 分值 and 评分标准."""

    rows: tuple[SystemRow, ...]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> IndicatorSystem:
        """Compile every row's criterion; a row that cannot be read keeps its error."""
        out = []
        last1 = last2 = ""
        for raw in rows:
            level1 = _cell(raw, "level1") or last1
            level2 = _cell(raw, "level2") or last2
            last1, last2 = level1, level2
            text = _cell(raw, "criterion")
            w_text = _cell(raw, "weight")
            try:
                weight = Decimal(w_text) if w_text else None
            except ArithmeticError:
                weight = None
            crit: Criterion | None = None
            error = None
            try:
                crit = criterion(text, weight=weight)
            except (CriterionSyntaxError, ValueError) as e:
                error = str(e)
            out.append(SystemRow(level1, level2, _cell(raw, "level3"), weight, text, crit, error))
        return cls(tuple(out))

    @property
    def out_of(self) -> Decimal:
        """The sum of the weights."""
        return sum((r.weight for r in self.rows if r.weight is not None), ZERO)

    def evaluate(self, facts: Mapping[str, Mapping[str, Any]], *,
                 project: str = "") -> Evaluation:
        """Score each row by the facts given under its 三级指标."""
        scored: list[RowScore] = []
        for row in self.rows:
            if row.criterion is None:
                scored.append(RowScore(row, None, row.error))
                continue
            scored.append(RowScore(row, row.criterion.score(facts.get(row.level3, {}))))
        subtotals: dict[str, list[Decimal]] = {}
        for r in scored:
            lo = ZERO if r.score is None else r.score.low
            hi = (r.row.weight or ZERO) if r.score is None else r.score.high
            acc = subtotals.setdefault(r.row.level1, [ZERO, ZERO])
            acc[0] += lo
            acc[1] += hi
        total = sum((v[0] for v in subtotals.values()), ZERO)
        high = sum((v[1] for v in subtotals.values()), ZERO)
        out_of = self.out_of
        g_lo, g_hi = grade(total, out_of), grade(high, out_of)
        return Evaluation(project=project, rows=tuple(scored),
                          subtotals=tuple((k, v[0], v[1]) for k, v in subtotals.items()),
                          total=total, total_high=high, out_of=out_of,
                          grade=g_lo if g_lo == g_hi else None)


def _read_table(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data.get("rows", data.get("indicators")) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise PerfIndicatorError(f"{path}: expected a list of rows",
                                     hint='write [{"三级指标": …, "分值": …, "评分标准": …}]')
        return [dict(r) for r in rows]
    if suffix in (".xlsx", ".xlsm"):
        openpyxl = optional("openpyxl", "xlsx", "reading an XLSX indicator system")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        values = list(book.active.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in values[0]]
        return [dict(zip(header, r, strict=False)) for r in values[1:] if any(r)]
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_system(path: str | Path) -> IndicatorSystem:
    """Read an indicator system from CSV, JSON or XLSX (see the module)."""
    return IndicatorSystem.from_rows(_read_table(Path(path)))


def read_facts(path: str | Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """Read a facts sheet: the project's name and the facts per 三级指标."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        data = json.loads(p.read_text(encoding="utf-8"))
        facts_data = data.get("facts") if isinstance(data, dict) else None
        if not isinstance(facts_data, dict) or not all(
                isinstance(v, dict) for v in facts_data.values()):
            raise PerfIndicatorError(f"{p}: not a facts sheet",
                                     hint='write {"project": …, "facts": {三级指标: {key: value}}}')
        return str(data.get("project", p.stem)), {str(k): dict(v) for k, v in facts_data.items()}
    facts: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"))):
        value: Any = row["value"]
        if value in ("true", "false", "是", "否"):
            value = value in ("true", "是")
        elif row["key"].startswith(("count", "rank")):
            value = int(value)
        facts.setdefault(row["三级指标"], {})[row["key"]] = value
    return p.stem, facts
