"""The outcome of checking an actual value against a target, and the helpers that build one.

>>> import perfindicators as pi
>>> o = pi.parse("≥60项").evaluate("64项")
>>> o.status, o.met, o.known
(<Status.MET: 'met'>, True, True)
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from . import units as q
from .actuals import Actual, Measured
from .targets import Op, Target

__all__ = [
    "NEGATE",
    "DirectionSource",
    "Flag",
    "Outcome",
    "Status",
    "actual_number",
    "out",
    "unknown",
]


class Status(enum.Enum):
    """Whether a target was met."""

    MET = "met"
    PARTIAL = "partly met"
    NOT_MET = "not met"
    UNKNOWN = "cannot tell"


class DirectionSource(enum.StrEnum):
    """Where the direction of a bare target came from."""

    EXPLICIT = "explicit"  # direction= or the form's 指标方向 cell
    CATEGORY = "category"  # the 二级指标 (成本指标 → at most)
    INDICATOR = "indicator"  # the indicator's name (投诉率 → at most)
    DEFAULT = "default"  # nothing said: at least


class Flag(enum.StrEnum):
    """Facts about an evaluation that a reviewer wants to see."""

    COPIED_TARGET = "copied_target"  # the actual repeats the target ("≥90%")
    MISSING = "missing"  # no actual value
    IMPLICIT_DIRECTION = "implicit_direction"  # a bare target: direction inferred
    HAND_JUDGED = "hand_judged"  # the actual is a tier word, not a number
    UNIT_ASSUMED = "unit_assumed"  # a bare number took the target's unit
    SAME_TEXT = "same_text"  # a qualitative actual repeats the target words
    CLAIMED = "claimed"  # the actual states a bound ("≥95%"), not a value
    PARTLY_CHECKED = "partly_checked"  # some parts of the target could not be checked
    NOTHING_DONE = "nothing_done"  # "未进行…": the activity did not happen, so not met
    NO_EVENT = "no_event"  # "未发生…" against a ceiling on the event: zero, within it
    APPROXIMATE = "approximate"  # the actual is approximate ("200余人"): compared as an interval
    NEEDS_BASELINE = "needs_baseline"  # a relative target against a level, without the basis
    FRACTION = "fraction"  # a bare fraction (0.96) against a % target: 0.96% or 96%?
    SPREADSHEET = "spreadsheet"  # 1.2E+07: read in 元 and in the target's unit


@attrs.frozen
class Outcome:
    """The result of checking one actual value against one target.

    Attributes:
        target: the target.
        actual: the parsed actual value.
        status: met / partly met / not met / cannot tell.
        reason_zh: why, in Chinese.
        reason_en: why, in English.
        due: for deadlines and periods, the last day allowed.
        done: for deadlines and periods, the last day the actual can mean.
        direction: the comparator used (for a bare target, the one inferred).
        target_value: the target's number (A), in its unit, for numeric targets.
        actual_value: the actual number (B) in the target's unit.
        ratio: B / A, when both are numbers and A is not zero.
        flags: `Flag` values.
        parts: the outcome of each part, for targets with parts.
        direction_source: for a bare target, where its direction came from (the explicit
            direction, the category, the indicator's name, or the default).
    """

    target: Target
    actual: Actual
    status: Status
    reason_zh: str
    reason_en: str
    direction: Op | None = None
    target_value: Decimal | None = None
    actual_value: Decimal | None = None
    ratio: Decimal | None = None
    flags: frozenset[Flag] = frozenset()
    parts: tuple[Outcome, ...] = ()
    due: _dt.date | None = None
    done: _dt.date | None = None
    direction_source: DirectionSource | None = None

    @property
    def reason(self) -> str:
        """Why, in Chinese and English: ``实际值64项 ≥ 指标值60项 / actual 64项 ≥ target 60项``."""
        return f"{self.reason_zh} / {self.reason_en}"

    @property
    def met(self) -> bool:
        """True only when the target was met."""
        return self.status is Status.MET

    @property
    def known(self) -> bool:
        """False when the outcome cannot be told."""
        return self.status is not Status.UNKNOWN

    def with_flags(self, *flags: Flag) -> Outcome:
        """This outcome with more flags."""
        return attrs.evolve(self, flags=self.flags | set(flags))


def out(target: Target, actual: Actual, status: Status, zh: str, en: str, **kw: Any) -> Outcome:
    return Outcome(target, actual, status, zh, en, **kw)


def unknown(target: Target, actual: Actual, zh: str, en: str, *flags: Flag) -> Outcome:
    return out(target, actual, Status.UNKNOWN, zh, en, flags=frozenset(flags))


def actual_number(target_q: Any, actual: Measured) -> tuple[Decimal, bool]:
    """B in the target's unit, and whether the unit was assumed. A bare actual takes the
    target's unit; a target written without a unit ("[80,90]", "≥2000") takes the actual's."""
    if not actual.unit_written or not q.text_of(target_q):
        return actual.value.magnitude, not actual.unit_written
    return q.magnitude_as(actual.value, target_q), False


#: the comparator that failed, as a reason writes it (≥ fails as <)
NEGATE = {Op.GE: "<", Op.GT: "≤", Op.LE: ">", Op.LT: "≥", Op.EQ: "≠"}
