"""Targets of change and of closeness: `Relative` (较上年增长10%, 同比下降3%, 不低于上年,
与上年持平, 逐年提高) and `Tolerance` (100%±2%, ±5%, 误差不超过2%).

Both are immutable attrs values like every target: canonical text with ``str()``,
``parse(str(t)) == t``, ``from_dict(t.to_dict()) == t``, and they pickle.

>>> import perfindicators as pi
>>> t = pi.parse("同比增长不低于8%")
>>> t, t.trend, t.op, t.amount
(Relative('较上年增长≥8%'), <Trend.UP: '增长'>, <Op.GE: '≥'>, <Quantity(8, 'percent')>)
>>> pi.from_dict(t.to_dict()) == t
True
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from . import units as q
from .targets import (
    Op,
    Target,
    TargetKind,
    _check_quantity,
    _op,
    _quantity_dict,
    _quantity_from_dict,
    format_quantity,
    register_kind,
)

__all__ = ["Relative", "Tolerance", "Trend"]


class Trend(enum.Enum):
    """The direction of a change against a basis."""

    UP = "增长"
    DOWN = "下降"
    FLAT = "持平"

    @property
    def sign(self) -> int:
        """+1 for a rise, -1 for a fall, 0 for no change."""
        return {Trend.UP: 1, Trend.DOWN: -1, Trend.FLAT: 0}[self]


def _check_basis(_inst: object, _att: object, value: str) -> None:
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"a basis is a word such as 上年 or 2020年, not {value!r}")


_LEVEL_TEXT = {(Trend.UP, Op.GE): "不低于", (Trend.UP, Op.GT): "高于",
               (Trend.DOWN, Op.GE): "不高于", (Trend.DOWN, Op.GT): "低于"}


@attrs.frozen(repr=False)
class Relative(Target):
    """A change against a basis: ``较上年增长10%``, ``比上年提高5个百分点``, ``同比下降3%``,
    ``同比增长不低于8%``, ``增幅≥5%``, ``不低于上年``, ``与上年持平``, ``逐年提高``.

    A relative target is never read as a plain level: it is met by an actual that states the
    change (``增长12%``, ``下降1个百分点``, ``持平``), or by a level together with the basis
    value (``evaluate(actual, baseline=...)``); with neither, the outcome is "cannot tell".

    Attributes:
        trend: the direction asked for (`Trend.UP`, `Trend.DOWN`, `Trend.FLAT`).
        op: the comparator on the size of the change (``同比增长不低于8%``: ≥); ``None`` when
            not written (``增长10%``: at least 10%).
        amount: the size of the change: a percent (relative change), percentage points
            (个百分点) or a quantity (``增加2家``); ``None`` when the target compares with the
            basis itself (``不低于上年``: a change ≥ 0, ``逐年提高``: a change > 0).
        basis: what the change is measured against: ``上年`` (also for 同比, 去年, 上年同期)
            or a year such as ``2020年``.
        rate: True when the target names the rate of change itself (``增幅≥5%``,
            ``降幅≤5%``): a bare percent as actual is then the change.

    Examples:
        >>> import perfindicators as pi
        >>> pi.parse("同比下降3%")
        Relative('较上年下降3%')
        >>> pi.parse("较上年增长10%") == pi.parse("10%")
        False
        >>> pi.parse("逐年提高"), pi.parse("与上年持平")
        (Relative('高于上年'), Relative('与上年持平'))
    """

    trend: Trend
    op: Op | None = None
    amount: q.QuantityT | None = None
    basis: str = attrs.field(default="上年", validator=_check_basis)
    rate: bool = False
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.RELATIVE
    measured: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        if self.amount is not None:
            _check_quantity(self, attrs.fields(Relative).amount, self.amount)
            if self.amount.magnitude < 0:
                raise ValueError("the size of a change is not negative: write 下降3%, not 增长-3%")
        if self.trend is Trend.FLAT and (self.amount is not None or self.op is not None):
            raise ValueError("持平 takes no amount")
        if self.amount is None and self.trend is not Trend.FLAT and self.op not in (Op.GE, Op.GT):
            raise ValueError("a change against the basis itself is ≥ or > (不低于上年, 高于上年)")

    def __str__(self) -> str:
        basis = self.basis
        if self.trend is Trend.FLAT:
            return f"与{basis}持平"
        if self.amount is None:
            assert self.op is not None
            return _LEVEL_TEXT[(self.trend, self.op)] + basis
        verb = ("增幅" if self.trend is Trend.UP else "降幅") if self.rate else self.trend.value
        op = self.op.symbol if self.op is not None else ""
        return f"较{basis}{verb}{op}{format_quantity(self.amount)}"

    def _fields_dict(self) -> dict[str, Any]:
        return {"trend": self.trend.name, "op": self.op.symbol if self.op else None,
                "amount": _quantity_dict(self.amount) if self.amount is not None else None,
                "basis": self.basis, "rate": self.rate, "subject": self.subject}


def _check_deviation(_inst: object, att: attrs.Attribute[Any], value: Any) -> None:
    _check_quantity(_inst, att, value)
    if value.magnitude < 0:
        raise ValueError("a tolerance is not negative: write ±2%")


@attrs.frozen(repr=False)
class Tolerance(Target):
    """Closer is better: ``100%±2%``, ``±5%``, ``误差不超过2%``, ``偏差不超过±3%``.

    Met when the distance of the actual from the centre (zero when none is written: the
    actual is then the error itself) is within the deviation: ``|actual - centre| ≤ deviation``
    (``<`` when *strict*). The default policies score the distance like an at-most target.

    Attributes:
        deviation: the largest distance allowed.
        center: the value aimed at, or ``None`` (the actual states the error).
        strict: the bound itself is not allowed (``误差<2%``).

    Examples:
        >>> import perfindicators as pi
        >>> pi.parse("误差不超过2%"), pi.parse("100%±2%")
        (Tolerance('±2%'), Tolerance('100%±2%'))
        >>> pi.parse("误差不超过2%").evaluate("-3%").met
        False
    """

    deviation: q.QuantityT = attrs.field(validator=_check_deviation)
    center: q.QuantityT | None = None
    strict: bool = False
    subject: str | None = attrs.field(default=None, eq=False)
    kind: ClassVar[str] = TargetKind.TOLERANCE
    measured: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        if self.center is not None:
            _check_quantity(self, attrs.fields(Tolerance).center, self.center)
            q.compare_units(self.center.units, self.deviation.units)
            if self.strict:
                raise ValueError("a tolerance around a value is inclusive: write 100%±2%")

    def __str__(self) -> str:
        if self.strict:
            return f"误差<{format_quantity(self.deviation)}"
        center = format_quantity(self.center) if self.center is not None else ""
        return f"{center}±{format_quantity(self.deviation)}"

    def _fields_dict(self) -> dict[str, Any]:
        return {"deviation": _quantity_dict(self.deviation),
                "center": _quantity_dict(self.center) if self.center is not None else None,
                "strict": self.strict, "subject": self.subject}


def _relative_from_dict(d: Mapping[str, Any]) -> Target:
    sub = d.get("subject")
    amount = d.get("amount")
    return Relative(Trend[d["trend"]], _op(d.get("op")),
                    _quantity_from_dict(amount) if amount else None,
                    basis=d.get("basis") or "上年", rate=bool(d.get("rate", False)),
                    subject=sub)


def _tolerance_from_dict(d: Mapping[str, Any]) -> Target:
    sub = d.get("subject")
    center = d.get("center")
    return Tolerance(_quantity_from_dict(d["deviation"]),
                     _quantity_from_dict(center) if center else None,
                     strict=bool(d.get("strict", False)), subject=sub)


register_kind(TargetKind.RELATIVE, _relative_from_dict)
register_kind(TargetKind.TOLERANCE, _tolerance_from_dict)
