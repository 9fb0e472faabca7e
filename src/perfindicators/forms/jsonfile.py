"""Reading and writing the JSON layout ``perfindicators-form/1``.

A JSON form is first checked against the published schema (`.layout.schema`): every violation
is a `CellProblem` with its JSON path (``$.indicators[2].weight``), all reported at once, and
the form is refused. Cells that have the right shape but cannot be read (a weight ``"三"``, a
target ``"≥"``) stay with their row as problems, and the rest of the form is read — unless
``strict=True``. Numbers may be JSON numbers or strings; JSON numbers are read exactly (as
``Decimal``, never through binary floats).

>>> form = form_from_dict({"year": "2021", "indicators": [
...     {"target": "≥60项", "actual": "64项", "weight": 3, "score": "三"}]})
>>> form.year, form.indicators[0].weight, form.indicators[0].problems[0].column
(2021, Decimal('3'), '$.indicators[0].score')
>>> try:
...     form_from_dict({"budget": [], "indicators": []})
... except FormReadError as e:
...     print(e.problems[0].column, "|", e.problems[0].message)
$.budget | [] is not of type 'object'
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._cache import memo
from ..errors import CellProblem, FormReadError
from . import cells
from .form import Form
from .layout import form_to_dict, shipped_schema
from .model import Budget, BudgetLine, Goals, Indicator, Project

__all__ = ["MAX_JSON_BYTES", "form_from_dict", "read_json", "write_json"]

#: the largest JSON file read (bytes)
MAX_JSON_BYTES = 32 * 1024 * 1024


@memo(maxsize=1)
def _validator() -> Any:
    jsonschema: Any = importlib.import_module("jsonschema")  # untyped
    cls = jsonschema.validators.validator_for(shipped_schema())
    return cls(shipped_schema(), format_checker=None)




def _path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _schema_problems(data: object) -> list[CellProblem]:
    problems = []
    try:
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    except RecursionError:
        return [CellProblem("not a JSON form: nested too deeply")]
    for e in errors[:200]:
        path = list(e.absolute_path)
        row = path[1] + 1 if len(path) > 1 and path[0] == "indicators" and isinstance(
            path[1], int) else None
        message = e.message if len(e.message) <= 300 else e.message[:297] + "…"
        problems.append(CellProblem(message, row=row, column=_path(path)))
    return problems


def _cell(value: object) -> str:
    """A target or an actual: text, or a JSON number written exactly."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
    return str(value)


def _year(value: object) -> int | None:
    if value is None:
        return None
    m = re.search(r"(19|20|21)\d\d", str(value))
    return int(m.group()) if m else None


def _block_fields(budget: dict[str, Any], lines: list[BudgetLine],
                  problems: list[CellProblem]) -> list[BudgetLine]:
    """The block's ``weight``, ``rate`` and ``score`` given beside its rows: they belong to the
    total line, which takes them where it has none; where it has others, that is a problem."""
    given = {}
    for key in ("weight", "rate", "score"):
        if budget.get(key) is None:
            continue
        try:
            given[key] = cells.rate(budget[key])[0] if key == "rate" else cells.weight(budget[key])
        except ValueError as e:
            problems.append(CellProblem(str(e), column=f"$.budget.{key}"))
    if not given:
        return lines
    total = Budget(lines).total
    if total is None:
        problems.append(CellProblem("the block's weight, rate or score is given, but it has no "
                                    "line with amounts", column="$.budget"))
        return lines
    k = lines.index(total)
    fill = {}
    for key, value in given.items():
        have = getattr(total, key)
        if have is None:
            fill[key] = value
        elif value is not None and have != value:
            problems.append(CellProblem(
                f"the block's {key} {value} is not its total line's {have}",
                column=f"$.budget.{key}"))
    return lines if not fill else [*lines[:k], attrs.evolve(total, **fill), *lines[k + 1:]]


