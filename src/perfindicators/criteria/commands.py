"""The bodies of the command-line commands ``criterion`` and ``evaluate``: plain functions that
return the text to print and the exit code (0 ok, 2 bad input), so the CLI wrapper stays thin.

Example:
    >>> out, code = criterion_command("每降低1个百分点扣0.5分，扣完为止", weight="5",
    ...                               facts=["value=97.5%"])
    >>> code, out.splitlines()[-1]
    (0, '得分：3.75（差2.5，2.5档×0.5分，扣1.25分）')
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import CriterionSyntaxError, PerfIndicatorError
from .check import check
from .compiled import criterion
from .system import read_facts, read_system

__all__ = ["criterion_command", "evaluate_command", "is_system_call", "parse_fact"]

_TABLES = (".csv", ".json", ".xlsx", ".xlsm")


def is_system_call(first: str, second: str) -> bool:
    """Whether ``perfindicators evaluate FIRST SECOND`` names an indicator system and a facts
    sheet (two existing table files) rather than a target and an actual value.

    >>> is_system_call("≥60项", "64项")
    False
    """
    return all(Path(a).suffix.lower() in _TABLES and Path(a).is_file() for a in (first, second))


def parse_fact(text: str) -> tuple[str, Any]:
    """One ``key=value`` fact from the command line (``item:①=true``, ``count:缺项=2``).

    >>> parse_fact("count:缺项=2"), parse_fact("item:①=否")
    (('count:缺项', 2), ('item:①', False))
    """
    key, sep, value = text.partition("=")
    if not sep:
        raise ValueError(f"a fact is key=value, not {text!r}")
    key = key.strip()
    v: Any = value.strip()
    if v.lower() in ("true", "yes", "是", "有"):
        v = True
    elif v.lower() in ("false", "no", "否", "无"):
        v = False
    elif key.split(":")[0] in ("count", "rank") and v.lstrip("-").isdigit():
        v = int(v)
    return key, v


def criterion_command(text: str, *, weight: str | None = None, facts: Sequence[str] = (),
                      defaults: Sequence[str] = ()) -> tuple[str, int]:
    """``perfindicators criterion TEXT --weight W --fact k=v … --default name=value …``."""
    try:
        c = criterion(text, weight=weight, defaults=dict(parse_fact(d) for d in defaults))
        given = dict(parse_fact(f) for f in facts)
    except CriterionSyntaxError as e:
        return str(e), 2
    except ValueError as e:
        return f"error: {e}", 2
    s = c.score(given) if given else None
    lines = [f"规则：{c}", f"类型：{type(c.rule).__name__}",
             "输入：" + ("、".join(i.key for i in c.inputs) or "—")]
    assumed = c.assumptions if s is None else s.assumptions  # a target may move the anchor
    if assumed:
        lines.append("假定：" + "；".join(assumed))
    lines += [f"问题：{f.zh}" for f in check(c)]
    if s is not None:
        if s.veto:
            lines.append(f"否决：{s.zh}")
        elif s.points is None:
            lines.append(f"得分：{s.low}-{s.high}，待评价人判断（{s.zh}）")
        else:
            lines.append(f"得分：{s.points.normalize():f}（{s.zh}）")
    return "\n".join(lines), 0


def evaluate_command(system: str | Path, facts: str | Path, *,
                     as_json: bool = False) -> tuple[str, int]:
    """``perfindicators evaluate SYSTEM FACTS [--json]``: score an indicator system."""
    try:
        sys_ = read_system(system)
        project, sheet = read_facts(facts)
    except (PerfIndicatorError, OSError, ValueError, KeyError) as e:
        return f"error: {e}", 2
    ev = sys_.evaluate(sheet, project=project)
    if as_json:
        return json.dumps(ev.to_dict(), ensure_ascii=False, indent=2), 0
    return str(ev), 0
