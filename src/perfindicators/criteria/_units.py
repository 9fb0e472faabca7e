"""Clauses and units of a criterion: phrases grouped at separators and outcomes, and the
small readings shared by the builder (conditions → `Bound`, quantities, labels).

Example:
    >>> from perfindicators.criteria._parser import phrases
    >>> [u.out.kind for u in units(phrases("≥90%,计5分;低于60%不得分"))]
    ['award', 'zero']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ._parser import Phrase
from .model import Bound

__all__ = ["OUTCOMES", "TIME_UNITS", "Unit", "bound_of", "label_of", "months", "units"]

OUTCOMES = frozenset({"award", "points", "full", "zero", "deduct", "add", "veto"})
_AFTER = frozenset({"clamp", "round_up", "judge", "deem"})
#: time words and their length in months
TIME_UNITS = {"个月": Decimal(1), "月": Decimal(1), "半月": Decimal("0.5"), "年": Decimal(12),
              "年度": Decimal(12), "季度": Decimal(3), "个季度": Decimal(3), "天": Decimal(1) / 30,
              "日": Decimal(1) / 30, "工作日": Decimal(1) / 21, "个工作日": Decimal(1) / 21,
              "周": Decimal(7) / 30}

_GT = {"大于", "高于", "超过", "超過", "多于", ">"}
_LT = {"小于", "低于", "少于", "不足", "不到", "未满", "未滿", "未达到", "未達到", "<"}
_LE = {"不超过", "不高于", "不多于", "小于或等于", "小于等于", "不超出", "≤"}
_GE = {"不低于", "不少于", "大于或等于", "大于等于", "达到", "達到", "≥"}
_REF_TARGET = ("目标", "指标值", "计划", "計劃", "控制数", "标准", "任务")


@attrs.define
class Unit:
    """Phrases up to one outcome: what leads to it, the outcome, and what follows it
    (clamps, rounding, judgement)."""

    leads: list[Phrase] = attrs.Factory(list)
    out: Phrase | None = None
    after: list[Phrase] = attrs.Factory(list)
    clause: int = 0

    def kinds(self) -> set[str]:
        """The kinds of its lead phrases."""
        return {p.kind for p in self.leads}

    def of(self, kind: str) -> list[Phrase]:
        """Its lead phrases of one kind."""
        return [p for p in self.leads if p.kind == kind]

    @property
    def start(self) -> int:
        """Where it starts in the prepared text."""
        first = self.leads[0] if self.leads else self.out
        return first.start if first else 0


def units(phrases: tuple[Phrase, ...]) -> list[Unit]:
    """Group *phrases* into units (see the module); separators end a unit's leads."""
    out: list[Unit] = []
    cur = Unit()
    clause = 0
    for p in phrases:
        if p.kind == "sep":
            if cur.leads or cur.out:
                out.append(cur)
            cur = Unit(clause=clause + 1)
            clause += 1
            continue
        if p.kind in _AFTER and not [q for q in cur.leads if q.kind != "comma"] and out \
                and out[-1].out is not None and out[-1].clause == clause:
            out[-1].after.append(p)
            continue
        if p.kind == "comma":
            cur.leads.append(p)
            continue
        if p.kind in OUTCOMES:
            prev_out = out[-1].out if out else None
            if not cur.leads and p.kind == "points" and prev_out is not None \
                    and prev_out.kind == "full":
                # 得标准分10分: the standard points are these
                out[-1].out = Phrase("award", prev_out.start, p.end, dict(p.data))
                continue
            if not [q for q in cur.leads if q.kind != "comma"] and out and out[-1].out is None:
                prev = out.pop()  # a table cell of points after its row
                cur = Unit(leads=prev.leads, clause=prev.clause)
            cur.out = p
            cur.clause = clause
            out.append(cur)
            cur = Unit(clause=clause)
            continue
        cur.leads.append(p)
    if cur.leads:
        out.append(cur)
    return out


