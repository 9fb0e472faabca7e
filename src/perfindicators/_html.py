"""HTML building blocks for notebooks: escaped cells and one table style (a leaf module).

Each value class builds its own ``_repr_html_`` from these; nothing here knows a value class.

>>> html = table(["指标", "得分"], [row(cell("专利<1>"), num(Decimal("3")))])
>>> html.split("</style>")[1][:70]
'<table class="pi-table"><thead><tr><th>指标</th><th>得分</th></tr></thead>'
>>> "<td>专利&lt;1&gt;</td>" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape

from ._decimal import plain

__all__ = ["STYLE", "cell", "escape", "num", "row", "table"]

STYLE = (
    "<style>"
    ".pi-table{border-collapse:collapse;font-size:13px}"
    ".pi-table th,.pi-table td{border:1px solid #ccc;padding:2px 6px;text-align:left}"
    ".pi-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".pi-rule{background:#eef6ee}.pi-pub{background:#eef2fb}"
    ".pi-diff{background:#fde8e8;font-weight:bold}"
    ".pi-error{color:#b00020}.pi-warning{color:#a15c00}.pi-info{color:#555}"
    ".pi-total td{font-weight:bold;border-top:2px solid #888}"
    "</style>"
)


def cell(text: object, cls: str = "") -> str:
    """One ``<td>`` with its text escaped."""
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{escape('' if text is None else str(text))}</td>"


def num(value: Decimal | None, cls: str = "") -> str:
    """One right-aligned number cell."""
    return f'<td class="num {cls}">{escape(plain(value))}</td>'


def row(*cells: str, cls: str = "") -> str:
    """One ``<tr>`` of ready cells."""
    c = f' class="{cls}"' if cls else ""
    return f"<tr{c}>{''.join(cells)}</tr>"


def table(headers: Iterable[str], body: Iterable[str], caption: str = "") -> str:
    """A styled table: escaped headers, ready body rows, an optional caption."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'{STYLE}<table class="pi-table">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
