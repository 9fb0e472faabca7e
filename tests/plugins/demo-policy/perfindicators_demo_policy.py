"""A plug-in policy: full weight when met, half the weight when partly met, else nothing."""

from __future__ import annotations

from decimal import Decimal

from perfindicators.evaluate import Outcome, Status


def half_credit(outcome: Outcome, weight: Decimal, /) -> Decimal:
    if outcome.status is Status.MET:
        return weight
    if outcome.status is Status.PARTIAL:
        return weight / 2
    return Decimal(0)


NOT_A_POLICY = 42
