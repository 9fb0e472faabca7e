"""Reading one cell: numbers, amounts with their unit, rates, weights, and targets.

The readers of every format (`.jsonfile`, `.grid`) read cells through these functions, so a
cell means the same wherever it comes from. Each raises ``ValueError`` with a message that
says what the cell should hold; the readers turn it into a `CellProblem` with the cell's place.

>>> amount("372.29万元", "万元"), amount("3,722,900元", "万元"), amount("10萬", "万元")
(Decimal('372.29'), Decimal('372.2900'), Decimal('10'))
>>> weight("3分"), rate("88.26%"), rate("0.8826")
(Decimal('3'), (Decimal('88.26'), True), (Decimal('0.8826'), False))
>>> target_problem("≥", 2021).splitlines()[0]
'cannot read the target: a number is missing after the comparator'
"""

from __future__ import annotations

from decimal import Decimal

from .._decimal import read_number
from ..errors import PerfIndicatorError
from ..parsing import parse

__all__ = ["MAX_CELL", "amount", "number", "rate", "target_problem", "weight"]

#: the longest cell text read (128 KiB); longer cells are a problem, not a memory sink
MAX_CELL = 128 * 1024

_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "萬元": Decimal(10_000),
          "万": Decimal(10_000), "萬": Decimal(10_000), "亿元": Decimal(100_000_000),
          "億元": Decimal(100_000_000), "亿": Decimal(100_000_000), "億": Decimal(100_000_000)}
_BY_LENGTH = sorted(_UNITS, key=len, reverse=True)


def _bounded(d: Decimal | None, value: object) -> Decimal | None:
    """*d*, if a form could hold it (no more than 15 digits before the point, 12 after)."""
    if d is not None and d and not -12 <= d.adjusted() <= 15:
        raise ValueError(f"not a number a form holds: {str(value)[:40]!r} is out of range")
    return d


def number(value: object) -> Decimal | None:
    """A published number (``88.26%``, ``3分``, ``10,740.00``); ``None`` for a dash or blank."""
    return _bounded(read_number(value), value)


def weight(value: object) -> Decimal | None:
    """A weight or a score, written bare or with 分.

    Raises:
        ValueError: not a number, or out of range (a negative score is read: the audit
            reports it).
    """
    return _bounded(read_number(value), value)


def amount(value: object, unit: str = "万元") -> Decimal | None:
    """A budget amount in the block's *unit*: bare, or written with its own unit (万元, 元,
    萬, 亿元), converted exactly when the units differ.

    Raises:
        ValueError: not an amount.
    """
    if value is None or isinstance(value, Decimal | int | float):
        return _bounded(read_number(value, units=()), value)
    text = str(value).strip()
    for word in _BY_LENGTH:
        if text.endswith(word) and text[: -len(word)].strip():
            d = read_number(text[: -len(word)], units=())
            if d is None:
                return None
            factor = _UNITS[word] / _UNITS.get(unit, Decimal(10_000))
            return _bounded(d if factor == 1 else d * factor, value)
    return _bounded(read_number(text, units=()), value)


def rate(value: object) -> tuple[Decimal | None, bool]:
    """A rate and whether it was written with ``%`` (a bare ``0.8826`` may be a fraction)."""
    text = "" if value is None else str(value).strip()
    return _bounded(read_number(value, units=("%", "％")), value), text.endswith(("%", "％"))


def target_problem(text: str, year: int | None) -> str | None:
    """Why *text* cannot be read as a target (the parser's message with its caret), or
    ``None`` when it can."""
    try:
        parse(text, year=year)
    except PerfIndicatorError as e:
        return str(e)
    return None
