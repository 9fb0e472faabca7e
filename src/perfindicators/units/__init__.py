"""Units and quantities: one pint registry with exact `decimal.Decimal` magnitudes.

The units are declared in ``units.txt`` (package data beside this package, pint syntax,
documented in its header): ASCII canonical names (``wan_yuan``), the CJK surface word as the
symbol (``万元``) and other written forms as aliases (``萬元``).  The package is split by
concept:

* `perfindicators.units.registry` — the registry, its tables, units defined after import;
* `perfindicators.units.words` — surface words → units (`resolve_unit`, `compound_unit`);
* `perfindicators.units.render` — units → canonical text (`unit_text`, `dimension_name`);
* `perfindicators.units.convert` — exact quantities (`make`, `to_unit`, `compare_units`).

Quantities and units pickle by value (their magnitude and canonical unit words), so they cross
processes: the receiving process rebuilds them in its own registry, defining ad-hoc count units
under the same deterministic names.

>>> import pickle
>>> q = make(Decimal("2.5"), compound_unit([("", "元"), ("/", "人"), ("*", "月")]))
>>> pickle.loads(pickle.dumps(q)) == q
True
>>> unit_text(pickle.loads(pickle.dumps(q)).units)
'元/人/月'
"""

from __future__ import annotations

import copyreg
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pint

from .. import _cache
from ..errors import UnknownUnitError
from .convert import as_decimal, compare_units, magnitude_as, make, to_unit
from .registry import (
    _R,
    _SYMBOL,
    UREG,
    Quantity,
    QuantityT,
    Unit,
    declare_word,
    define_count,
    define_multiple,
    generation,
)
from .render import dimension_name, text_of, unit_text
from .words import compound_unit, is_known_unit, resolve_unit, unit_from_text, unit_words

__all__ = [
    "UREG",
    "Quantity",
    "QuantityT",
    "Unit",
    "as_decimal",
    "compare_units",
    "compound_unit",
    "define_unit",
    "dimension_name",
    "generation",
    "is_known_unit",
    "magnitude_as",
    "make",
    "resolve_unit",
    "text_of",
    "to_unit",
    "unit_from_text",
    "unit_text",
    "unit_words",
]

_DEFINITION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(\S+)\s*$")


def define_unit(word: str, definition: str | None = None) -> Unit:
    """Declare a unit word at run time; the target parser reads it at once.

    Args:
        word: the surface word, e.g. ``"标准箱"``.
        definition: ``None`` for a count with a dimension of its own (3标准箱 never compares
            with 3箱), or a multiple of a known unit such as ``"1000 万元"``.

    Raises:
        ValueError: an empty word, a word that is already a unit, or a definition that is not
            "number word".

    Examples:
        >>> import perfindicators as pi
        >>> _ = pi.define_unit("标准箱")
        >>> pi.parse("≥5标准箱")
        Comparison('≥5标准箱')
        >>> _ = pi.define_unit("千万元", "1000 万元")
        >>> pi.parse("≤2千万元").evaluate("1500万元").met
        True
    """
    if not isinstance(word, str) or not word.strip() or any(c.isspace() for c in word):
        raise ValueError(f"a unit word is a non-empty word without spaces, not {word!r}")
    if is_known_unit(word):
        raise ValueError(f"{word!r} is already a unit")
    if any(c in "/*／÷×·・＊0123456789" for c in word):
        raise ValueError(f"a unit word has no digits or operators: {word!r}")
    if definition is None:
        unit = define_count(word)
    else:
        m = _DEFINITION.match(definition)
        if m is None:
            raise ValueError(f'a unit is defined as "number unit" (e.g. "1000 万元"), not {definition!r}')
        try:
            factor = Decimal(m.group(1))
            of = resolve_unit(m.group(2), strict=True)
        except (InvalidOperation, UnknownUnitError) as e:
            raise ValueError(f"cannot define {word!r} as {definition!r}: {e}") from None
        unit = define_multiple(word, factor, of)
    declare_word(word, unit)
    _cache.clear_caches()  # texts already parsed may read differently now
    result: Unit = unit
    return result


# ---- pickling by value -----------------------------------------------------------------------

def _unit_words(container: Any) -> tuple[tuple[str, str, Any], ...]:
    return tuple((name, _SYMBOL.get(name, name), exp) for name, exp in container.items())


def _rebuild_container(parts: tuple[tuple[str, str, Any], ...]) -> Any:
    items: dict[str, Any] = {}
    for name, word, exp in parts:
        if name not in _R._units:
            define_count(word, name=name)
        items[name] = exp
    return UREG.UnitsContainer(items)


def _rebuild_quantity(magnitude: Decimal, parts: tuple[tuple[str, str, Any], ...]) -> Any:
    return Quantity(magnitude, _rebuild_container(parts))


def _rebuild_unit(parts: tuple[tuple[str, str, Any], ...]) -> Any:
    return UREG.Unit(_rebuild_container(parts))


def _reduce_quantity(value: Any) -> tuple[Any, ...]:
    return _rebuild_quantity, (as_decimal(value.magnitude), _unit_words(value._units))


def _reduce_unit(value: Any) -> tuple[Any, ...]:
    return _rebuild_unit, (_unit_words(value._units),)


copyreg.pickle(UREG.Quantity, _reduce_quantity)
copyreg.pickle(UREG.Unit, _reduce_unit)
assert isinstance(UREG, pint.UnitRegistry)
