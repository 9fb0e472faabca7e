"""What a policy is: the protocol, what it returns, rounding, and shared arithmetic."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Protocol, runtime_checkable

import attrs

from ..evaluate import Outcome, Status
from ..targets import Op, Range

__all__ = ["Award", "Policy", "Rounding", "achievement", "fraction_of"]

_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN, "half_even": ROUND_HALF_EVEN,
          "up": ROUND_UP}
ONE = Decimal(1)
ZERO = Decimal(0)


def _check_mode(_inst: object, _att: object, value: str) -> None:
    if value not in _MODES:
        raise ValueError(f"rounding mode must be one of {', '.join(_MODES)}, not {value!r}")


def _check_places(_inst: object, _att: object, value: int) -> None:
    if not 0 <= value <= 6:
        raise ValueError("rounding keeps 0 to 6 decimal places")


@attrs.frozen
class Rounding:
    """How points are rounded: forms round half-up to two decimals; some truncate to one.

    >>> Rounding()(Decimal("8.8257"))
    Decimal('8.83')
    >>> Rounding(places=1, mode="down")(Decimal("1.946"))
    Decimal('1.9')
    """

    places: int = attrs.field(default=2, validator=_check_places)
    mode: str = attrs.field(default="half_up", validator=_check_mode)

    def __call__(self, value: Decimal) -> Decimal:
        return value.quantize(ONE.scaleb(-self.places), rounding=_MODES[self.mode])


def _frozen_strs(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


@attrs.frozen
class Award:
    """What a policy gives a row: points and why.

    A policy may also return a bare ``Decimal``; `perfindicators.score` then rounds it
    with the scheme's rounding and explains it generically.

    Attributes:
        points: the points, already rounded by the policy.
        zh: the arithmetic, in Chinese (``实际值32% ≥ 指标值10%，得满分6分``).
        en: the same in English.
        flags: facts for a reviewer (``over_achieved``, ``needs_judgement`` …).
    """

    points: Decimal
    zh: str
    en: str
    flags: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_strs)


@runtime_checkable
class Policy(Protocol):
    """A scoring rule: an evaluated outcome and a weight in, points out.

    Any callable with this signature is a policy, a plain function included. Built-in
    policies are frozen attrs classes whose settings are their constructor arguments.
    """

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Decimal | Award: ...


def achievement(outcome: Outcome) -> Decimal | None:
    """How far the actual reached the target, 1 meaning exactly: B/A for at-least targets,
    A/B for at-most targets, against the nearer bound for ranges. ``None`` when there are no
    numbers to compare."""
    a, b = outcome.target_value, outcome.actual_value
    if a is None or b is None:
        return None
    target = outcome.target
    inner = getattr(target, "target", target)  # a scoped target scores as its inner target
    if isinstance(inner, Range):
        if b < a:  # below the lower bound
            return b / a if a > 0 else ZERO
        return a / b if b > 0 else ONE  # above the upper bound
    op = outcome.direction
    if op is None:
        return None
    if op.at_most:
        if b <= 0:
            return ONE if a >= b else ZERO
        return a / b
    if op is Op.EQ and a == 0:
        return ONE if b <= 0 else ZERO
    if a <= 0:
        return ONE if b >= a else ZERO
    return b / a


def fraction_of(outcome: Outcome) -> Decimal | None:
    """The share of the weight the central proportional rule gives: 1 when met, else the
    achievement capped at 1; for several parts, the smallest. ``None``: no formula applies."""
    if outcome.status is Status.MET:
        return ONE
    if outcome.parts:
        parts = [fraction_of(p) for p in outcome.parts if p.status is not Status.UNKNOWN]
        if not parts or any(p is None for p in parts):
            return None
        return min(p for p in parts if p is not None)
    ratio = achievement(outcome)
    if ratio is None:
        return None
    return max(ZERO, min(ONE, ratio))
