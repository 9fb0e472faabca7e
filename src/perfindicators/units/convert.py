"""Quantities: built, converted and compared without ever leaving `decimal.Decimal`.

Exactness: every factor in ``units.txt`` is a terminating decimal except the mu
(1 亩 = 10000/15 m²), which pint can only store rounded to the Decimal context (28
digits).  `to_unit` therefore does not use pint's rounded factors directly: it
turns them back into fractions (a factor within 1e-24 of a fraction with a denominator
up to 10**9 is snapped to it, so 666.6666666666666666666666667 becomes 2000/3), converts
with exact rational arithmetic and rounds once, at the end, to the Decimal context.  So
10000 m² is exactly 15 亩, and 1.2 亿元 is exactly ``Decimal('12000')`` 万元.

>>> from perfindicators.units import compound_unit, make, resolve_unit
>>> to_unit(make(Decimal("1.2"), resolve_unit("亿元")), resolve_unit("万元")).magnitude
Decimal('12000')
"""

from __future__ import annotations

from decimal import Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction
from typing import Any, Final

import pint

from ..errors import UnitMismatchError
from .registry import _CONVERSION, _NO_UNITS, UREG, Quantity, Unit
from .render import unit_text

__all__ = ["as_decimal", "compare_units", "magnitude_as", "make", "to_unit"]


_ONE: Final = Decimal(1)
_SNAP_DENOMINATOR: Final = 10**9
_SNAP_TOLERANCE: Final = Fraction(1, 10**24)


def as_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a magnitude must be a number, not a bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError(f"a magnitude must be a Decimal, not {type(value).__name__}")


_new_object = object.__new__


def _quantity(magnitude: Decimal, units: Any) -> Any:
    """The quantity *magnitude* (a Decimal) in the units container *units*, built directly:
    what ``Quantity(magnitude, units)`` makes of a Decimal and a container, without pint's
    checks and registry look-up for each quantity (trusted internal callers only)."""
    inst = _new_object(Quantity)
    inst._magnitude = magnitude
    inst._units = units
    return inst


def make(magnitude: Decimal, unit: Unit | None) -> pint.Quantity[Decimal]:
    """The quantity *magnitude* *unit* (``None``: dimensionless).

    *magnitude* should be a `decimal.Decimal`; an ``int``, ``str`` or ``Fraction`` is
    converted exactly and a ``float`` through its shortest repr.

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> make(Decimal("1.2"), resolve_unit("亿元")) == make(Decimal("12000"), resolve_unit("万元"))
    True
    """
    if type(magnitude) is not Decimal:
        magnitude = as_decimal(magnitude)
    return _quantity(magnitude, _NO_UNITS if unit is None else unit._units)  # type: ignore[no-any-return]


def _snap(factor: Any) -> Fraction:
    """A pint scale factor as a fraction; a rounded repeating decimal becomes its fraction."""
    exact = Fraction(factor)
    simple = exact.limit_denominator(_SNAP_DENOMINATOR)
    if simple != exact and abs(simple - exact) <= abs(exact) * _SNAP_TOLERANCE:
        return simple
    return exact


def _terminating(ratio: Fraction) -> Decimal | None:
    """*ratio* as an exact Decimal, or ``None`` if it does not terminate or is too long."""
    d = ratio.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None
    with localcontext() as ctx:
        ctx.traps[Inexact] = True
        try:
            return Decimal(ratio.numerator) / Decimal(ratio.denominator)
        except Inexact:
            return None


def _conversion(src: Any, dst: Any) -> tuple[Decimal | None, Fraction] | None:
    """The factor from units container *src* to *dst*, or ``None`` if not convertible."""
    key = (src, dst)
    try:
        return _CONVERSION[key]
    except KeyError:
        pass
    src_factor, src_root = UREG.get_root_units(src)
    dst_factor, dst_root = UREG.get_root_units(dst)
    result: tuple[Decimal | None, Fraction] | None = None
    if src_root == dst_root:
        ratio = _snap(src_factor) / _snap(dst_factor)
        result = (_terminating(ratio), ratio)
    _CONVERSION[key] = result
    return result


def _tidy(value: Decimal) -> Decimal:
    """*value* without trailing fractional zeros, never in exponent form if integral:
    ``Decimal('12000.0')`` -> ``Decimal('12000')``, ``Decimal('0.50')`` -> ``Decimal('0.5')``."""
    if not value.is_finite():
        return value
    normal = value.normalize()
    if normal.as_tuple().exponent > 0:  # type: ignore[operator]
        try:
            return normal.quantize(_ONE)
        except InvalidOperation:  # more digits than the context holds
            return normal
    return normal


def _mismatch(target: Any, actual: Any) -> UnitMismatchError:
    return UnitMismatchError(unit_text(target), unit_text(actual))


def compare_units(target_unit: Unit | None, actual_unit: Unit | None) -> None:
    """Raise `perfindicators.errors.UnitMismatchError` unless a quantity in
    *actual_unit* can be converted to *target_unit* (``None``: dimensionless).

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> compare_units(resolve_unit("万元"), resolve_unit("亿元"))
    >>> compare_units(resolve_unit("项"), resolve_unit("家"))
    Traceback (most recent call last):
    ...
    perfindicators.errors.UnitMismatchError: cannot compare "家" with "项": ...
    """
    target = _NO_UNITS if target_unit is None else target_unit._units
    actual = _NO_UNITS if actual_unit is None else actual_unit._units
    if target != actual and _conversion(actual, target) is None:
        raise _mismatch(target_unit, actual_unit)


def to_unit(q: pint.Quantity[Decimal], unit: Unit | None) -> pint.Quantity[Decimal]:
    """*q* converted to *unit* (``None``: dimensionless), exactly in Decimal.

    The factor is exact rational arithmetic (see the module docstring); the result is
    rounded once to the Decimal context and loses trailing fractional zeros.  A quantity
    already in *unit* is returned as is.  Raises
    `perfindicators.errors.UnitMismatchError` if the dimensions differ.

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> to_unit(make(Decimal("10000"), resolve_unit("平方米")), resolve_unit("亩")).magnitude
    Decimal('15')
    """
    src: Any = q._units
    dst: Any = _NO_UNITS if unit is None else unit._units
    if src == dst:
        return q
    conversion = _conversion(src, dst)
    if conversion is None:
        raise _mismatch(unit, q.units)
    exact, ratio = conversion
    magnitude = as_decimal(q.magnitude)
    if exact is not None:
        value = magnitude * exact
    else:
        product = Fraction(magnitude) * ratio
        value = Decimal(product.numerator) / Decimal(product.denominator)
    return _quantity(_tidy(value), dst)  # type: ignore[no-any-return]


def magnitude_as(value: pint.Quantity[Decimal], like: pint.Quantity[Decimal]) -> Decimal:
    """The magnitude of *value* in the unit of *like*, exactly; the fast path when the units
    are already the same. Raises `UnitMismatchError` like `to_unit`."""
    if value._units is like._units or value._units == like._units:
        return as_decimal(value.magnitude)
    return as_decimal(to_unit(value, like.units).magnitude)
