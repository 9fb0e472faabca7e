"""Optional dependencies: imported when needed, with an error that says which extra to install."""

from __future__ import annotations

import importlib
from typing import Any

from .errors import PerfIndicatorError

__all__ = ["optional"]


def optional(module: str, extra: str, purpose: str) -> Any:
    """Import *module*, or raise a `PerfIndicatorError` whose hint names the extra.

    >>> optional("json", "none", "tests").dumps([1])
    '[1]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise PerfIndicatorError(f"{purpose} needs {module.split('.')[0]}",
                                 hint=f'pip install "perfindicators[{extra}]"') from None
