"""The one pint registry of perfindicators, built from ``units.txt``, and its tables.

The definitions file (package data beside this module, pint syntax, documented in its header)
is the single source of truth for unit words.  Every classifier (项, 家, 人次 …) is a base
dimension of its own, so 3项 and 3家 never compare; 万 / 亿 / 千 standing alone are
dimensionless scale words; 工作日 and 个百分点 are dimensions of their own.

Units defined after import — by `define_unit`, or on the fly for an unknown word when parsing
is not strict — get deterministic names (the word itself when it is an identifier, else
``_u`` and its code points), so a quantity pickled in one process means the same unit in
another.  `generation` counts the definitions made through `define_unit`: the parser is
rebuilt when it changes, so the lexer reads a new word at once.

>>> UREG.Unit("xiang") == UREG.Unit("项")
True
"""

from __future__ import annotations

import threading
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Any, Final, TypeAlias

import pint
from pint.facets.plain import PlainUnit, ScaleConverter, UnitDefinition

from .. import _cache

__all__ = ["UREG", "Quantity", "QuantityT", "Unit", "generation"]

#: a quantity of the registry (pint's generic type, Decimal magnitudes)
QuantityT: TypeAlias = "pint.Quantity[Decimal]"
#: a unit of the registry
Unit: TypeAlias = "pint.Unit | PlainUnit"


def _load_registry() -> Any:
    registry: Any = pint.UnitRegistry(
        None, non_int_type=Decimal, on_redefinition="raise", cache_folder=None
    )
    text = resources.files("perfindicators.units").joinpath("units.txt").read_text(encoding="utf-8")
    registry.load_definitions(text.splitlines())
    return registry


#: The one unit registry of perfindicators (Decimal magnitudes, units from ``units.txt``).
UREG: pint.UnitRegistry[Decimal] = _load_registry()
#: Quantities of `UREG`.
Quantity: Any = UREG.Quantity

_R: Any = UREG  # untyped view for pint internals (``_units``, ``_dimensions``)

# ---------------------------------------------------------------------------------------
# Tables built once from the registry
# ---------------------------------------------------------------------------------------

_DIMENSIONLESS: Any = UREG.Unit("")
_NO_UNITS: Any = _DIMENSIONLESS._units

# Dimensions that are not counts, with their (Chinese, English) description.
_DIMENSION_LABELS: Final[dict[str, tuple[str, str]]] = {
    "[currency]": ("货币", "currency"),
    "[time]": ("时间", "time"),
    "[workday]": ("工作日", "working days"),
    "[length]": ("长度", "length"),
    "[mass]": ("质量", "mass"),
    "[information]": ("数据量", "data"),
    "[score]": ("分值", "score"),
    "[percentage_point]": ("百分点", "percentage points"),
}
_AREA: Final = ("面积", "area")
_VOLUME: Final = ("体积", "volume")

# Order of the factors in unit_text(): scale words and %, money, counts, the rest, time.
_RANK_SCALE, _RANK_MONEY, _RANK_COUNT, _RANK_OTHER, _RANK_TIME = range(5)

_SYMBOL: dict[str, str] = {}  # canonical name -> canonical surface word
_RANK: dict[str, int] = {}  # canonical name -> rank in unit_text()
_DIM_LABEL: dict[str, tuple[str, str]] = dict(_DIMENSION_LABELS)  # count dims are added
_DECLARED: dict[str, Any] = {}  # surface words and canonical names -> Unit
_WORD_NAME: dict[str, str] = {}  # surface word -> canonical name
_FOLDED: dict[str, set[str]] = {}  # casefolded ASCII surface word -> canonical names


def _rank_of(dims: Any) -> int:
    if not dims:
        return _RANK_SCALE
    if len(dims) == 1:
        ((dim, exp),) = dims.items()
        if dim == "[currency]":
            return _RANK_MONEY
        if dim in ("[time]", "[workday]"):
            return _RANK_TIME
        if dim not in _DIMENSION_LABELS and exp == 1:
            return _RANK_COUNT
    return _RANK_OTHER


def _build_tables() -> tuple[str, ...]:
    definitions = {d.name: d for d in _R._units.values()}
    for name, definition in definitions.items():
        unit = UREG.Unit(name)
        symbol = definition.symbol
        _SYMBOL[name] = symbol
        _RANK[name] = _rank_of(UREG.get_dimensionality(name))
        _DECLARED[name] = unit
        if definition.is_base:
            (dim,) = definition.reference.keys()
            _DIM_LABEL.setdefault(dim, (symbol, "count"))
        for word in (symbol, *definition.aliases):
            _DECLARED[word] = unit
            _WORD_NAME[word] = name
            if word.isascii():
                _FOLDED.setdefault(word.casefold(), set()).add(name)
    return tuple(sorted(_WORD_NAME, key=lambda w: (-len(w), w)))


