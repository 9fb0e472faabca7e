"""What a policy is: the protocol, what it returns, rounding, flags and shared arithmetic.

>>> from decimal import Decimal
>>> Rounding(1, "down")(Decimal("1.946")), Rounding(mode=RoundingMode.HALF_EVEN).mode
(Decimal('1.9'), <RoundingMode.HALF_EVEN: 'half_even'>)
>>> Award(Decimal("2.00"), "得2分", "2 points", {"over_achieved"}).flags
frozenset({<ScoreFlag.OVER_ACHIEVED: 'over_achieved'>})
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Protocol, runtime_checkable

import attrs

from ..errors import PolicyError
from ..evaluate import Flag, Outcome, Status
from ..outcome import lazy_texts
from ..targets import Op, Range

__all__ = ["Award", "Policy", "Rounding", "RoundingMode", "ScoreFlag", "achievement",
           "as_award", "cap_of", "fraction_of", "own_name", "to_flag"]

ONE = Decimal(1)
ZERO = Decimal(0)


class RoundingMode(enum.StrEnum):
    """How the last kept decimal is chosen. A `StrEnum`: ``"half_up"`` is `HALF_UP`.

    Examples:
        >>> RoundingMode("down") is RoundingMode.DOWN, RoundingMode.DOWN == "down"
        (True, True)
    """

    HALF_UP = "half_up"  # the forms and Oracle's round(x, 2)
    DOWN = "down"  # truncation (稷山 publishes 1.9 for 1.946)
    HALF_EVEN = "half_even"
    UP = "up"

    @property
    def decimal(self) -> str:
        """The `decimal` module's constant for this mode."""
        return _DECIMAL_MODES[self]


_DECIMAL_MODES = {RoundingMode.HALF_UP: ROUND_HALF_UP, RoundingMode.DOWN: ROUND_DOWN,
                  RoundingMode.HALF_EVEN: ROUND_HALF_EVEN, RoundingMode.UP: ROUND_UP}


def _mode(value: object) -> RoundingMode:
    try:
        return RoundingMode(str(value))
    except ValueError:
        raise ValueError(f"rounding mode must be one of {', '.join(RoundingMode)}, "
                         f"not {value!r}") from None


def _places(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"rounding places are a whole number, not {value!r}")
    if not 0 <= value <= 6:
        raise ValueError("rounding keeps 0 to 6 decimal places")
    return value


@attrs.frozen
class Rounding:
    """How points are rounded: forms round half-up to two decimals; some truncate to one.

    Examples:
        >>> Rounding()(Decimal("8.8257"))
        Decimal('8.83')
        >>> Rounding(places=1, mode="down")(Decimal("1.946"))
        Decimal('1.9')
    """

    places: int = attrs.field(default=2, converter=_places)
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_mode,
                                     repr=lambda m: repr(str(m)))

    def __call__(self, value: Decimal) -> Decimal:
        # the quantum and the decimal module's mode looked up by plain keys (an enum member
        # hashes in Python): value.quantize(ONE.scaleb(-places), rounding=mode.decimal)
        # (and the mode passed by position: half the cost of the keyword)
        return value.quantize(_QUANTA[self.places], _BY_TEXT[self.mode._value_])


_QUANTA = [ONE.scaleb(-places) for places in range(7)]
_BY_TEXT = {mode.value: mode.decimal for mode in RoundingMode}


class ScoreFlag(enum.StrEnum):
    """Facts a policy or the scorer adds to a score (the evaluation's own are `Flag`).

    A `StrEnum` like `Flag`, so ``"over_achieved" in score.flags`` works; the strings are
    stable.
    """

    NEEDS_JUDGEMENT = "needs_judgement"  # no formula applies: a person must score it
    OVER_ACHIEVED = "over_achieved"  # actual ≥ 130 % of the target: target set too low?
    ABOVE_WEIGHT = "above_weight"  # an uncapped policy scored above the weight
    CAPPED = "capped"  # the scorer clamped a policy's result into [0, weight]
    NO_BUDGET = "no_budget"  # a budget of 0: no execution rate


#: every flag a score may carry, by its text
FLAGS: dict[str, Flag | ScoreFlag] = {f.value: f for f in (*Flag, *ScoreFlag)}


def to_flag(value: object) -> Flag | ScoreFlag:
    """A flag from its member or its text (``"missing"`` → `Flag.MISSING`).

    Raises:
        ValueError: an unknown flag (a typo would otherwise go unseen).

    Examples:
        >>> to_flag("needs_judgement"), to_flag("missing")
        (<ScoreFlag.NEEDS_JUDGEMENT: 'needs_judgement'>, <Flag.MISSING: 'missing'>)
    """
    if isinstance(value, Flag | ScoreFlag):
        return value
    try:
        return FLAGS[str(value)]
    except KeyError:
        raise ValueError(f"unknown flag {value!r}; flags are: {', '.join(sorted(FLAGS))}"
                         ) from None


