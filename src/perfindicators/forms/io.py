"""Reading and writing forms: JSON, CSV, XLSX (openpyxl) and pandas DataFrames.

The CSV and XLSX layout follows the official form from top to bottom (see ``docs/forms.md``):
project facts as label/value pairs, the budget block under its header (年初预算数 全年预算数
全年执行数 分值 执行率 得分), then the indicator table under its header (一级指标 二级指标 三级指标
年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施) and a 总分 row. Headers are tolerant
(指标值, 目标值, 年初目标值(A); 完成值, 全年实际值(B); 权重; 自评得分 …), split target columns
(指标性质 | 指标值 | 度量单位) are joined, and blank 一级/二级/三级 cells (merged in the
original) take the value above. Every problem is reported with its file, sheet, row and column,
all of them at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._optional import optional
from ..errors import CellProblem, FormReadError, PerfIndicatorError
from ..parsing import parse
from .model import Budget, BudgetLine, Form, Goals, Indicator, Project, to_decimal

__all__ = [
    "LAYOUT",
    "CellProblem",
    "FormReadError",
    "form_from_dict",
    "form_to_dict",
    "read_form",
    "read_frame",
    "to_frame",
    "write_form",
]

LAYOUT = "perfindicators-form/1"

# ---- JSON ----------------------------------------------------------------------------------

def _s(d: Decimal | None) -> str | None:
    return None if d is None else format(d, "f")


def form_to_dict(form: Form) -> dict[str, Any]:
    """The form in the JSON layout."""
    return {
        "layout": LAYOUT,
        "title": form.title,
        "year": form.project.year,
        "source": form.source,
        "project": {"name": form.project.name, "department": form.project.department,
                    "implementer": form.project.implementer, "manager": form.project.manager,
                    "phone": form.project.phone},
        "budget": {"unit": form.budget.unit, "rows": [
            {"name": b.name, "initial": _s(b.initial), "full_year": _s(b.full_year),
             "executed": _s(b.executed), "weight": _s(b.weight),
             "rate": None if b.rate is None else f"{b.rate}%", "score": _s(b.score)}
            for b in form.budget.lines]},
        "goals": {"expected": form.goals.expected, "actual": form.goals.actual},
        "indicators": [
            {"level1": i.level1, "level2": i.level2, "level3": i.level3, "target": i.target,
             "actual": i.actual, "weight": _s(i.weight), "score": _s(i.score), "note": i.note}
            for i in form.indicators],
        "total": {"weight": _s(form.total_weight), "score": _s(form.total_score)},
    }


def form_from_dict(data: dict[str, Any], *, source: str = "") -> Form:
    """A form from the JSON layout.

    Raises:
        FormReadError: every field that cannot be read, with its place.
    """
    problems: list[CellProblem] = []

    def num(value: object, where: str) -> Decimal | None:
        try:
            return to_decimal(value)
        except ValueError as e:
            problems.append(CellProblem(str(e), column=where))
            return None

    project = data.get("project", {})
    budget = data.get("budget", {})
    lines = []
    for k, b in enumerate(budget.get("rows", [])):
        lines.append(BudgetLine(
            b.get("name", ""), num(b.get("initial"), f"budget.rows[{k}].initial"),
            num(b.get("full_year"), f"budget.rows[{k}].full_year"),
            num(b.get("executed"), f"budget.rows[{k}].executed"),
            num(b.get("weight"), f"budget.rows[{k}].weight"),
            num(b.get("rate"), f"budget.rows[{k}].rate"),
            num(b.get("score"), f"budget.rows[{k}].score")))
    year = data.get("year")
    indicators = []
    for k, i in enumerate(data.get("indicators", [])):
        if "target" not in i:
            problems.append(CellProblem("an indicator needs a target", row=k + 1,
                                        column="target"))
            continue
        ind = Indicator(i.get("level1", ""), i.get("level2", ""), i.get("level3", ""),
                        i["target"], i.get("actual", ""),
                        num(i.get("weight"), f"indicators[{k}].weight"),
                        num(i.get("score"), f"indicators[{k}].score"), i.get("note", ""),
                        row=k + 1)
        _check_target(ind, year, problems, row=k + 1, column=f"indicators[{k}].target")
        indicators.append(ind)
    total = data.get("total", {})
    if problems:
        raise FormReadError(source or "<json>", problems)
    return Form(
        Project(project.get("name", ""), project.get("department", ""),
                project.get("implementer", ""), year, project.get("manager", ""),
                project.get("phone", "")),
        Budget(lines, budget.get("unit", "万元")),
        Goals(data.get("goals", {}).get("expected", ""), data.get("goals", {}).get("actual", "")),
        indicators, num(total.get("weight"), "total.weight"), num(total.get("score"), "total.score"),
        data.get("title", "项目支出绩效自评表"), source or data.get("source", ""))


def _check_target(ind: Indicator, year: int | None, problems: list[CellProblem], *,
                  row: int | None, column: str | None, sheet: str | None = None) -> None:
    if not ind.target:
        if ind.weight is not None:
            problems.append(CellProblem("the target (年度指标值) is empty", row, column, sheet))
        return
    try:
        parse(ind.target, year=year)
    except PerfIndicatorError as e:
        problems.append(CellProblem(str(e).replace("\n", "\n      "), row, column, sheet))


# ---- tables (CSV, XLSX, DataFrame) ---------------------------------------------------------

def _norm(header: object) -> str:
    text = "" if header is None else str(header)
    text = re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
    return text


_FACTS = {"项目名称": "name", "主管部门": "department", "实施单位": "implementer",
          "项目负责人": "manager", "负责人": "manager", "联系电话": "phone", "年度": "year",
          "年份": "year", "项目年度": "year"}
_BUDGET_COLUMNS = {"年初预算数": "initial", "年初预算数(A)": "initial", "全年预算数": "full_year",
                   "全年预算数(A)": "full_year", "预算数": "full_year", "预算数(A)": "full_year",
                   "全年执行数": "executed", "全年执行数(B)": "executed", "执行数": "executed",
                   "执行数(B)": "executed", "分值": "weight", "执行率": "rate",
                   "执行率(B/A)": "rate", "得分": "score"}
_INDICATOR_COLUMNS = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "level3", "指标名称": "level3",
    "年度指标值": "target", "指标值": "target", "目标值": "target", "年初目标值": "target",
    "年初目标值(A)": "target", "年度指标值(A)": "target", "年度目标值": "target",
    "全年指标值": "target", "指标值(A)": "target",
    "实际完成值": "actual", "完成值": "actual", "全年实际值": "actual", "全年实际值(B)": "actual",
    "实际完成值(B)": "actual", "实际值": "actual", "实际完成情况": "actual",
    "分值": "weight", "权重": "weight", "权重(%)": "weight", "指标分值": "weight",
    "得分": "score", "自评得分": "score", "实际得分": "score",
    "偏差原因分析及改进措施": "note", "偏差原因": "note", "未完成原因分析": "note",
    "偏差原因及改进措施": "note", "原因分析": "note", "备注": "note",
    "指标性质": "sign", "计算符号": "sign", "指标值类型": "sign", "度量单位": "unit",
    "计量单位": "unit", "单位": "unit",
    # English headers, as to_frame() writes them
    "level1": "level1", "level2": "level2", "level3": "level3", "target": "target",
    "actual": "actual", "weight": "weight", "score": "score", "note": "note",
}
_REQUIRED = ("target", "actual", "weight")
_HEADERS_ZH = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
               "偏差原因分析及改进措施")


def _is_indicator_header(cells: Sequence[str]) -> bool:
    names = {_INDICATOR_COLUMNS.get(c) for c in cells}
    return "target" in names and ("level3" in names or "weight" in names or "level1" in names)


def _is_level_header(cells: Sequence[str]) -> bool:
    keys = {_INDICATOR_COLUMNS.get(c) for c in cells if c}
    return bool(keys) and keys <= {"level1", "level2", "level3", None} and bool(
        keys & {"level1", "level2", "level3"}) and "target" not in keys


def _is_budget_header(cells: Sequence[str]) -> bool:
    return sum(1 for c in cells if _BUDGET_COLUMNS.get(c) in ("initial", "full_year",
                                                               "executed")) >= 2


def _letter(col: int) -> str:
    s = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


class _Grid:
    """Rows of cells from a CSV file, a worksheet or a DataFrame, with their places."""

    def __init__(self, rows: list[list[str]], *, sheet: str | None, first_row: int = 1,
                 letters: bool) -> None:
        self.rows = rows
        self.sheet = sheet
        self.first_row = first_row
        self.letters = letters

    def column_name(self, col: int, header: str) -> str:
        ref = _letter(col) if self.letters else str(col + 1)
        return f"{ref} ({header})" if header else ref


def _read_grid(grid: _Grid, source: str) -> Form:
    problems: list[CellProblem] = []
    facts: dict[str, str] = {}
    lines: list[BudgetLine] = []
    indicators: list[Indicator] = []
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    mode = None
    budget_cols: dict[int, str] = {}
    cols: dict[str, int] = {}
    headers: list[str] = []
    last = {"level1": "", "level2": "", "level3": ""}
    goals: dict[str, str] = {}
    goal_columns: dict[int, str] = {}
    seen_indicator_header = False

    def cell(values: list[str], key: str) -> str:
        i = cols.get(key)
        return values[i] if i is not None and i < len(values) else ""

    def number(values: list[str], key: str, rownum: int, *, table: dict[str, int]) -> Decimal | None:
        i = table.get(key)
        if i is None or i >= len(values):
            return None
        try:
            return to_decimal(values[i])
        except ValueError as e:
            problems.append(CellProblem(f"{e} (分值, 得分 and amounts are numbers)", rownum,
                                        grid.column_name(i, headers[i] if i < len(headers) else ""),
                                        grid.sheet))
            return None

    for offset, raw in enumerate(grid.rows):
        rownum = grid.first_row + offset
        values = [("" if v is None else str(v)).strip() for v in raw]
        cells = [_norm(v) for v in values]
        if not any(cells):
            if mode == "budget":
                mode = None
            continue
        if "year" not in facts:
            for v in values:  # the title row: （2021年度）
                m = re.search(r"((?:19|20|21)\d\d)\s*年度", v)
                if m and len(v) <= 20:
                    facts["year"] = m.group(1)
        if mode == "indicators" and _is_level_header(cells):
            # the second row of a two-row header (绩效指标 over 一级/二级/三级)
            for i, c in enumerate(cells):
                key = _INDICATOR_COLUMNS.get(c)
                if key in ("level1", "level2", "level3") and key not in cols:
                    cols[key] = i
                    if i < len(headers):
                        headers[i] = values[i]
            continue
        if mode == "budget" and cells[0].startswith(("年度总体目标", "总体目标", "预期目标",
                                                     "实际完成情况", "绩效指标", "年度绩效目标")):
            mode = None
        if _is_indicator_header(cells):
            mode, seen_indicator_header = "indicators", True
            headers = values
            cols = {}
            for i, c in enumerate(cells):
                key = _INDICATOR_COLUMNS.get(c)
                if key and key not in cols:
                    cols[key] = i
            missing = [k for k in _REQUIRED if k not in cols]
            if missing:
                names = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值"}
                problems.append(CellProblem(
                    "the indicator table has no column " + ", ".join(names[m] for m in missing)
                    + " (accepted headers: see docs/forms.md)", rownum, None, grid.sheet))
            continue
        if _is_budget_header(cells):
            mode = "budget"
            budget_cols = {}
            for i, c in enumerate(cells):
                key = _BUDGET_COLUMNS.get(c)
                if key and key not in budget_cols.values():
                    budget_cols[i] = key
            continue
        first = next((c for c in cells if c), "")
        if mode != "indicators":
            pairs = [(cells[i], values[i + 1] if i + 1 < len(values) else "")
                     for i in range(len(cells)) if cells[i] in _FACTS]
            if pairs:
                for label, value in pairs:
                    facts.setdefault(_FACTS[label], value)
                continue
            labels = {i: c for i, c in enumerate(cells) if c in ("预期目标", "实际完成情况")}
            if len(labels) == 2 and all(not c or c in ("预期目标", "实际完成情况") or
                                        c.startswith(("年度总体目标", "总体目标"))
                                        for c in cells):
                goal_columns.update(labels)  # the texts are on the next row
                continue
            if goal_columns and not goals:
                for i, label in goal_columns.items():
                    if i < len(values) and values[i]:
                        goals["expected" if label == "预期目标" else "actual"] = values[i]
                if goals:
                    continue
            if first in ("预期目标", "年度目标") or first.startswith("预期目标"):
                rest = [v for v in values if v and _norm(v) != first]
                goals["expected"] = rest[0] if rest else goals.get("expected", "")
                if len(rest) > 1:
                    goals["actual"] = rest[1]
                continue
            if first.startswith("实际完成情况") and "actual" not in goals:
                rest = [v for v in values if v and _norm(v) != first]
                goals["actual"] = rest[0] if rest else ""
                continue
        if mode == "budget":
            by_key = {k: i for i, k in budget_cols.items()}
            name_col = next((i for i, c in enumerate(cells) if c), 0)
            lines.append(BudgetLine(
                values[name_col], number(values, "initial", rownum, table=by_key),
                number(values, "full_year", rownum, table=by_key),
                number(values, "executed", rownum, table=by_key),
                number(values, "weight", rownum, table=by_key),
                number(values, "rate", rownum, table=by_key),
                number(values, "score", rownum, table=by_key)))
            continue
        if mode == "indicators":
            if first.startswith(("总分", "合计", "总计")):
                total_weight = number(values, "weight", rownum, table=cols)
                total_score = number(values, "score", rownum, table=cols)
                continue
            for key in ("level1", "level2", "level3"):
                if cell(values, key):
                    last[key] = cell(values, key)
                    if key == "level1":
                        last["level2"] = last["level3"] = ""
                    elif key == "level2":
                        last["level3"] = ""
            target = cell(values, "target")
            if "sign" in cols or "unit" in cols:
                target = " ".join(x for x in (cell(values, "sign"), target, cell(values, "unit"))
                                  if x)
            weight = number(values, "weight", rownum, table=cols)
            if not target and weight is None and not cell(values, "actual"):
                continue  # a heading row inside the table
            ind = Indicator(last["level1"], last["level2"], last["level3"], target,
                            cell(values, "actual"), weight,
                            number(values, "score", rownum, table=cols), cell(values, "note"),
                            row=rownum)
            t_col = cols.get("target", 0)
            _check_target(ind, _year(facts.get("year")), problems, row=rownum,
                          column=grid.column_name(t_col, headers[t_col] if t_col < len(headers)
                                                  else ""), sheet=grid.sheet)
            indicators.append(ind)
    if not seen_indicator_header:
        problems.append(CellProblem(
            "no indicator table: expected a header row with 年度指标值 (or 指标值, 目标值), "
            "实际完成值 and 分值", None, None, grid.sheet))
    elif not indicators and not problems:
        problems.append(CellProblem("the indicator table has no rows", None, None, grid.sheet))
    if problems:
        raise FormReadError(source, problems)
    year = _year(facts.get("year"))
    return Form(Project(facts.get("name", ""), facts.get("department", ""),
                        facts.get("implementer", ""), year, facts.get("manager", ""),
                        facts.get("phone", "")),
                Budget(lines), Goals(goals.get("expected", ""), goals.get("actual", "")),
                indicators, total_weight, total_score, source=source)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    m = re.search(r"(19|20|21)\d\d", str(text))
    return int(m.group()) if m else None


def _grid_rows(form: Form) -> list[list[str]]:
    p = form.project
    rows: list[list[str]] = [
        ["项目名称", p.name], ["主管部门", p.department, "实施单位", p.implementer],
        ["项目负责人", p.manager, "联系电话", p.phone], ["年度", "" if p.year is None else str(p.year)],
        [],
        ["项目资金（" + form.budget.unit + "）", "年初预算数", "全年预算数", "全年执行数", "分值",
         "执行率", "得分"],
    ]
    for b in form.budget.lines:
        rows.append([b.name, _s(b.initial) or "", _s(b.full_year) or "", _s(b.executed) or "",
                     _s(b.weight) or "", "" if b.rate is None else f"{b.rate}%", _s(b.score) or ""])
    rows.append([])
    if form.goals.expected or form.goals.actual:
        rows += [["预期目标", form.goals.expected], ["实际完成情况", form.goals.actual], []]
    rows.append(list(_HEADERS_ZH))
    for i in form.indicators:
        rows.append([i.level1, i.level2, i.level3, i.target, i.actual, _s(i.weight) or "",
                     _s(i.score) or "", i.note])
    rows.append(["总分", "", "", "", "", _s(form.total_weight) or "", _s(form.total_score) or "",
                 ""])
    return rows


# ---- files ---------------------------------------------------------------------------------

def read_form(path: str | Path, *, sheet: str | None = None) -> Form:
    """Read a form from a ``.json``, ``.csv``/``.tsv`` or ``.xlsx`` file.

    Raises:
        FormReadError: the file cannot be read; every problem is listed with its place.
    """
    p = Path(path)
    source = str(p)
    if not p.exists():
        raise FormReadError(source, [CellProblem("no such file")])
    suffix = p.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise FormReadError(source, [CellProblem(f"not a JSON form: {e}")]) from None
        if not isinstance(data, dict):
            raise FormReadError(source, [CellProblem("not a JSON form: expected an object")])
        return form_from_dict(data, source=source)
    if suffix in (".csv", ".tsv", ".txt"):
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = p.read_text(encoding="gb18030")
            except UnicodeDecodeError:
                raise FormReadError(source, [CellProblem("not a text file (UTF-8 or GB18030)")]) \
                    from None
        delimiter = "\t" if suffix == ".tsv" or ("\t" in text and "," not in text) else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        return _read_grid(_Grid(rows, sheet=None, letters=False), source)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, sheet)
    raise FormReadError(source, [CellProblem(
        f"unknown file type {suffix or '(none)'}: use .json, .csv, .tsv or .xlsx")])


def _openpyxl() -> Any:
    return optional("openpyxl", "xlsx", "reading and writing XLSX")


def _read_xlsx(p: Path, sheet: str | None) -> Form:
    openpyxl = _openpyxl()
    from zipfile import BadZipFile

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        raise FormReadError(str(p), [CellProblem(f"not an XLSX workbook ({type(e).__name__})")]) \
            from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise FormReadError(str(p), [CellProblem(
                f"no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")])
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = [[_xlsx_cell(c) for c in row] for row in ws.iter_rows()]
        return _read_grid(_Grid(rows, sheet=ws.title, letters=True), str(p))
    finally:
        wb.close()


def _xlsx_cell(cell: Any) -> str:
    """A cell as the text a person sees: percentages as 88.26%, dates as 2022年11月30日."""
    import datetime as _dt

    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    fmt = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, _dt.datetime | _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # a number typed into Excel: keep the digits people see, not binary noise
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in fmt:
            return format((d * 100).normalize(), "f") + "%"
        return format(d.normalize(), "f")
    return str(value)


def write_form(form: Form, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write *form* as ``.json``, ``.csv`` or ``.xlsx`` (by the suffix of *path*).

    Raises:
        FileExistsError: *path* exists and ``overwrite`` is not set (an input is never
            written over by accident).
    """
    p = Path(path)
    if p.exists() and not overwrite:
        raise FileExistsError(f"{p} exists; pass overwrite=True to replace it")
    suffix = p.suffix.lower()
    if suffix == ".json":
        p.write_text(json.dumps(form_to_dict(form), ensure_ascii=False, indent=1) + "\n",
                     encoding="utf-8")
    elif suffix in (".csv", ".tsv"):
        with p.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, delimiter="\t" if suffix == ".tsv" else ",").writerows(_grid_rows(form))
    elif suffix == ".xlsx":
        openpyxl = _openpyxl()
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "绩效自评表"
        for row in _grid_rows(form):
            ws.append(row)
        wb.save(p)
    else:
        raise ValueError(f"unknown file type {suffix!r}: use .json, .csv, .tsv or .xlsx")
    return p


