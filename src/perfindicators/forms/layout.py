"""The JSON layout ``perfindicators-form/1``: its name, its published JSON Schema, and the
encoding of a form into it (decoding and validation are in `.jsonfile`).

Numbers are written as strings, so they stay exact decimals; a rate is written with its
``%``. The schema (``form.schema.json``, shipped with the package) is documented in
``docs/forms.md``; `schema()` returns it.

>>> schema()["title"] == LAYOUT
True
>>> import perfindicators as pi
>>> form_to_dict(pi.examples.load("zgc-2021"))["indicators"][0]["target"]
'≥60项'
"""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from typing import Any

from .._cache import memo
from .._decimal import opt_plain as _s
from .model import FormData, Indicator

__all__ = ["LAYOUT", "form_to_dict", "schema", "shipped_schema"]

LAYOUT = "perfindicators-form/1"


def schema() -> dict[str, Any]:
    """The JSON Schema of the layout (draft 2020-12), as shipped (a copy: yours to change)."""
    return copy.deepcopy(shipped_schema())


@memo(maxsize=1)
def shipped_schema() -> dict[str, Any]:
    """The schema read once from the package (shared: do not change it)."""
    text = files(__package__ or "perfindicators.forms").joinpath("form.schema.json").read_text(
        encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result




def _indicator(i: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level1": i.level1, "level2": i.level2, "level3": i.level3, "target": i.target,
        "actual": i.actual, "weight": _s(i.weight), "score": _s(i.score), "note": i.note}
    if i.criterion is not None:
        out["criterion"] = i.criterion
    if i.remark:
        out["remark"] = i.remark
    return out


def form_to_dict(form: FormData) -> dict[str, Any]:
    """The form in the JSON layout (a dict ready for ``json.dumps``)."""
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
        "indicators": [_indicator(i) for i in form.indicators],
        "total": {"weight": _s(form.total_weight), "score": _s(form.total_score)},
    }
