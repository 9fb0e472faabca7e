"""Scores: a target, an actual value and a weight in; exact, explained points out.

>>> import perfindicators as pi
>>> pi.score("≥60项", "30项", 3).points
Decimal('1.50')
>>> print(pi.score("≥10%", "32%", 6).explanation_zh)
实际值32% ≥ 指标值10%，得满分6分
>>> pi.score_budget("9,537.73", "8,417.73").points
Decimal('8.83')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from . import _cache
from . import units as q
from .actuals import Actual, Measured
from .errors import BatchError, PerfIndicatorError, RowError, WeightError
from .evaluate import Outcome, evaluate
from .parsing import parse
from .policies import Award, Policy, Rounding
from .policies.registry import PolicyError, PolicyRegistry, default_registry
from .schemes import Scheme, get_scheme
from .targets import Comparison, Op, Target

__all__ = ["Score", "WeightError", "as_award", "clear_caches", "score", "score_budget",
           "score_many"]


def _frozen_strs(items: Iterable[str]) -> frozenset[str]:
    return items if isinstance(items, frozenset) else frozenset(items)


@attrs.frozen
class Score:
    """The score of one row.

    Attributes:
        points: the points (never negative, never above the weight, never NaN).
        weight: the row's weight (分值).
        policy: the name of the policy that scored it.
        outcome: the evaluation it was scored from.
        flags: ``over_achieved``, ``copied_target``, ``missing``, ``hand_judged``,
            ``needs_judgement``, ``implicit_direction``, ``unit_assumed`` …
        explanation_zh: the arithmetic in Chinese.
        explanation_en: the arithmetic in English.
    """

    points: Decimal
    weight: Decimal
    policy: str
    outcome: Outcome | None = attrs.field(eq=False, repr=False)
    flags: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_strs)
    explanation_zh: str = attrs.field(default="", eq=False)
    explanation_en: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.points.is_finite() or self.points < 0:
            raise ValueError(f"a score is a finite number ≥ 0, not {self.points}")
        if self.points > self.weight and "above_weight" not in self.flags:
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
        from .forms.html import score_html

        return score_html(self)


def as_award(result: object, weight: Decimal, rounding: Rounding, name: str = "?") -> Award:
    """A policy's result as an `Award`: a bare number is rounded and explained."""
    if isinstance(result, Award):
        return result
    if isinstance(result, Decimal) and result.is_finite():
        points = rounding(result)
        return Award(points, f"按所选规则计分，得{points}分", f"{points} points by the chosen rule")
    if isinstance(result, int) and not isinstance(result, bool):
        return as_award(Decimal(result), weight, rounding, name)
    raise PolicyError(f"returned {result!r}; a policy returns a Decimal or an Award "
                      "(never a float: scores are exact)", name=name)


def to_weight(weight: object) -> Decimal:
    """A weight as a ``Decimal``: numbers and numeric text (``"3"``, ``"2.5"``)."""
    if isinstance(weight, str | int) and not isinstance(weight, bool):
        return _weight_of(weight)
    return _to_weight(weight)


@functools.lru_cache(maxsize=4096)
def _weight_of(weight: str | int) -> Decimal:
    return _to_weight(weight)


def _to_weight(weight: object) -> Decimal:
    if isinstance(weight, bool) or weight is None:
        raise WeightError(f"a weight is a number, not {weight!r}")
    text = weight if isinstance(weight, Decimal) else str(weight).strip()
    return _non_negative(text, weight, "a weight", "write the 分值 as a number, e.g. 3 or 2.5")


def _non_negative(text: str | Decimal, given: object, what: str, hint: str) -> Decimal:
    """A finite number ≥ 0, or a `WeightError` that quotes what was *given*."""
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise WeightError(f"{what} is a number, not {given!r}", hint=hint) from None
    if not d.is_finite() or d < 0:
        raise WeightError(f"{what} is a finite number ≥ 0, not {given!r}", hint=hint)
    return d


