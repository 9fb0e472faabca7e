"""Canonical Chinese for compiled rules: one way of writing each rule form.

`render` writes a rule the way the grammar reads it best, so ``criterion(render(rule, w), w)``
compiles to the same rule (a property test checks this over the corpus).

Example:
    >>> from perfindicators.criteria import criterion
    >>> c = criterion("重点支出安排率≥90%,计5分;80%(含)-90%,计4分;低于80%不得分", weight=5)
    >>> print(render(c.rule, c.weight))
    ≥90%，计5分；80%(含)-90%，计4分；<80%，不得分
"""

from __future__ import annotations

import functools
from decimal import Decimal

from .._decimal import trimmed
from .model import (
    Bound,
    Checklist,
    Choice,
    Exempt,
    Formula,
    FullOrDeduct,
    Interpolate,
    Judgement,
    Node,
    Occurrences,
    Option,
    Proportional,
    Rank,
    Requirement,
    Span,
    Step,
    Sum,
    Veto,
)

__all__ = ["fmt", "render", "render_bound"]


#: a Decimal without trailing zeros (``5.50`` → ``5.5``)
fmt = trimmed


def _q(v: Decimal, unit: str, kind: str) -> str:
    if kind == "delay":
        return f"{fmt(v)}个月"
    return f"{fmt(v)}{unit}"


def render_bound(b: Bound) -> str:
    """A condition in canonical form (``≥90%``, ``80%(含)-90%``, ``不超过目标值``)."""
    if b.ref is not None:
        ref = "目标值" if b.ref == "target" else b.ref
        word = {"le": "不超过", "lt": "低于", "gt": "超过"}.get(b.ref_op or "ge", "达到")
        return f"{word}{ref}"
    u, k = b.unit, b.kind
    if b.lo is not None and b.hi is not None:
        if b.lo == b.hi:
            return f"={_q(b.lo, u, k)}"
        lo, hi = _q(b.lo, u, k), _q(b.hi, u, k)
        if b.lo_incl and not b.hi_incl:
            return f"{lo}(含)-{hi}"
        if b.hi_incl and not b.lo_incl:
            return f"{lo}-{hi}(含)"
        if b.lo_incl and b.hi_incl:
            return f"{lo}-{hi}"
        return f">{lo}，<{hi}"
    if b.lo is not None:
        return f"{'≥' if b.lo_incl else '>'}{_q(b.lo, u, k)}"
    if b.hi is not None:
        return f"{'≤' if b.hi_incl else '<'}{_q(b.hi, u, k)}"
    return ""


def _points(p: Span | None, w: Decimal) -> str:
    if p is None:
        return f"计{fmt(w)}分"
    if not p.fixed:
        return f"({fmt(p.lo)}-{fmt(p.hi)}分)"
    if p.lo == 0:
        return "不得分"
    if p.lo < 0:
        return f"扣{fmt(-p.lo)}分"
    return f"计{fmt(p.lo)}分"


def _option(o: Option, w: Decimal) -> str:
    if not o.bounds and not w and o.points is not None and o.points.fixed and o.points.lo > 0:
        return f"{o.label}加{fmt(o.points.lo)}分"
    conds = "，".join(render_bound(b) for b in o.bounds)
    head = "，".join(x for x in (o.item or o.label, conds) if x)
    if o.veto:
        return f"{head}，不合格"
    pts = _points(o.points, w)
    if not o.bounds and not w and pts.startswith("扣"):
        return f"{head}{pts}"
    return f"{head}{pts}" if pts.startswith("(") else f"{head}，{pts}"


@functools.singledispatch
def _render(node: object, w: Decimal) -> str:  # pragma: no cover - every node is registered
    raise TypeError(f"not a rule node: {node!r}")


@_render.register
def _(node: Choice, w: Decimal) -> str:
    return "；".join(_option(o, w) for o in node.options)


@_render.register
def _(node: Checklist, w: Decimal) -> str:
    return "；".join(f"{i.label}，{'得' if i.sign > 0 else '扣'}{fmt(i.points)}分"
                    for i in node.items)


