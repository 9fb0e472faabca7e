"""HTML building blocks for notebooks: escaped cells and one table style (a leaf module).

Each value class builds its own ``_repr_html_`` from these; nothing here knows a value class.

Notebook front ends bring their own table CSS (JupyterLab and nbconvert right-align every
cell and fix the table layout, so narrow Chinese columns wrap one character per line; VS Code
may drop ``<style>`` elements). So every cell also carries its alignment inline, the table its
layout, and `STYLE` uses selectors more specific than the front ends' (``table.pi-table.pi-table
td``), scoped to ``pi-table``: text left-aligned, numbers right-aligned with thousands
separators, nothing else on the page touched.

Examples:
    >>> from decimal import Decimal
    >>> html = table(["指标", "得分"], [row(cell("专利<1>"), num(Decimal("8417.730000")))])
    >>> html.split("</style>")[1][:46]
    '<table class="pi-table" style="border-collapse'
    >>> '>专利&lt;1&gt;</td>' in html, '>8,417.73</td>' in html
    (True, True)
    >>> fmt(Decimal("9537.730000")), fmt(Decimal("1.50")), fmt(Decimal("0.333333")), fmt(None)
    ('9,537.73', '1.50', '0.333333', '')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape

__all__ = ["HEADERS", "STYLE", "cell", "escape", "fmt", "num", "row", "table"]

_T = "table.pi-table.pi-table"  # two classes and an element: beats .jp-RenderedHTMLCommon td
STYLE = (
    "<style>"
    f"{_T}{{border-collapse:collapse;font-size:13px;table-layout:auto;width:auto;"
    "margin:0.25em 0}"
    f"{_T} th,{_T} td{{border:1px solid #ccc;padding:2px 6px;text-align:left;"
    "vertical-align:top;white-space:normal;word-break:normal;overflow-wrap:break-word;"
    "max-width:32em;line-height:1.4}"
    f"{_T} td{{min-width:4.5em}}"
    f"{_T} th{{background:#f3f3f3;font-weight:600;white-space:nowrap}}"
    f"{_T} td.num{{text-align:right;white-space:nowrap;min-width:0;"
    "font-variant-numeric:tabular-nums}"
    f"{_T} caption{{text-align:left;font-weight:600;padding:2px 0}}"
    f"{_T} tbody tr:nth-child(odd){{background:transparent}}"
    f"{_T} .pi-rule{{background:#eef6ee}}{_T} .pi-pub{{background:#eef2fb}}"
    f"{_T} .pi-diff{{background:#fde8e8;font-weight:bold}}"
    f"{_T} .pi-error{{color:#b00020}}{_T} .pi-warning{{color:#a15c00}}{_T} .pi-info{{color:#555}}"
    f"{_T} tr.pi-total td{{font-weight:bold;border-top:2px solid #888}}"
    "</style>"
)
_LEFT = 'style="text-align:left"'
_RIGHT = 'style="text-align:right;white-space:nowrap"'

#: column headers shown with words that cannot be read as something else: a bare 差
#: (difference) reads as the grade 差 (poor)
HEADERS = {"差": "差额 difference", "差值": "差额 difference"}


def fmt(value: Decimal | None) -> str:
    """A number for people: thousands separators, and zeros past the cents dropped when they
    say nothing (``9537.730000`` → ``9,537.73``); never rounded."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value == value.quantize(Decimal("0.01")):
        value = value.quantize(Decimal("0.01"))
    return format(value, ",f")


def cell(text: object, cls: str = "") -> str:
    """One ``<td>`` with its text escaped, left-aligned."""
    c = f' class="{cls}"' if cls else ""
    return f"<td{c} {_LEFT}>{escape('' if text is None else str(text))}</td>"


def num(value: Decimal | None, cls: str = "") -> str:
    """One right-aligned number cell, formatted by `fmt` (``8,417.73``)."""
    classes = f"num {cls}".strip()
    return f'<td class="{classes}" {_RIGHT}>{escape(fmt(value))}</td>'


def row(*cells: str, cls: str = "") -> str:
    """One ``<tr>`` of ready cells."""
    c = f' class="{cls}"' if cls else ""
    return f"<tr{c}>{''.join(cells)}</tr>"


def table(headers: Iterable[str], body: Iterable[str], caption: str = "") -> str:
    """A styled table: escaped headers (see `HEADERS`), ready body rows, an optional caption."""
    head = "".join(f"<th {_LEFT}>{escape(HEADERS.get(h, h))}</th>" for h in headers)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'{STYLE}<table class="pi-table" style="border-collapse:collapse;'
            f'table-layout:auto;width:auto">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
