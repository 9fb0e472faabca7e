"""Schemes: named rule sets that say which policy scores which indicator, the default
first-level weights, the grade bands and the rounding.

Built in: ``central`` (财政部: 产出 50, 效益 30, 满意度 10, 预算执行率 10; 优 ≥ 90, 良 ≥ 80,
中 ≥ 60), ``hubei`` (预算执行 20, 产出 40, 效益+满意度 40; qualitative tiers 80/50) and
``pmkpi`` (a deployed provincial system: linear at-most rule, uncapped execution, 80/70/60
bands). A finance bureau can publish its own as a TOML file (see ``docs/policies.md``).

>>> s = get_scheme("central")
>>> s.grade(Decimal("94.23")), s.grade(Decimal("89.99")), s.grade(Decimal("60"))
('优', '良', '中')
>>> s.policy_for("产出指标", "质量指标", "qualitative")[0]
'qualitative-tiers'
"""

from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from .errors import PerfIndicatorError, SchemeError, UnknownNameError
from .policies import Policy, Rounding
from .policies.registry import PolicyRegistry, default_registry

__all__ = ["Rule", "Scheme", "SchemeError", "get_scheme", "load_scheme", "register_scheme",
           "scheme_names", "unregister_scheme"]

BUDGET = "预算执行率"
TARGET_KINDS = frozenset({"comparison", "range", "multi", "scoped", "deadline", "period",
                          "qualitative", "statement", "all_of"})


def _kinds(items: Iterable[str]) -> frozenset[str]:
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


@attrs.frozen(cache_hash=True)
class Rule:
    """Which policy scores the indicators that match.

    Attributes:
        policy: a registered name or a policy object.
        level1: a glob on the 一级指标 (``产出*``), or ``None`` for any.
        level2: a glob on the 二级指标 (``成本*``), or ``None`` for any.
        kinds: target kinds (``qualitative``, ``deadline`` …); empty for any.
        settings: constructor settings applied to a named built-in policy
            (``{"partial": [50, 80]}``).
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

    def resolve(self, registry: PolicyRegistry) -> tuple[str, Policy]:
        """The rule's policy name and policy object, its settings applied (cached)."""
        return _resolve(self, registry, registry.version)

    def _build(self, registry: PolicyRegistry) -> tuple[str, Policy]:
        policy = registry.get(self.policy)
        name = self.policy if isinstance(self.policy, str) else registry.name_of(policy)
        if self.settings:
            if not attrs.has(type(policy)):
                raise SchemeError(f"policy {name!r} takes no settings")
            policy = attrs.evolve(policy, **_coerce(dict(self.settings)))  # type: ignore[misc]
        return name, policy


@functools.lru_cache(maxsize=4096)
def _policy_for(scheme: Scheme, level1: str | None, level2: str | None, kind: str,
                registry: PolicyRegistry, version: int) -> tuple[str, Policy]:
    return scheme._choose(level1, level2, kind, registry)


@functools.lru_cache(maxsize=1024)
def _resolve(rule: Rule, registry: PolicyRegistry, version: int) -> tuple[str, Policy]:
    return rule._build(registry)


