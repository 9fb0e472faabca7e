"""Memo keys: plain typed values that tell apart what equality conflates.

Python's equality is too kind for a memo: ``1 == True == Decimal("1.0")``, ``2021 == 2021.0``,
and the value classes of this package leave some fields out of their equality on purpose
(an actual's ``text``, a target's ``subject``). A memo keyed on such objects hands one call's
answer to another. `memo_key` turns a value into a key that keeps every field and the type of
every number, so two keys are equal only when the values are the same in every respect.

Examples:
    >>> from decimal import Decimal
    >>> memo_key(1) == memo_key(True), memo_key(Decimal("3")) == memo_key(Decimal("3.0"))
    (False, False)
    >>> memo_key(("≥60项", 3)) == memo_key(("≥60项", 3))
    True
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from .._cache import register
from ..errors import Unkeyable

__all__ = ["Hashed", "Unkeyable", "memo_key"]


_SCALARS = (str, int, float, bool, type(None))

# What memo_key reads of a class or a unit, found once: the names of an attrs class's keyed
# fields (its fields never change), and a pint unit container's text (``str(q.units)`` builds a
# Unit and formats it: microseconds). Both registered, so `clear_caches` empties them.
_ATTRS_FIELDS: dict[type, tuple[str, ...]] = {}
_UNIT_TEXT: dict[Any, str] = {}
_QUANTITIES: set[type] = set()
register("perfindicators.policies._key.attrs_fields", _ATTRS_FIELDS)
register("perfindicators.policies._key.quantity_types", _QUANTITIES)
register("perfindicators.policies._key.unit_text", _UNIT_TEXT)


def _attrs_key(cls: type, names: tuple[str, ...], value: object) -> Any:
    return (cls, tuple((name, memo_key(getattr(value, name))) for name in names))


def _unit_text(value: Any) -> str:
    container = getattr(value, "_units", None)
    if container is None:
        return str(value.units)
    try:
        return _UNIT_TEXT[container]
    except KeyError:
        pass
    except TypeError:  # an unhashable container: not pint's
        return str(value.units)
    text = str(value.units)
    if len(_UNIT_TEXT) >= 4096:
        _UNIT_TEXT.clear()
    _UNIT_TEXT[container] = text
    return text


def memo_key(value: object) -> Any:
    """A hashable key that equals another only for values alike in type and every field.

    Strings, ``None`` and ints (not bools) key as themselves; other numbers carry their type
    and their exact text (``Decimal('3.0')`` is not ``Decimal('3')``); enums their class and
    name; attrs instances and dataclasses their class and every field, fields left out of
    equality included;
    functions, classes and other objects whose equality is identity key as themselves (the
    memo holds them, so their identity cannot be reused); pint quantities their magnitude and
    unit text. An attrs field with ``metadata={"memo": False}`` (a cache of derived data) is
    left out.

    Raises:
        Unkeyable: a value whose equality is its own (a user class with ``__eq__``), which no
            key can be trusted to capture.
    """
    if value is None or type(value) is str:
        return value
    if type(value) is int:
        return value
    cls = type(value)
    if cls is bool:
        return ("bool", value)
    if cls is Decimal:
        return ("Decimal", str(value))
    # a class seen before, whose value the tests below came to key as an attrs instance or a
    # pint quantity (a class's answer to them does not change)
    names = _ATTRS_FIELDS.get(cls)
    if names is not None:
        return _attrs_key(cls, names, value)
    if cls in _QUANTITIES:
        return ("Quantity", memo_key(value.magnitude), _unit_text(value))  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, enum.Enum):
        return (type(value), value.name)
    if isinstance(value, str | int):  # subclasses of str and int that are not enums
        return (type(value), str(value))
    if isinstance(value, _dt.date):  # datetimes too
        return (type(value), value.isoformat())
    if isinstance(value, tuple | list):
        return (type(value), tuple(memo_key(v) for v in value))
    if isinstance(value, frozenset | set):
        return (type(value), tuple(sorted((memo_key(v) for v in value), key=repr)))
    if attrs.has(cls):
        names = tuple(f.name for f in attrs.fields(cls) if f.metadata.get("memo", True))
        if len(_ATTRS_FIELDS) < 4096:
            _ATTRS_FIELDS[cls] = names
        return _attrs_key(cls, names, value)
    if dataclasses.is_dataclass(value):
        return (cls, tuple((f.name, memo_key(getattr(value, f.name)))
                           for f in dataclasses.fields(value)))
    if hasattr(value, "magnitude") and hasattr(value, "units"):  # a pint quantity
        if len(_QUANTITIES) < 64 and not dataclasses.is_dataclass(cls):
            _QUANTITIES.add(cls)
        return ("Quantity", memo_key(value.magnitude), _unit_text(value))
    if cls.__eq__ is object.__eq__ and cls.__hash__ is object.__hash__:
        return ("is", value)  # identity: the key holds the object, its id is not reused
    raise Unkeyable(f"no memo key for a {cls.__qualname__}: its equality is its own")


class Hashed:
    """A big memo key with its hash computed once (a scheme's: every rule, weight and grade),
    so a memo lookup does not hash it again on every call. It pickles as its value: the hash
    of text differs between processes and is computed anew where it is unpickled.

    Examples:
        >>> Hashed(("a", 1)) == Hashed(("a", 1)), Hashed(("a", 1)) == Hashed(("a", 2))
        (True, False)
    """

    __slots__ = ("_hash", "value")

    def __init__(self, value: Any) -> None:
        self.value = value
        self._hash = hash(value)

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Hashed) and self._hash == other._hash
                                 and self.value == other.value)

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (Hashed, (self.value,))

    def __repr__(self) -> str:
        return f"Hashed({self.value!r})"
