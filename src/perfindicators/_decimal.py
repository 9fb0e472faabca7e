"""Exact numbers: the one reader of published numbers and the one formatter of ``Decimal``.

>>> plain(Decimal("8.830"))
'8.830'
>>> plain(None)
''
>>> compact(Decimal("5.00")), compact(Decimal("5.50")), trimmed(Decimal("5.50")), trimmed(Decimal("1.2E+4"))
('5', '5.50', '5.5', '12000')
>>> read_number("10,740.00"), read_number("88.26%"), read_number("—"), read_number(3)
(Decimal('10740.00'), Decimal('88.26'), None, Decimal('3'))
>>> read_number(0.1 + 0.2)
Decimal('0.30000000000000004')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["NOT_A_NUMBER", "compact", "opt_plain", "plain", "read_number", "trimmed"]

#: cells that stand for "no number" in published forms
NOT_A_NUMBER = frozenset({"", "-", "—", "–", "/", "*", "－", "——"})


def plain(value: Decimal | None) -> str:
    """``Decimal`` as plain text without exponent (``8.83``); ``""`` for ``None``."""
    return "" if value is None else format(value, "f")


def compact(value: Decimal) -> str:
    """For explanations: a whole number without decimals (``5.00`` → ``5``), any other number
    as written (``5.50`` stays ``5.50``: the places are the scheme's rounding)."""
    s = format(value, "f")
    head, dot, tail = s.partition(".")
    return head if dot and not tail.strip("0") else s


def trimmed(value: Decimal) -> str:
    """Without trailing fractional zeros (``5.50`` → ``5.5``, ``1.2E+4`` → ``12000``)."""
    s = format(value, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def opt_plain(value: Decimal | None) -> str | None:
    """Like `plain`, but ``None`` stays ``None`` (for JSON)."""
    return None if value is None else format(value, "f")


def read_number(value: object, *, units: tuple[str, ...] = ("%", "％", "分")) -> Decimal | None:
    """A published number as ``Decimal``; ``None`` for an empty or dash cell.

    Thousands separators (``,`` ``，``) are dropped and one trailing word of *units* is removed.
    Floats are read through their shortest repr.

    Raises:
        ValueError: a cell that holds something else (``bool``, text, NaN, infinity).
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a number: {value!r}")
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    text = str(value).strip().replace(",", "").replace("，", "")
    if text in NOT_A_NUMBER:
        return None
    for unit in units:
        if text.endswith(unit):
            text = text[: -len(unit)].strip()
            break
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return d
