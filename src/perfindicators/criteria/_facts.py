"""Facts: what an evaluator found, matched to the inputs a criterion needs.

Fact keys follow the input vocabulary (``value``, ``target``, ``count:<label>``,
``item:<label>``, ``level``, ``delay``, ``rank``, ``veto:<label>``, ``pick``, and labelled
``value:<label>`` …). A key names an input exactly, or by its marker (``item:①``), or by the
closest label (the most characters in common, in order): ``item:符合年度工作计划`` finds the item
``符合各地、各部门年度工作计划``. Each fact goes to one input first; an input left over takes the
fact closest to it. Compatible kinds stand in for each other: an item is met when its count
is 0, a count is 1 when its item is unmet, and a delay may be given as a value.

Example:
    >>> from perfindicators.criteria.model import Input
    >>> f = Facts({"count:不符合要求": 2}, [Input("count", "以上情况每出现一例不符合要求的")])
    >>> f.count("以上情况每出现一例不符合要求的")
    2
    >>> quantity("97.5%")
    (Decimal('97.5'), '%')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ._units import months
from .model import Input

__all__ = ["Facts", "comparator", "cover", "quantity", "similarity"]

_QTY = re.compile(r"^\s*([≥≤<>=]|>=|<=)?\s*([-+−]?\d+(?:\.\d+)?)\s*(.*?)\s*$")
_COMPAT = {
    "value": ("value", "delay"), "delay": ("delay", "value"), "target": ("target",),
    "count": ("count", "item"), "item": ("item", "count", "veto"), "level": ("level",),
    "rank": ("rank",), "veto": ("veto", "item"), "pick": ("pick",),
}


def quantity(text: Any) -> tuple[Decimal, str] | None:
    """A number and its unit from a fact (``"97.5%"``, ``"800公斤/亩"``, ``85``)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text)), ""
    m = _QTY.match(str(text).replace("％", "%"))
    if not m:
        return None
    try:
        return Decimal(m.group(2).replace("−", "-")), m.group(3)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


def comparator(text: Any) -> str:
    """The comparator a target fact starts with (``"≤10%"`` → ``≤``), or ``""``."""
    m = _QTY.match(str(text))
    return (m.group(1) or "").replace(">=", "≥").replace("<=", "≤") if m else ""


# traditional characters of the criteria corpus and their simplified forms (labels in facts
# are usually simplified): used only to compare labels
_SIMPLIFIED = str.maketrans(
    "實現長覆蓋時發條處個項設規範淨潔聯繫係計劃進達質臺賬務縣區無應據與標準濃兩這們為關"
    "網絡資後單預算統",
    "实现长覆盖时发条处个项设规范净洁联系系计划进达质台账务县区无应据与标准浓两这们为关"
    "网络资后单预算统")


