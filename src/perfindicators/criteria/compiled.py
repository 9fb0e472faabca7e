"""`Criterion`: a written scoring criterion compiled to a rule, and its score.

Example:
    >>> from perfindicators.criteria import criterion
    >>> c = criterion("≥90%,计5分;80%(含)-90%,计4分;低于80%不得分", weight=5)
    >>> c.score({"value": "85%"}).points
    Decimal('4.00')
    >>> [i.kind for i in c.inputs]
    ['value']
    >>> import pickle; pickle.loads(pickle.dumps(c)) == c
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..evaluate import Outcome
from ..policies import Award
from ._build import DEFAULTS, build
from ._facts import Facts
from ._inputs import inputs_of
from ._parser import read
from .engine import evaluate
from .model import Exempt, Formula, Input, Node, Occurrences, Part, Step, Sum, Veto
from .render import render

__all__ = ["ROW_INPUTS", "Criterion", "CriterionScore", "criterion"]

_UNIT = re.compile(r"[^\d.\s]+$")
#: the inputs a form row gives a criterion: its actual value and its target (``pick`` is the
#: evaluator's choice inside a written range: left open, never filled in)
ROW_INPUTS = ("value", "target", "pick")


def _on_target(node: Node) -> Node:
    """*node* with every step whose anchor the text does not write measured from the target."""
    if isinstance(node, Step) and node.implicit:
        return attrs.evolve(node, anchor=None)
    if isinstance(node, Sum):
        return Sum(tuple(Part(_on_target(p.node), p.weight, p.label) for p in node.parts))
    if isinstance(node, Exempt):
        return Exempt(_on_target(node.node), node.label)
    return node


def _weight(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        w = Decimal(str(value).strip())
    except ArithmeticError:  # decimal.InvalidOperation: "三", "abc"
        raise ValueError(f"a weight must be a non-negative number, not {value!r}") from None
    if w < 0 or not w.is_finite():
        raise ValueError(f"a weight must be a non-negative number, not {value!r}")
    return w


def _defaults(value: Mapping[str, str] | tuple[tuple[str, str], ...] | None
              ) -> tuple[tuple[str, str], ...]:
    items = dict(value or ())
    unknown = sorted(set(items) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown default {unknown[0]!r}; the defaults are: "
                         + ", ".join(DEFAULTS))
    return tuple(sorted((k, str(v)) for k, v in items.items()))


@attrs.frozen
class CriterionScore:
    """The score of one set of facts.

    Attributes:
        points: the points (rounded half up to two places), or None when a judgement is open.
        low: the lowest points the facts allow.
        high: the highest.
        needs_judgement: the text leaves a choice to the evaluator (a range, 酌情).
        veto: a veto or gate fired.
        level: the band or level that applied, when there is one.
        zh: the arithmetic in Chinese.
        en: the same in English.
        assumptions: the declared defaults and readings the score rests on.
    """

    points: Decimal | None
    low: Decimal
    high: Decimal
    needs_judgement: bool
    veto: bool
    level: str | None
    zh: str
    en: str
    assumptions: tuple[str, ...] = ()


@attrs.frozen
class Criterion:
    """A compiled scoring criterion (评分标准): text, weight, declared defaults and its rule.

    A criterion is a policy: ``pi.score(target, actual, weight, policy=criterion(...))``
    scores a row whose rule needs only the actual value and the target.
    """

    rule: Node
    weight: Decimal | None = None
    defaults: tuple[tuple[str, str], ...] = ()
    text: str = attrs.field(default="", eq=False)
    assumptions: tuple[str, ...] = attrs.field(default=(), eq=False)

    @property
    def inputs(self) -> tuple[Input, ...]:
        """What the rule needs (kinds ``value`` ``count`` ``item`` … with labels from the text)."""
        return inputs_of(self.rule)

    def score(self, facts: Mapping[str, Any] | None = None, *,
              weight: object = None) -> CriterionScore:
        """Score *facts* (keys from the input vocabulary, see `perfindicators.criteria`).

        A step whose anchor the text does not write (每降低1个百分点扣0.5分: no 100 %, no 足额)
        is measured from the ``target`` when the facts give one, and the assumption says so.

        Examples:
            >>> c = criterion("每降低1个百分点扣0.5分，扣完为止", weight=10)
            >>> c.score({"value": "92%"}).points, c.score({"value": "92%", "target": "95%"}).points
            (Decimal('6.00'), Decimal('8.50'))
        """
        if facts and facts.get("target") is not None:
            moved = _on_target(self.rule)
            if moved != self.rule:
                kept = tuple(a for a in self.assumptions if not a.startswith("anchor:"))
                return attrs.evolve(self, rule=moved, assumptions=(
                    *kept, "anchor: 指标值 (the target)")).score(facts, weight=weight)
        w = _weight(weight) if weight is not None else self.weight
        bound = Facts(facts or {}, self.inputs)
        uncapped = isinstance(self.rule, Formula) or (
            isinstance(self.rule, Occurrences) and dict(self.defaults).get("bonus_cap") == "none")
        r = evaluate(self.rule, bound, w, uncapped=uncapped)
        judged = r.judged or r.lo != r.hi
        points = None if judged else r.lo
        if isinstance(self.rule, Veto) and w is None:
            points = None
        return CriterionScore(points=points, low=r.lo, high=r.hi, needs_judgement=judged,
                              veto=r.veto, level=r.level, zh="；".join(r.zh) or "—",
                              en="; ".join(r.en) or "—",
                              assumptions=self.assumptions + tuple(
                                  n for n in r.notes if n not in self.assumptions))

    @property
    def beyond_row(self) -> tuple[Input, ...]:
        """The inputs a form row (its actual value and its target) cannot give: counts, items,
        levels, ranks, delays, vetoes, or a second measured value.

        >>> criterion("每降低1个百分点扣0.5分，扣完为止", weight=10).beyond_row
        ()
        >>> [i.key for i in criterion("每发现1处扣1分", weight=5).beyond_row]
        ['count:发现']
        """
        inputs = self.inputs
        first = next((n for n, i in enumerate(inputs) if i.kind == "value"), None)
        return tuple(i for n, i in enumerate(inputs)
                     if i.kind not in ROW_INPUTS or (i.kind == "value" and n != first))

    def score_outcome(self, outcome: Outcome, weight: object = None) -> CriterionScore:
        """Score an evaluated row: its actual value is ``value``, its target ``target``; a step
        whose anchor the text does not write (每降低1个百分点扣0.5分) is measured from the target.

        Examples:
            >>> import perfindicators as pi
            >>> c = criterion("每降低1个百分点扣0.5分，扣完为止", weight=10)
            >>> c.score_outcome(pi.parse("≥95%").evaluate("92%")).points   # (95 − 92) × 0.5 off
            Decimal('8.50')
        """
        facts: dict[str, Any] = {}
        unit = _UNIT.search(str(outcome.target))
        u = unit.group() if unit else ""
        if outcome.actual_value is not None:
            facts["value"] = f"{outcome.actual_value}{u}"
        if outcome.target_value is not None:
            op = "≤" if outcome.direction is not None and outcome.direction.at_most else ""
            facts["target"] = f"{op}{outcome.target_value}{u}"
        return self.score(facts, weight=weight)

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        """Score an evaluated row (the `perfindicators.policies.Policy` protocol).

        A judgement the text leaves open gives the lowest points it allows, flagged
        ``needs_judgement`` (forms list such rows as open instead: `score_outcome`).
        """
        s = self.score_outcome(outcome, weight)
        flags = {"needs_judgement"} if s.points is None else set()
        zh, en = f"评分标准：{s.zh}", f"criterion: {s.en}"
        if s.veto:
            zh, en = f"{zh}（否决）", f"{en} (veto)"
        return Award(points=s.points if s.points is not None else s.low,
                     zh=zh, en=en, flags=frozenset(flags))

    def __str__(self) -> str:
        return render(self.rule, self.weight)

    def __repr__(self) -> str:
        w = "" if self.weight is None else f", weight={self.weight}"
        return f"criterion({self.text!r}{w})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the text, the weight and the declared defaults."""
        return {"criterion": self.text,
                "weight": None if self.weight is None else str(self.weight),
                "defaults": dict(self.defaults), "rule": type(self.rule).__name__}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Criterion:
        """The criterion `to_dict` describes (compiled again from its text)."""
        return criterion(str(data["criterion"]), weight=data.get("weight"),
                         defaults=data.get("defaults") or None)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.text, None if self.weight is None else str(self.weight),
                           self.defaults))


def _rebuild(text: str, weight: str | None, defaults: tuple[tuple[str, str], ...]) -> Criterion:
    return criterion(text, weight=weight, defaults=dict(defaults))


def criterion(text: str, *, weight: object = None,
              defaults: Mapping[str, str] | None = None) -> Criterion:
    """Compile a written scoring criterion.

    Args:
        text: the criterion as written (OCR damage, page markers and spam symbols allowed).
        weight: the indicator's weight (分值); rules that score "the full points" need it.
        defaults: declared defaults where the text is silent (see `DEFAULTS`).

    Raises:
        CriterionSyntaxError: the text cannot be read, or leaves a parameter missing.

    Example:
        >>> criterion("每发现1处扣0.5分", weight=3).score({"count:垃圾": 4}).points
        Decimal('1.00')
    """
    w = _weight(weight)
    d = _defaults(defaults)
    prep, phrases = read(text)
    built = build(prep, phrases, w, dict(d))
    return Criterion(rule=built.node, weight=w, defaults=d, text=text,
                     assumptions=prep.notes + built.assumptions)
