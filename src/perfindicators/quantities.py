"""Units and quantities: one pint registry with exact `decimal.Decimal` magnitudes.

The units are declared in ``units.txt`` (package data, pint syntax, documented in its
header): ASCII canonical names (``wan_yuan``), the CJK surface word as the symbol
(``万元``) and other written forms as aliases (``萬元``).  Every classifier (项, 家, 人次 …)
is a base dimension of its own, so 3项 and 3家 never compare; 万 / 亿 / 千 standing alone
are dimensionless scale words; 工作日 and 个百分点 are dimensions of their own.

The grammar works with surface words only:

* `unit_words` lists them for the lexer (longest first),
* `resolve_unit` and `compound_unit` turn them into `pint.Unit` objects
  (``元/人*月`` means yuan per person per month),
* `unit_text` renders a unit back (``元/人/月``), and re-reading the text gives an
  equal unit,
* `make`, `to_unit` and `compare_units` build, convert and check
  quantities without ever leaving `decimal.Decimal`.

Everything on the parsing hot path is memoised in plain dicts.

Exactness: every factor in ``units.txt`` is a terminating decimal except the mu
(1 亩 = 10000/15 m²), which pint can only store rounded to the Decimal context (28
digits).  `to_unit` therefore does not use pint's rounded factors directly: it
turns them back into fractions (a factor within 1e-24 of a fraction with a denominator
up to 10**9 is snapped to it, so 666.6666666666666666666666667 becomes 2000/3), converts
with exact rational arithmetic and rounds once, at the end, to the Decimal context.  So
10000 m² is exactly 15 亩, and 1.2 亿元 is exactly ``Decimal('12000')`` 万元.

>>> unit_text(compound_unit([("", "元"), ("/", "人"), ("*", "月")]))
'元/人/月'
>>> to_unit(make(Decimal("1.2"), resolve_unit("亿元")), resolve_unit("万元")).magnitude
Decimal('12000')
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction
from importlib import resources
from typing import Any, Final

import pint
from pint.facets.plain import ScaleConverter, UnitDefinition

from perfindicators.errors import UnitMismatchError, UnknownUnitError

__all__ = [
    "UREG",
    "Quantity",
    "compare_units",
    "compound_unit",
    "dimension_name",
    "is_known_unit",
    "make",
    "resolve_unit",
    "to_unit",
    "unit_from_text",
    "unit_text",
    "unit_words",
]


def _load_registry() -> Any:
    registry: Any = pint.UnitRegistry(
        None, non_int_type=Decimal, on_redefinition="raise", cache_folder=None
    )
    text = resources.files("perfindicators").joinpath("units.txt").read_text(encoding="utf-8")
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
_LOCK = threading.Lock()

_DIVIDE: Final = frozenset({"/", "／", "÷"})
_MULTIPLY: Final = frozenset({"", "*", "×", "·", "・", "＊"})


# ---------------------------------------------------------------------------------------
# Words -> units
# ---------------------------------------------------------------------------------------


def unit_words() -> tuple[str, ...]:
    """Every declared surface word of a simple unit, longest first (ties in code-point order).

    Symbols and aliases, CJK and ASCII (``万元``, ``個``, ``km``, ``%``, ``‰``, ``㎡``), so
    that a regex alternation built from them prefers ``个工作日`` over ``个`` and ``万元``
    over ``万``.  ASCII canonical names (``wan_yuan``) are left out unless they are also a
    written form; words defined on the fly by `resolve_unit` are left out too.

    >>> words = unit_words()
    >>> words.index("个工作日") < words.index("个"), words.index("万元") < words.index("万")
    (True, True)
    """
    return _UNIT_WORDS


def _find_declared(word: str) -> Any:
    """The declared unit written *word*, tolerating spaces, full-width forms (NFKC) and,
    for ASCII words, letter case when that is unambiguous (``KM``); else ``None``."""
    text = word.strip()
    unit = _DECLARED.get(text)
    if unit is None:
        text = unicodedata.normalize("NFKC", text)
        unit = _DECLARED.get(text)
    if unit is None and text.isascii():
        names = _FOLDED.get(text.casefold())
        if names is not None and len(names) == 1:
            unit = _DECLARED[next(iter(names))]
    return unit


def _suggest(word: str) -> tuple[str, ...]:
    """Did-you-mean candidates for an unknown *word*, as canonical surface words."""
    found: list[str] = []

    def add(candidate: str) -> None:
        symbol = _SYMBOL[_WORD_NAME[candidate]]
        if symbol not in found:
            found.append(symbol)

    text = unicodedata.normalize("NFKC", word.strip())
    # Known CJK words inside the word, longest first: 项目 -> 项, 人员 -> 人, 万元整 -> 万元.
    for candidate in _CJK_WORDS:
        if candidate in text:
            add(candidate)
    # Words that look alike (case-insensitively for ASCII).
    folded = {w.casefold(): w for w in reversed(_UNIT_WORDS)}
    for match in difflib.get_close_matches(text.casefold(), list(folded), n=3, cutoff=0.6):
        add(folded[match])
    return tuple(found[:3])


def _define_adhoc(word: str) -> Any:
    """Define *word* as a new count unit with a dimension of its own (under the lock)."""
    with _LOCK:
        unit = _ADHOC.get(word)
        if unit is not None:
            return unit
        taken = _R._units
        name = word
        if not (
            word.isidentifier()
            and not word.startswith("_")
            and word not in taken
            and f"[{word}]" not in _R._dimensions
        ):
            n = len(_ADHOC) + 1
            while f"_adhoc{n}" in taken or f"[_adhoc{n}]" in _R._dimensions:
                n += 1
            name = f"_adhoc{n}"
        dim = f"[{name}]"
        _R.define(
            UnitDefinition(
                name=name,
                defined_symbol=None if name == word or word in taken else word,
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


def _resolve_slow(word: str, strict: bool) -> Any:
    if not isinstance(word, str):
        raise TypeError(f"a unit word must be a str, not {type(word).__name__}")
    if not strict:
        unit = _ADHOC.get(word)
        if unit is not None:
            return unit
    unit = _find_declared(word)
    if unit is not None:
        _CACHE[word] = unit
        return unit
    text = word.strip()
    if not text:
        raise ValueError("empty unit word")
    if strict:
        raise UnknownUnitError(word, _suggest(word))
    if text != word:
        unit = _ADHOC.get(text) or _define_adhoc(text)
        _ADHOC[word] = unit
        return unit
    return _define_adhoc(text)


def resolve_unit(word: str, *, strict: bool = False) -> pint.Unit:
    """The unit written *word*, a single surface word such as ``万元``, ``个月`` or ``㎡``.

    Declared words (see `unit_words`) and ASCII canonical names (``wan_yuan``) are
    found directly; full-width forms (``ｋｍ``, ``％``) and the letter case of ASCII words
    (``KM``) are tolerated when that is unambiguous.

    An unknown word is, when *strict* is false, defined once (thread-safely) as a new count
    unit with a dimension of its own, written as the word itself; when *strict* is true it
    raises `perfindicators.errors.UnknownUnitError` with did-you-mean suggestions.
    Words defined on the fly stay unknown to strict mode.

    >>> resolve_unit("个月") == resolve_unit("月")
    True
    >>> resolve_unit("項目", strict=True)
    Traceback (most recent call last):
    ...
    perfindicators.errors.UnknownUnitError: unknown unit "項目"
    hint: did you mean "项"?
    """
    unit = _CACHE.get(word)
    if unit is not None:
        return unit  # type: ignore[no-any-return]
    return _resolve_slow(word, strict)  # type: ignore[no-any-return]


def is_known_unit(word: str) -> bool:
    """Whether *word* is a declared unit word (as `resolve_unit` reads it in strict mode).

    >>> is_known_unit("万元"), is_known_unit("KM"), is_known_unit("锅")
    (True, True, False)
    """
    return word in _CACHE or (isinstance(word, str) and _find_declared(word) is not None)


def _build_compound(parts: tuple[tuple[str, str], ...], strict: bool) -> Any:
    if not parts:
        raise ValueError("a compound unit needs at least one unit word")
    if len(parts) == 1 and parts[0][0] in _MULTIPLY:
        return resolve_unit(parts[0][1], strict=strict)
    result = _DIMENSIONLESS
    dividing = False
    for op, word in parts:
        if op in _DIVIDE:
            dividing = True
        elif op not in _MULTIPLY:
            raise ValueError(f"unknown unit operator {op!r}: use '/' or '*'")
        unit = resolve_unit(word, strict=strict)
        result = result / unit if dividing else result * unit
    return result


def compound_unit(parts: Sequence[tuple[str, str]], *, strict: bool = False) -> pint.Unit:
    """The unit of a rate written as (operator, word) pairs, the first operator ``''``.

    ``/`` divides; once a ``/`` has been seen, ``*`` keeps dividing, because forms write
    ``元/人*月`` for yuan per person per month; ``*`` before any ``/`` multiplies.  Full-width
    ``／`` and ``÷`` divide, ``×`` and ``·`` multiply.  Words are read by `resolve_unit`
    with the same *strict*.

    >>> compound_unit([("", "元"), ("/", "人"), ("*", "月")]) == compound_unit(
    ...     [("", "元"), ("/", "人"), ("/", "月")])
    True
    """
    key: Any = parts if type(parts) is tuple else tuple(parts)
    cache = _COMPOUND_STRICT if strict else _COMPOUND
    try:
        unit = cache.get(key)
    except TypeError:  # lists inside
        key = tuple((op, word) for op, word in key)
        unit = cache.get(key)
    if unit is None:
        unit = _build_compound(key, strict)
        cache[key] = unit
    return unit  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------
# Units -> text
# ---------------------------------------------------------------------------------------


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


def unit_text(unit: pint.Unit | None) -> str:
    """The canonical Chinese rendering of *unit*: ``''`` for dimensionless (or ``None``).

    Each factor is written with its canonical CJK word; numerator factors are joined by
    ``*`` and each denominator factor follows a ``/``.  The order does not depend on how
    the unit was built: scale words and %, then money, counts, other units, and time
    last, so ``元/(人*月)`` is ``元/人/月`` however it was written.  Reading the text back
    with `compound_unit` (split at ``/`` and ``*``) gives an equal unit.

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


