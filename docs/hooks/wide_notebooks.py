"""A MkDocs hook: notebook pages hide the navigation sidebar, so that a report table (820 px
for the bundled form) fits beside the table of contents instead of hiding its score columns
behind a horizontal scroll bar at the foot of a tall table.

Examples:
    >>> class Page:
    ...     class file:
    ...         src_uri = "tutorial.ipynb"
    ...     meta: dict = {}
    >>> on_page_context({}, Page, None, None) == {} and Page.meta["hide"]
    ['navigation']
"""

from __future__ import annotations

from typing import Any


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if str(page.file.src_uri).endswith(".ipynb"):
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            page.meta["hide"] = [*hide, "navigation"]
    return context
