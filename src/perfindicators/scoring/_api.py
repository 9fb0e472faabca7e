"""Scoring rows: `score`, `score_outcome`, `score_many`, `score_budget`, and the score memo.

>>> import perfindicators as pi
>>> pi.score("≥60项", "30项", 3).points
Decimal('1.50')
>>> pi.score_budget("9,537.73", "8,417.73").points
Decimal('8.83')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .. import units as q
from .._cache import clear_caches as _clear_all
from .._cache import memo
from ..actuals import Actual, Measured
from ..errors import BatchError, PerfIndicatorError, RowError
from ..evaluate import Flag, Outcome, evaluate, evaluate_parsed
from ..outcome import raw_texts, trusted
from ..parsing import parse
from ..policies import Award, Policy, Rounding, ScoreFlag, as_award
from ..policies._key import Unkeyable, memo_key
from ..policies.registry import PolicyRegistry, default_registry
from ..schemes import Scheme, get_scheme
from ..schemes import default_registry as _schemes
from ..schemes._toml import is_path
from ..targets import Comparison, Op, Target
from ._inputs import _weight_of, to_amount, to_weight, to_year
from ._score import Score, bounded

__all__ = ["SCORE_MEMO_SIZE", "clear_caches", "score", "score_budget", "score_many",
           "score_outcome"]

#: rows the score memo keeps. A million rows of the corpus mix (bench/score.py) hold about
#: 89,000 distinct rows: at 2**17 every one of them is scored once.
SCORE_MEMO_SIZE = 2**17


def _policy(policy: str | Policy | None, sch: Scheme, level1: str | None,
            category: str | None, kind: str, registry: PolicyRegistry) -> tuple[str, Policy]:
    if policy is None:
        return sch.policy_for(level1, category, kind, registry)
    pol = registry.get(policy)
    return (policy if isinstance(policy, str) else registry.name_of(pol)), pol


def score_outcome(outcome: Outcome, weight: object, *, policy: str | Policy | None = None,
                  scheme: str | Scheme = "central", level1: str | None = None,
                  category: str | None = None,
                  registry: PolicyRegistry = default_registry) -> Score:
    """Score an outcome that was already evaluated (not memoised).

    Examples:
        >>> import perfindicators as pi
        >>> score_outcome(pi.parse("≤5%").evaluate("10%"), 10).points
        Decimal('5.00')

    Raises:
        WeightError: the weight is not a non-negative number.
        UnknownNameError: an unknown policy or scheme name.
        PolicyError: the policy broke its contract.
    """
    # `to_weight`, its common case spelled out: a weight as text or int, read once
    w = _weight_of(weight) if type(weight) is str or type(weight) is int else to_weight(weight)
    kind = outcome.target.kind
    rule = _rule_of(scheme, _schemes.version, level1, category, kind, registry,
                    registry.version) if policy is None and type(scheme) is str else None
    if rule is not None:
        name, pol, rounding = rule
    else:
        sch = get_scheme(scheme, policies=registry)
        name, pol = _policy(policy, sch, level1, category, kind, registry)
        rounding = sch.rounding
    award = pol(outcome, w)
    if type(award) is not Award:
        award = as_award(award, w, rounding, name)
    points = award.points
    if not (type(points) is Decimal and points.is_finite() and ZERO <= points <= w):
        award = bounded(award, w, pol, name)  # which leaves points in [0, weight] as they are
    flags = outcome.flags | award.flags if award.flags else outcome.flags
    # an Award's texts read from their slots, those not built yet handed on unbuilt (a
    # subclass, which `as_award` passes on, through its attributes)
    if type(award) is Award:
        zh, en = _award_zh(award), _award_en(award)
    else:
        zh, en = award.zh, award.en
    if type(flags) is frozenset:
        for f in flags:
            if type(f) not in _FLAG_TYPES:
                break
        else:
            # `bounded` made the points a finite Decimal in [0, weight], or above it flagged
            # above_weight, and the flags are typed: what Score's checks and converter ask
            return _score_value(award.points, w, name, outcome, flags, zh, en)
    return Score(award.points, w, name, outcome, flags, zh, en)


_score_value = trusted(Score)


@memo(maxsize=4096)
def _rule_of(scheme: str, schemes_version: int, level1: str | None, category: str | None,
             kind: str, registry: PolicyRegistry,
             version: int) -> tuple[str, Policy, Rounding] | None:
    """The policy a named scheme gives an indicator, and the scheme's rounding: `get_scheme`
    and `Scheme.policy_for` once per scheme name and state of the scheme registry, categories,
    kind, policy registry and its state (each registry's version moves on every change).
    None for the path of a scheme file, which is read on every call."""
    if is_path(scheme):
        return None
    sch = get_scheme(scheme, policies=registry)
    return (*sch.policy_for(level1, category, kind, registry), sch.rounding)

ZERO = Decimal(0)
_award_zh, _award_en = raw_texts(Award, "zh", "en")
_FLAG_TYPES = (Flag, ScoreFlag)


class _Call:
    """One call of `score`: its memo key and its arguments. Two calls are equal when their
    keys are, and a key captures every argument exactly (`memo_key`: types, every field, the
    registry by identity and version), so the arguments can ride along uncompared."""

    __slots__ = ("args", "hash", "key")

    def __init__(self, key: tuple[Any, ...], args: tuple[Any, ...]) -> None:
        self.key, self.args, self.hash = key, args, hash(key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Call) and self.key == other.key

    def __hash__(self) -> int:
        return self.hash


def score(target: str | Target, actual: str | Actual | None, weight: object, *,
          policy: str | Policy | None = None, scheme: str | Scheme = "central",
          year: int | None = None, category: str | None = None, level1: str | None = None,
          indicator: str | None = None, registry: PolicyRegistry = default_registry) -> Score:
    """Score one row: evaluate *actual* against *target* and apply a policy.

    Scores are memoised: the same row — the same texts (or objects, field by field), the same
    weight written the same way, policy, scheme content, year, categories and registry state —
    is scored once. `clear_caches` empties the memo.

    Args:
        target: the target (年度指标值), as text or parsed.
        actual: the actual value (实际完成值), as text or parsed; empty means missing.
        weight: the row's weight (分值): an ``int``, ``Decimal``, ``float`` or numeric text.
        policy: a policy name or object; by default the scheme chooses by category and kind.
        scheme: a scheme name, object or ``.toml`` path (read on every call, parsed once per
            content).
        year: the form's year, for deadlines written without one: an ``int`` (a whole
            ``float`` such as ``2021.0`` is taken as ``2021``).
        category: the 二级指标 (``成本指标`` makes a bare target "at most").
        level1: the 一级指标, for schemes whose rules depend on it.
        indicator: the 三级指标 (投诉率, 预算调整率 … make a bare target "at most").
        registry: where policy names are looked up.

    Examples:
        >>> import perfindicators as pi
        >>> print(pi.score("≥10%", "32%", 6).explanation_zh)
        实际值32% ≥ 指标值10%，得满分6分

    Raises:
        TargetSyntaxError: the target cannot be read.
        UnitMismatchError: the actual is in another kind of unit.
        WeightError: the weight is not a non-negative number (``True`` is not a weight).
        YearError: the year is not a whole number.
        UnknownNameError: an unknown policy or scheme name.
    """
    w = to_weight(weight)
    y = to_year(year)
    sch = get_scheme(scheme, policies=registry)
    args = (target, actual, w, policy, sch, y, category, level1, indicator, registry)
    try:  # text and None key as themselves: spelled out, the common case calls nothing
        key = (target if type(target) is str else memo_key(target),
               actual if actual is None or type(actual) is str else memo_key(actual),
               str(w), policy if policy is None or type(policy) is str else memo_key(policy),
               sch.memo_key, y,
               category if category is None or type(category) is str else memo_key(category),
               level1 if level1 is None or type(level1) is str else memo_key(level1),
               indicator if indicator is None or type(indicator) is str else memo_key(indicator),
               registry, registry.version)
    except Unkeyable:  # an argument whose equality is its own: score without the memo
        return _score(*args)
    return _score_memo(_Call(key, args))


def _score(target: str | Target, actual: str | Actual | None, weight: Decimal,
           policy: str | Policy | None, scheme: Scheme, year: int | None,
           category: str | None, level1: str | None, indicator: str | None,
           registry: PolicyRegistry) -> Score:
    t = target if isinstance(target, Target) else parse(target, year=year)
    outcome = evaluate_parsed(t, actual, category, None, year, indicator, None)
    return score_outcome(outcome, weight, policy=policy, scheme=scheme, level1=level1,
                         category=category, registry=registry)


@memo(maxsize=SCORE_MEMO_SIZE)
def _score_memo(call: _Call) -> Score:
    """Scores are immutable values of immutable inputs: the same row scores once."""
    return _score(*call.args)


def clear_caches() -> None:
    """Forget every memo of the package — parses, actuals, scores, scheme files, policy
    lookups (`perfindicators._cache.clear_caches`). Results never go stale; this frees memory.

    Examples:
        >>> clear_caches()
        >>> _score_memo.cache_info().currsize
        0
    """
    _clear_all()


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
        return dict(zip(("target", "actual", "weight", "category"), row, strict=False))
    raise RowError(0, PerfIndicatorError(
        "a row is a mapping with target, actual, weight (and category, level1) or a tuple "
        "(target, actual, weight[, category])"))


def score_many(rows: Iterable[object], *, policy: str | Policy | None = None,
               scheme: str | Scheme = "central", year: int | None = None,
               registry: PolicyRegistry = default_registry) -> list[Score]:
    """Score many rows; report every bad row, not just the first.

    Examples:
        >>> [str(s) for s in score_many([("≥60项", "30项", 3), ("≤5%", "10%", 10)])]
        ['1.50/3', '5.00/10']

    Raises:
        BatchError: a `RowError` for each bad row (its index and the field at fault);
            ``results`` holds the scores of the good rows (``None`` for bad ones).
        YearError: the year is not a whole number.
    """
    sch = get_scheme(scheme, policies=registry)
    y = to_year(year)
    results: list[Score | None] = []
    errors: list[RowError] = []
    for i, row in enumerate(rows):
        field = None
        try:
            args = _row_args(row)
            field = "target"
            t = parse(args["target"], year=y) if not isinstance(args["target"], Target) \
                else args["target"]
            field = "actual"
            outcome = evaluate(t, args.get("actual"), category=args.get("category"), year=y,
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
    """Score the budget block: executed / budget × weight (预算执行率), with the scheme's
    budget policy (or *policy*).

    Args:
        budget: the full-year budget (全年预算数); thousands separators allowed.
        executed: the amount executed (全年执行数), in the same unit.
        weight: the block's weight; by default the scheme's (10 central, 20 Hubei).

    Examples:
        >>> score_budget("150", "125.25", scheme="hubei").points
        Decimal('16.70')

    Raises:
        WeightError: an amount or the weight is not a non-negative number.
    """
    sch = get_scheme(scheme, policies=registry)
    a = to_amount(budget, "budget")
    b = to_amount(executed, "executed")
    target = Comparison(Op.GE, q.make(a, None))
    outcome = evaluate(target, Measured(q.make(b, None), True, str(executed)))
    w = sch.budget_weight if weight is None else to_weight(weight)
    if policy is None:
        name, pol = sch.budget(registry)
    else:
        name, pol = _policy(policy, sch, None, None, target.kind, registry)
    award = bounded(as_award(pol(outcome, w), w, sch.rounding, name), w, pol, name)
    return Score(award.points, w, name, outcome, outcome.flags | award.flags, award.zh, award.en)
