"""Policies by name: a default registry, user registries, and plug-ins from entry points.

>>> from perfindicators.policies import registry
>>> registry.get("proportional")
Proportional(rounding=Rounding(places=2, mode='half_up'))
>>> "reverse-linear" in registry.names()
True
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .._cache import memo
from .._registry import Registry
from ..errors import PerfIndicatorError, PolicyError
from ..evaluate import Outcome
from ..parsing import parse
from ._base import Award, Policy, own_name
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
from .closeness import Closeness

__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "PolicyError", "PolicyRegistry", "check_contract",
           "contract_problem", "default_registry", "get", "name_of", "names", "register"]

ENTRY_POINT_GROUP = "perfindicators.policies"


@memo(maxsize=1)
def _probe_outcomes() -> tuple[Outcome, ...]:
    """The rows a policy is tried on when it registers (built once)."""
    return (parse("≥60项").evaluate("64项"), parse("≥60项").evaluate("30项"),
            parse("≤5%").evaluate("10%"), parse("效果明显").evaluate("部分达成"),
            parse("≥95%").evaluate(""))


def check_contract(name: str, policy: object, *, plugin: str | None = None) -> None:
    """Check that *policy* can serve as a policy: callable with (outcome, weight), returning
    points between 0 and the weight (above it only with ``cap = False``).

    Raises:
        PolicyError: naming the policy (and the plug-in it came from).

    Examples:
        >>> check_contract("greedy", lambda outcome, weight: weight + 1)
        Traceback (most recent call last):
        ...
        perfindicators.errors.PolicyError: policy 'greedy': gave 11 points for weight 10
    """
    problem = contract_problem(policy)
    if problem is not None:
        raise PolicyError(problem, name=name, plugin=plugin)


def contract_problem(policy: object) -> str | None:
    """Why *policy* breaks the contract `check_contract` checks, or ``None``."""
    if not callable(policy):
        return f"{type(policy).__name__} is not callable"
    try:
        sig = inspect.signature(policy)
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        sig = None
    if sig is not None:
        try:
            sig.bind(object(), object())
        except TypeError:
            return f"must accept (outcome, weight), its signature is {sig}"
    cap = getattr(policy, "cap", True)
    if not isinstance(cap, bool):
        return f"its cap must be True or False, not {cap!r}"
    weight = Decimal(10)
    for outcome in _probe_outcomes():
        try:
            result = policy(outcome, weight)
        except Exception as e:
            return f"raised {type(e).__name__}: {e} on {outcome.target} / {outcome.actual.text!r}"
        points = result.points if isinstance(result, Award) else result
        if not isinstance(points, Decimal) or not points.is_finite():
            return f"must return a Decimal or an Award, not {result!r}"
        if cap and not 0 <= points <= weight:
            return f"gave {points} points for weight {weight}"
    return None


def _checked(name: str, policy: Any) -> Policy:
    problem = contract_problem(policy)
    if problem is not None:
        raise ValueError(problem)
    return policy  # type: ignore[no-any-return]


def _policy_error(message: str, name: str, plugin: str | None) -> PerfIndicatorError:
    return PolicyError(message, name=name, plugin=plugin)


def _built(obj: object) -> object:
    """What a plug-in's entry point names: a policy, a function, or a class to build."""
    if inspect.isclass(obj):
        try:
            return obj()
        except Exception as e:
            raise ValueError(f"its class cannot be built without arguments: {e}") from e
    return obj


class PolicyRegistry(Registry[Policy]):
    """Policies by name (a `perfindicators._registry.Registry` of policies).

    Registering a taken name fails unless ``replace=True``; every registration — plug-ins
    from the entry-point group ``perfindicators.policies`` too — is checked with
    `check_contract`.

    Args:
        policies: the first policies (``BUILTIN`` to start with the built-ins).
        entry_points: read plug-ins on the first unknown name (the default registry does).

    Examples:
        >>> reg = PolicyRegistry()
        >>> @reg.register("half")
        ... def half(outcome, weight):
        ...     return weight / 2
        >>> reg.get("half") is half, reg.name_of(half)
        (True, 'half')
    """

    def __init__(self, policies: Mapping[str, Policy] | None = None, *,
                 entry_points: bool = False, pickle_as: tuple[str, str] | None = None) -> None:
        super().__init__("policy", policies, check=_checked,
                         group=ENTRY_POINT_GROUP if entry_points else None,
                         from_entry_point=_built, is_entry=callable, error=_policy_error,
                         pickle_as=pickle_as)

    def name_of(self, value: object) -> str:
        """The name a policy is registered under, else its ``name`` attribute or its
        function name."""
        return super().name_of(value) or own_name(value)


BUILTIN: dict[str, Policy] = {
    "proportional": Proportional(),
    "reverse-linear": ReverseLinear(),
    "all-or-nothing": AllOrNothing(),
    "qualitative-tiers": QualitativeTiers(),
    "ladder": Ladder(),
    "budget-execution": BudgetExecution(),
    "deadline": DeadlinePolicy(),
    "over-achievement": OverAchievement(),
    # closer is better: tolerances (100%±2%) and, in a scheme that says so, = targets
    "closeness": Closeness(),
}

#: the registry ``perfindicators.score`` uses; plug-ins load on the first unknown name
default_registry = PolicyRegistry(BUILTIN, entry_points=True,
                                  pickle_as=("perfindicators.policies.registry", "default_registry"))
register = default_registry.register
get = default_registry.get
names = default_registry.names
name_of = default_registry.name_of
