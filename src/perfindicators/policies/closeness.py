"""Closer is better: a policy for tolerances and for ``=`` targets read as "as close as possible".

The default policies already score a `perfindicators.Tolerance` symmetrically: its outcome
carries the distance from the centre as ``actual_value``, the deviation as ``target_value`` and
``≤`` as ``direction``, so the proportional rule gives ``weight × deviation / distance`` on
either side. `Closeness` does the same for tolerances and also reads an ``=`` comparison as
"closer is better" — ``weight × (1 − |B − A| / A)`` on either side of A — for a scheme that says
so (register it, then name it in a scheme rule for ``kind = "comparison"``).

>>> import perfindicators as pi
>>> from decimal import Decimal
>>> c = Closeness()
>>> c(pi.parse("=100%").evaluate("98%"), Decimal(10)).points
Decimal('9.80')
>>> c(pi.parse("=100%").evaluate("102%"), Decimal(10)).points
Decimal('9.80')
>>> c(pi.parse("100%±2%").evaluate("104%"), Decimal(10)).points
Decimal('5.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from ..changes import Tolerance
from ..evaluate import Outcome, Status
from ..targets import Comparison, Op
from ._base import Award, Rounding, fraction_of

__all__ = ["Closeness"]

_ZERO = Decimal(0)


@attrs.frozen
class Closeness:
    """Score the distance from the value aimed at, the same above and below it.

    * a `Tolerance`: met → full weight; else ``weight × deviation / distance``;
    * an ``=`` comparison with a number as actual: ``weight × max(0, 1 − |B − A| / A)``
      (full at A; a target of 0 gives full weight at 0, else 0);
    * anything else: met → full weight, partly or not met → its share as the proportional
      rule computes it (``fraction_of``), cannot tell → 0 and ``needs_judgement``.
    """

    rounding: Rounding = Rounding()
    name: ClassVar[str] = "closeness"

    def __call__(self, outcome: Outcome, weight: Decimal, /) -> Award:
        o, w, r = outcome, weight, self.rounding
        if o.status is Status.UNKNOWN:
            return Award(r(_ZERO), f"{o.reason_zh}，需人工判断", f"{o.reason_en}: judge by hand",
                         {"needs_judgement"})
        a, b = o.target_value, o.actual_value
        target = o.target
        if isinstance(target, Comparison) and target.op is Op.EQ and a is not None \
                and b is not None:
            close = (Decimal(1) if b == 0 else _ZERO) if a == 0 else max(_ZERO, 1 - abs(b - a) / abs(a))
            points = r(w * close)
            return Award(points, f"{o.reason_zh}，越接近指标值越好，得分 = {w} × (1 − |{b} − {a}|/{a})"
                         f" = {points}", f"{o.reason_en}: closer is better, {points} points")
        if o.status is Status.MET:
            return Award(r(w), f"{o.reason_zh}，得满分", f"{o.reason_en}: full points")
        if isinstance(target, Tolerance) and a is not None and b is not None and b != 0:
            points = r(w * min(Decimal(1), a / b))
            return Award(points, f"{o.reason_zh}，得分 = {w} × {a}/{b} = {points}",
                         f"{o.reason_en}: {w} × {a}/{b} = {points}")
        share = fraction_of(o)
        points = r(w * max(_ZERO, min(Decimal(1), share))) if share is not None else r(_ZERO)
        return Award(points, f"{o.reason_zh}，得{points}分", f"{o.reason_en}: {points} points")