_UNIT_WORDS: Final[tuple[str, ...]] = _build_tables()
_CJK_WORDS: Final[tuple[str, ...]] = tuple(w for w in _UNIT_WORDS if not w.isascii())

# Hot-path caches (plain dicts: reads are lock-free; only ad-hoc definitions take the lock).
_CACHE: dict[str, Any] = dict(_DECLARED)  # every word known to resolve to a declared unit
_ADHOC: dict[str, Any] = {}  # words defined on the fly (non-strict mode)
_COMPOUND: dict[Any, Any] = {}
_COMPOUND_STRICT: dict[Any, Any] = {}
_TEXT: dict[Any, str] = {}
_FROM_TEXT: dict[tuple[str, bool], Any] = {}
_CONVERSION: dict[tuple[Any, Any], tuple[Decimal | None, Fraction] | None] = {}
_LOCK = threading.RLock()



def _reset_word_cache() -> None:
    _CACHE.clear()
    _CACHE.update(_DECLARED)


_cache.register("perfindicators.units.words", _reset_word_cache, lambda: len(_CACHE) - len(_DECLARED))
for _name, _memo in (("compound", _COMPOUND), ("compound_strict", _COMPOUND_STRICT),
                     ("text", _TEXT), ("from_text", _FROM_TEXT), ("conversion", _CONVERSION)):
    _cache.register(f"perfindicators.units.{_name}", _memo)

_DIVIDE: Final = frozenset({"/", "／", "÷"})
_MULTIPLY: Final = frozenset({"", "*", "×", "·", "・", "＊"})




def adhoc_name(word: str) -> str:
    """The deterministic canonical name of a word defined after import.

    >>> adhoc_name("锅"), adhoc_name("box")
    ('_u9505', 'box')
    """
    if (word.isidentifier() and word.isascii() and not word.startswith("_")
            and word not in _R._units and f"[{word}]" not in _R._dimensions):
        return word
    return "_u" + "_".join(f"{ord(c):x}" for c in word)


def define_count(word: str, *, name: str | None = None) -> Any:
    """Define *word* as a new count unit with a dimension of its own (idempotent, locked)."""
    with _LOCK:
        unit = _ADHOC.get(word)
        if unit is not None:
            return unit
        name = name or adhoc_name(word)
        if name in _R._units:
            if _SYMBOL.get(name) != word:  # pragma: no cover - adhoc_name avoids taken names
                raise ValueError(f"the unit name {name!r} is taken")
            unit = UREG.Unit(name)
            _ADHOC[word] = unit
            return unit
        dim = f"[{name}]"
        _R.define(
            UnitDefinition(
                name=name,
                defined_symbol=None if name == word else word,
                aliases=(),
                converter=ScaleConverter(_R.non_int_type(1)),
                reference=UREG.UnitsContainer({dim: 1}),
            )
        )
        unit = UREG.Unit(name)
        _SYMBOL[name] = word
        _RANK[name] = _RANK_COUNT
        _DIM_LABEL[dim] = (word, "count")
        _ADHOC[word] = unit
        return unit


def define_multiple(word: str, factor: Decimal, of: Any) -> Any:
    """Define *word* as *factor* times the unit *of* (a declared or defined unit); locked."""
    with _LOCK:
        name = adhoc_name(word)
        if name in _R._units:
            raise ValueError(f"the unit name {name!r} is taken")
        ((base, exponent),) = of._units.items() if len(of._units) == 1 else ((None, None),)
        if base is None or exponent != 1:
            raise ValueError("a unit is defined as a multiple of one simple unit")
        _R.define(
            UnitDefinition(
                name=name,
                defined_symbol=None if name == word else word,
                aliases=(),
                converter=ScaleConverter(_R.non_int_type(factor)),
                reference=UREG.UnitsContainer({base: 1}),
            )
        )
        unit = UREG.Unit(name)
        _SYMBOL[name] = word
        _RANK[name] = _RANK.get(base, _RANK_OTHER)
        return unit


def declare_word(word: str, unit: Any) -> None:
    """Make *word* a declared surface word of *unit*: strict parsing accepts it, the lexer
    reads it as a unit (`generation` moves on)."""
    global _GENERATION
    with _LOCK:
        name = next(iter(unit._units))
        _DECLARED[word] = unit
        _WORD_NAME[word] = name
        _CACHE[word] = unit
        _USER_WORDS.append(word)
        _GENERATION += 1


def user_words() -> tuple[str, ...]:
    """The words declared through `perfindicators.define_unit`, in order."""
    return tuple(_USER_WORDS)


def generation() -> int:
    """How many words `perfindicators.define_unit` has declared (the parser's cache key)."""
    return _GENERATION


_USER_WORDS: list[str] = []
_GENERATION = 0
