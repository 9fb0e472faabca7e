"""Schemes: named rule sets that say which policy scores which indicator, the default
first-level weights, the grade bands and the rounding.

Built in, as TOML files shipped with the package in the format users write: ``central``
(财政部: 产出 50, 效益 30, 满意度 10, 预算执行率 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60), ``hubei`` (预算执行
20, 产出 40, 效益+满意度 40; qualitative tiers 80/50) and ``pmkpi`` (a deployed provincial
system: linear at-most rule, uncapped execution, 80/70/60 bands). A finance bureau can publish
its own (see ``docs/policies.md``); packages add schemes through the entry-point group
``perfindicators.schemes``.

>>> from decimal import Decimal
>>> s = get_scheme("central")
>>> s.grade(Decimal("94.23")), s.grade(Decimal("89.99")), s.grade(Decimal("60"))
('优', '良', '中')
>>> s.policy_for("产出指标", "质量指标", "qualitative")[0]
'qualitative-tiers'
>>> get_scheme("centrl")
Traceback (most recent call last):
...
perfindicators.errors.UnknownNameError: no scheme named 'centrl'
hint: valid names: central, hubei, pmkpi
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from .._cache import memo
from .._registry import Registry
from ..errors import PerfIndicatorError, SchemeError
from ..policies.registry import PolicyRegistry
from ..policies.registry import default_registry as default_policies
from ._model import BUDGET, FALLBACK, TARGET_KINDS, CriterionRule, Rule, Scheme, WeightGroup
from ._toml import is_path, load_scheme, parse_scheme, read_text

__all__ = ["BUDGET", "BUILTIN_SCHEMES", "ENTRY_POINT_GROUP", "FALLBACK", "TARGET_KINDS",
           "CriterionRule", "Rule",
           "Scheme", "SchemeError", "WeightGroup", "default_registry", "get_scheme",
           "load_scheme", "register_scheme", "scheme_names", "unregister_scheme"]

ENTRY_POINT_GROUP = "perfindicators.schemes"
#: the schemes shipped as package data, one ``<name>.toml`` each
BUILTIN_SCHEMES = ("central", "hubei", "pmkpi")


def _builtin(name: str) -> Scheme:
    text = files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    scheme = parse_scheme(text, path=f"perfindicators/schemes/{name}.toml")
    if scheme.name != name:  # pragma: no cover - a mistake in the package data
        raise SchemeError(f"the file {name}.toml defines the scheme {scheme.name!r}")
    return scheme


def _checked(name: str, scheme: Any) -> Scheme:
    if not isinstance(scheme, Scheme):
        raise TypeError(f"not a Scheme but a {type(scheme).__name__}")
    if scheme.name != name:
        raise ValueError(f"the scheme calls itself {scheme.name!r}")
    return scheme


def _scheme_error(message: str, name: str, plugin: str | None) -> PerfIndicatorError:
    where = f" (plug-in {plugin})" if plugin else ""
    return SchemeError(f"scheme {name!r}{where}: {message}")


def _from_entry_point(obj: object) -> object:
    """What a plug-in's entry point names: a `Scheme`, a function that builds one without
    arguments, or the path of a TOML file (a ``Path`` or an ``importlib.resources`` file)."""
    if isinstance(obj, Scheme):
        return obj
    if isinstance(obj, Path) or hasattr(obj, "read_text"):
        return parse_scheme(obj.read_text(encoding="utf-8"), path=str(obj))
    if callable(obj):
        return obj()
    return obj


#: the schemes `get_scheme` finds by name; plug-ins load on the first unknown name
default_registry: Registry[Scheme] = Registry(
    "scheme", {name: _builtin(name) for name in BUILTIN_SCHEMES}, check=_checked,
    group=ENTRY_POINT_GROUP, from_entry_point=_from_entry_point,
    is_entry=lambda obj: isinstance(obj, Scheme), error=_scheme_error,
    builtin=frozenset(BUILTIN_SCHEMES), pickle_as=(__name__, "default_registry"))


def register_scheme(scheme: Scheme, *, replace: bool = False,
                    registry: Registry[Scheme] = default_registry) -> Scheme:
    """Make *scheme* available by its name; returns it.

    Raises:
        SchemeError: the name is taken (pass ``replace=True``), or a built-in name.

    Examples:
        >>> mine = register_scheme(load_scheme(\'\'\'name = "doc-example"
        ... [[rules]]
        ... policy = "proportional"\'\'\'))
        >>> get_scheme("doc-example") is mine
        True
        >>> unregister_scheme("doc-example")
    """
    if scheme.name in BUILTIN_SCHEMES and registry is default_registry:
        raise _scheme_error("is built in and cannot be replaced", scheme.name, None)
    registry.register(scheme.name, scheme, replace=replace)
    return scheme


def unregister_scheme(name: str, *, registry: Registry[Scheme] = default_registry) -> None:
    """Forget a registered scheme (the built-ins stay).

    Raises:
        SchemeError: a built-in name.
    """
    registry.unregister(name)


def scheme_names(registry: Registry[Scheme] = default_registry) -> tuple[str, ...]:
    """The names `get_scheme` knows, sorted (plug-ins included)."""
    return registry.names()


def get_scheme(scheme: str | Scheme | Path, *, registry: Registry[Scheme] = default_registry,
               policies: PolicyRegistry = default_policies) -> Scheme:
    """A scheme by name, from a ``.toml`` file, or the scheme itself.

    A path is read on every call, and the scheme it holds is cached by the file's content:
    an edited file is seen at once, an unchanged one is parsed once. Its rules' policy names
    are checked against *policies*.

    Raises:
        UnknownNameError: an unknown name (the hint lists the valid ones).
        SchemeError: a scheme file that cannot be read or used.
    """
    if isinstance(scheme, Scheme):
        return scheme
    if is_path(scheme):
        p = Path(scheme)
        return _scheme_of_text(read_text(p), str(p), policies, policies.version)
    return registry.get(str(scheme))


@memo(maxsize=64)
def _scheme_of_text(text: str, path: str, policies: PolicyRegistry, version: int) -> Scheme:
    """The scheme in a file's text, parsed once per text, path and policy registry state."""
    return parse_scheme(text, path=path, registry=policies)

