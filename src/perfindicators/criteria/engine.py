"""Scoring facts against a compiled rule: exact Decimal arithmetic, intervals for what is
unknown or left to the evaluator, explanations in Chinese and English.

Every node evaluates to a `Partial`: the lowest and highest points the facts allow, whether a
judgement is still open, a veto, and the arithmetic. `evaluate` rounds once at the end (two
places, half up) and never returns a score below 0 or above the weight, except for bonus and
plus/minus rules without a base weight, which return the adjustment itself.

Example:
    >>> from perfindicators.criteria import criterion
    >>> s = criterion("每降低1个百分点扣0.5分，扣完为止", weight=5).score({"value": "97.5%"})
    >>> s.points, s.assumptions
    (Decimal('3.75'), ('anchor: 足额/满分 = 100%', 'partial_step=pro_rata'))
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from typing import Any

import attrs

from .._decimal import trimmed
from ..policies import Rounding
from ._facts import Facts, comparator, cover, quantity, similarity
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
    Step,
    Sum,
    Veto,
)
from .render import render_bound

__all__ = ["Partial", "evaluate"]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_ROUND = Rounding()


_fmt = trimmed


@attrs.frozen
class Partial:
    """What a node gives: points between ``lo`` and ``hi``, and why."""

    lo: Decimal
    hi: Decimal
    judged: bool = False
    veto: bool = False
    level: str | None = None
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """Whether the facts determine one number."""
        return self.lo == self.hi and not self.judged


def _p(lo: Decimal, hi: Decimal | None = None, zh: str = "", en: str = "", *,
       judged: bool = False, veto: bool = False, level: str | None = None) -> Partial:
    return Partial(lo=lo, hi=lo if hi is None else hi, judged=judged, veto=veto, level=level,
                   zh=(zh,) if zh else (), en=(en,) if en else ())


# ---- conditions ------------------------------------------------------------------------------

def _value(f: Facts, b: Bound) -> Decimal | None:
    q = f.number(b.kind, b.var)
    return None if q is None else q[0]


def _holds(f: Facts, b: Bound) -> bool | None:
    """Whether a bound holds for the facts (None: a value is missing)."""
    v = _value(f, b)
    if v is None:
        return None
    if b.ref is not None:
        rq = quantity(f.get("target") if b.ref == "target" else f.get("value", b.ref))
        if rq is None:
            return None
        r = rq[0]
        op = b.ref_op or "ge"
        return {"ge": v >= r, "gt": v > r, "le": v <= r, "lt": v < r}[op]
    if b.lo is not None and (v < b.lo or (v == b.lo and not b.lo_incl)):
        return False
    return not (b.hi is not None and (v > b.hi or (v == b.hi and not b.hi_incl)))


# ---- nodes ---------------------------------------------------------------------------------

@functools.singledispatch
def _eval(node: object, f: Facts, w: Decimal) -> Partial:  # pragma: no cover - all registered
    raise TypeError(f"not a rule node: {node!r}")


def _option_result(o: Option, f: Facts, w: Decimal) -> Partial:
    if o.bounds:
        o = attrs.evolve(o, label="，".join(render_bound(b) for b in o.bounds))
    assert o.points is not None
    lo, hi = o.points.lo, o.points.hi
    if o.veto:
        return _p(ZERO, zh=f"{o.label}：否决", en=f"{o.label}: veto", veto=True)
    if lo == hi:
        return _p(lo, zh=f"{o.label}，得{_fmt(lo)}分", en=f"{o.label}: {_fmt(lo)} points",
                  level=o.label)
    pick = quantity(f.plain("pick"))
    if pick is not None and lo <= pick[0] <= hi:
        return _p(pick[0], zh=f"{o.label}，{_fmt(lo)}-{_fmt(hi)}分内评定{_fmt(pick[0])}分",
                  en=f"{o.label}: picked {_fmt(pick[0])} in {_fmt(lo)}-{_fmt(hi)}",
                  level=o.label)
    return _p(lo, hi, zh=f"{o.label}，由评价人在{_fmt(lo)}-{_fmt(hi)}分内评定",
              en=f"{o.label}: the evaluator picks in {_fmt(lo)}-{_fmt(hi)}", judged=True,
              level=o.label)


def _by_level(node: Choice, f: Facts) -> Option | None:
    level = f.plain("level")
    candidates = [o for o in node.options if not o.bounds] or list(node.options)
    if level is not None:
        text = str(level)
        return max(candidates, key=lambda o: similarity(text, o.label))
    items = f.all("item")
    if not items:
        return None
    segments = {o.label: (o.item or o.label).split("，") for o in candidates}
    every = [seg for segs in segments.values() for seg in segs]

    def whole(seg: str) -> str:
        # a level that elides the noun of an earlier one (有可依照的 for 有可依照的…规程) means it
        longer = [s for s in every if len(s) > len(seg) and s.startswith(seg)]
        return max(longer, key=len) if seg.endswith("的") and longer else seg

    agreements = [(o, [_agrees(whole(seg), items) for seg in segments[o.label]])
                  for o in candidates]
    # the first level every condition of which the items speak of and agree with …
    for o, agree in agreements:
        if agree and all(a is True for a in agree):
            return o
    # … else the one level whose conditions the items speak of all agree (the others unsaid);
    # when several levels fit that way, the facts do not decide: a person must judge
    fits = [o for o, agree in agreements
            if (known := [a for a in agree if a is not None]) and all(known)]
    return fits[0] if len(fits) == 1 else None


_NEGATION = ("没有", "未", "无", "不")


def _agrees(segment: str, items: dict[str, Any]) -> bool | None:
    """Whether a level's condition (有规程 / 没有取得认证 / 农户不清楚) agrees with the item facts
    (None: no item speaks of it)."""
    negated = segment.startswith(_NEGATION) or "不" in segment
    core = segment
    for w in _NEGATION:
        core = core.replace(w, "")
    best = max(items, key=lambda k: cover(k, core), default=None)
    if best is None or cover(best, core) < 0.6:
        return None
    return bool(items[best]) != negated


@_eval.register
def _(node: Choice, f: Facts, w: Decimal) -> Partial:
    banded = [o for o in node.options if o.bounds]
    if node.mode == "lower_band" and banded:
        nvars = max(len(o.bounds) for o in banded)
        picks: list[Option] = []
        for i in range(nvars):
            for o in banded:
                if i < len(o.bounds) and _holds(f, o.bounds[i]):
                    picks.append(o)
                    break
        if picks:
            low = min(picks, key=lambda o: o.points.hi if o.points else ZERO)
            r = _option_result(low, f, w)
            return attrs.evolve(r, notes=("two_variables=lower_band",))
    chosen: Option | None = None
    if not banded or (f.plain("level") is not None and any(not o.bounds for o in node.options)):
        chosen = _by_level(node, f)
    if chosen is None:
        unknown = False
        for o in banded:
            held = [_holds(f, b) for b in o.bounds]
            known = [h for h in held if h is not None]
            if not known:
                unknown = True
                continue
            if all(known):
                chosen = o
                break
        if chosen is None:
            chosen = _by_level(node, f) if not unknown or f.plain("level") else None
    if chosen is None:
        if any(_value(f, b) is not None for o in banded for b in o.bounds):
            return _p(ZERO, w, zh="没有一档适用，需评价人判断", en="no band applies: judgement",
                      judged=True)
        return _p(ZERO, w, zh="缺少事实", en="facts missing", judged=True)
    return _option_result(chosen, f, w)


@_eval.register
def _(node: Checklist, f: Facts, w: Decimal) -> Partial:
    has_pos = any(i.sign > 0 for i in node.items)
    lo = hi = ZERO if has_pos else w
    zh: list[str] = []
    en: list[str] = []
    positive_keys = {f.key("item", i.label) for i in node.items if i.sign > 0}
    for i in node.items:
        given = [m for m in (f.item(x) for x in (i.label, *i.parts)) if m is not None]
        met = None if not given else all(given)
        if i.sign < 0 and has_pos and f.key("item", i.label) in positive_keys:
            continue  # it restates the failure of an item already not awarded
        if i.sign > 0:
            if met is None:
                hi += i.points
                zh.append(f"{i.label}：未提供")
            elif met:
                lo += i.points
                hi += i.points
                zh.append(f"{i.label}：得{_fmt(i.points)}分")
                en.append(f"{i.label}: +{_fmt(i.points)}")
            else:
                zh.append(f"{i.label}：不得分")
                en.append(f"{i.label}: 0")
        else:
            if met is None:
                if not has_pos:
                    lo -= i.points
            elif not met:
                lo -= i.points
                hi -= i.points
                zh.append(f"{i.label}：扣{_fmt(i.points)}分")
                en.append(f"{i.label}: -{_fmt(i.points)}")
    hi += node.unknown
    return Partial(lo=lo, hi=hi, zh=tuple(zh), en=tuple(en))


@_eval.register
def _(node: Occurrences, f: Facts, w: Decimal) -> Partial:
    base = node.base if node.base is not None else w
    total = ZERO
    zh: list[str] = []
    en: list[str] = []
    notes: list[str] = []
    for k in node.kinds:
        n: int | None
        if k.once and f.kind_of("item", k.label) == "count":
            n = int(f.get("item", k.label))
        elif k.once:
            met = f.item(k.label)
            n = None if met is None else (0 if met else 1)
        else:
            n = f.count(k.label)
        if n is None:
            notes.append(f"未提供“{k.label}”的次数，按0计 / no count of {k.label!r}: 0")
            n = 0
        d = k.price * n
        if k.cap is not None and abs(d) > k.cap:
            d = k.cap if d > 0 else -k.cap
        total += d
        if n:
            verb = "扣" if k.price > 0 else "加"
            zh.append(f"{k.label or '每次'}{n}次×{_fmt(abs(k.price))}分，{verb}{_fmt(abs(d))}分")
            en.append(f"{k.label or 'each'}: {n} × {_fmt(abs(k.price))} = {_fmt(abs(d))}")
    if node.cap is not None and total > node.cap:
        zh.append(f"扣满{_fmt(node.cap)}分为止")
        en.append(f"deductions stop at {_fmt(node.cap)}")
        total = node.cap
    score = base - total
    return Partial(lo=score, hi=score, zh=tuple(zh) or (f"无扣分，得{_fmt(base)}分",),
                   en=tuple(en) or (f"nothing found: {_fmt(base)}",), notes=tuple(notes))


def _target(f: Facts) -> Decimal | None:
    q = quantity(f.plain("target"))
    return None if q is None else q[0]


@_eval.register
def _(node: Step, f: Facts, w: Decimal) -> Partial:
    q = f.number(node.kind, node.var)
    anchor = node.anchor if node.anchor is not None else _target(f)
    if q is None or anchor is None:
        return _p(ZERO, w, zh="缺少实际值或标准", en="value or standard missing", judged=True)
    v = q[0]
    gap = (anchor - v) if node.bad == "below" else (v - anchor)
    if gap <= 0:
        return _p(w, zh=f"实际{_fmt(v)}达到标准{_fmt(anchor)}，得{_fmt(w)}分",
                  en=f"{_fmt(v)} meets {_fmt(anchor)}: {_fmt(w)}")
    steps = gap / node.size
    if node.partial == "ceil":
        steps = Decimal(math.ceil(steps))
    elif node.partial == "floor":
        steps = Decimal(math.floor(steps))
    d = steps * node.price
    if node.cap is not None and d > node.cap:
        d = node.cap
    s = w - d
    return _p(s, zh=f"差{_fmt(gap)}，{_fmt(steps)}档×{_fmt(node.price)}分，扣{_fmt(d)}分",
              en=f"gap {_fmt(gap)}: {_fmt(steps)} steps × {_fmt(node.price)} = {_fmt(d)}")


@_eval.register
def _(node: Proportional, f: Facts, w: Decimal) -> Partial:
    q = f.number("value")
    if q is None:
        return _p(ZERO, w, zh="缺少实际值", en="value missing", judged=True)
    v, unit = q
    t = _target(f)
    if node.factor is not None and node.per == ONE and t is not None:
        cmp = comparator(f.plain("target"))
        ratio = (t / v if v else ONE) if cmp == "≤" else (v / t if t else ONE)
        s = ratio * node.factor
        return _p(s, zh=f"{_fmt(v)}与{_fmt(t)}之比×{_fmt(node.factor)}",
                  en=f"ratio of {_fmt(v)} to {_fmt(t)} × {_fmt(node.factor)}")
    if t is not None and unit != "%" and node.factor is None and node.per == HUNDRED:
        ratio = v / t if t else ONE
    else:
        ratio = v / node.per
    if node.cap is not None:
        ratio = min(ratio, node.cap / HUNDRED)
    factor = node.factor if node.factor is not None else w
    s = ratio * factor
    return _p(s, zh=f"{_fmt(ratio * 100)}%×{_fmt(factor)}={_fmt(s)}",
              en=f"{_fmt(ratio * 100)}% × {_fmt(factor)} = {_fmt(s)}")


@_eval.register
def _(node: Interpolate, f: Facts, w: Decimal) -> Partial:
    q = f.number("value")
    if q is None:
        return _p(ZERO, w, zh="缺少实际值", en="value missing", judged=True)
    v = q[0]
    if v < node.lo or (v == node.lo and node.lo_incl):
        return _p(ZERO, zh=f"{_fmt(v)}未超过{_fmt(node.lo)}，不得分", en=f"{_fmt(v)} ≤ lower anchor")
    s = min(ONE, (v - node.lo) / (node.hi - node.lo)) * w
    return _p(s, zh=f"线性内插：({_fmt(v)}-{_fmt(node.lo)})/({_fmt(node.hi)}-{_fmt(node.lo)})"
              f"×{_fmt(w)}", en=f"interpolated between {_fmt(node.lo)} and {_fmt(node.hi)}")


@_eval.register
def _(node: Rank, f: Facts, w: Decimal) -> Partial:
    q = quantity(f.plain("rank"))
    if q is None:
        return _p(ZERO, w, zh="缺少排位", en="rank missing", judged=True)
    s = w - (q[0] - 1) * node.price
    return _p(s, zh=f"第{_fmt(q[0])}位，{_fmt(w)}-{_fmt(q[0] - 1)}×{_fmt(node.price)}",
              en=f"rank {_fmt(q[0])}: {_fmt(w)} - {_fmt(q[0] - 1)} × {_fmt(node.price)}")


def _all_met(f: Facts, items: tuple[str, ...], bounds: tuple[Bound, ...]) -> bool | None:
    results = [f.item(i) for i in items] + [_holds(f, b) for b in bounds]
    if any(r is False for r in results):
        return False
    if any(r is None for r in results):
        return None
    return True


@_eval.register
def _(node: Requirement, f: Facts, w: Decimal) -> Partial:
    met = _all_met(f, node.items, node.bounds)
    if met is None:
        return _p(node.fail, w, zh="缺少事实", en="facts missing")
    if met:
        return _p(w, zh=f"达到要求，得{_fmt(w)}分", en=f"requirement met: {_fmt(w)}")
    return _p(node.fail, zh=f"未达到要求，得{_fmt(node.fail)}分",
              en=f"requirement not met: {_fmt(node.fail)}")


@_eval.register
def _(node: FullOrDeduct, f: Facts, w: Decimal) -> Partial:
    main = _all_met(f, node.items, node.bounds)
    triggered = [d for d in node.deductions if f.item(d.label) is False]
    unknown = [d for d in node.deductions if f.item(d.label) is None]
    if main is False and not triggered:
        triggered = list(unknown) or list(node.deductions)
    total = sum((d.points for d in triggered), ZERO)
    if not triggered and main is None:
        return _p(w - sum((d.points for d in node.deductions), ZERO), w, zh="缺少事实",
                  en="facts missing")
    if node.judged and triggered:
        return _p(w - total, w, zh=f"视情况扣0-{_fmt(total)}分",
                  en=f"the evaluator deducts 0-{_fmt(total)}", judged=True)
    if not triggered:
        return _p(w, zh=f"达到要求，得{_fmt(w)}分", en=f"met: {_fmt(w)}")
    return _p(w - total, zh=f"未达到要求，扣{_fmt(total)}分", en=f"not met: -{_fmt(total)}")


@_eval.register
def _(node: Veto, f: Facts, w: Decimal) -> Partial:
    fired = any(bool(v) for v in f.all("veto").values())
    fired = fired or any(_holds(f, b) for b in node.bounds)
    if fired:
        return _p(ZERO, zh=f"出现否决情形：{node.effect}", en=f"veto: {node.effect}", veto=True)
    return _p(w, zh="未出现否决情形", en="no veto")


@_eval.register
def _(node: Judgement, f: Facts, w: Decimal) -> Partial:
    hi = w if node.hi is None else node.hi
    pick = quantity(f.plain("pick"))
    if pick is not None and node.lo <= pick[0] <= hi:
        s = hi - pick[0] if node.deduction else pick[0]
        return _p(s, zh=f"评价人评定{_fmt(s)}分", en=f"the evaluator gave {_fmt(s)}")
    return _p(node.lo, hi, zh=f"酌情：由评价人在{_fmt(node.lo)}-{_fmt(hi)}分内评定",
              en=f"discretionary: the evaluator decides in {_fmt(node.lo)}-{_fmt(hi)}",
              judged=True)


@_eval.register
def _(node: Formula, f: Facts, w: Decimal) -> Partial:
    values = {k: quantity(v) for k, v in f.all("value").items()}
    nums = {k: q[0] for k, q in values.items() if q is not None}
    if node.form == "sum":
        s = sum(nums.values(), ZERO)
        return _p(s, zh="各项得分之和" + _fmt(s), en=f"sum of the items: {_fmt(s)}")
    if node.form == "rescale":
        scores = [v for k, v in nums.items() if "得分" in k or "评价分" in k]
        weights = [v for k, v in nums.items() if "分值" in k or "总分" in k]
        if not scores or not weights or not weights[0]:
            return _p(ZERO, w, zh="缺少得分或分值", en="scores or weights missing", judged=True)
        s = scores[0] / weights[0] * HUNDRED
        return _p(s, zh=f"{_fmt(scores[0])}/{_fmt(weights[0])}×100",
                  en=f"{_fmt(scores[0])}/{_fmt(weights[0])} × 100")
    if node.form == "ratio":
        defs = dict(node.defs)
        got: list[tuple[Decimal, str] | None] = []
        for _, label in node.terms[:2]:
            q = f.number("value", defs.get(label, label))
            got.append(q if label not in defs or q is None else (w - q[0], q[1]))
        if len(got) < 2 or got[0] is None or got[1] is None or not got[1][0]:
            return _p(ZERO, w, zh="缺少公式中的数值", en="a value of the formula is missing",
                      judged=True)
        s = got[0][0] / got[1][0] * node.factor
        return _p(s, zh=f"{_fmt(got[0][0])}/{_fmt(got[1][0])}×{_fmt(node.factor)}",
                  en=f"{_fmt(got[0][0])}/{_fmt(got[1][0])} × {_fmt(node.factor)}")
    total = ZERO
    for sign, label in node.terms:
        q = f.number("value", label)
        if q is None:
            return _p(ZERO, w, zh=f"缺少{label}", en=f"{label} missing", judged=True)
        total += sign * q[0]
    return _p(total, zh=f"按公式得{_fmt(total)}分", en=f"by the formula: {_fmt(total)}")


@_eval.register
def _(node: Exempt, f: Facts, w: Decimal) -> Partial:
    if f.get("item", node.label) is True:
        return _p(w, zh=f"{node.label}：得{_fmt(w)}分", en=f"exempt ({node.label}): {_fmt(w)}")
    return _eval(node.node, f, w)


@_eval.register
def _(node: Sum, f: Facts, w: Decimal) -> Partial:
    lo = hi = ZERO
    zh: list[str] = []
    en: list[str] = []
    judged = False
    for part in node.parts:
        r = _eval(part.node, f, part.weight)
        lo += max(ZERO, min(part.weight, r.lo))
        hi += max(ZERO, min(part.weight, r.hi))
        judged = judged or r.judged
        zh.extend(r.zh)
        en.extend(r.en)
    return Partial(lo=lo, hi=hi, judged=judged, zh=tuple(zh), en=tuple(en))


def evaluate(node: Node, facts: Facts, weight: Decimal | None, *,
             uncapped: bool = False) -> Partial:
    """Score *facts* by *node*: points within [0, weight] (unless *uncapped* or weightless),
    rounded half up to two places."""
    w = weight if weight is not None else ZERO
    r = _eval(node, facts, w)
    lo, hi = r.lo, r.hi
    if weight is not None and weight > 0 and not uncapped:
        lo, hi = max(ZERO, min(weight, lo)), max(ZERO, min(weight, hi))
    elif weight is not None and weight > 0:
        lo, hi = max(ZERO, lo), max(ZERO, hi)
    return attrs.evolve(r, lo=_ROUND(lo), hi=_ROUND(hi))