def form_from_dict(data: Any, *, source: str = "", strict: bool = False) -> Form:
    """A form from the JSON layout (already parsed: ``json.loads`` output).

    Raises:
        FormReadError: the data does not follow the schema (every violation, with its JSON
            path); with ``strict=True`` also any cell that cannot be read.
    """
    where = source or "<json>"
    problems = _schema_problems(data)
    if problems:
        raise FormReadError(where, problems)
    all_problems: list[CellProblem] = []
    year = _year(data.get("year"))

    def read(fn: Callable[[object], Decimal | None], value: object, path: str,
             row: int | None, into: list[CellProblem]) -> Decimal | None:
        try:
            return fn(value)
        except ValueError as e:
            into.append(CellProblem(str(e), row=row, column=path))
            return None

    budget = data.get("budget") or {}
    unit = budget.get("unit") or "万元"
    lines = []
    for k, b in enumerate(budget.get("rows") or []):
        p = f"$.budget.rows[{k}]"

        def amount(value: object) -> Decimal | None:
            return cells.amount(value, unit)

        def rate(value: object) -> Decimal | None:
            return cells.rate(value)[0]

        lines.append(BudgetLine(
            b.get("name") or "",
            read(amount, b.get("initial"), f"{p}.initial", None, all_problems),
            read(amount, b.get("full_year"), f"{p}.full_year", None, all_problems),
            read(amount, b.get("executed"), f"{p}.executed", None, all_problems),
            read(cells.weight, b.get("weight"), f"{p}.weight", None, all_problems),
            read(rate, b.get("rate"), f"{p}.rate", None, all_problems),
            read(cells.weight, b.get("score"), f"{p}.score", None, all_problems)))
    lines = _block_fields(budget, lines, all_problems)
    indicators = []
    for k, i in enumerate(data.get("indicators") or []):
        p = f"$.indicators[{k}]"
        mine: list[CellProblem] = []
        w = read(cells.weight, i.get("weight"), f"{p}.weight", k + 1, mine)
        s = read(cells.weight, i.get("score"), f"{p}.score", k + 1, mine)
        target, actual = _cell(i.get("target")), _cell(i.get("actual"))
        if target:
            why = cells.target_problem(target, year)
            if why is not None:
                mine.append(CellProblem(why, row=k + 1, column=f"{p}.target"))
        elif w is not None:
            mine.append(CellProblem("the target (年度指标值) is empty", row=k + 1,
                                    column=f"{p}.target"))
        all_problems += mine
        indicators.append(Indicator(
            i.get("level1"), i.get("level2"), i.get("level3"), target, actual, w, s,
            i.get("note"), row=k + 1, criterion=i.get("criterion"), remark=i.get("remark"),
            problems=mine))
    total = data.get("total") or {}
    tw = read(cells.weight, total.get("weight"), "$.total.weight", None, all_problems)
    ts = read(cells.weight, total.get("score"), "$.total.score", None, all_problems)
    if strict and all_problems:
        raise FormReadError(where, all_problems)
    project = data.get("project") or {}
    goals = data.get("goals") or {}
    return Form(
        Project(project.get("name"), project.get("department"), project.get("implementer"),
                year, project.get("manager"), project.get("phone")),
        Budget(lines, unit), Goals(goals.get("expected"), goals.get("actual")),
        indicators, tw, ts, data.get("title") or "项目支出绩效自评表",
        source or data.get("source") or "", problems=all_problems)


def read_json(path: Path, *, strict: bool = False) -> Form:
    """Read a JSON form file (UTF-8, with or without a BOM).

    Raises:
        FormReadError: not JSON, too large, nested too deeply, or not the layout.
    """
    source = str(path)
    with path.open("rb") as f:
        raw = f.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise FormReadError(source, [CellProblem(
            f"the file is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")])
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as e:
        raise FormReadError(source, [CellProblem(f"not a JSON form: not UTF-8 text ({e.reason} "
                                                 f"at byte {e.start})")]) from None
    except json.JSONDecodeError as e:
        raise FormReadError(source, [CellProblem(f"not a JSON form: {e.msg}", row=e.lineno,
                                                 column=str(e.colno))]) from None
    except RecursionError:
        raise FormReadError(source, [CellProblem("not a JSON form: nested too deeply")]) from None
    return form_from_dict(data, source=source, strict=strict)


def write_json(form: Form, path: Path) -> None:
    """Write *form* in the JSON layout (UTF-8, numbers as exact strings)."""
    path.write_text(json.dumps(form_to_dict(form), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