_OPERATOR_RE: Final = re.compile(r"([/／÷*＊×·・])")


def unit_from_text(text: str, *, strict: bool = False) -> pint.Unit:
    """The unit written *text*, as `unit_text` writes it: the inverse of unit_text.

    *text* is split at the operators and read by `compound_unit` (so ``元/人*月``
    works too); ``''`` is the dimensionless unit.  Cached.

    >>> unit = compound_unit([("", "元"), ("/", "人"), ("*", "月")])
    >>> unit_from_text(unit_text(unit)) == unit, unit_from_text("") == UREG.Unit("")
    (True, True)
    """
    key = (text, strict)
    unit = _FROM_TEXT.get(key)
    if unit is None:
        tokens = [t.strip() for t in _OPERATOR_RE.split(text.strip())] if text.strip() else []
        if not tokens:
            unit = _DIMENSIONLESS
        else:
            # tokens alternate word, operator, word …; a leading operator leaves "" first
            words, ops = tokens[2::2], tokens[1::2]
            if any(not w for w in words):
                raise ValueError(f"a unit word is missing in {text!r}")
            parts = [("", tokens[0])] if tokens[0] else []
            parts += zip(ops, words, strict=True)
            unit = compound_unit(parts, strict=strict)
        _FROM_TEXT[key] = unit
    return unit