_FLAG_TYPES = (Flag, ScoreFlag)
_NO_FLAGS: frozenset[Flag | ScoreFlag] = frozenset()


def _flags(items: Iterable[object]) -> frozenset[Flag | ScoreFlag]:
    if not items:
        return _NO_FLAGS
    if isinstance(items, str):
        raise ValueError(f"flags are a set of flags, not the text {items!r}")
    out = frozenset(items)
    for f in out:
        if type(f) not in _FLAG_TYPES:
            return frozenset(to_flag(f) for f in out)
    return out  # type: ignore[return-value]


class _AwardLayout:
    """The slots of `Award`'s fields (`perfindicators.outcome.trusted` builds the
    built-in policies' awards through it)."""

    __slots__ = ("__weakref__", "en", "flags", "points", "zh")


@lazy_texts("zh", "en")
@attrs.frozen
class Award(_AwardLayout):
    """What a policy gives a row: points and why.

    A policy may also return a bare ``Decimal``; `perfindicators.score` then rounds it
    with the scheme's rounding and explains it generically.

    Attributes:
        points: the points, already rounded by the policy.
        zh: the arithmetic, in Chinese (``实际值32% ≥ 指标值10%，得满分6分``).
        en: the same in English.
        flags: facts for a reviewer: `ScoreFlag` or `Flag` members, or their texts
            (``"over_achieved"``); an unknown text raises ``ValueError``.
    """

    points: Decimal
    zh: str
    en: str
    flags: frozenset[Flag | ScoreFlag] = attrs.field(default=frozenset(), converter=_flags)


@runtime_checkable
class Policy(Protocol):
    """A scoring rule: an evaluated outcome and a weight in, points out.

    Any callable with this signature is a policy, a plain function included. Built-in
    policies are frozen attrs classes whose settings are their constructor arguments.

    The engine reads three optional attributes, and nothing else (a plain function has none
    of them, so they cannot be required members of the protocol):

    * ``name: str`` — the name a score shows when the policy is passed as an object and is
      not registered (a ``ClassVar`` on the built-ins); else the function's ``__name__``;
    * ``cap: bool`` — ``False`` lets points exceed the weight (flagged ``above_weight``);
      default ``True``: the scorer clamps to the weight. Read with `cap_of`;
    * ``rounding: Rounding`` — an attrs field: a scheme gives the policies its rules choose
      its own rounding through it (unless the rule's settings set one).

    Examples:
        >>> isinstance(lambda outcome, weight, /: weight, Policy)
        True
    """

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Decimal | Award: ...


def cap_of(policy: object) -> bool:
    """Whether the scorer clamps *policy*'s points to the weight (its ``cap``, default True).

    Examples:
        >>> from perfindicators.policies import BudgetExecution
        >>> cap_of(BudgetExecution(cap=False)), cap_of(lambda o, w: w)
        (False, True)
    """
    cap = getattr(policy, "cap", True)
    if not isinstance(cap, bool):
        raise PolicyError(f"its cap must be True or False, not {cap!r}",
                          name=getattr(policy, "name", type(policy).__name__))
    return cap


def own_name(policy: object) -> str:
    """The name a policy gives itself: its ``name`` attribute, else its ``__name__``, else its
    class's name (a registry knows a better one: its key).

    Examples:
        >>> from perfindicators.policies import Ladder
        >>> own_name(Ladder()), own_name(own_name)
        ('ladder', 'own_name')
    """
    return str(getattr(policy, "name", getattr(policy, "__name__", type(policy).__name__)))


def as_award(result: object, weight: Decimal, rounding: Rounding, name: str = "?") -> Award:
    """A policy's result as an `Award`: a bare number is rounded with *rounding* and
    explained generically.

    Raises:
        PolicyError: a result that is neither a finite ``Decimal``, an ``int`` nor an `Award`.

    Examples:
        >>> as_award(Decimal("1.456"), Decimal(3), Rounding()).points
        Decimal('1.46')
    """
    if isinstance(result, Award):
        return result
    if isinstance(result, Decimal) and result.is_finite():
        points = rounding(result)
        return Award(points, f"按所选规则计分，得{points}分", f"{points} points by the chosen rule")
    if isinstance(result, int) and not isinstance(result, bool):
        return as_award(Decimal(result), weight, rounding, name)
    raise PolicyError(f"returned {result!r}; a policy returns a Decimal or an Award "
                      "(never a float: scores are exact)", name=name)


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
    if op is Op.LE or op is Op.LT:  # op.at_most, without the enum property
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
    # max(ZERO, min(ONE, ratio)), spelled out (the same operand wins on a tie)
    capped = ratio if ratio < ONE else ONE
    return capped if capped > ZERO else ZERO
