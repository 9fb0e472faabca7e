"""The tidy tables of a batch: forms, rows, findings, failures, with fixed Arrow schemas.

Every number is an exact ``decimal128(18, 6)``; every table starts with ``form_id`` (the
form's place in the sorted list of files) and ``path``, so the tables join on either.

- ``forms``, one row per form scored: the project facts, ``rule_total``, ``grade``,
  ``published_total``, ``published_grade``, ``difference``, the budget block and the counts
  of findings, warnings and errors.
- ``rows``, one row per indicator row: ``row``, the three levels, ``target``, ``actual``,
  ``weight``, ``rule_score``, ``published_score``, ``difference``, ``met``, ``status``,
  ``policy``, ``flags``, ``explanation``, ``note`` and ``error``.
- ``findings``, one row per audit finding: ``code``, ``severity``, ``row``, ``indicator``,
  ``classification``, ``zh``, ``en`` and ``note``.
- ``failures``, one row per problem of a file that could not be scored: ``stage`` (read,
  score, audit, tables or worker), ``error_type``, ``sheet``, ``row``, ``column`` and
  ``message``.

Examples:
    >>> from perfindicators.batch import schemas
    >>> sorted(schemas())
    ['failures', 'findings', 'forms', 'rows']
    >>> schemas()["forms"].field("rule_total").type
    Decimal128Type(decimal128(18, 6))
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .._optional import optional
from ..errors import FormReadError

__all__ = ["TABLES", "failure_rows", "form_rows", "schemas", "to_table"]

#: the tables, in the order they are written
TABLES = ("forms", "rows", "findings", "failures")
_PRECISION, _SCALE = 18, 6

_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "forms": [("form_id", "int32"), ("path", "string"), ("folder", "string"),
              ("title", "string"), ("project", "string"), ("department", "string"),
              ("implementer", "string"), ("year", "int32"), ("scheme", "string"),
              ("indicator_rows", "int32"), ("scored_rows", "int32"), ("rule_total", "decimal"),
              ("grade", "string"), ("published_total", "decimal"),
              ("published_grade", "string"), ("difference", "decimal"),
              ("budget", "decimal"), ("executed", "decimal"), ("budget_rate", "decimal"),
              ("budget_score", "decimal"), ("published_budget_rate", "decimal"),
              ("published_budget_score", "decimal"), ("dropped_weight", "decimal"),
              ("findings", "int32"), ("warnings", "int32"), ("errors", "int32")],
    "rows": [("form_id", "int32"), ("path", "string"), ("row", "int32"), ("level1", "string"),
             ("level2", "string"), ("level3", "string"), ("target", "string"),
             ("actual", "string"), ("weight", "decimal"), ("rule_score", "decimal"),
             ("published_score", "decimal"), ("difference", "decimal"), ("met", "bool"),
             ("status", "string"), ("policy", "string"), ("flags", "string"),
             ("explanation", "string"), ("note", "string"), ("error", "string")],
    "findings": [("form_id", "int32"), ("path", "string"), ("code", "string"),
                 ("severity", "string"), ("row", "int32"), ("indicator", "string"),
                 ("classification", "string"), ("zh", "string"), ("en", "string"),
                 ("note", "string")],
    "failures": [("form_id", "int32"), ("path", "string"), ("stage", "string"),
                 ("error_type", "string"), ("sheet", "string"), ("row", "int32"),
                 ("column", "string"), ("message", "string")],
}


def _pa() -> Any:
    return optional("pyarrow", "parquet", "the batch tables")


def schemas() -> dict[str, Any]:
    """The Arrow schema of each table (pyarrow is optional, so they are built when asked for;
    building them is cheap)."""
    pa = _pa()
    types = {"int32": pa.int32(), "string": pa.string(), "bool": pa.bool_(),
             "decimal": pa.decimal128(_PRECISION, _SCALE)}
    return {name: pa.schema([pa.field(c, types[t]) for c, t in cols])
            for name, cols in _COLUMNS.items()}


def _dec(text: object) -> Decimal | None:
    """A decimal string of ``to_dict`` (``"88.26%"`` for rates) as ``Decimal``."""
    if text is None:
        return None
    try:
        return Decimal(str(text).removesuffix("%"))
    except InvalidOperation:
        raise ValueError(f"not a decimal: {text!r}") from None


def form_rows(form_id: int, path: str, form: dict[str, Any], report: dict[str, Any],
              findings: list[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of the forms, rows and findings tables for one scored form (tuples in the
    schemas' column order: plain values that cross processes cheaply).

    Args:
        form_id, path: the form's place and file.
        form: ``form.to_dict()``.
        report: ``form.score(scheme).to_dict()``.
        findings: ``form.audit(scheme)``.

    Raises:
        ValueError: a number that does not fit ``decimal128(18, 6)`` (more than 6 decimals).
    """
    base = {"form_id": form_id, "path": path}
    severities = [str(getattr(f.severity, "value", f.severity)) for f in findings]
    b = report["budget"]
    project = form.get("project", {})
    rows = report["rows"]
    forms = [{**base, "folder": Path(path).parent.name, "title": form.get("title"),
              "project": report["project"], "department": project.get("department"),
              "implementer": project.get("implementer"), "year": report["year"],
              "scheme": report["scheme"], "indicator_rows": len(rows),
              "scored_rows": sum(1 for r in rows if r["rule"] is not None),
              "rule_total": _dec(report["rule_total"]), "grade": report["grade"],
              "published_total": _dec(report["published_total"]),
              "published_grade": report["published_grade"],
              "difference": None if report["published_total"] is None
              else _dec(report["published_total"]) - _dec(report["rule_total"]),  # type: ignore[operator]
              "budget": _dec(b["budget"]), "executed": _dec(b["executed"]),
              "budget_rate": _dec(b["rate"]), "budget_score": _dec(b["rule"]),
              "published_budget_rate": _dec(b["published_rate"]),
              "published_budget_score": _dec(b["published"]),
              "dropped_weight": _dec(report["dropped_weight"]), "findings": len(findings),
              "warnings": severities.count("warning"), "errors": severities.count("error")}]
    indicator_rows = [
        {**base, "row": r["row"], "level1": r["level1"], "level2": r["level2"],
         "level3": r["level3"], "target": r["target"], "actual": r["actual"],
         "weight": _dec(r["weight"]), "rule_score": _dec(r["rule"]),
         "published_score": _dec(r["published"]), "difference": _dec(r["difference"]),
         "met": None if r["status"] is None else r["status"] == "met", "status": r["status"],
         "policy": r["policy"], "flags": ", ".join(r["flags"]),
         "explanation": r["explanation"], "note": r["note"], "error": r["error"]}
        for r in rows]
    finding_rows = [
        {**base, "code": f.code, "severity": s, "row": f.row, "indicator": f.indicator,
         "classification": f.classification, "zh": f.zh, "en": f.en, "note": f.note}
        for f, s in zip(findings, severities, strict=True)]
    out = {"forms": forms, "rows": indicator_rows, "findings": finding_rows}
    return {name: [tuple(_fit(r[c]) for c, _ in _COLUMNS[name]) for r in rows]
            for name, rows in out.items()}


