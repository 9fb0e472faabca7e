"""Surface words → units: single words (万元, 个月, ㎡), compound rates (元/人*月), text.

>>> resolve_unit("萬元") == resolve_unit("万元")
True
>>> compound_unit([("", "元"), ("/", "人"), ("*", "月")]) == compound_unit(
...     [("", "元"), ("/", "人"), ("/", "月")])
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

from ..errors import UnknownUnitError
from .registry import (
    _ADHOC,
    _CACHE,
    _CJK_WORDS,
    _COMPOUND,
    _COMPOUND_STRICT,
    _DECLARED,
    _DIMENSIONLESS,
    _DIVIDE,
    _FOLDED,
    _FROM_TEXT,
    _MULTIPLY,
    _SYMBOL,
    _UNIT_WORDS,
    _WORD_NAME,
    Unit,
    define_count,
    user_words,
)

__all__ = ["compound_unit", "is_known_unit", "resolve_unit", "unit_from_text", "unit_words"]


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
    extra = user_words()
    if not extra:
        return _UNIT_WORDS
    return tuple(sorted((*_UNIT_WORDS, *extra), key=lambda w: (-len(w), w)))


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
    # Known words that complete it, shortest first: 平方 -> 平方米.
    for candidate in sorted((w for w in _CJK_WORDS if w.startswith(text) and w != text), key=len):
        add(candidate)
    # Known CJK words inside the word, longest first: 项目 -> 项, 人员 -> 人, 万元整 -> 万元.
    for candidate in _CJK_WORDS:
        if candidate in text:
            add(candidate)
    # Words that look alike (case-insensitively for ASCII).
    folded = {w.casefold(): w for w in reversed(_UNIT_WORDS)}
    for match in difflib.get_close_matches(text.casefold(), list(folded), n=3, cutoff=0.6):
        add(folded[match])
    return tuple(found[:3])


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
        unit = _ADHOC.get(text) or define_count(text)
        _ADHOC[word] = unit
        return unit
    return define_count(text)


def resolve_unit(word: str, *, strict: bool = False) -> Unit:
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


def compound_unit(parts: Sequence[tuple[str, str]], *, strict: bool = False) -> Unit:
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


_OPERATOR_RE: Final = re.compile(r"([/／÷*＊×·・])")


def unit_from_text(text: str, *, strict: bool = False) -> Unit:
    """The unit written *text*, as `unit_text` writes it: the inverse of unit_text.

    *text* is split at the operators and read by `compound_unit` (so ``元/人*月``
    works too); ``''`` is the dimensionless unit.  Cached.

    >>> from perfindicators.units import UREG, unit_text
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
