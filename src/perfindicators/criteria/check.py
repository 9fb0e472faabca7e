"""Checking a compiled criterion: gaps and overlaps between bands, ranges beyond the weight,
parts that do not add up to the weight.

Example:
    >>> from perfindicators.criteria import criterion
    >>> c = criterion("≥90%,计5分;70%-80%,计3分;低于60%不得分", weight=5)
    >>> [f.code for f in check(c)]
    ['gap', 'gap', 'gap']
    >>> print(check(c)[-1].zh)
    档次之间有空档：80%-90%（不含两端）不属于任何一档
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import attrs

from .compiled import Criterion
from .model import Bound, Checklist, Choice, Sum
from .render import fmt

__all__ = ["Finding", "check"]

ZERO = Decimal(0)


@attrs.frozen
class Finding:
    """One problem of a criterion: a code (``gap`` ``overlap`` ``over_weight`` ``sum``) and
    what it is, in Chinese and English."""

    code: str
    zh: str
    en: str


def _contains(b: Bound, v: Decimal) -> bool:
    if b.lo is not None and (v < b.lo or (v == b.lo and not b.lo_incl)):
        return False
    return not (b.hi is not None and (v > b.hi or (v == b.hi and not b.hi_incl)))


def _bands(node: Choice) -> list[Bound]:
    return [o.bounds[0] for o in node.options if len(o.bounds) == 1 and o.bounds[0].ref is None]


def _probe_points(bounds: list[Bound]) -> list[tuple[Decimal, Decimal, Decimal]]:
    """Each edge, and a point strictly between neighbouring edges: (point, left, right)."""
    edges = sorted({e for b in bounds for e in (b.lo, b.hi) if e is not None})
    out = [(e, e, e) for e in edges]
    for a, b in itertools.pairwise(edges):
        out.append(((a + b) / 2, a, b))
    return out


def _check_bands(node: Choice, unit: str) -> list[Finding]:
    bounds = _bands(node)
    if len(bounds) < 2:
        return []
    found: list[Finding] = []
    for point, left, right in sorted(_probe_points(bounds)):
        n = sum(1 for b in bounds if _contains(b, point))
        where = f"{fmt(point)}{unit}" if left == right else \
            f"{fmt(left)}{unit}-{fmt(right)}{unit}（不含两端）"
        where_en = f"{fmt(point)}{unit}" if left == right else \
            f"between {fmt(left)}{unit} and {fmt(right)}{unit}"
        if n == 0 and left != right:
            found.append(Finding("gap", f"档次之间有空档：{where}不属于任何一档",
                                 f"a gap between bands: {where_en} is in no band"))
        elif n == 0:
            found.append(Finding("gap", f"边界{where}不属于任何一档",
                                 f"the edge {where_en} is in no band"))
        elif n > 1:
            found.append(Finding("overlap", f"档次重叠：{where}属于{n}档（按先列出的一档计）",
                                 f"bands overlap: {where_en} is in {n} bands (the first "
                                 "listed counts)"))
    return found


def check(c: Criterion) -> tuple[Finding, ...]:
    """The problems of criterion *c* (empty when there are none)."""
    found: list[Finding] = []
    w = c.weight
    node = c.rule
    if isinstance(node, Choice):
        units = {b.unit for b in _bands(node)}
        found += _check_bands(node, units.pop() if len(units) == 1 else "")
        if w is not None:
            for o in node.options:
                if o.points is not None and o.points.hi > w:
                    found.append(Finding("over_weight",
                                         f"{o.label or '一档'}的分数{fmt(o.points.hi)}超过分值"
                                         f"{fmt(w)}",
                                         f"{o.label or 'a band'} gives {fmt(o.points.hi)}, "
                                         f"more than the weight {fmt(w)}"))
    if isinstance(node, Checklist) and w is not None and not any(i.sign < 0 for i in node.items):
        total = sum((i.points for i in node.items), ZERO) + node.unknown
        if total != w:
            found.append(Finding("sum", f"各项分数之和{fmt(total)}不等于分值{fmt(w)}",
                                 f"the items add up to {fmt(total)}, not the weight {fmt(w)}"))
    if isinstance(node, Sum) and w is not None:
        total = sum((p.weight for p in node.parts), ZERO)
        if total != w:
            found.append(Finding("sum", f"各部分分值之和{fmt(total)}不等于分值{fmt(w)}",
                                 f"the parts add up to {fmt(total)}, not the weight {fmt(w)}"))
    return tuple(found)
