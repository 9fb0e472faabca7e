"""One place for the package's memory: every memo registers here, `clear_caches` empties all.

A memo is an ``functools.lru_cache`` made through `memo`, or any object with a ``clear()``
method registered with `register`.  Keys must be plain typed values (text, ``Decimal``, ``int``,
tuples of those): never objects whose equality ignores some of their fields.

>>> @memo(maxsize=8)
... def double(x: int) -> int:
...     return 2 * x
>>> double(2)
4
>>> "perfindicators._cache.double" in cache_names()
True
>>> clear_caches()
>>> double.cache_info().currsize
0
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

__all__ = ["Clearable", "cache_names", "cache_sizes", "clear_caches", "memo", "register"]

F = TypeVar("F", bound=Callable[..., Any])


class Clearable(Protocol):
    """What a registered cache offers: a way to empty it."""

    def clear(self) -> None: ...


_LOCK = threading.Lock()
_CLEARERS: dict[str, Callable[[], None]] = {}
_SIZERS: dict[str, Callable[[], int]] = {}


def register(name: str, cache: Clearable | Callable[[], None], size: Callable[[], int] | None = None) -> None:
    """Register a cache under a dotted name: a mapping or set with ``clear()``, or a clearing
    function (with *size* telling how many entries it holds)."""
    clear: Callable[[], None] = getattr(cache, "clear", cache)  # type: ignore[arg-type]
    if size is None:
        size = (lambda: len(cache)) if hasattr(cache, "__len__") else (lambda: 0)  # type: ignore[arg-type]
    with _LOCK:
        _CLEARERS[name] = clear
        _SIZERS[name] = size


def memo(maxsize: int | None = 4096, *, name: str | None = None) -> Callable[[F], F]:
    """An ``lru_cache`` that `clear_caches` empties, registered under ``module.function``."""

    def wrap(fn: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        register(name or f"{fn.__module__}.{fn.__qualname__}", cached.cache_clear,
                 lambda: cached.cache_info().currsize)
        return cached  # type: ignore[return-value]

    return wrap


def clear_caches() -> None:
    """Empty every memo of the package (parses, actuals, scores, unit texts, scheme files)."""
    with _LOCK:
        clearers = list(_CLEARERS.values())
    for clear in clearers:
        clear()


def cache_names() -> list[str]:
    """The dotted names of every registered cache, sorted."""
    with _LOCK:
        return sorted(_CLEARERS)


def cache_sizes() -> dict[str, int]:
    """How many entries each registered cache holds now."""
    with _LOCK:
        sizers = dict(_SIZERS)
    return {k: fn() for k, fn in sorted(sizers.items())}