def _label(dim: str, exponent: Any) -> tuple[str, str]:
    if dim == "[length]" and exponent in (2, 3):
        return _AREA if exponent == 2 else _VOLUME
    label = _DIM_LABEL.get(dim, (dim.strip("[]"), "count"))
    power = int(exponent) if exponent == int(exponent) else None
    if power == 1:
        return label
    suffix = f"^{power if power is not None else exponent}"
    return (label[0] + suffix, label[1] + suffix)


def dimension_name(unit: pint.Unit | None) -> str:
    """What *unit* measures, in Chinese and English, for error messages.

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


# ---------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------

_ONE: Final = Decimal(1)
_SNAP_DENOMINATOR: Final = 10**9
_SNAP_TOLERANCE: Final = Fraction(1, 10**24)


def _as_decimal(value: Any) -> Decimal:
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


def make(magnitude: Decimal, unit: pint.Unit | None) -> pint.Quantity[Decimal]:
    """The quantity *magnitude* *unit* (``None``: dimensionless).

    *magnitude* should be a `decimal.Decimal`; an ``int``, ``str`` or ``Fraction`` is
    converted exactly and a ``float`` through its shortest repr.

    >>> make(Decimal("1.2"), resolve_unit("亿元")) == make(Decimal("12000"), resolve_unit("万元"))
    True
    """
    if type(magnitude) is not Decimal:
        magnitude = _as_decimal(magnitude)
    return Quantity(magnitude, _NO_UNITS if unit is None else unit._units)  # type: ignore[no-any-return]


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


def compare_units(target_unit: pint.Unit | None, actual_unit: pint.Unit | None) -> None:
    """Raise `perfindicators.errors.UnitMismatchError` unless a quantity in
    *actual_unit* can be converted to *target_unit* (``None``: dimensionless).

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


