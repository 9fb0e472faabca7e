"""Scheme files: TOML in, a checked `Scheme` out, every mistake named by its key and line.

The format is the one the built-in schemes are written in (``central.toml``, ``hubei.toml``,
``pmkpi.toml`` beside this module) and that ``docs/policies.md`` §3 documents.

>>> from decimal import Decimal
>>> s = load_scheme('''name = "tiny"
... [[rules]]
... policy = "all-or-nothing"
... ''')
>>> s.name, s.rules[0].policy, s.grade(Decimal(90))
('tiny', 'all-or-nothing', '优')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import InvalidOperation
from pathlib import Path

from ..criteria import CriterionSyntaxError, criterion
from ..errors import PerfIndicatorError, SchemeError, UnknownNameError
from ..policies import Rounding
from ..policies.registry import PolicyRegistry, default_registry
from ._model import CriterionRule, Rule, Scheme

__all__ = ["CENTRAL_GRADES", "CENTRAL_WEIGHTS", "is_path", "load_scheme", "read_text"]

#: the defaults of a file without [weights] or [grades]: central's
CENTRAL_WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10, "预算执行率": 10}
CENTRAL_GRADES = {"优": 90, "良": 80, "中": 60, "差": 0}
_KEYS = frozenset({"name", "description", "weights", "grades", "rounding", "rules", "budget",
                   "criteria"})
_RULE_KEYS = frozenset({"policy", "level1", "level2", "kinds", "settings"})
_CRITERION_KEYS = frozenset({"indicator", "criterion", "level1", "level2", "defaults"})


def is_path(source: object) -> bool:
    """Whether *source* names a file (a ``Path``, or one line of text ending in ``.toml``)."""
    return isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                        and source.endswith(".toml"))


def read_text(path: Path) -> str:
    """A scheme file's text.

    Raises:
        SchemeError: the file cannot be read (naming it).
    """
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise SchemeError(f"cannot read the scheme file: {e.strerror}", path=str(path)) from None


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


def load_scheme(source: str | Path, *, name: str | None = None,
                registry: PolicyRegistry = default_registry) -> Scheme:
    """Read a scheme from a TOML file (or TOML text when *source* is not a path).

    Args:
        source: a ``Path``, a path ending in ``.toml``, or the TOML text itself.
        name: replaces the file's ``name``.
        registry: where the rules' policy names are looked up (your own registry, for a file
            that names your own policies; score with the same ``registry=``).

    A path is read when this is called; the scheme does not change when the file does later.

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
        [[criteria]]
        indicator = "*满意度*"
        criterion = "每降低1个百分点扣0.5分，扣完为止"

    Raises:
        SchemeError: naming the key and its line (and the file).
    """
    path_str: str | None = None
    if is_path(source):
        p = Path(source)
        path_str = str(p)
        text = read_text(p)
    else:
        text = str(source)
    return parse_scheme(text, path=path_str, name=name, registry=registry)


def parse_scheme(text: str, *, path: str | None = None, name: str | None = None,
                 registry: PolicyRegistry = default_registry) -> Scheme:
    """A scheme from TOML text (`load_scheme` without the file); *path* only names it in
    errors.

    Raises:
        SchemeError: naming the key and its line.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise SchemeError(f"not valid TOML: {e}", line=int(m.group(1)) if m else None,
                          path=path) from None

    def fail(message: str, *key: str | int, hint: str | None = None) -> SchemeError:
        return SchemeError(message, key=_dotted(key), line=_line_of(text, key), path=path,
                           hint=hint)

    for k in data:
        if k not in _KEYS:
            raise fail(f"unknown key {k!r}", k, hint="known keys: " + ", ".join(sorted(_KEYS)))
    scheme_name = name or data.get("name")
    if not isinstance(scheme_name, str) or not scheme_name.strip():
        raise fail("a scheme needs a name", "name")
    rules_data = data.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        raise fail("a scheme needs at least one [[rules]] table", "rules")
    rules = []
    for i, r in enumerate(rules_data):
        for k in r:
            if k not in _RULE_KEYS:
                raise fail(f"unknown key {k!r} in a rule", "rules", i, k)
        if "policy" not in r:
            raise fail("a rule needs a policy", "rules", i)
        try:
            rule = Rule(r["policy"], r.get("level1"), r.get("level2"), r.get("kinds", ()),
                        r.get("settings", {}))
            rule.resolve(registry)
        except UnknownNameError as e:
            raise fail(str(e.message), "rules", i, "policy", hint=e.hint) from None
        except (PerfIndicatorError, TypeError, ValueError) as e:
            raise fail(str(e).splitlines()[0], "rules", i,
                       "settings" if "settings" in r else "kinds") from None
        rules.append(rule)
    rounding_data = data.get("rounding", {})
    try:
        if not isinstance(rounding_data, dict):
            raise ValueError("[rounding] is a table with places and mode")
        rounding = Rounding(**rounding_data)
    except (TypeError, ValueError) as e:
        raise fail(str(e), "rounding") from None
    try:
        weights = data.get("weights", CENTRAL_WEIGHTS)
        grades = data.get("grades", CENTRAL_GRADES)
        scheme = Scheme(scheme_name, rules, weights, CENTRAL_GRADES, rounding)
    except (ValueError, InvalidOperation, TypeError) as e:
        raise fail(str(e), "weights") from None
    try:
        scheme = Scheme(scheme_name, rules, weights, grades, rounding)
    except (ValueError, InvalidOperation, TypeError) as e:
        raise fail(str(e), "grades") from None
    budget = data.get("budget", {})
    if not isinstance(budget, dict) or set(budget) - {"policy", "settings"}:
        raise fail("[budget] is a table with policy and settings", "budget")
    try:
        budget_rule = Rule(budget.get("policy", "budget-execution"),
                           settings=budget.get("settings", {}))
        budget_rule.resolve(registry)
    except UnknownNameError as e:
        raise fail(str(e.message), "budget", "policy", hint=e.hint) from None
    except (PerfIndicatorError, TypeError, ValueError) as e:
        raise fail(str(e).splitlines()[0], "budget", "policy") from None
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail("a description is text", "description")
    criteria = _criteria(data.get("criteria", []), fail)
    return Scheme(scheme.name, scheme.rules, scheme.weights, scheme.grades, rounding,
                  budget_rule, description, criteria)


