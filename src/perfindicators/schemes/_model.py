"""The scheme values: `Rule` (which policy scores what), `WeightGroup` and `Scheme`.

>>> from perfindicators.schemes import get_scheme
>>> s = get_scheme("hubei")
>>> s.weights[2]
WeightGroup(levels=('效益指标', '满意度指标'), weight=Decimal('40'))
>>> s.weight_of("满意度指标"), s.budget_weight
(Decimal('40'), Decimal('20'))
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._cache import memo
from ..errors import SchemeError
from ..policies import Policy, Rounding
from ..policies._key import Hashed, Unkeyable, memo_key
from ..policies.registry import PolicyRegistry, default_registry

__all__ = ["BUDGET", "FALLBACK", "TARGET_KINDS", "CriterionRule", "Rule", "Scheme",
           "WeightGroup"]

#: the first-level name of the budget block
BUDGET = "预算执行率"
TARGET_KINDS = frozenset({"comparison", "range", "multi", "scoped", "deadline", "period",
                          "qualitative", "statement", "all_of"})


def _kinds(items: Iterable[str]) -> frozenset[str]:
    if isinstance(items, str):
        items = (items,)
    kinds = frozenset(items)
    unknown = kinds - TARGET_KINDS
    if unknown:
        raise ValueError(f"unknown target kind(s) {sorted(unknown)}; "
                         f"known: {', '.join(sorted(TARGET_KINDS))}")
    return kinds


class _FrozenMap(tuple):  # type: ignore[type-arg]
    """A TOML table inside a rule's settings, kept hashable."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        return {k: _thaw(v) for k, v in self}


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return _FrozenMap(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    return value.as_dict() if isinstance(value, _FrozenMap) else value


def _settings(items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    return tuple(sorted((str(k), _frozen(v)) for k, v in pairs))


def _coerce(settings: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Rule settings as constructor arguments: a ``rounding`` table becomes a `Rounding`,
    lists become tuples."""
    out: dict[str, Any] = {}
    for k, v in settings:
        v = _thaw(v)
        if k == "rounding" and isinstance(v, Mapping):
            out[k] = Rounding(**v)
        elif isinstance(v, list):
            out[k] = tuple(v)
        else:
            out[k] = v
    return out


def _has_rounding(policy: object) -> bool:
    return attrs.has(type(policy)) and any(
        a.name == "rounding" for a in attrs.fields(type(policy)))  # type: ignore[arg-type]


@attrs.frozen(cache_hash=True)
class Rule:
    """Which policy scores the indicators that match.

    Attributes:
        policy: a registered name or a policy object.
        level1: a glob on the 一级指标 (``产出*``), or ``None`` for any.
        level2: a glob on the 二级指标 (``成本*``), or ``None`` for any.
        kinds: target kinds (``qualitative``, ``deadline`` …); empty for any.
        settings: constructor settings applied to the rule's policy (``{"partial": [50, 80]}``;
            lists become tuples, a ``rounding`` table a `Rounding`).

    Examples:
        >>> r = Rule("proportional", level2="成本*")
        >>> r.matches("产出指标", "成本指标", "comparison"), r.matches(None, "质量指标", "range")
        (True, False)
    """

    policy: str | Policy
    level1: str | None = None
    level2: str | None = None
    kinds: frozenset[str] = attrs.field(default=frozenset(), converter=_kinds)
    settings: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_settings)

    def matches(self, level1: str | None, level2: str | None, kind: str) -> bool:
        """Whether this rule applies to an indicator of these categories and target kind."""
        if self.kinds and kind not in self.kinds:
            return False
        if self.level1 is not None and not fnmatch.fnmatchcase(level1 or "", self.level1):
            return False
        return self.level2 is None or fnmatch.fnmatchcase(level2 or "", self.level2)

    def resolve(self, registry: PolicyRegistry = default_registry) -> tuple[str, Policy]:
        """The rule's policy name and policy object, its settings applied.

        Raises:
            UnknownNameError: the rule names a policy *registry* does not know.
            SchemeError: settings for a policy that takes none.
            TypeError, ValueError: settings the policy refuses.
        """
        try:
            key = memo_key(self)
        except Unkeyable:
            return self._build(registry)
        return _resolve(key, self, registry, registry.version)

    def _build(self, registry: PolicyRegistry) -> tuple[str, Policy]:
        policy = registry.get(self.policy)
        name = self.policy if isinstance(self.policy, str) else registry.name_of(policy)
        if self.settings:
            if not attrs.has(type(policy)):
                raise SchemeError(f"policy {name!r} takes no settings")
            policy = attrs.evolve(policy, **_coerce(self.settings))  # type: ignore[misc]
        return name, policy


@memo(maxsize=1024)
def _resolve(key: Any, rule: Rule, registry: PolicyRegistry, version: int) -> tuple[str, Policy]:
    """A rule's policy, once per rule (by its memo key: every field, typed), registry and
    registry version. The registry keys by identity; *rule* rides along for the build."""
    return rule._build(registry)


def _names(items: Iterable[str]) -> tuple[str, ...]:
    return (items,) if isinstance(items, str) else tuple(items)


#: what scores an indicator no rule of a scheme matches: the central rule
FALLBACK = Rule("proportional")


def _defaults(items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    return tuple(sorted((str(k), str(v)) for k, v in pairs))


@attrs.frozen(cache_hash=True)
class CriterionRule:
    """A written criterion (评分标准) a scheme attaches to the indicators whose name matches.

    `perfindicators.forms.score_form` scores such a row by the criterion when the form itself
    gives the row none (a form's own 评(扣)分标准 wins).

    Attributes:
        indicator: a glob on the 三级指标 (``*满意度*``; ``*`` any text, ``?`` one character,
            ``[…]`` one of), matched case-sensitively on the name as written.
        criterion: the criterion's text, compiled when the scheme is read (and again with
            each row's weight when it is scored).
        level1: a glob on the 一级指标, or ``None`` for any.
        level2: a glob on the 二级指标, or ``None`` for any.
        defaults: declared defaults of the criterion (``{"partial_step": "ceil"}``).

    Examples:
        >>> r = CriterionRule("*满意度*", "每降低1个百分点扣0.5分，扣完为止")
        >>> r.matches("满意度指标", "服务对象满意度指标", "受益群众满意度"), r.matches(None, None, "合格率")
        (True, False)
    """

    indicator: str
    criterion: str
    level1: str | None = None
    level2: str | None = None
    defaults: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_defaults)

    def matches(self, level1: str | None, level2: str | None, level3: str | None) -> bool:
        """Whether this criterion applies to an indicator of these names."""
        if not fnmatch.fnmatchcase(level3 or "", self.indicator):
            return False
        if self.level1 is not None and not fnmatch.fnmatchcase(level1 or "", self.level1):
            return False
        return self.level2 is None or fnmatch.fnmatchcase(level2 or "", self.level2)


@attrs.frozen
class WeightGroup:
    """The default weight of one or more first-level indicators that share it.

    Hubei weighs 效益指标 and 满意度指标 together (40 for both); a scheme file writes such a
    group as one key joined with ``+`` (``"效益指标+满意度指标" = 40``). A group unpacks as
    ``(name, weight)``, so ``dict(scheme.weights)`` maps names to weights.

    Examples:
        >>> g = WeightGroup.parse("效益指标+满意度指标", 40)
        >>> g.levels, g.name, g.covers("满意度指标"), dict([g])
        (('效益指标', '满意度指标'), '效益指标+满意度指标', True, {'效益指标+满意度指标': Decimal('40')})
    """

    levels: tuple[str, ...] = attrs.field(converter=_names)
    weight: Decimal

    def __attrs_post_init__(self) -> None:
        if not self.levels or any(not isinstance(x, str) or not x.strip() or "+" in x
                                  for x in self.levels):
            raise ValueError(f"a weight group names first-level indicators, not {self.levels!r}")
        if not isinstance(self.weight, Decimal) or not self.weight.is_finite() or self.weight < 0:
            raise ValueError(f"a weight is a number ≥ 0, not {self.weight!r}")

    @classmethod
    def parse(cls, name: str, weight: object) -> WeightGroup:
        """A group from a scheme file's key (``+`` joins names) and its weight."""
        if isinstance(weight, bool) or not isinstance(weight, int | float | str | Decimal):
            raise ValueError(f"the weight of {name!r} is a number, not {weight!r}")
        return cls(tuple(part.strip() for part in str(name).split("+")), Decimal(str(weight)))

    @property
    def name(self) -> str:
        """The group as a scheme file writes it: its names joined with ``+``."""
        return "+".join(self.levels)

    def covers(self, level1: str) -> bool:
        """Whether *level1* (一级指标) belongs to this group."""
        return level1 in self.levels

    def __iter__(self) -> Iterator[Any]:
        return iter((self.name, self.weight))


def _weights(items: Mapping[str, Any] | Iterable[Any]) -> tuple[WeightGroup, ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    out = tuple(g if isinstance(g, WeightGroup) else WeightGroup.parse(*g) for g in pairs)
    total = sum(g.weight for g in out)
    if total != 100:
        raise ValueError(f"first-level weights add up to {total}, not 100")
    seen: set[str] = set()
    for g in out:
        twice = seen.intersection(g.levels)
        if twice:
            raise ValueError(f"{', '.join(sorted(twice))} weighed twice")
        seen.update(g.levels)
    return out


def _grades(items: Mapping[str, Any] | Iterable[tuple[Any, str]]) -> tuple[tuple[Decimal, str], ...]:
    pairs = ((v, k) for k, v in items.items()) if isinstance(items, Mapping) else items
    out = []
    for low, g in pairs:
        if isinstance(low, bool) or not isinstance(low, int | float | str | Decimal):
            raise ValueError(f"grade {g!r} starts at a number, not {low!r}")
        out.append((Decimal(str(low)), str(g)))
    out.sort(reverse=True)
    if not out or out[-1][0] != 0:
        raise ValueError("grade bands need a lowest grade starting at 0")
    if any(not 0 <= low <= 100 for low, _ in out):
        raise ValueError("grade bands start between 0 and 100")
    return tuple(out)


def _criteria(items: Iterable[CriterionRule]) -> tuple[CriterionRule, ...]:
    out = tuple(items)
    for c in out:
        if not isinstance(c, CriterionRule):
            raise TypeError(f"a scheme's criteria are CriterionRule values, not {c!r}")
    return out


def _rules(items: Iterable[Rule]) -> tuple[Rule, ...]:
    rules = tuple(items)
    if not rules:
        raise ValueError("a scheme needs at least one rule")
    for r in rules:
        if not isinstance(r, Rule):
            raise TypeError(f"a scheme's rules are Rule values, not {r!r}")
    return rules


@attrs.frozen(cache_hash=True)
class Scheme:
    """A named set of scoring rules: the rule set of one finance authority.

    Attributes:
        name: the scheme's name.
        rules: tried in order; the first that matches chooses the policy. An indicator no
            rule matches is scored by `FALLBACK` (``proportional``, the central rule).
        weights: default first-level weights as `WeightGroup` values, ``预算执行率``
            included (given as a mapping ``{"产出指标": 50, …}``, ``+`` joining a group).
        grades: (lowest total, grade), best first; lower bounds are inclusive.
        rounding: the scheme's rounding. It rounds bare-number results of any policy; when it
            is not the default (half-up, two places) it also replaces the rounding of the
            policies the rules and the budget rule choose, unless a rule's settings set one.
        budget_policy: the rule of the budget block.
        description: one line about where the rules come from.
        criteria: written criteria for indicators by name (`CriterionRule`), tried in order;
            the first that matches scores the row (in a form, unless the form has its own).

    Examples:
        >>> s = Scheme("mine", [Rule("proportional")], {"产出指标": 60, "效益指标": 30,
        ...            "预算执行率": 10}, {"合格": 60, "不合格": 0})
        >>> s.grade(Decimal("59.99")), s.budget_weight, s.policy_for(None, None, "range")[0]
        ('不合格', Decimal('10'), 'proportional')
    """

    name: str
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    weights: tuple[WeightGroup, ...] = attrs.field(converter=_weights)
    grades: tuple[tuple[Decimal, str], ...] = attrs.field(converter=_grades)
    rounding: Rounding = Rounding()
    budget_policy: Rule = Rule("budget-execution")
    description: str = ""
    criteria: tuple[CriterionRule, ...] = attrs.field(default=(), converter=_criteria)
    _key: Hashed | None = attrs.field(init=False, eq=False, hash=False, repr=False,
                            metadata={"memo": False})

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a scheme needs a name")
        try:
            key: Hashed | None = Hashed(memo_key(self))
        except Unkeyable:
            key = None
        object.__setattr__(self, "_key", key)

    @property
    def memo_key(self) -> Hashed:
        """Every field, typed (`perfindicators.policies._key.memo_key`), computed once: the
        scheme's part of a score's memo key.

        Raises:
            Unkeyable: a rule holds a policy that has no faithful key.
        """
        if self._key is None:
            raise Unkeyable(f"scheme {self.name!r} holds a policy that has no memo key")
        return self._key

    def policy_for(self, level1: str | None, level2: str | None, kind: str,
                   registry: PolicyRegistry = default_registry) -> tuple[str, Policy]:
        """The name and the policy that score an indicator of this kind and category.

        Raises:
            UnknownNameError: a rule names a policy *registry* does not know.
        """
        try:
            key = self.memo_key
        except Unkeyable:
            return self._choose(level1, level2, kind, registry)
        return _policy_for(key, self, level1, level2, kind, registry, registry.version)

    def _choose(self, level1: str | None, level2: str | None, kind: str,
                registry: PolicyRegistry) -> tuple[str, Policy]:
        rule = next((r for r in self.rules if r.matches(level1, level2, kind)), FALLBACK)
        return self._with_rounding(rule, *rule.resolve(registry))

    def _with_rounding(self, rule: Rule, name: str, policy: Policy) -> tuple[str, Policy]:
        if (self.rounding != Rounding() and all(k != "rounding" for k, _ in rule.settings)
                and _has_rounding(policy)):
            policy = attrs.evolve(policy, rounding=self.rounding)  # type: ignore[misc]
        return name, policy

    def budget(self, registry: PolicyRegistry = default_registry) -> tuple[str, Policy]:
        """The name and the policy of the budget block (the scheme's rounding applied as in
        `policy_for`)."""
        return self._with_rounding(self.budget_policy, *self.budget_policy.resolve(registry))

    def criterion_for(self, level1: str | None, level2: str | None,
                      level3: str | None) -> CriterionRule | None:
        """The first of the scheme's `criteria` whose patterns match the indicator, if any."""
        return next((c for c in self.criteria if c.matches(level1, level2, level3)), None)

    def weight_of(self, level1: str) -> Decimal | None:
        """The default weight of the group *level1* belongs to (``None``: no group)."""
        return next((g.weight for g in self.weights if g.covers(level1)), None)

    @property
    def budget_weight(self) -> Decimal:
        """The default weight of the budget block (预算执行率): 10 central, 20 Hubei."""
        w = self.weight_of(BUDGET)
        return Decimal(10) if w is None else w

    def grade(self, total: Decimal) -> str:
        """The grade of a total (lower bounds inclusive: 90 → 优, 89.99 → 良)."""
        for low, grade in self.grades:
            if total >= low:
                return grade
        return self.grades[-1][1]


@memo(maxsize=4096)
def _policy_for(key: Any, scheme: Scheme, level1: str | None, level2: str | None, kind: str,
                registry: PolicyRegistry, version: int) -> tuple[str, Policy]:
    """The policy of an indicator, once per scheme (by its memo key), categories, kind,
    registry and registry version."""
    return scheme._choose(level1, level2, kind, registry)