def _bounded(award: Award, weight: Decimal, policy: Policy, name: str) -> Award:
    """The award within [0, weight] (a policy with ``cap = False`` may exceed the weight,
    flagged ``above_weight``); a clamped award says so."""
    points = award.points
    if not isinstance(points, Decimal) or not points.is_finite():
        raise PolicyError(f"gave {points!r}", name=name)
    if points < 0:
        return Award(Decimal("0.00"), f"{award.zh}（低于0分，按0分计）",
                     f"{award.en} (below 0: 0 points)", award.flags | {"capped"})
    if points > weight:
        if getattr(policy, "cap", True):
            return Award(weight, f"{award.zh}（超过分值，按满分{weight}分计）",
                         f"{award.en} (above the weight: {weight} points)", award.flags | {"capped"})
        if "above_weight" not in award.flags:
            return attrs.evolve(award, flags=award.flags | {"above_weight"})
    return award


def score_outcome(outcome: Outcome, weight: object, *, policy: str | Policy | None = None,
                  scheme: str | Scheme = "central", level1: str | None = None,
                  category: str | None = None,
                  registry: PolicyRegistry = default_registry) -> Score:
    """Score an outcome that was already evaluated."""
    w = to_weight(weight)
    sch = get_scheme(scheme)
    if policy is None:
        name, pol = sch.policy_for(level1, category, outcome.target.kind, registry)
    else:
        pol = registry.get(policy)
        name = policy if isinstance(policy, str) else registry.name_of(pol)
    award = _bounded(as_award(pol(outcome, w), w, sch.rounding, name), w, pol, name)
    flags = outcome.flags | award.flags if award.flags else outcome.flags
    return Score(award.points, w, name, outcome, flags, award.zh, award.en)


def score(target: str | Target, actual: str | Actual | None, weight: object, *,
          policy: str | Policy | None = None, scheme: str | Scheme = "central",
          year: int | None = None, category: str | None = None, level1: str | None = None,
          indicator: str | None = None, registry: PolicyRegistry = default_registry) -> Score:
    """Score one row: evaluate *actual* against *target* and apply a policy.

    Args:
        target: the target (年度指标值), as text or parsed.
        actual: the actual value (实际完成值), as text or parsed; empty means missing.
        weight: the row's weight (分值).
        policy: a policy name or object; by default the scheme chooses by category and kind.
        scheme: a scheme name, object or ``.toml`` path.
        year: the form's year, for deadlines written without one.
        category: the 二级指标 (``成本指标`` makes a bare target "at most").
        level1: the 一级指标, for schemes whose rules depend on it.
        indicator: the 三级指标 (投诉率, 预算调整率 … make a bare target "at most").

    Raises:
        TargetSyntaxError: the target cannot be read.
        UnitMismatchError: the actual is in another kind of unit.
        WeightError: the weight is not a non-negative number.
        UnknownNameError: an unknown policy or scheme name.
    """
    if not isinstance(scheme, Scheme):
        scheme = get_scheme(scheme)  # a scheme file is read now: the memo keys on its content
    key = (target, actual, weight, policy, scheme, year, category, level1, indicator, registry,
           registry.version)
    try:
        return _score_memo(key)
    except TypeError:  # an unhashable argument: score without the memo
        return _score(*key[:-1])


def _score(target: str | Target, actual: str | Actual | None, weight: object,
           policy: str | Policy | None, scheme: str | Scheme, year: int | None,
           category: str | None, level1: str | None, indicator: str | None,
           registry: PolicyRegistry) -> Score:
    t = target if isinstance(target, Target) else parse(target, year=year)
    outcome = evaluate(t, actual, category=category, year=year, indicator=indicator)
    return score_outcome(outcome, weight, policy=policy, scheme=scheme, level1=level1,
                         category=category, registry=registry)


@functools.lru_cache(maxsize=32768)
def _score_memo(key: tuple[Any, ...]) -> Score:
    """Scores are immutable values of immutable inputs: the same row scores once. The key
    holds the registry's version, so a policy registered again is looked up again."""
    return _score(*key[:-1])


def clear_caches() -> None:
    """Forget memoised parses and scores (their results never go stale; this frees memory)."""
    _score_memo.cache_clear()
    _cache.clear_caches()