def _criteria(items: object, fail: Callable[..., SchemeError]) -> tuple[CriterionRule, ...]:
    """The ``[[criteria]]`` tables, each criterion compiled once to check it."""
    if not isinstance(items, list):
        raise fail("criteria are [[criteria]] tables with indicator and criterion", "criteria")
    out = []
    for i, c in enumerate(items):
        if not isinstance(c, dict):
            raise fail("a [[criteria]] entry is a table", "criteria", i)
        for k in c:
            if k not in _CRITERION_KEYS:
                raise fail(f"unknown key {k!r} in a criterion", "criteria", i, k,
                           hint="known keys: " + ", ".join(sorted(_CRITERION_KEYS)))
        for k in ("indicator", "criterion"):
            if not isinstance(c.get(k), str) or not c[k].strip():
                raise fail(f"a criterion needs {k} (text)", "criteria", i, k)
        for k in ("level1", "level2"):
            if k in c and not isinstance(c[k], str):
                raise fail(f"{k} is a pattern (text)", "criteria", i, k)
        defaults = c.get("defaults", {})
        if not isinstance(defaults, dict):
            raise fail("defaults is a table, e.g. { partial_step = \"ceil\" }", "criteria", i,
                       "defaults")
        try:
            criterion(c["criterion"], defaults={str(k): str(v) for k, v in defaults.items()})
        except CriterionSyntaxError as e:
            near = e.text[e.column:e.column + max(e.length, 1) + 8].strip() or e.text[-8:]
            raise fail(f"{e.message}, near {near!r}", "criteria", i, "criterion",
                       hint=e.hint) from None
        except ValueError as e:
            raise fail(str(e), "criteria", i, "defaults") from None
        out.append(CriterionRule(c["indicator"].strip(), c["criterion"].strip(), c.get("level1"),
                                 c.get("level2"), defaults))
    return tuple(out)