@_render.register
def _(node: Occurrences, w: Decimal) -> str:
    parts = []
    for k in node.kinds:
        verb = "扣" if k.price >= 0 else "加"
        each = "" if k.once else "每1处"
        text = f"{k.label}{each}{verb}{fmt(abs(k.price))}分"
        if k.cap is not None:
            text += f"，最高{verb}{fmt(k.cap)}分"
        parts.append(text)
    head = "" if node.cap is None else f"扣满{fmt(node.cap)}分为止，"
    return head + "；".join(parts)


@_render.register
def _(node: Step, w: Decimal) -> str:
    word = "超过" if node.bad == "above" else "减少"
    if node.kind == "delay":
        size = f"{fmt(node.size)}个月"
        word = "滞后"
    else:
        size = f"{fmt(node.size)}{'个百分点' if node.unit in ('%', '个百分点') else node.unit}"
    if node.anchor is None:
        head = "未达到目标值的，"
    elif node.kind == "delay":
        head = ""
    else:
        unit = "%" if node.unit in ("%", "个百分点") else node.unit
        head = f"以{fmt(node.anchor)}{unit}为标准，"
    text = f"{head}每{word}{size}扣{fmt(node.price)}分"
    text += f"，扣完{fmt(node.cap)}分为止" if node.cap is not None else "，扣完为止"
    if node.partial == "ceil":
        text += "。不足一个百分点的按照一个百分点计算"
    return text


@_render.register
def _(node: Proportional, w: Decimal) -> str:
    cap = "" if node.cap is None else f"(超过{fmt(node.cap)}%以{fmt(node.cap)}%计算)"
    if node.per == 1:
        return "实际值与指标值之比*该指标分值"
    if node.factor is not None:
        return f"得分值=完成率{cap}*{fmt(node.factor)}"
    if node.per != 100:
        return "以实际评定的综合值为准"
    return "按完成比例计分"


@_render.register
def _(node: Interpolate, w: Decimal) -> str:
    incl = "(含)" if node.lo_incl else ""
    return f"低于{incl}{fmt(node.lo)}%，不得分；高于{fmt(node.lo)}%的，按线性内插赋分"


@_render.register
def _(node: Rank, w: Decimal) -> str:
    return f"按排位打分，每位次按{fmt(node.price)}分递减"


@_render.register
def _(node: Requirement, w: Decimal) -> str:
    parts = [f"{b.var}是否达到{render_bound(b).lstrip('≥')}" if b.lo is not None and b.hi is None
             and b.lo_incl else f"{b.var}{render_bound(b)}" for b in node.bounds]
    return "，".join([*node.items, *parts])


@_render.register
def _(node: FullOrDeduct, w: Decimal) -> str:
    head = "，".join([*node.items, *(render_bound(b) for b in node.bounds)])
    tail = "；".join(f"{d.label}{'视情况' if node.judged else ''}扣{fmt(d.points)}分"
                    for d in node.deductions)
    return f"{head}得{fmt(w)}分；{tail}"


@_render.register
def _(node: Veto, w: Decimal) -> str:
    conds = "，".join(f"{b.var}{render_bound(b)}" for b in node.bounds)
    events = "，".join(e for e in node.events if e)
    return "，".join(x for x in (events, conds) if x) + "的，实行一票否决"


@_render.register
def _(node: Judgement, w: Decimal) -> str:
    if node.hi is None:
        return f"{node.label}酌情扣分"
    return f"{node.label}({fmt(node.lo)}-{fmt(node.hi)}分)"


@_render.register
def _(node: Formula, w: Decimal) -> str:
    if node.form == "sum":
        return "最后得分为各项得分之和"
    if node.form == "rescale":
        return "用适用指标得分汇总后按百分制折算计分"
    if node.form == "ratio":
        a, b = (t for _, t in node.terms[:2])
        return f"得分={a}/{b}*{fmt(node.factor)}"
    terms = "".join(("+" if s > 0 else "-") + t for s, t in node.terms).lstrip("+")
    return f"得分={terms}"


@_render.register
def _(node: Exempt, w: Decimal) -> str:
    return f"{_render(node.node, w)}；{node.label}"


@_render.register
def _(node: Sum, w: Decimal) -> str:
    out = []
    for p in node.parts:
        out.append(f"{p.label}得{fmt(p.weight)}分，{_render(p.node, p.weight)}")
    return "；".join(out)


def render(node: Node, weight: Decimal | None) -> str:
    """The canonical Chinese of a rule (see the module)."""
    return _render(node, weight if weight is not None else Decimal(0))
