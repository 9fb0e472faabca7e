"""Phrases → rule node: the rule forms as patterns over units (the semantic half of parsing).

Each ``_form_*`` function recognises one rule form and returns its node, or None when the
phrases are not of that form; `build` tries them in order. A form whose parameter is missing
(a price, the points of a band) raises `CriterionSyntaxError` with a caret; nothing is guessed.
Where the text is silent and a default decides, the default is recorded in the assumptions.

Example:
    >>> from perfindicators.criteria._parser import read
    >>> prep, ph = read("≥90%,计5分;低于60%不得分")
    >>> build(prep, ph, Decimal(5), {}).node.options[0].points
    Span(lo=Decimal('5'), hi=Decimal('5'))
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from ._bands import _form_bands, _form_clauses, _form_levels
from ._context import (
    DEFAULTS,
    ZERO,
    Built,
    _Ctx,
    _last_segment,
    _parts,
    _whether_items,
)
from ._parser import Phrase
from ._prepare import Prepared
from ._steps import _form_steps
from ._units import Unit, bound_of, label_of
from .model import (
    Bound,
    Check,
    Checklist,
    Exempt,
    Formula,
    FullOrDeduct,
    Interpolate,
    Judgement,
    Node,
    Part,
    Proportional,
    Rank,
    Requirement,
    Step,
    Sum,
    Veto,
)

__all__ = ["DEFAULTS", "Built", "build"]


def _form_formula(c: _Ctx) -> Node | None:
    forms = c.of("formula")
    if not forms:
        return None
    f = forms[0]
    terms = list(f.get("terms"))
    ops = list(f.get("ops"))
    words = [t for t in terms if "word" in t]
    numbers = [t for t in terms if "number" in t and str(t.get("unit")) != "%"]
    caps = [t["cap"] for t in terms if "cap" in t]
    if len(words) == 1 and ops and ops[-1] == "*" and numbers:
        return Proportional(factor=numbers[-1]["number"], cap=caps[0] if caps else None)
    if "/" in ops:
        factor = numbers[-1]["number"] if numbers else Decimal(1)
        return Formula("ratio", tuple((1, str(t["word"])) for t in words), factor=factor,
                       defs=_definitions(c, [str(t["word"]) for t in words]))
    signs = [1] + [-1 if o == "-" else 1 for o in ops]
    return Formula("linear", tuple((s, str(t["word"])) for s, t in
                                   zip(signs, terms, strict=False) if "word" in t))


_DEDUCTED = re.compile(r"^(?:应将|将|把)?(?P<what>.+?)(?:扣除掉后|扣除后|减去后)$")


def _definitions(c: _Ctx, names: list[str]) -> tuple[tuple[str, str], ...]:
    """将A扣除掉后,作为B: B is the weight less A (A is a value the facts give)."""
    texts = [p for p in c.phrases if p.kind == "text"]
    out = []
    for a, b in itertools.pairwise(texts):
        m = _DEDUCTED.match(str(a.get("text")))
        name = str(b.get("text")).removeprefix("作为")
        if m and str(b.get("text")).startswith("作为") and name in names:
            out.append((name, m.group("what")))
    return tuple(out)


def _form_times(c: _Ctx) -> Node | None:
    times = c.of("times")
    if not times or "formula" in c.kinds:
        return None
    if any(t.get("word") for t in times):
        return Proportional(direction="auto", factor=c.weight, per=Decimal(1))
    factors = [t.get("qty") for t in times if str(t.get("qty").get("unit") or "") != "%"]
    if not factors:
        return None
    factor = factors[-1].get("value")
    if c.weight is not None and factor == c.weight * 10 and c.prep.original.rstrip()[-1:] == "0":
        c.assumptions.append(f"reading: ×{factor} read as ×{c.weight}。 (the last 0 is a 。)")
        factor = c.weight
    return Proportional(factor=factor)


def _form_prop(c: _Ctx) -> Node | None:
    if "interp" in c.kinds:
        zeros = [u for u in c.units if u.out is not None and u.out.kind == "zero" and u.of("cond")]
        if not zeros:
            raise c.error("cannot read the criterion: 线性内插 needs a lower anchor",
                          c.of("interp")[0])
        b = bound_of(zeros[0].of("cond")[0])
        lo = b.hi if b.hi is not None else b.lo
        assert lo is not None
        hi = Decimal(c.default("upper_anchor"))
        return Interpolate(lo=lo, hi=hi, lo_incl=b.hi_incl)
    if "prop" in c.kinds:
        return _prop_with_items(c)
    if "sum" in c.kinds:
        return Formula("sum")
    if "rescale" in c.kinds:
        return Formula("rescale")
    if "as_is" in c.kinds and not c.of("cond") and not any(u.out for u in c.units):
        return Proportional(per=Decimal(c.default("scale")))
    return None


# ---- vetoes, ranks -----------------------------------------------------------------------

def _prop_with_items(c: _Ctx) -> Node:
    """按比例 for the whole weight, or beside items that state their own points (c244: an item
    得标准分10分 and 未完成的按实际完成率乘以标准分计分 for the rest)."""
    w = c.weight
    items = [u for u in c.units if u.out is not None and u.out.kind in ("award", "points")
             and u.out.get("lo") == u.out.get("hi") and (w is None or u.out.get("lo") != w)]
    total = sum((u.out.get("lo") for u in items if u.out is not None), ZERO)
    if w is None or not items or total >= w:
        return Proportional()
    checks = Checklist(items=tuple(Check(label=label_of(u), points=u.out.get("lo"))
                                   for u in items if u.out is not None))
    return Sum((Part(node=checks, weight=total, label="、".join(i.label for i in checks.items)),
                Part(node=Proportional(), weight=w - total, label="按比例")))


def _form_veto(c: _Ctx) -> Node | None:
    vetoes = c.of("veto")
    if vetoes and not any(u.out is not None and u.out.kind in ("award", "points", "full")
                          for u in c.units):
        bounds = tuple(bound_of(p, var=label_of(u.leads[:u.leads.index(p)], last=True))
                       for u in c.units for p in u.of("cond") if p.get("form") != "ref")
        events = tuple(label_of(u) for u in c.units if u.out is None and u.leads) or ("",)
        return Veto(events=events, bounds=bounds, effect=str(vetoes[0].get("text")))
    if "rise" in c.kinds and c.weight is None:
        before = c.phrases[:[p.kind for p in c.phrases].index("rise")]
        ref = "上年" if "上年" in label_of(list(before)) else "target"
        return Veto(bounds=(Bound(ref=ref, ref_op="gt"),), effect="计0分")
    return None


def _form_rank(c: _Ctx) -> Node | None:
    if "rank" not in c.kinds:
        return None
    prices = [u.out for u in c.units if u.out is not None and u.out.kind in ("points", "deduct")]
    if not prices:
        raise c.error("cannot read the criterion: the points per place are missing",
                      c.of("rank")[0])
    return Rank(price=prices[0].get("lo"))


def _form_checklist(c: _Ctx) -> Node | None:
    scored = [u for u in c.units if u.out is not None]
    if not scored:
        return None
    w = c.w()
    pos = [u for u in scored if u.out is not None and u.out.kind in ("award", "points", "full")]
    neg = [u for u in scored if u.out is not None and u.out.kind in ("deduct", "zero")]
    if pos and len(pos) == 1 and neg and (
            pos[0].out is not None and (pos[0].out.kind == "full" or pos[0].out.get("lo") == w)):
        return _full_or_deduct(c, pos[0], neg)
    if not pos and neg and all(u.out is not None and u.out.kind == "zero" for u in neg):
        return Requirement(items=tuple(label_of(u) for u in neg))
    items: list[Check] = []
    for u in pos:
        assert u.out is not None
        pts = w if u.out.kind == "full" else u.out.get("lo")
        items.append(Check(label=label_of(u), points=pts, sign=1, parts=_parts(u)))
    for u in neg:
        assert u.out is not None
        if u.out.kind == "zero":
            continue  # 未落实的不得分: the failure of the requirement it follows
        items.append(Check(label=label_of(u), points=u.out.get("lo"), sign=-1))
    if not items:
        return None
    if not pos:
        return Checklist(items=tuple(items))
    total = sum((i.points for i in items if i.sign > 0), ZERO)
    unknown = ZERO
    if c.weight is not None and total < w and c.prep.truncated:
        c.default("truncated")
        unknown = w - total
    return Checklist(items=tuple(items), unknown=unknown)


def _full_or_deduct(c: _Ctx, pos: Unit, neg: list[Unit]) -> Node:
    deductions = []
    judged = False
    for u in neg:
        assert u.out is not None
        if u.out.kind == "zero":
            continue
        j = any(p.kind == "judge" for p in u.leads + u.after)
        judged = judged or j
        deductions.append(Check(label=label_of(u), points=u.out.get("lo"), sign=-1))
    seg = _last_segment(pos)
    bounds = tuple(bound_of(p) for p in seg if p.kind in ("cond", "qty"))
    bounds = tuple(attrs.evolve(b, hi=None) if b.lo is not None and b.lo == b.hi else b
                   for b in bounds)
    whether = [i for i in _whether_items(pos.leads) if "是否" in i]
    items = () if bounds else tuple(whether) or (label_of(_last_segment(pos)) or label_of(pos),)
    if deductions and not judged:
        c.default("fail")
    if not deductions:
        gates = tuple(label_of(u) for u in neg if u.out is not None and u.out.kind == "zero")
        return Requirement(items=gates if bounds else items, bounds=bounds)
    return FullOrDeduct(items=items, deductions=tuple(deductions), bounds=bounds,
                        judged=judged)


# ---- requirements and judgements ----------------------------------------------------------

def _form_judgement(c: _Ctx) -> Node | None:
    if "judge" not in c.kinds:
        return None
    if any(u.out is not None for u in c.units):
        return None
    return Judgement(lo=ZERO, hi=None, label=label_of(c.units[0]) if c.units else "")


def _form_requirement(c: _Ctx) -> Node | None:
    if any(u.out is not None for u in c.units):
        return None
    conds = [p for p in c.phrases if p.kind == "cond"]
    if len(conds) > 1:
        first = conds[1]
        raise c.error("cannot read the criterion: conditions without points", first,
                      hint="the points of each band are missing")
    if conds and ("whether" in c.kinds or str(conds[0].get("op", "")) in ("达到", "達到")):
        i = c.phrases.index(conds[0])
        var = label_of(list(c.phrases[:i]), last=True)
        return Requirement(bounds=(bound_of(conds[0], var=var),))
    items = [i for u in c.units for i in _whether_items(u.leads)]
    if len(items) == 1 and "完成" in items[0] and any(w in items[0] for w in ("计划", "目标")):
        return Requirement(bounds=(Bound(ref="target", ref_op="ge"),))
    if len(items) > 1:
        c.default("partial")
    return Requirement(items=tuple(items))


def _each(c: _Ctx, node: Node) -> Node:
    """A和B…各占1分: the rule applies to each of the parts named, each on its own weight."""
    worth = c.of("each_worth")
    if not worth or not isinstance(node, Step):
        return node
    i = c.phrases.index(worth[0])
    names = label_of(list(c.phrases[:i])).split("和")
    if len(names) < 2:
        return node
    pw = worth[0].get("lo")
    return Sum(tuple(Part(node=attrs.evolve(node, var=n), weight=pw, label=n) for n in names))


_FORMS: tuple[Callable[[_Ctx], Node | None], ...] = (
    _form_formula, _form_times, _form_prop, _form_veto, _form_rank, _form_steps, _form_clauses,
    _form_bands, _form_levels, _form_checklist, _form_judgement, _form_requirement)


def build(prep: Prepared, phrases: tuple[Phrase, ...], weight: Decimal | None,
          defaults: Mapping[str, str]) -> Built:
    """The rule node of a parsed criterion.

    Raises:
        CriterionSyntaxError: a rule form with a missing parameter.
    """
    exempt = [p for p in phrases if p.kind == "exempt"]
    c = _Ctx(prep, tuple(p for p in phrases if p.kind != "exempt"), weight, defaults)
    for form in _FORMS:
        node = form(c)
        if node is not None:
            node = _each(c, node)
            if exempt:
                node = Exempt(node=node, label=str(exempt[0].get("text")))
            return Built(node=node, assumptions=tuple(c.assumptions))
    raise c.error("cannot read the criterion: no rule form fits", 0)
