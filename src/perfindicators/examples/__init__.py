"""Bundled example forms.

>>> from perfindicators import examples
>>> examples.names()
('zgc-2021',)
>>> examples.path("zgc-2021").name
'zgc-2021.json'
>>> examples.data("zgc-2021")["total"]["score"]
'94.23'
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from ..errors import UnknownNameError
from ..forms import Form
from ..forms.jsonfile import form_from_dict

__all__ = ["data", "load", "names", "path"]

_DESCRIPTIONS = {
    "zgc-2021": "中关村企业专利、技术标准等资助资金项目 2021 self-evaluation (the seed form)",
}


def names() -> tuple[str, ...]:
    """The names of the bundled examples."""
    return tuple(sorted(_DESCRIPTIONS))


def path(name: str) -> Path:
    """The path of a bundled example file.

    Raises:
        UnknownNameError: no example of that name (its hint lists the valid ones).
    """
    if name not in _DESCRIPTIONS:
        raise UnknownNameError(name, "example", names())
    resource = files(__name__).joinpath(f"{name}.json")
    with as_file(resource) as p:
        return Path(p)


def data(name: str) -> dict[str, Any]:
    """The raw JSON content of a bundled example."""
    with path(name).open(encoding="utf-8") as f:
        result: dict[str, Any] = json.load(f)
    return result


def load(name: str) -> Form:
    """A bundled example as a `perfindicators.forms.Form`.

    >>> load("zgc-2021").total_score
    Decimal('94.23')
    """
    return form_from_dict(data(name), source=f"example:{name}")
