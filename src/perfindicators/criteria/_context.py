"""The context the rule forms share: the parsed units, the weight, the declared defaults (and
which were used), errors with carets, and small readings of units.

Example:
    >>> sorted(DEFAULTS)[:3]
    ['bonus_cap', 'direction', 'fail']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import attrs

from ._parser import Phrase, syntax_error
from ._prepare import Prepared
from ._units import TIME_UNITS, Unit, label_of, units
from .model import (
    Node,
    Span,
)

__all__ = ["DEFAULTS", "ZERO", "Built"]

#: the declared defaults: what a criterion assumes where its text is silent
DEFAULTS: dict[str, str] = {
    "partial_step": "pro_rata",     # 每降低1个百分点 with 2.5 points short: pro rata (or ceil)
    "partial": "all_or_nothing",    # a requirement with several parts, one unmet
    "fail": "literal",              # 有得10分,无扣2分: the stated deduction (or zero)
    "two_variables": "lower_band",  # bands on two variables that disagree
    "bonus_cap": "weight",          # a bonus (每增加一座加5分) within the weight (or none)
    "scale": "100",                 # 以实际评定的综合值为准: the value on a 100-point scale
    "upper_anchor": "100",          # 线性内插 with no upper anchor: 100%
    "truncated": "interval",        # items lost in a truncated copy: unknown → an interval
    "direction": "auto",            # 未达到目标值 with no comparator: concentrations lower
}
ZERO = Decimal(0)
_ONE_WORDS = re.compile(r"^(?:1|一)$")
_STEP_UP = ("超过", "超過", "增加", "高于", "多", "滞后", "滞留", "推迟", "延迟", "延期", "上升")
_STEP_DOWN = ("减少", "降低", "少", "差", "下降", "低于", "未")
_NEG = ("未", "没有", "无", "不", "缺", "少")
_DELAY_WORDS = ("滞后", "滞留", "推迟", "延迟", "延期", "超过", "超過", "逾期")
_FULL_WORDS = ("全部完成", "全面完成", "足额", "全部落实", "全部到位")


@attrs.frozen
class Built:
    """What `build` returns: the node and the assumptions it rests on."""

    node: Node
    assumptions: tuple[str, ...] = ()


class _Ctx:
    def __init__(self, prep: Prepared, phrases: tuple[Phrase, ...], weight: Decimal | None,
                 defaults: Mapping[str, str]) -> None:
        self.prep = prep
        self.phrases = phrases
        self.weight = weight
        self.defaults = {**DEFAULTS, **defaults}
        self.explicit = set(defaults)
        self.assumptions: list[str] = []
        self.units = units(phrases)
        self.kinds = {p.kind for p in phrases}

    def default(self, name: str) -> str:
        value = self.defaults[name]
        note = f"{name}={value}"
        if note not in self.assumptions:
            self.assumptions.append(note)
        return value

    def w(self) -> Decimal:
        return self.weight if self.weight is not None else ZERO

    def error(self, message: str, at: Phrase | int, hint: str | None = None) -> Exception:
        index = at if isinstance(at, int) else at.start
        length = 1 if isinstance(at, int) else max(1, at.end - at.start)
        return syntax_error(self.prep, message, index, length, hint=hint)

    def of(self, kind: str) -> list[Phrase]:
        return [p for p in self.phrases if p.kind == kind]


def _span(p: Phrase) -> Span:
    return Span(p.get("lo"), p.get("hi"))


def _time_unit(p: Phrase) -> bool:
    q = p if p.kind == "qty" else p.get("qty") or p.get("hi")
    return q is not None and str(q.get("unit") or "") in TIME_UNITS


def _parts(u: Unit) -> tuple[str, ...]:
    """The comma-separated requirements of an item (each may be given a fact of its own)."""
    parts = _whether_items(u.leads)
    return tuple(parts) if len(parts) > 1 else ()


def _last_segment(u: Unit) -> list[Phrase]:
    idx = max((i for i, p in enumerate(u.leads) if p.kind == "comma"
               and p.get("text") not in ("、",)), default=-1)
    return u.leads[idx + 1:]


def _whether_items(phrases: list[Phrase]) -> list[str]:
    """Requirement items: one per comma segment (是否 … starts a new one)."""
    items: list[str] = []
    cur: list[Phrase] = []
    for p in phrases:
        if p.kind == "comma" and p.get("text") not in ("、",):
            if label_of(cur):
                items.append(label_of(cur))
            cur = []
            continue
        cur.append(p)
    if label_of(cur):
        items.append(label_of(cur))
    return items