def _coerce(settings: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in settings.items():
        v = _thaw(v)
        if k == "rounding" and isinstance(v, Mapping):
            out[k] = Rounding(**v)
        elif isinstance(v, list):
            out[k] = tuple(v)
        else:
            out[k] = v
    return out


def _weights(items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Decimal], ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    out = tuple((str(k), Decimal(str(v))) for k, v in pairs)
    if sum(w for _, w in out) != 100:
        raise ValueError(f"first-level weights add up to {sum(w for _, w in out)}, not 100")
    return out


def _grades(items: Mapping[str, Any] | Iterable[tuple[Any, str]]) -> tuple[tuple[Decimal, str], ...]:
    pairs = ((v, k) for k, v in items.items()) if isinstance(items, Mapping) else items
    out = sorted(((Decimal(str(low)), str(g)) for low, g in pairs), reverse=True)
    if not out or out[-1][0] != 0:
        raise ValueError("grade bands need a lowest grade starting at 0")
    if any(not 0 <= low <= 100 for low, _ in out):
        raise ValueError("grade bands start between 0 and 100")
    return tuple(out)


def _rules(items: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(items)


@attrs.frozen(cache_hash=True)
class Scheme:
    """A named set of scoring rules.

    Attributes:
        name: the scheme's name.
        rules: tried in order; the first that matches scores the indicator.
        weights: default first-level weights (``产出指标`` 50 …), ``预算执行率`` included;
            a ``+`` joins groups that share one weight (``效益指标+满意度指标``).
        grades: (lowest total, grade), best first; lower bounds are inclusive.
        rounding: how points are rounded.
        budget_policy: the policy of the budget block.
        description: one line about where the rules come from.
    """

    name: str
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    weights: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_weights)
    grades: tuple[tuple[Decimal, str], ...] = attrs.field(converter=_grades)
    rounding: Rounding = Rounding()
    budget_policy: Rule = Rule("budget-execution")
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.rules:
            raise ValueError("a scheme needs at least one rule")

    def policy_for(self, level1: str | None, level2: str | None, kind: str,
                   registry: PolicyRegistry = default_registry) -> tuple[str, Policy]:
        """The name and the policy that score an indicator of this kind and category."""
        return _policy_for(self, level1, level2, kind, registry, registry.version)

    def _choose(self, level1: str | None, level2: str | None, kind: str,
                registry: PolicyRegistry) -> tuple[str, Policy]:
        rule = next((r for r in self.rules if r.matches(level1, level2, kind)), _FALLBACK)
        name, policy = rule.resolve(registry)
        settings = dict(rule.settings)
        if (self.rounding != Rounding() and "rounding" not in settings and attrs.has(type(policy))
                and any(a.name == "rounding" for a in attrs.fields(type(policy)))):  # type: ignore[arg-type]
            # the scheme's rounding applies to built-in policies the rule does not tune
            policy = attrs.evolve(policy, rounding=self.rounding)  # type: ignore[misc]
        return name, policy

    def budget(self, registry: PolicyRegistry = default_registry) -> tuple[str, Policy]:
        """The name and the policy of the budget block."""
        return self.budget_policy.resolve(registry)

    @property
    def budget_weight(self) -> Decimal:
        """The default weight of the budget block (预算执行率): 10 central, 20 Hubei."""
        return dict(self.weights).get(BUDGET, Decimal(10))

    def grade(self, total: Decimal) -> str:
        """The grade of a total (lower bounds inclusive: 90 → 优, 89.99 → 良)."""
        for low, grade in self.grades:
            if total >= low:
                return grade
        return self.grades[-1][1]


_FALLBACK = Rule("proportional")  # an indicator no rule matches

_CENTRAL_RULES = (
    Rule("qualitative-tiers", kinds={"qualitative", "statement"}),
    Rule("deadline", kinds={"deadline", "period"}),
    Rule("proportional"),
)
_CENTRAL_GRADES = {"优": 90, "良": 80, "中": 60, "差": 0}

_SCHEMES: dict[str, Scheme] = {
    "central": Scheme(
        "central", _CENTRAL_RULES,
        {"产出指标": 50, "效益指标": 30, "满意度指标": 10, BUDGET: 10}, _CENTRAL_GRADES,
        description="财政部 project self-evaluation: proportional B/A and A/B, tiers 80/60"),
    "hubei": Scheme(
        "hubei",
        (Rule("qualitative-tiers", kinds={"qualitative", "statement"},
              settings={"partial": (50, 80), "not_met": (0, 50)}), *_CENTRAL_RULES[1:]),
        {BUDGET: 20, "产出指标": 40, "效益指标+满意度指标": 40}, _CENTRAL_GRADES,
        description="湖北: execution 20, output 40, outcome and satisfaction 40; tiers 80/50"),
    "pmkpi": Scheme(
        "pmkpi",
        (_CENTRAL_RULES[0], _CENTRAL_RULES[1], Rule("reverse-linear")),
        {"产出指标": 50, "效益指标": 30, "满意度指标": 10, BUDGET: 10},
        {"优": 80, "良": 70, "中": 60, "差": 0},
        budget_policy=Rule("budget-execution", settings={"cap": False}),
        description="a deployed provincial system: linear at-most rule, uncapped execution, "
                    "bands 80/70/60"),
}


def register_scheme(scheme: Scheme, *, replace: bool = False) -> Scheme:
    """Make *scheme* available by name."""
    if scheme.name in _SCHEMES and not replace:
        raise SchemeError(f"a scheme named {scheme.name!r} exists; pass replace=True")
    _SCHEMES[scheme.name] = scheme
    return scheme


def unregister_scheme(name: str) -> None:
    """Forget a registered scheme (the built-ins stay)."""
    if name in ("central", "hubei", "pmkpi"):
        raise SchemeError(f"{name!r} is built in")
    _SCHEMES.pop(name, None)


def scheme_names() -> tuple[str, ...]:
    return tuple(sorted(_SCHEMES))


def get_scheme(scheme: str | Scheme | Path) -> Scheme:
    """A scheme by name, from a ``.toml`` file, or the scheme itself.

    Raises:
        UnknownNameError: an unknown name (the hint lists the valid ones).
        SchemeError: a scheme file that cannot be used.
    """
    if isinstance(scheme, Scheme):
        return scheme
    if isinstance(scheme, Path) or str(scheme).endswith(".toml"):
        p = Path(scheme)
        try:
            stamp = p.stat().st_mtime_ns
        except OSError:
            return load_scheme(p)  # raises, naming the file
        return _load_scheme_file(str(p.resolve()), stamp)
    try:
        return _SCHEMES[scheme]
    except KeyError:
        raise UnknownNameError(scheme, "scheme", scheme_names()) from None


@functools.lru_cache(maxsize=64)
def _load_scheme_file(path: str, stamp: int) -> Scheme:
    """A scheme file, read again whenever it changes (keyed by its modification time)."""
    return load_scheme(Path(path))


# ---- TOML ----------------------------------------------------------------------------------

def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line where a key of *path* is written (tomllib keeps no positions)."""
    lines = text.splitlines()
    start = 0
    table = None
    for part in path[:-1]:
        if isinstance(part, str):
            table = part
            continue
        pat = re.compile(rf"^\s*\[\[\s*{re.escape(table or '')}\s*\]\]")
        hits = [i for i, line in enumerate(lines) if pat.match(line)]
        if part < len(hits):
            start = hits[part]
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], str):
        pat = re.compile(rf"^\s*\[\s*{re.escape(path[0])}\s*\]")
        hits = [i for i, line in enumerate(lines) if pat.match(line)]
        if hits:
            start = hits[0]
    key = path[-1]
    if isinstance(key, int):
        return start + 1
    pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[+\s*{re.escape(key)}\s*\]+")
    for i in range(start, len(lines)):
        if pat.match(lines[i]):
            return i + 1
    return start + 1 if start else None


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def load_scheme(source: str | Path, *, name: str | None = None) -> Scheme:
    """Read a scheme from a TOML file (or TOML text when *source* is not a path).

    Example file::

        name = "my-bureau"
        description = "市财政局 2024"
        [weights]
        "产出指标" = 50
        "效益指标" = 30
        "满意度指标" = 10
        "预算执行率" = 10
        [grades]
        "优" = 90
        "良" = 80
        "中" = 60
        "差" = 0
        [rounding]
        places = 2
        mode = "half_up"
        [[rules]]
        level2 = "成本*"
        policy = "reverse-linear"
        [[rules]]
        kinds = ["qualitative", "statement"]
        policy = "qualitative-tiers"
        settings = { partial = [50, 80], not_met = [0, 50] }
        [[rules]]
        policy = "proportional"

    Raises:
        SchemeError: naming the key and its line.
    """
    path_str: str | None = None
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                    and source.endswith(".toml")):
        p = Path(source)
        path_str = str(p)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise SchemeError(f"cannot read the scheme file: {e.strerror}", path=path_str) from None
    else:
        text = str(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise SchemeError(f"not valid TOML: {e}", line=int(m.group(1)) if m else None,
                          path=path_str) from None

    def fail(message: str, *key: str | int, hint: str | None = None) -> SchemeError:
        return SchemeError(message, key=_dotted(key), line=_line_of(text, key), path=path_str,
                           hint=hint)

    known = {"name", "description", "weights", "grades", "rounding", "rules", "budget"}
    for k in data:
        if k not in known:
            raise fail(f"unknown key {k!r}", k, hint="known keys: " + ", ".join(sorted(known)))
    scheme_name = name or data.get("name")
    if not isinstance(scheme_name, str) or not scheme_name:
        raise fail("a scheme needs a name", "name")
    rules_data = data.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        raise fail("a scheme needs at least one [[rules]] table", "rules")
    rules = []
    for i, r in enumerate(rules_data):
        for k in r:
            if k not in {"policy", "level1", "level2", "kinds", "settings"}:
                raise fail(f"unknown key {k!r} in a rule", "rules", i, k)
        if "policy" not in r:
            raise fail("a rule needs a policy", "rules", i)
        try:
            rule = Rule(r["policy"], r.get("level1"), r.get("level2"), r.get("kinds", ()),
                        r.get("settings", {}))
            rule.resolve(default_registry)
        except UnknownNameError as e:
            raise fail(str(e.message), "rules", i, "policy", hint=e.hint) from None
        except (TypeError, ValueError) as e:
            raise fail(str(e).splitlines()[0], "rules", i,
                       "settings" if "settings" in r else "kinds") from None
        rules.append(rule)
    try:
        rounding = Rounding(**data.get("rounding", {}))
    except (TypeError, ValueError) as e:
        raise fail(str(e), "rounding") from None
    try:
        weights = _weights(data.get("weights", dict(_SCHEMES["central"].weights)))
    except (ValueError, InvalidOperation) as e:
        raise fail(str(e), "weights") from None
    try:
        grades = _grades(data.get("grades", _CENTRAL_GRADES))
    except (ValueError, InvalidOperation) as e:
        raise fail(str(e), "grades") from None
    budget = data.get("budget", {"policy": "budget-execution"})
    try:
        budget_rule = Rule(budget.get("policy", "budget-execution"),
                           settings=budget.get("settings", {}))
        budget_rule.resolve(default_registry)
    except (PerfIndicatorError, TypeError, ValueError) as e:
        raise fail(str(e).splitlines()[0], "budget", "policy") from None
    return Scheme(scheme_name, rules, weights, grades, rounding, budget_rule,
                  str(data.get("description", "")))
