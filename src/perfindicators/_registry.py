"""One registry class for everything looked up by name: policies and schemes.

A `Registry` maps names to entries of one kind. It is an instance (a package keeps a
module-level default, users may make their own), it has a decorator form, registering a taken
name fails unless ``replace=True``, a lookup accepts a name or an entry, an unknown name lists
the valid ones, and installed packages plug in through an entry-point group. Every entry is
checked when it registers — plug-ins too — and a failure names the entry and the plug-in. A
plug-in that cannot be loaded is set aside (`Registry.plugin_errors`) without breaking the
others; asking for it by name raises its error.

Examples:
    >>> colours = Registry("colour", check=lambda name, value: value)
    >>> @colours.register("red")
    ... class Red:
    ...     pass
    >>> colours.get("red") is Red, colours.get(Red) is Red, colours.names()
    (True, True, ('red',))
    >>> colours.register("red", Red)
    Traceback (most recent call last):
    ...
    perfindicators.errors.PerfIndicatorError: colour 'red': the name is taken; pass replace=True to replace it
    >>> colours.get("blue")
    Traceback (most recent call last):
    ...
    perfindicators.errors.UnknownNameError: no colour named 'blue'
    hint: valid names: red
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, TypeVar, overload

from .errors import PerfIndicatorError, UnknownNameError

__all__ = ["Registry", "RegistryState"]

T = TypeVar("T")
E = TypeVar("E")

#: builds the error of a registration: (message, entry name, plug-in or None) → the exception
ErrorFactory = Callable[[str, str, "str | None"], PerfIndicatorError]


def _generic_error(what: str) -> ErrorFactory:
    def make(message: str, name: str, plugin: str | None) -> PerfIndicatorError:
        where = f" (plug-in {plugin})" if plugin else ""
        return PerfIndicatorError(f"{what} {name!r}{where}: {message}")

    return make


#: what `Registry.snapshot` returns: entries, plug-in errors, whether plug-ins were read
RegistryState = tuple[dict[str, Any], dict[str, PerfIndicatorError], bool]


class Registry(Generic[T]):
    """Entries of one kind by name.

    Args:
        what: what an entry is, for messages (``"policy"``, ``"scheme"``).
        entries: the first entries (not checked: they are the package's own).
        check: ``check(name, value)`` validates a value that registers and returns it
            (possibly normalised); a ``ValueError`` or ``TypeError`` it raises becomes the
            registry's error, naming the entry and the plug-in.
        group: the entry-point group plug-ins are read from (``None``: no plug-ins).
        from_entry_point: turns what an entry point loads into a value (e.g. builds a class).
        is_entry: whether a non-name argument of `get` is already an entry.
        error: builds the exception of a failed registration (default `PerfIndicatorError`).
        builtin: names that cannot be unregistered.
        pickle_as: ``(module, attribute)`` of a module-level default registry: it pickles by
            reference, so a process that unpickles it gets its own default. Other registries
            do not pickle (their entries do).

    Examples:
        >>> reg = Registry("number", {"one": 1}, check=lambda name, v: int(v),
        ...                is_entry=lambda v: isinstance(v, int))
        >>> reg.register("two", "2")
        '2'
        >>> reg.get("two"), reg.get(3), "one" in reg, len(reg)
        (2, 3, True, 2)
    """

    def __init__(self, what: str, entries: Mapping[str, T] | None = None, *,
                 check: Callable[[str, Any], T], group: str | None = None,
                 from_entry_point: Callable[[Any], Any] | None = None,
                 is_entry: Callable[[object], bool] | None = None,
                 error: ErrorFactory | None = None,
                 builtin: frozenset[str] = frozenset(),
                 pickle_as: tuple[str, str] | None = None) -> None:
        self.what = what
        self.group = group
        self._entries: dict[str, T] = dict(entries or {})
        self._check = check
        self._from_entry_point = from_entry_point or (lambda obj: obj)
        self._is_entry = is_entry or (lambda obj: not isinstance(obj, str))
        self._error = error or _generic_error(what)
        self._builtin = builtin
        self._pickle_as = pickle_as
        self._plugins_read = False
        self._lock = threading.RLock()
        #: plug-ins that failed to load, by entry-point name: asking for one raises its error
        self.plugin_errors: dict[str, PerfIndicatorError] = {}
        #: bumped on every change, so memos keyed on it know when to look again
        self.version = 0

    # ---- registering -------------------------------------------------------------------

    @overload
    def register(self, name: str, value: None = None, *, replace: bool = False,
                 ) -> Callable[[E], E]: ...

    @overload
    def register(self, name: str, value: E, *, replace: bool = False) -> E: ...

    def register(self, name: str, value: Any = None, *, replace: bool = False) -> Any:
        """Register *value* under *name* and return it unchanged; without *value*, a decorator.

        Raises:
            PerfIndicatorError: (the registry's kind) a bad value, or a taken name without
                ``replace=True``.
        """
        if value is None:
            def decorator(v: E) -> E:
                self.register(name, v, replace=replace)
                return v

            return decorator
        self._add(name, value, replace=replace, plugin=None)
        return value

    def _add(self, name: str, value: Any, *, replace: bool, plugin: str | None) -> None:
        if not isinstance(name, str) or not name.strip():
            raise self._error(f"a {self.what}'s name is a non-empty string", str(name), plugin)
        try:
            checked = self._check(name, value)
        except (TypeError, ValueError) as e:  # PerfIndicatorErrors of *check* pass unchanged
            if isinstance(e, PerfIndicatorError):
                raise
            raise self._error(str(e), name, plugin) from e
        with self._lock:
            if name in self._entries and not replace:
                raise self._error("the name is taken; pass replace=True to replace it", name,
                                  plugin)
            self._entries[name] = checked
            self.plugin_errors.pop(name, None)
            self.version += 1

    def unregister(self, name: str) -> None:
        """Forget *name* (nothing happens for a name that is not registered).

        Raises:
            PerfIndicatorError: (the registry's kind) a built-in name.
        """
        if name in self._builtin:
            raise self._error("is built in and cannot be removed", name, None)
        with self._lock:
            if self._entries.pop(name, None) is not None:
                self.version += 1

    # ---- plug-ins ----------------------------------------------------------------------

    def load_entry_points(self, group: str | None = None, *, strict: bool = True) -> list[str]:
        """Register what installed packages expose in *group* (default: the registry's);
        returns the names added. A broken plug-in raises the registry's error naming it; with
        ``strict=False`` it is set aside in `plugin_errors` and the others still load."""
        group = group or self.group
        if group is None:
            return []
        added = []
        for ep in entry_points(group=group):
            try:
                name = self._load_one(ep)
            except PerfIndicatorError as e:
                if strict:
                    raise
                with self._lock:
                    self.plugin_errors[ep.name] = e
                continue
            if name is not None:
                added.append(name)
        return added

    def _load_one(self, ep: EntryPoint) -> str | None:
        plugin = f"{ep.name} = {ep.value}"
        try:
            obj = self._from_entry_point(ep.load())
        except Exception as e:
            raise self._error(f"cannot be loaded: {type(e).__name__}: {e}", ep.name,
                              plugin) from e
        if self._entries.get(ep.name) is obj:
            return None
        self._add(ep.name, obj, replace=False, plugin=plugin)
        return str(ep.name)

    def _read_plugins(self, *, again: bool = False) -> None:
        """Read the plug-ins once; *again* reads them anew (a name not found: a package may
        have been installed since)."""
        if self.group is not None and (again or not self._plugins_read):
            self._plugins_read = True
            self.load_entry_points(strict=False)

    # ---- looking up --------------------------------------------------------------------

    def get(self, key: str | T) -> T:
        """The entry of that name, or *key* itself when it already is an entry.

        Raises:
            UnknownNameError: an unknown name; its hint lists the valid ones.
            PerfIndicatorError: (the registry's kind) a broken plug-in of that name, or an
                argument that is neither a name nor an entry.
        """
        if not isinstance(key, str):
            if not self._is_entry(key):
                raise self._error(f"is not a {self.what} (a {type(key).__name__})",
                                  repr(key), None)
            return key
        if key not in self._entries:
            self._read_plugins(again=True)
        try:
            return self._entries[key]
        except KeyError:
            if key in self.plugin_errors:
                raise self.plugin_errors[key] from None
            raise UnknownNameError(key, self.what, self.names()) from None

    def name_of(self, value: object) -> str | None:
        """The name *value* is registered under (identity, not equality), else ``None``."""
        for name, v in self._entries.items():
            if v is value:
                return name
        return None

    def names(self) -> tuple[str, ...]:
        """The registered names, sorted (plug-ins included)."""
        self._read_plugins()
        return tuple(sorted(self._entries))

    def items(self) -> tuple[tuple[str, T], ...]:
        """``(name, entry)`` pairs, sorted by name."""
        self._read_plugins()
        return tuple(sorted(self._entries.items()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def __repr__(self) -> str:
        return f"<Registry of {self.what}: {', '.join(sorted(self._entries))}>"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._pickle_as is None:
            raise TypeError(f"a {self.what} registry of your own does not pickle; pickle its "
                            "entries and register them again")
        return _default_registry, self._pickle_as

    # ---- state, for tests --------------------------------------------------------------

    def snapshot(self) -> RegistryState:
        """The registry's state, for `restore` (a test fixture's way to leave it unchanged)."""
        with self._lock:
            return dict(self._entries), dict(self.plugin_errors), self._plugins_read

    def restore(self, state: RegistryState) -> None:
        """Put back a state taken with `snapshot`; the version moves on, so memos look again."""
        entries, errors, read = state
        with self._lock:
            self._entries = dict(entries)
            self.plugin_errors = dict(errors)
            self._plugins_read = read
            self.version += 1


def _default_registry(module: str, attribute: str) -> Registry[Any]:
    """A module-level default registry, found again by name when unpickled."""
    import importlib

    found = getattr(importlib.import_module(module), attribute)
    if not isinstance(found, Registry):  # pragma: no cover - a renamed default
        raise TypeError(f"{module}.{attribute} is not a registry")
    return found
