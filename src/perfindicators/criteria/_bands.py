"""The rule forms that choose: numeric bands with (含) edges, point-range bands, qualitative
levels, and clauses of different forms composed into parts.

Example:
    >>> from perfindicators.criteria import criterion
    >>> len(criterion("≥90%,计5分;80%(含)-90%,计4分;低于80%不得分", weight=5).rule.options)
    3
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ._context import (
    _FULL_WORDS,
    _NEG,
    ZERO,
    _Ctx,
    _span,
    _time_unit,
)
from ._parser import Phrase
from ._units import TIME_UNITS, Unit, bound_of, label_of
from .model import (
    Bound,
    Check,
    Checklist,
    Choice,
    Judgement,
    Node,
    Option,
    Part,
    Span,
    Sum,
)

__all__ = ["_form_bands", "_form_clauses", "_form_levels", "_option_of"]


def _option_of(u: Unit) -> Option:
    assert u.out is not None
    out = u.out
    if out.kind == "zero":
        pts: Span | None = Span(0, 0)
    elif out.kind == "full":
        pts = None  # the weight, filled in by the caller
    elif out.kind == "deduct":
        pts = Span(-out.get("hi"), -out.get("lo"))
    else:
        pts = _span(out)
    conds = [p for p in u.leads if p.kind in ("cond", "qty") and not _existence(u, p)]
    bounds = []
    skip: set[int] = set()
    for p in conds:
        idx = u.leads.index(p)
        if idx in skip:
            continue
        var = label_of(u.leads[:idx], last=True)
        kind = "delay" if _time_unit(p) else "value"
        nxt = u.leads[idx + 1] if idx + 1 < len(u.leads) else None
        if p.kind == "cond" and p.get("form") == "ref" and nxt is not None \
                and nxt.kind in ("qty", "cond") and not any(
                    w in str(p.get("ref")) for w in ("目标", "指标值", "控制数")):
            # 高于上年专项资金决算数的 30%(包括 30%): the words name what the number is of
            skip.add(idx + 1)
            if nxt.kind == "qty":
                cmp = Phrase("cond", p.start, nxt.end, {"form": "cmp", "op": p.get("op"),
                                                        "qty": nxt, "incl": nxt.get("incl")})
                bounds.append(bound_of(cmp, var=var, kind=kind))
            else:
                bounds.append(bound_of(nxt, var=var, kind=kind))
            continue
        bounds.append(bound_of(p, var=var, kind=kind))
    return Option(label=label_of(u), points=pts, bounds=tuple(bounds),
                  veto=out.kind == "veto")


def _middle(b: Bound) -> Decimal | None:
    if b.lo is not None and b.hi is not None:
        return (b.lo + b.hi) / 2
    return b.lo if b.lo is not None else b.hi


def _existence(u: Unit, p: Phrase) -> bool:
    """有1座以上垃圾中转站: a condition that something exists (an item, not a band)."""
    i = u.leads.index(p)
    before = u.leads[i - 1] if i else None
    q = p.get("qty") if p.kind == "cond" else p
    return (before is not None and before.kind == "text" and str(before.get("text")).endswith("有")
            and q is not None and q.get("value") == 1)


def _direction(opts: list[Option]) -> str:
    """``ge`` when the points rise with the value (higher is better), else ``le``."""
    pts = [(m, o.points.hi) for o in opts if o.points is not None and len(o.bounds) >= 1
           for m in [_middle(o.bounds[0])] if m is not None]
    score = 0
    for i, (m1, p1) in enumerate(pts):
        for m2, p2 in pts[i + 1:]:
            score += (1 if (m1 - m2) * (p1 - p2) > 0 else -1 if (m1 - m2) * (p1 - p2) < 0 else 0)
    return "le" if score < 0 else "ge"


def _form_bands(c: _Ctx) -> Node | None:
    scored = [u for u in c.units if u.out is not None]
    banded = [u for u in scored if _option_of(u).bounds]
    if not scored or not banded:
        return None
    if len(banded) < 2 and not (len(scored) == 1 and banded):
        return None
    opts = [_option_of(u) for u in scored]
    w = c.w()
    opts = [attrs.evolve(o, points=Span(w, w)) if o.points is None else o for o in opts]
    # a bare quantity in a band table reads in the table's direction (100% → ≥100% …)
    direction = _direction(opts)
    fixed: list[Option] = []
    for i, o in enumerate(opts):
        bs = []
        for b in o.bounds:
            if b.lo is not None and b.lo == b.hi and b.ref is None:
                others = [x for j, oo in enumerate(opts) if j != i for x in oo.bounds
                          if x.var == b.var or not x.var or not b.var]
                above = any(x.lo is not None and x.lo == b.lo and x is not b for x in others
                            if x.lo != x.hi) if direction == "ge" else False
                below = any(x.hi is not None and x.hi == b.hi for x in others
                            if x.lo != x.hi) if direction == "le" else False
                if direction == "ge" and not above:
                    b = attrs.evolve(b, hi=None)
                elif direction == "le" and not below:
                    b = attrs.evolve(b, lo=None)
            bs.append(b)
        fixed.append(attrs.evolve(o, bounds=tuple(bs)))
    # 全部完成(60分) in a table of completion rates: at least 100%
    fixed = [attrs.evolve(o, bounds=(Bound(lo=Decimal(100)),))
             if not o.bounds and any(wd in o.label for wd in _FULL_WORDS) else o for o in fixed]
    # deemed conditions (在合同期后三个月内结题的视同按时结题) widen the band before them
    for u in c.units:
        if u.out is None and "deem" in u.kinds() and u.of("cond"):
            target = max((i for i, x in enumerate(scored) if x.start < u.start), default=None)
            if target is not None:
                b = bound_of(u.of("cond")[0], kind="delay" if _time_unit(u.of("cond")[0])
                             else "value")
                fixed[target] = attrs.evolve(fixed[target], bounds=(b,))
    nvars = max(len(o.bounds) for o in fixed)
    mode = "first"
    units_seen = {_unit_class(b.unit) for o in fixed for b in o.bounds if b.ref is None}
    if nvars > 1 and len(units_seen) > 1:
        mode = c.default("two_variables")
        widest = max(fixed, key=lambda o: len(o.bounds))
        names = [b.var for b in widest.bounds]
        fixed = [attrs.evolve(o, bounds=tuple(attrs.evolve(b, var=names[min(i, len(names) - 1)])
                                              for i, b in enumerate(o.bounds))) for o in fixed]
    else:
        fixed = [attrs.evolve(o, bounds=tuple(attrs.evolve(b, var="") for b in o.bounds))
                 for o in fixed]
    # 无结余 beside 有结余, 不超过上年结转: the option without a condition means zero
    if any(b.ref for o in fixed for b in o.bounds):
        fixed = [attrs.evolve(o, bounds=(Bound(lo=ZERO, hi=ZERO),))
                 if not o.bounds and o.label.startswith(_NEG) else o for o in fixed]
    # a band is chosen by its conditions: its words matter only when they name a level (A.)
    fixed = [o if not o.bounds or u.of("marker") else attrs.evolve(o, label="")
             for o, u in zip(fixed, scored, strict=True)]
    return Choice(options=tuple(fixed), mode=mode)


def _unit_class(unit: str) -> str:
    if unit in TIME_UNITS:
        return "time"
    return unit


def _form_levels(c: _Ctx) -> Node | None:
    scored = [u for u in c.units if u.out is not None]
    if not scored:
        return None
    w = c.w()
    outs = [u.out for u in scored if u.out is not None]
    ranges = any(o.kind == "points" and o.get("lo") != o.get("hi") for o in outs)
    signs = {o.kind for o in outs}
    values = [o.get("hi") if o.kind != "full" else w for o in outs if o.kind != "zero"]
    values = [v for v in values if v is not None]
    if not values:
        return None
    total = sum(values, ZERO)
    levelish = ranges or ("add" in signs and "deduct" in signs) or (
        c.weight is not None and total > w and max(values) <= w and "deduct" not in signs) \
        or (c.weight is None and "add" in signs and "per" not in c.kinds
            and any("档" in label_of(u) for u in scored))
    if not levelish:
        return None
    opts = []
    for u in scored:
        o = _option_of(u)
        label = o.label if u.of("marker") else (label_of(u, last=True) or o.label)
        opts.append(attrs.evolve(o, points=Span(w, w) if o.points is None else o.points,
                                 label=label, bounds=(),
                                 item=o.label if o.label != label and "，" in o.label else None))
    if len(opts) == 1 and opts[0].points is not None and not opts[0].points.fixed:
        p = opts[0].points
        return Judgement(lo=p.lo, hi=p.hi, label=opts[0].label)
    return Choice(options=tuple(opts))



def _form_clauses(c: _Ctx) -> Node | None:
    """Clauses of different forms (an item; two alternatives; a band table), each a part worth
    its best points, the parts adding up to the weight (c078, c102)."""
    if c.weight is None:
        return None
    clauses: dict[int, list[Unit]] = {}
    for u in c.units:
        if u.out is not None and u.out.kind in ("award", "points", "zero", "full"):
            clauses.setdefault(u.clause, []).append(u)
    if len(clauses) < 2:
        return None
    banded = {k for k, us in clauses.items() if any(_option_of(u).bounds for u in us)}
    if not banded or banded == set(clauses):
        return None
    parts: list[Part] = []
    for us in clauses.values():
        opts = [_option_of(u) for u in us]
        if any(o.points is None for o in opts):
            return None  # 得满分 is the whole weight, not a part of it
        best = max((o.points.hi for o in opts if o.points is not None), default=ZERO)
        if any(o.bounds for o in opts):
            node: Node = Choice(options=tuple(attrs.evolve(
                o, bounds=tuple(attrs.evolve(b, var="") for b in o.bounds)) for o in opts))
        elif len(opts) == 1:
            node = Checklist(items=(Check(label=opts[0].label, points=best),))
        else:
            node = Choice(options=tuple(attrs.evolve(o, bounds=()) for o in opts))
        parts.append(Part(node=node, weight=best, label=label_of(us[0])))
    if sum((p.weight for p in parts), ZERO) != c.weight:
        return None
    return Sum(tuple(parts))