def _fit(value: Any) -> Any:
    """*value*, checked to fit ``decimal128(18, 6)`` when it is a ``Decimal``."""
    if isinstance(value, Decimal) and (
            not value.is_finite() or value.as_tuple().exponent < -_SCALE  # type: ignore[operator]
            or value.adjusted() >= _PRECISION - _SCALE):
        raise ValueError(f"the number {value} does not fit decimal({_PRECISION}, {_SCALE})")
    return value


def to_table(name: str, rows: list[tuple[Any, ...]]) -> Any:
    """One table from its rows (tuples in the schema's column order)."""
    pa = _pa()
    schema = schemas()[name]
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema,
                                                                          strict=True)],
                                schema=schema)


def failure_rows(form_id: int, path: str, stage: str, error: BaseException,
                 ) -> list[tuple[Any, ...]]:
    """The failures table's rows for a file: one per problem of a `FormReadError`, else one."""
    base = {"form_id": form_id, "path": path, "stage": stage, "error_type": type(error).__name__}
    if isinstance(error, FormReadError) and error.problems:
        rows = [{**base, "sheet": p.sheet, "row": p.row, "column": p.column,
                 "message": p.message} for p in error.problems]
    else:
        rows = [{**base, "sheet": None, "row": None, "column": None, "message": str(error)}]
    return [tuple(r[c] for c, _ in _COLUMNS["failures"]) for r in rows]