def to_unit(q: pint.Quantity[Decimal], unit: pint.Unit | None) -> pint.Quantity[Decimal]:
    """*q* converted to *unit* (``None``: dimensionless), exactly in Decimal.

    The factor is exact rational arithmetic (see the module docstring); the result is
    rounded once to the Decimal context and loses trailing fractional zeros.  A quantity
    already in *unit* is returned as is.  Raises
    `perfindicators.errors.UnitMismatchError` if the dimensions differ.

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
    magnitude = _as_decimal(q.magnitude)
    if exact is not None:
        value = magnitude * exact
    else:
        product = Fraction(magnitude) * ratio
        value = Decimal(product.numerator) / Decimal(product.denominator)
    return Quantity(_tidy(value), dst)  # type: ignore[no-any-return]


_TEXT_OF: dict[Any, str] = {}
_TEXT_BY_ID: dict[int, tuple[Any, str]] = {}


def text_of(value: pint.Quantity[Decimal]) -> str:
    """``unit_text`` of a quantity's unit, cached by its unit container (no Unit is built).

    >>> text_of(make(Decimal(5), resolve_unit("万元")))
    '万元'
    """
    key = value._units
    entry = _TEXT_BY_ID.get(id(key))
    if entry is not None and entry[0] is key:  # the same container object: no __eq__ needed
        return entry[1]
    text = _TEXT_OF.get(key)
    if text is None:
        text = _TEXT_OF[key] = unit_text(value.units)  # type: ignore[arg-type]
    if len(_TEXT_BY_ID) > 4096:
        _TEXT_BY_ID.clear()
    _TEXT_BY_ID[id(key)] = (key, text)  # holding the container keeps its id from being reused
    return text


def magnitude_as(value: pint.Quantity[Decimal], like: pint.Quantity[Decimal]) -> Decimal:
    """The magnitude of *value* in the unit of *like*, exactly; the fast path when the units
    are already the same. Raises `UnitMismatchError` like `to_unit`."""
    if value._units is like._units or value._units == like._units:
        return _as_decimal(value.magnitude)
    return _as_decimal(to_unit(value, like.units).magnitude)  # type: ignore[arg-type]