_ROW_FIELDS = ("target", "actual", "weight")


def _row_args(row: object) -> dict[str, Any]:
    if isinstance(row, Mapping):
        missing = [f for f in ("target", "weight") if f not in row]
        if missing:
            raise RowError(0, PerfIndicatorError(f"missing field(s): {', '.join(missing)}"),
                           field=missing[0])
        args = {k: row.get(k) for k in _ROW_FIELDS}
        args["category"] = row.get("category", row.get("level2"))
        args["level1"] = row.get("level1")
        args["indicator"] = row.get("indicator", row.get("level3"))
        if row.get("policy"):
            args["policy"] = row["policy"]
        return args
    if isinstance(row, Sequence) and not isinstance(row, str) and 3 <= len(row) <= 4:
        args = dict(zip(("target", "actual", "weight", "category"), row, strict=False))
        return args
    raise RowError(0, PerfIndicatorError(
        "a row is a mapping with target, actual, weight (and category, level1) or a tuple "
        "(target, actual, weight[, category])"))


def score_many(rows: Iterable[object], *, policy: str | Policy | None = None,
               scheme: str | Scheme = "central", year: int | None = None,
               registry: PolicyRegistry = default_registry) -> list[Score]:
    """Score many rows; report every bad row, not just the first.

    Raises:
        BatchError: a `RowError` for each bad row (its index and the field at fault);
            ``results`` holds the scores of the good rows (``None`` for bad ones).
    """
    sch = get_scheme(scheme)
    results: list[Score | None] = []
    errors: list[RowError] = []
    for i, row in enumerate(rows):
        field = None
        try:
            args = _row_args(row)
            field = "target"
            t = parse(args["target"], year=year) if not isinstance(args["target"], Target) \
                else args["target"]
            field = "actual"
            outcome = evaluate(t, args.get("actual"), category=args.get("category"), year=year,
                               indicator=args.get("indicator"))
            field = "weight"
            results.append(score_outcome(
                outcome, args["weight"], policy=args.get("policy", policy), scheme=sch,
                level1=args.get("level1"), category=args.get("category"), registry=registry))
        except RowError as e:
            errors.append(RowError(i, e.error, field=e.field))
            results.append(None)
        except PerfIndicatorError as e:
            errors.append(RowError(i, e, field=field))
            results.append(None)
        except TypeError as e:
            errors.append(RowError(i, PerfIndicatorError(str(e)), field=field))
            results.append(None)
    if errors:
        raise BatchError(errors, results)
    return [r for r in results if r is not None]


def score_budget(budget: object, executed: object, weight: object | None = None, *,
                 scheme: str | Scheme = "central", policy: str | Policy | None = None,
                 registry: PolicyRegistry = default_registry) -> Score:
    """Score the budget block: executed / budget × weight (预算执行率).

    Args:
        budget: the full-year budget (全年预算数); thousands separators allowed.
        executed: the amount executed (全年执行数), in the same unit.
        weight: the block's weight; by default the scheme's (10 central, 20 Hubei).
    """
    sch = get_scheme(scheme)
    a = _amount(budget, "budget")
    b = _amount(executed, "executed")
    target = Comparison(Op.GE, q.make(a, None))
    outcome = evaluate(target, Measured(q.make(b, None), True, str(executed)))
    w = sch.budget_weight if weight is None else to_weight(weight)
    if policy is None:
        name, pol = sch.budget(registry)
    else:
        pol = registry.get(policy)
        name = policy if isinstance(policy, str) else registry.name_of(pol)
    award = _bounded(as_award(pol(outcome, w), w, sch.rounding, name), w, pol, name)
    return Score(award.points, w, name, outcome, outcome.flags | award.flags, award.zh, award.en)


def _amount(value: object, what: str) -> Decimal:
    text = str(value).replace(",", "").replace("，", "").strip()
    for unit in ("万元", "萬元", "万", "萬", "元"):  # the block's unit written in the cell
        text = text.removesuffix(unit).strip()
    return _non_negative(text, value, f"the {what} amount",
                         "write the amount in the block's unit, e.g. 9537.73")
