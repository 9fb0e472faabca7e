"""The rule forms that price steps and occurrences: linear steps (每降低1个百分点扣0.5分),
lateness (每滞留半个月扣0.5分), occurrences with several priced kinds (每发现1处扣0.5分),
bonuses per item, caps per kind, and parts with their own floors.

Example:
    >>> from perfindicators.criteria import criterion
    >>> criterion("每超过一个百分点扣0.5分,扣完为止", weight=5).rule.bad
    'above'
"""

from __future__ import annotations

from decimal import Decimal

from ._context import (
    _DELAY_WORDS,
    _ONE_WORDS,
    _STEP_DOWN,
    _STEP_UP,
    ZERO,
    _Ctx,
    _time_unit,
)
from ._units import TIME_UNITS, Unit, bound_of, label_of, months
from .model import (
    Kind,
    Node,
    Occurrences,
    Part,
    Step,
    Sum,
)

__all__ = ["_form_steps"]


def _per_unit(u: Unit) -> bool:
    """A unit that prices each occurrence or each step."""
    if u.out is None or u.out.kind not in ("deduct", "add", "points"):
        return False
    if "per" in u.kinds():
        return True
    leads = [p for p in u.leads if p.kind != "comma"]
    # 1项扣1.8分 · 发现一处扣2分 · 少1條扣1分: a count of one right before the price
    return bool(leads) and leads[-1].kind == "qty" and _ONE_WORDS.match(
        str(leads[-1].get("value")).rstrip("0").rstrip(".") or "0") is not None \
        and u.out.kind == "deduct" and not _time_unit(leads[-1])


#: words that name the anchor of a step as "in full" (足额配套的为满分): 100 %, written
_FULL_WORDS = ("足额", "全额", "足量", "全部", "全面", "满额")


def _step_of(c: _Ctx, u: Unit, base_unit: Unit | None) -> Step | None:
    """A linear step: 每 + a direction word + a size (每超过一个百分点, 每差1微克/立方米)."""
    leads = [p for p in u.leads if p.kind != "comma"]
    per_i = next((i for i, p in enumerate(leads) if p.kind == "per"), None)
    if per_i is None:
        return None
    rest = leads[per_i + 1:]
    size_p = next((p for p in rest if p.kind == "qty" or (p.kind == "cond" and p.get("qty"))),
                  None)
    if size_p is None:
        return None
    q = size_p if size_p.kind == "qty" else size_p.get("qty")
    unit = str(q.get("unit") or "")
    words = "".join(str(p.get("text", "")) + str(p.get("op", "")) for p in rest)
    is_time = unit in TIME_UNITS
    is_rate = unit in ("个百分点", "百分点", "%") or "/" in unit
    if not (is_time or is_rate):
        return None
    if is_time and not any(w in words for w in _DELAY_WORDS):
        return None  # 每少公示一季度: missing quarters are counted, not a lateness
    if any(w in words for w in _STEP_UP):
        bad = "above"
    elif any(w in words for w in _STEP_DOWN):
        bad = "below"
    else:
        return None
    if bad == "below" and "立方米" in unit and c.default("direction") == "auto":
        bad = "above"  # a concentration: lower is better, the gap counts above the target
    size = months(q.get("value"), unit) if is_time else q.get("value")
    anchor: Decimal | None = None
    anchor_unit = ""
    if base_unit is not None:
        conds = base_unit.of("cond") + base_unit.of("qty")
        if conds:
            b = bound_of(conds[-1])
            if b.ref is None:
                anchor = b.hi if bad == "above" else b.lo
                if anchor is None:
                    anchor = b.lo if b.lo is not None else b.hi
                anchor_unit = b.unit
    if anchor is None:
        basis = c.of("basis")
        if basis:
            anchor = basis[0].get("qty").get("value")
    implicit = False
    if anchor is None and not is_time:
        before = " ".join(label_of(x) for x in c.units if x.start <= u.start)
        if not any(w in before + words for w in ("目标", "指标值", "计划", "任务")):
            anchor = Decimal(100) if bad == "below" else ZERO
            # no anchor in the words at all (not even 足额): a row's own target may stand in
            implicit = not any(w in before + words for w in _FULL_WORDS)
            if bad == "below":
                c.assumptions.append("anchor: 足额/满分 = 100%")
    if is_time and anchor is None:
        anchor = ZERO
    partial = "ceil" if "round_up" in c.kinds else c.default("partial_step")
    cap = _cap_of(u)
    return Step(price=u.out.get("lo") if u.out else ZERO, size=size, bad=bad, anchor=anchor,
                kind="delay" if is_time else "value", partial=partial, cap=cap,
                unit=_rate_unit(anchor_unit or unit), implicit=implicit)