def _lcs(a: str, b: str) -> int:
    a, b = a.translate(_SIMPLIFIED), b.translate(_SIMPLIFIED)
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bj in enumerate(b):
            cur.append(prev[j] + 1 if ch == bj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def similarity(fact: str, label: str) -> tuple[float, int, int]:
    """How well a fact's label names an input's label: (share of the fact's characters found
    in order, whether the label starts with it, minus the label's length)."""
    if not fact or not label:
        return (0.5 if not fact and not label else 0.1, 0, -len(label))
    if fact == label:
        return (2.0, 1, 0)
    share = _lcs(fact, label) / len(fact)
    return (share, 1 if label.startswith(fact) or fact.startswith(label) else 0, -len(label))


def cover(key: str, label: str) -> float:
    """The share of the shorter of a fact's label and an input's label found in the other."""
    fact = _split(key)[1] if ":" in key else key
    shorter = min(len(fact), len(label))
    return _lcs(fact, label) / shorter if shorter else 0.0


def _split(key: str) -> tuple[str, str]:
    kind, _, label = key.partition(":")
    return kind.strip(), label.strip()


class Facts:
    """Facts bound to a criterion's inputs (see the module)."""

    def __init__(self, facts: Mapping[str, Any], inputs: Iterable[Input]) -> None:
        self.raw = dict(facts)
        self.inputs = list(inputs)
        self.binding: dict[tuple[str, str], str] = {}
        self.used: set[str] = set()
        self._bind()

    def _bind(self) -> None:
        pairs = []
        for key in self.raw:
            kind, label = _split(key)
            for idx, inp in enumerate(self.inputs):
                if kind not in _COMPAT.get(inp.kind, ()):
                    continue
                share, prefix, _ = similarity(label, inp.label)
                same = 1 if kind == inp.kind else 0
                pairs.append(((same, share, prefix, -idx), key, (inp.kind, inp.label)))
        pairs.sort(key=lambda p: p[0], reverse=True)
        taken: set[str] = set()
        for score, key, slot in pairs:
            if slot in self.binding or key in taken:
                continue
            if score[1] < 0.3 and ":" in key:
                continue
            self.binding[slot] = key
            taken.add(key)
        for score, key, slot in pairs:  # inputs left over take their closest fact
            if slot not in self.binding and score[0] and (score[1] >= 0.5 or ":" not in key
                                                          or cover(key, slot[1]) >= 0.6):
                self.binding[slot] = key
        # one input of a kind left and one fact of that kind left: they belong together
        used = set(self.binding.values())
        for kind in {i.kind for i in self.inputs}:
            free = [i for i in self.inputs if i.kind == kind
                    and (i.kind, i.label) not in self.binding]
            facts = [k for k in self.raw if k not in used and _split(k)[0] == kind]
            if len(free) == 1 and len(facts) == 1 and len(
                    [i for i in self.inputs if i.kind == kind]) == 1:
                self.binding[(kind, free[0].label)] = facts[0]
                used.add(facts[0])
        self.used = set(self.binding.values())

    def key(self, kind: str, label: str = "") -> str | None:
        """The fact key bound to an input, or None."""
        return self.binding.get((kind, label))

    def get(self, kind: str, label: str = "") -> Any:
        """The raw fact bound to an input, or None."""
        key = self.key(kind, label)
        return None if key is None else self.raw[key]

    def kind_of(self, kind: str, label: str = "") -> str | None:
        """The kind of the fact bound to an input (``count`` for an item given as a count)."""
        key = self.key(kind, label)
        return None if key is None else _split(key)[0]

    def number(self, kind: str, label: str = "") -> tuple[Decimal, str] | None:
        """A bound value (or delay) as a number and unit; delays in months."""
        q = quantity(self.get(kind, label))
        if q is None:
            return None
        if kind == "delay" or self.kind_of(kind, label) == "delay":
            return months(q[0], q[1]), "月"
        return q

    def item(self, label: str) -> bool | None:
        """Whether an item is satisfied (None: not given)."""
        v = self.get("item", label)
        k = self.kind_of("item", label)
        if v is None:
            return None
        if k == "count":
            return int(v) == 0
        if k == "veto":
            return not bool(v)
        return bool(v)

    def count(self, label: str) -> int | None:
        """How many occurrences (None: not given)."""
        v = self.get("count", label)
        if v is None:
            return None
        if self.kind_of("count", label) == "item":
            return 0 if v else 1
        return int(v)

    def plain(self, kind: str) -> Any:
        """The fact with no label (``target``, ``pick``, ``level``, ``rank``) or None."""
        if kind in self.raw:
            return self.raw[kind]
        labelled = [k for k in self.raw if _split(k)[0] == kind]
        return self.raw[labelled[0]] if len(labelled) == 1 else None

    def all(self, kind: str) -> dict[str, Any]:
        """Every fact of one kind, by label."""
        return {_split(k)[1]: v for k, v in self.raw.items() if _split(k)[0] == kind}
