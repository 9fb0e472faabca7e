"""Units → text: the canonical Chinese rendering of a unit and of what it measures.

>>> from perfindicators.units import compound_unit, make, resolve_unit
>>> unit_text(compound_unit([("", "元"), ("/", "月"), ("*", "人")]))
'元/人/月'
>>> dimension_name(resolve_unit("万元"))
'货币 (currency)'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

import pint

from .. import _cache
from .registry import (
    _AREA,
    _DIM_LABEL,
    _NO_UNITS,
    _RANK,
    _RANK_OTHER,
    _SYMBOL,
    _TEXT,
    _VOLUME,
    Unit,
)

__all__ = ["dimension_name", "text_of", "unit_text"]


def _factor_key(item: tuple[str, Any]) -> tuple[int, str]:
    return (_RANK.get(item[0], _RANK_OTHER), item[0])


# A unit alone needs its classifier to be told from a date (6个月 is not 6月, June); after a
# "/" it does not.
_SHORT_DENOMINATOR: Final = {"个月": "月", "个小时": "小时", "个工作日": "工作日"}


def _render(unit: Any) -> str:
    numerator: list[str] = []
    denominator: list[str] = []
    for name, exponent in sorted(unit._units.items(), key=_factor_key):
        symbol = _SYMBOL.get(name, name)
        if exponent < 0 and symbol in _SHORT_DENOMINATOR:
            symbol = _SHORT_DENOMINATOR[symbol]  # 元/人/月, not 元/人/个月
        side = numerator if exponent > 0 else denominator
        power = abs(exponent)
        if power == int(power):
            side.extend([symbol] * int(power))
        else:  # not produced by compound_unit(); shown, not re-readable
            side.append(f"{symbol}^{power}")
    return "*".join(numerator) + "".join("/" + s for s in denominator)


def unit_text(unit: Unit | None) -> str:
    """The canonical Chinese rendering of *unit*: ``''`` for dimensionless (or ``None``).

    Each factor is written with its canonical CJK word; numerator factors are joined by
    ``*`` and each denominator factor follows a ``/``.  The order does not depend on how
    the unit was built: scale words and %, then money, counts, other units, and time
    last, so ``元/(人*月)`` is ``元/人/月`` however it was written.  Reading the text back
    with `compound_unit` (split at ``/`` and ``*``) gives an equal unit.

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> unit_text(compound_unit([("", "元"), ("/", "月"), ("*", "人")]))
    '元/人/月'
    >>> unit_text(resolve_unit("萬元")), unit_text(None)
    ('万元', '')
    """
    if unit is None:
        return ""
    text = _TEXT.get(unit)
    if text is None:
        text = _TEXT[unit] = _render(unit)
    return text


def _label(dim: str, exponent: Any) -> tuple[str, str]:
    if dim == "[length]" and exponent in (2, 3):
        return _AREA if exponent == 2 else _VOLUME
    label = _DIM_LABEL.get(dim, (dim.strip("[]"), "count"))
    power = int(exponent) if exponent == int(exponent) else None
    if power == 1:
        return label
    suffix = f"^{power if power is not None else exponent}"
    return (label[0] + suffix, label[1] + suffix)


def dimension_name(unit: Unit | None) -> str:
    """What *unit* measures, in Chinese and English, for error messages.

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> dimension_name(resolve_unit("万元")), dimension_name(resolve_unit("项"))
    ('货币 (currency)', '项 (count)')
    >>> dimension_name(compound_unit([("", "元"), ("/", "亩")]))
    '货币/面积 (currency/area)'
    """
    dims: Any = _NO_UNITS if unit is None else unit.dimensionality
    if not dims:
        return "无量纲 (dimensionless)"
    up = [_label(d, e) for d, e in dims.items() if e > 0]
    down = [_label(d, -e) for d, e in dims.items() if e < 0]
    zh = "*".join(z for z, _ in up) + "".join("/" + z for z, _ in down)
    en = "*".join(e for _, e in up) + "".join("/" + e for _, e in down)
    return f"{zh} ({en})"


_TEXT_OF: dict[Any, str] = {}
_TEXT_BY_ID: dict[int, tuple[Any, str]] = {}
_cache.register("perfindicators.units.text_of", _TEXT_OF)
_cache.register("perfindicators.units.text_by_id", _TEXT_BY_ID)


def text_of(value: pint.Quantity[Decimal]) -> str:
    """``unit_text`` of a quantity's unit, cached by its unit container (no Unit is built).

    >>> from perfindicators.units import compound_unit, make, resolve_unit
    >>> text_of(make(Decimal(5), resolve_unit("万元")))
    '万元'
    """
    key = value._units
    entry = _TEXT_BY_ID.get(id(key))
    if entry is not None and entry[0] is key:  # the same container object: no __eq__ needed
        return entry[1]
    text = _TEXT_OF.get(key)
    if text is None:
        text = _TEXT_OF[key] = unit_text(value.units)
    if len(_TEXT_BY_ID) > 4096:
        _TEXT_BY_ID.clear()
    _TEXT_BY_ID[id(key)] = (key, text)  # holding the container keeps its id from being reused
    return text