# ---- pandas --------------------------------------------------------------------------------

_FRAME_COLUMNS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "note")


def pandas() -> Any:
    """pandas, or an error that says how to install it."""
    return optional("pandas", "pandas", "a DataFrame")


def to_frame(form: Form) -> Any:
    """The indicator rows as a pandas DataFrame (needs the ``pandas`` extra)."""
    pd = pandas()

    return pd.DataFrame(
        [{"level1": i.level1, "level2": i.level2, "level3": i.level3, "target": i.target,
          "actual": i.actual, "weight": i.weight, "score": i.score, "note": i.note}
         for i in form.indicators], columns=list(_FRAME_COLUMNS))


def read_frame(frame: Any, *, project: Project | None = None, budget: Budget | None = None,
               source: str = "<DataFrame>") -> Form:
    """A form from a DataFrame of indicator rows (Chinese or English headers)."""
    headers = [str(c) for c in frame.columns]
    rows: list[list[str]] = [headers]
    for record in frame.itertuples(index=False):
        rows.append(["" if _isna(v) else str(v) for v in record])
    form = _read_grid(_Grid(rows, sheet=None, first_row=0, letters=False), source)
    return attrs.evolve(form, project=project or form.project, budget=budget or form.budget)


def _isna(value: object) -> bool:
    try:
        return bool(value != value)  # NaN
    except Exception:  # pragma: no cover
        return False


def rows_of(items: Iterable[Indicator]) -> list[dict[str, Any]]:
    """Indicator rows as plain dicts (for JSON output)."""
    return [attrs.asdict(i) for i in items]
