"""The `Score` value: the points of one row, why, and what a reviewer should look at.

>>> from decimal import Decimal
>>> s = Score(Decimal("1.50"), Decimal(3), "proportional", None, {"capped"})
>>> str(s), s.fraction, sorted(s.flags)
('1.50/3', Decimal('0.50'), [<ScoreFlag.CAPPED: 'capped'>])
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from .._html import STYLE, cell, escape, num
from ..evaluate import Flag, Outcome
from ..outcome import lazy_texts
from ..policies import Award, Policy, ScoreFlag, cap_of, to_flag
from ..policies.registry import PolicyError

__all__ = ["Score", "bounded"]


_FLAG_TYPES = (Flag, ScoreFlag)


def _flags(items: Iterable[object]) -> frozenset[Flag | ScoreFlag]:
    if type(items) is frozenset:
        for f in items:
            if type(f) not in _FLAG_TYPES:
                break
        else:
            return items
    return frozenset(to_flag(f) for f in items)


class _ScoreLayout:
    """The slots of `Score`'s fields (`perfindicators.outcome.trusted` builds the
    scorer's scores through it)."""

    __slots__ = (
        "__weakref__",
        "explanation_en",
        "explanation_zh",
        "flags",
        "outcome",
        "points",
        "policy",
        "weight",
    )


@lazy_texts("explanation_zh", "explanation_en")
@attrs.frozen
class Score(_ScoreLayout):
    """The score of one row.

    Attributes:
        points: the points (never negative, never above the weight unless flagged
            ``above_weight``, never NaN).
        weight: the row's weight (分值).
        policy: the name of the policy that scored it.
        outcome: the evaluation it was scored from (not part of equality).
        flags: `Flag` members of the evaluation (``missing``, ``copied_target``,
            ``hand_judged``, ``implicit_direction``, ``unit_assumed`` …) and `ScoreFlag`
            members of the scoring (``needs_judgement``, ``over_achieved``, ``capped``,
            ``above_weight``, ``no_budget``); their texts are accepted when building one.
        explanation_zh: the arithmetic in Chinese (not part of equality).
        explanation_en: the arithmetic in English (not part of equality).
    """

    points: Decimal
    weight: Decimal
    policy: str
    outcome: Outcome | None = attrs.field(eq=False, repr=False)
    flags: frozenset[Flag | ScoreFlag] = attrs.field(default=frozenset(), converter=_flags)
    explanation_zh: str = attrs.field(default="", eq=False)
    explanation_en: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.points, Decimal) or not self.points.is_finite() or self.points < 0:
            raise ValueError(f"a score is a finite number ≥ 0, not {self.points}")
        if self.points > self.weight and ScoreFlag.ABOVE_WEIGHT not in self.flags:
            raise ValueError(f"a score of {self.points} is above its weight {self.weight}")

    @property
    def fraction(self) -> Decimal:
        """points / weight (0 for a weight of 0)."""
        return self.points / self.weight if self.weight else Decimal(0)

    @property
    def met(self) -> bool:
        """Whether the target was met."""
        return self.outcome is not None and self.outcome.met

    @property
    def explanation(self) -> str:
        """The arithmetic in Chinese and English."""
        return f"{self.explanation_zh} / {self.explanation_en}"

    def __str__(self) -> str:
        return f"{self.points}/{self.weight}"

    def _repr_html_(self) -> str:
        """A small table for notebooks (built from `perfindicators._html`)."""
        rows = [("points", num(self.points, "pi-rule")), ("weight", num(self.weight)),
                ("policy", cell(self.policy)), ("flags", cell(", ".join(sorted(self.flags)))),
                ("explanation", cell(self.explanation_zh)), ("", cell(self.explanation_en))]
        body = "".join(f"<tr><th>{escape(k)}</th>{v}</tr>" for k, v in rows)
        return f'{STYLE}<table class="pi-table">{body}</table>'


def bounded(award: Award, weight: Decimal, policy: Policy, name: str) -> Award:
    """The award within [0, weight]; a clamped award says so (``capped``). A policy with
    ``cap = False`` may exceed the weight, flagged ``above_weight``.

    Raises:
        PolicyError: points that are not a finite ``Decimal``.
    """
    points = award.points
    if not isinstance(points, Decimal) or not points.is_finite():
        raise PolicyError(f"gave {points!r}", name=name)
    if points < 0:
        return Award(Decimal("0.00"), f"{award.zh}（低于0分，按0分计）",
                     f"{award.en} (below 0: 0 points)", award.flags | {ScoreFlag.CAPPED})
    if points > weight:
        if cap_of(policy):
            return Award(weight, f"{award.zh}（超过分值，按满分{weight}分计）",
                         f"{award.en} (above the weight: {weight} points)",
                         award.flags | {ScoreFlag.CAPPED})
        if ScoreFlag.ABOVE_WEIGHT not in award.flags:
            return attrs.evolve(award, flags=award.flags | {ScoreFlag.ABOVE_WEIGHT})
    return award