def _rate_unit(unit: str) -> str:
    """个百分点 and % name the same scale."""
    return "%" if unit in ("个百分点", "百分点", "%") else unit


def _cap_of(u: Unit) -> Decimal | None:
    for p in u.after:
        if p.kind == "clamp" and p.get("form") in ("upto", "max_deduct", "max_score"):
            n: Decimal = p.get("n")
            return n
    return None


def _kind_of(c: _Ctx, u: Unit) -> Kind:
    leads = [p for p in u.leads if p.kind not in ("comma", "per")]
    label = label_of(leads, last=False)
    assert u.out is not None
    if u.out.kind == "points" or u.out.get("lo") is None:
        raise c.error("cannot read the criterion: the price of an occurrence is missing",
                      u.out or u.leads[-1])
    price = u.out.get("lo")
    return Kind(label=label, price=-price if u.out.kind == "add" else price, cap=_cap_of(u),
                once="per" not in u.kinds() and not _per_unit(u))


def _form_steps(c: _Ctx) -> Node | None:
    per_units = [u for u in c.units if _per_unit(u)]
    if not per_units:
        bad = [u for u in c.units if "per" in u.kinds() and "deduct_verb" in u.kinds()]
        if bad:
            verb = bad[0].of("deduct_verb")[0]
            raise c.error("cannot read the criterion: the price of an occurrence is missing",
                          verb, hint="write the points, e.g. 每发现一处扣1分")
        return None
    for u in c.units:
        kinds = [p.kind for p in u.leads]
        if "per" in kinds and "deduct_verb" in kinds and kinds.index("per") < kinds.index(
                "deduct_verb"):
            raise c.error("cannot read the criterion: the price of an occurrence is missing",
                          u.of("deduct_verb")[0], hint="write the points, e.g. 每发现一处扣1分")
    if "rank" in c.kinds:
        return None
    # parts: a base award followed by its steps (c249); else one part on the whole weight
    parts: list[tuple[Unit | None, list[Unit]]] = []
    for u in c.units:
        if u.out is None:
            continue
        if u.out.kind in ("award", "full") and not _per_unit(u):
            parts.append((u, []))
        elif _per_unit(u) or (u.out.kind == "deduct" and "per" not in u.kinds()) or u.out.kind == "add":
            if not parts:
                parts.append((None, []))
            parts[-1][1].append(u)
    nodes: list[Part] = []
    for base_unit, members in parts:
        if not members:
            continue
        steps = [s for s in (_step_of(c, m, base_unit) for m in members if "per" in m.kinds())
                 if s is not None]
        if steps and len(steps) == len(members):
            node: Node = steps[0]
        else:
            # 扣满10分为止 standing apart from any price: a cap on all the deductions together
            total = [p.get("n") for u in c.units for p in u.leads
                     if p.kind == "clamp" and p.get("form") in ("upto", "max_deduct")]
            node = Occurrences(kinds=tuple(_kind_of(c, m) for m in members),
                               cap=total[0] if total else None)
        pw = base_unit.out.get("lo") if base_unit is not None and base_unit.out is not None \
            and base_unit.out.kind == "award" else None
        nodes.append(Part(node=node, weight=pw if pw is not None else c.w(),
                          label=label_of(base_unit) if base_unit else ""))
    if not nodes:
        return None
    if len(nodes) == 1:
        return nodes[0].node
    if c.weight is not None and sum(p.weight for p in nodes) != c.weight:
        return nodes[0].node if all(p.weight == c.weight for p in nodes) else Sum(tuple(nodes))
    return Sum(tuple(nodes))