def label_of(unit: Unit | list[Phrase], *, last: bool = False) -> str:
    """The words of a unit (or of phrases): its label; *last*: only the last comma segment."""
    phrases = unit.leads if isinstance(unit, Unit) else unit
    segs: list[list[str]] = [[]]
    for p in phrases:
        if p.kind == "comma" and p.get("text") in ("、", ":", "："):
            segs[-1].append("、")
        elif p.kind == "comma":
            segs.append([])
        elif p.kind in ("whether", "marker") and last:
            continue
        elif p.kind in ("text", "whether", "veto", "marker"):
            segs[-1].append(str(p.get("text", "")))
        elif p.kind == "cond" and p.get("form") == "ref":
            segs[-1].append(str(p.get("op", "")) + str(p.get("ref", "")))
    segs = [s for s in segs if "".join(s).strip()]
    if not segs:
        return ""
    if last:
        return _trim("".join(segs[-1]))
    out = _trim("，".join(_trim(s) for s in ("".join(s) for s in segs)))
    return "" if _BARE_MARKER.match(out) else out


_BARE_MARKER = re.compile(r"^[(（]?\d{1,2}[)）、.．]?$|^[①②③④⑤⑥⑦⑧⑨⑩]$")


def _trim(text: str) -> str:
    """Spaces, colons and enumeration commas at the ends, and brackets left unbalanced."""
    text = text.strip(" :：、")
    while text[:1] in "(（" and text.count("(") + text.count("（") > text.count(")") + \
            text.count("）"):
        text = text[1:].strip(" :：、")
    while text[-1:] in ")）" and text.count(")") + text.count("）") > text.count("(") + \
            text.count("（"):
        text = text[:-1].strip(" :：、")
    return text


def months(value: Decimal, unit: str) -> Decimal:
    """A time quantity in months (``半个月`` → 0.5)."""
    return value * TIME_UNITS.get(unit, Decimal(1))


def _qty(p: Phrase) -> tuple[Decimal, str, bool]:
    return p.get("value"), str(p.get("unit") or ""), bool(p.get("incl"))


def _norm(value: Decimal, unit: str, kind: str) -> Decimal:
    return months(value, unit) if kind == "delay" else value


def bound_of(p: Phrase, var: str = "", kind: str = "value") -> Bound:
    """The `Bound` a condition phrase states (a bare quantity: equality)."""
    if p.kind == "qty":
        v, u, _ = _qty(p)
        n = _norm(v, u, kind)
        return Bound(var=var, lo=n, hi=n, kind=kind, unit=u)
    form = p.get("form")
    if form == "range":
        a, ua, ia = _qty(p.get("lo"))
        b, ub, ib = _qty(p.get("hi"))
        unit = ub or ua
        a, b = _norm(a, unit, kind), _norm(b, unit, kind)
        lo_i, hi_i = (True, False) if ia and not ib else (False, True) if ib and not ia \
            else (True, True)
        if a > b:
            a, b = b, a
            lo_i, hi_i = hi_i, lo_i
        return Bound(var=var, lo=a, hi=b, lo_incl=lo_i, hi_incl=hi_i, kind=kind, unit=unit)
    if form == "ref":
        op = str(p.get("op"))
        ref_text = str(p.get("ref"))
        ref = "target" if any(w in ref_text for w in _REF_TARGET) else ref_text.rstrip("的,")
        return Bound(var=var, ref=ref, ref_op=_op(op, False, ""), kind=kind)
    v, u, qi = _qty(p.get("qty"))
    n = _norm(v, u, kind)
    if form == "post":
        post = str(p.get("post"))
        if "上" in post:
            return Bound(var=var, lo=n, lo_incl=True, kind=kind, unit=u)
        return Bound(var=var, hi=n, hi_incl=True, kind=kind, unit=u)
    op = _op(str(p.get("op")), bool(p.get("incl")) or qi, str(p.get("post") or ""))
    if op == "eq":
        return Bound(var=var, lo=n, hi=n, kind=kind, unit=u)
    if op in ("gt", "ge"):
        return Bound(var=var, lo=n, lo_incl=op == "ge", kind=kind, unit=u)
    return Bound(var=var, hi=n, hi_incl=op == "le", kind=kind, unit=u)


def _op(word: str, incl: bool, post: str) -> str:
    if word == "=":
        return "eq"
    if word in _GT:
        return "ge" if incl or "及" in post else "gt"
    if word in _LT:
        return "le" if incl or "及" in post else "lt"
    if word in _LE:
        return "le"
    return "ge"
