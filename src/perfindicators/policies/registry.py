"""Policies by name: a default registry, user registries, and plug-ins from entry points.

>>> from perfindicators.policies import registry
>>> registry.get("proportional")
Proportional(rounding=Rounding(places=2, mode='half_up'))
>>> "reverse-linear" in registry.names()
True
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib.metadata import entry_points
from typing import Any, TypeVar, overload

from ..errors import PolicyError, UnknownNameError
from ._base import Award, Policy
from .builtin import (
    AllOrNothing,
    BudgetExecution,
    DeadlinePolicy,
    Ladder,
    OverAchievement,
    Proportional,
    QualitativeTiers,
    ReverseLinear,
)

__all__ = ["ENTRY_POINT_GROUP", "PolicyError", "PolicyRegistry", "default_registry", "get",
           "names", "register"]

ENTRY_POINT_GROUP = "perfindicators.policies"
P = TypeVar("P", bound=Callable[..., Any])


def _probe_outcomes() -> list[Any]:
    from ..parsing import parse

    return [parse("≥60项").evaluate("64项"), parse("≥60项").evaluate("30项"),
            parse("≤5%").evaluate("10%"), parse("效果明显").evaluate("部分达成"),
            parse("≥95%").evaluate("")]


def check_contract(name: str, policy: object, *, plugin: str | None = None) -> None:
    """Check that *policy* can serve as a policy: callable with (outcome, weight), returning
    points between 0 and the weight. Raises `PolicyError` naming the policy."""
    if not callable(policy):
        raise PolicyError(f"{type(policy).__name__} is not callable", name=name, plugin=plugin)
    try:
        sig = inspect.signature(policy)
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        sig = None
    if sig is not None:
        try:
            sig.bind(object(), object())
        except TypeError:
            raise PolicyError(f"must accept (outcome, weight), its signature is {sig}",
                              name=name, plugin=plugin) from None
    weight = Decimal(10)
    for outcome in _probe_outcomes():
        try:
            result = policy(outcome, weight)
        except Exception as e:
            raise PolicyError(f"raised {type(e).__name__}: {e} on {outcome.target} / "
                              f"{outcome.actual.text!r}", name=name, plugin=plugin) from e
        points = result.points if isinstance(result, Award) else result
        if not isinstance(points, Decimal) or not points.is_finite():
            raise PolicyError(f"must return a Decimal or an Award, not {result!r}",
                              name=name, plugin=plugin)
        if getattr(policy, "cap", True) and not 0 <= points <= weight:
            raise PolicyError(f"gave {points} points for weight {weight}", name=name,
                              plugin=plugin)


class PolicyRegistry:
    """Policies by name. Registering a taken name fails unless ``replace=True``."""

    def __init__(self, policies: dict[str, Policy] | None = None, *,
                 entry_points: bool = False) -> None:
        self._policies: dict[str, Policy] = dict(policies or {})
        self._load_plugins = entry_points
        self._loaded = False
        self._lock = threading.Lock()
        #: plug-ins that failed to load, by name: asking for one raises its error
        self.plugin_errors: dict[str, PolicyError] = {}
        #: bumped on every change, so cached lookups know when to look again
        self.version = 0

    @overload
    def register(self, name: str, policy: None = None, *, replace: bool = False,
                 ) -> Callable[[P], P]: ...

    @overload
    def register(self, name: str, policy: P, *, replace: bool = False) -> P: ...

    def register(self, name: str, policy: Any = None, *, replace: bool = False) -> Any:
        """Register *policy* under *name*; without *policy*, a decorator.

        >>> reg = PolicyRegistry()
        >>> @reg.register("half")
        ... def half(outcome, weight):
        ...     return weight / 2
        >>> reg.get("half") is half
        True
        """
        if policy is None:
            def decorator(p: P) -> P:
                self.register(name, p, replace=replace)
                return p

            return decorator
        self._add(name, policy, replace=replace, plugin=None)
        return policy

    def _add(self, name: str, policy: Any, *, replace: bool, plugin: str | None) -> None:
        if not isinstance(name, str) or not name:
            raise PolicyError("a policy's name is a non-empty string", name=str(name))
        check_contract(name, policy, plugin=plugin)
        with self._lock:
            if name in self._policies and not replace:
                raise PolicyError("the name is taken; pass replace=True to replace it",
                                  name=name, plugin=plugin)
            self._policies[name] = policy
            self.version += 1

    def unregister(self, name: str) -> None:
        with self._lock:
            self._policies.pop(name, None)
            self.version += 1

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP, *, strict: bool = True,
                          ) -> list[str]:
        """Register the policies that installed packages expose in *group*; returns their
        names. An entry point may name a policy object, a function, or a class that builds
        one without arguments. A broken plug-in raises `PolicyError` naming it; with
        ``strict=False`` it is set aside in `plugin_errors` and the others still load."""
        added = []
        for ep in entry_points(group=group):
            try:
                name = self._load_one(ep)
            except PolicyError as e:
                if strict:
                    raise
                self.plugin_errors[ep.name] = e
                continue
            if name is not None:
                added.append(name)
        return added

    def _load_one(self, ep: Any) -> str | None:
        plugin = f"{ep.name} = {ep.value}"
        try:
            obj = ep.load()
        except Exception as e:
            raise PolicyError(f"cannot be loaded: {type(e).__name__}: {e}", name=ep.name,
                              plugin=plugin) from e
        if inspect.isclass(obj):
            try:
                obj = obj()
            except Exception as e:
                raise PolicyError(f"its class cannot be built without arguments: {e}",
                                  name=ep.name, plugin=plugin) from e
        if self._policies.get(ep.name) is obj:
            return None
        self._add(ep.name, obj, replace=False, plugin=plugin)
        return str(ep.name)

    def _ensure_plugins(self, *, rescan: bool = False) -> None:
        """Load plug-ins once; *rescan* looks again (for a name not found: a package may
        have been installed since)."""
        if self._load_plugins and (rescan or not self._loaded):
            self._loaded = True
            self.load_entry_points(strict=False)

    def get(self, policy: str | Policy) -> Policy:
        """The policy of that name, or *policy* itself when it is already a policy.

        Raises:
            UnknownNameError: an unknown name; its hint lists the valid ones.
        """
        if not isinstance(policy, str):
            if not callable(policy):
                raise PolicyError("is not callable", name=repr(policy))
            return policy
        if policy not in self._policies:
            self._ensure_plugins(rescan=True)
        try:
            return self._policies[policy]
        except KeyError:
            if policy in self.plugin_errors:
                raise self.plugin_errors[policy] from None
            raise UnknownNameError(policy, "policy", self.names()) from None

    def name_of(self, policy: Policy) -> str:
        """The name a policy is registered under, else its ``name`` attribute or its
        function name."""
        for name, p in self._policies.items():
            if p is policy:
                return name
        return str(getattr(policy, "name", getattr(policy, "__name__", type(policy).__name__)))

    def names(self) -> tuple[str, ...]:
        self._ensure_plugins()
        return tuple(sorted(self._policies))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())


BUILTIN: dict[str, Policy] = {
    "proportional": Proportional(),
    "reverse-linear": ReverseLinear(),
    "all-or-nothing": AllOrNothing(),
    "qualitative-tiers": QualitativeTiers(),
    "ladder": Ladder(),
    "budget-execution": BudgetExecution(),
    "deadline": DeadlinePolicy(),
    "over-achievement": OverAchievement(),
}

#: the registry ``perfindicators.score`` uses; plug-ins load on the first unknown name
default_registry = PolicyRegistry(BUILTIN, entry_points=True)
register = default_registry.register
get = default_registry.get
names = default_registry.names
