"""The plain inputs of a score, checked before they reach a memo: weights, years, amounts.

Equal is not the same: ``True == 1`` and ``2021.0 == 2021``, so a memo keyed on the raw
arguments would hand one call's answer to another. Each input is made one exact, typed value
here first: a weight is a ``Decimal`` (``True`` is refused), a year an ``int`` (``2021.0``
and ``"2021"`` become ``2021``; ``2021.5``, ``True`` and other text are refused).

>>> to_weight("2.5"), to_weight(3), to_year(2021.0), to_amount("9,537.73万元", "budget")
(Decimal('2.5'), Decimal('3'), 2021, Decimal('9537.73'))
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .._cache import memo
from .._decimal import read_number
from ..errors import WeightError
from ..periods import check_year

__all__ = ["to_amount", "to_weight", "to_year"]

_WEIGHT_HINT = "write the 分值 as a number, e.g. 3 or 2.5"
_AMOUNT_UNITS = ("万元", "萬元", "万", "萬", "元")


def to_weight(weight: object) -> Decimal:
    """A weight (分值) as a ``Decimal``: an ``int``, a ``Decimal``, a ``float`` (read through
    its shortest repr) or numeric text (``"3"``, ``"2.5"``).

    Raises:
        WeightError: anything else — ``True``/``False``, ``None``, words, negative or
            non-finite numbers.
    """
    if type(weight) is str or type(weight) is int:
        return _weight_of(weight)  # the common case, memoised (a str never equals an int)
    return _read_weight(weight)


@memo(maxsize=4096)
def _weight_of(weight: str | int) -> Decimal:
    return _read_weight(weight)


def _read_weight(weight: object) -> Decimal:
    if isinstance(weight, bool) or weight is None:
        raise WeightError(f"a weight is a number, not {weight!r}", hint=_WEIGHT_HINT)
    if not isinstance(weight, str | int | float | Decimal):
        raise WeightError(f"a weight is a number, not a {type(weight).__name__}",
                          hint=_WEIGHT_HINT)
    # not `read_number`: a weight takes no thousands separator ("2,5" is a mistake, not 25)
    text = weight if isinstance(weight, Decimal) else (
        repr(weight) if isinstance(weight, float) else str(weight).strip())
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise WeightError(f"a weight is a number, not {weight!r}", hint=_WEIGHT_HINT) from None
    if not d.is_finite() or d < 0:
        raise WeightError(f"a weight is a finite number ≥ 0, not {weight!r}", hint=_WEIGHT_HINT)
    return d


def to_year(year: object) -> int | None:
    """The form's year as an ``int`` (``None`` stays ``None``): `perfindicators.periods.check_year`,
    the one year check the parser uses too (``2021.0`` and ``"2021"`` are 2021).

    Raises:
        YearError: ``True``/``False``, a fraction, other text, a year outside 1900–2199.
    """
    if year is None or (type(year) is int and 1900 <= year <= 2199):
        return year
    return check_year(year)


def to_amount(value: object, what: str) -> Decimal:
    """An amount of the budget block: thousands separators and a trailing 万元/元 allowed.

    Raises:
        WeightError: not a number ≥ 0 (naming *what*).
    """
    hint = "write the amount in the block's unit, e.g. 9537.73"
    if isinstance(value, bool) or value is None:
        raise WeightError(f"the {what} amount is a number, not {value!r}", hint=hint)
    try:
        d = read_number(value if not isinstance(value, str) else value.strip(),
                        units=_AMOUNT_UNITS)
    except ValueError:
        d = None
    if d is None or d < 0:
        raise WeightError(f"the {what} amount is a finite number ≥ 0, not {value!r}", hint=hint)
    return d
