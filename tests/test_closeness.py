"""The closeness policy (policies/closeness.py): the distance scored the same on both sides."""

from __future__ import annotations

from decimal import Decimal

import perfindicators as pi
from perfindicators.policies.closeness import Closeness
from perfindicators.testing import check_policy


def test_closeness_keeps_the_policy_contract() -> None:
    check_policy(Closeness())


def test_equal_targets_score_the_distance_symmetrically() -> None:
    c, w = Closeness(), Decimal(10)
    t = pi.parse("=100%")
    assert c(t.evaluate("98%"), w).points == c(t.evaluate("102%"), w).points == Decimal("9.80")
    assert c(t.evaluate("100%"), w).points == w


def test_tolerances_score_the_distance_symmetrically() -> None:
    c, w = Closeness(), Decimal(10)
    t = pi.parse("100%±2%")
    assert c(t.evaluate("104%"), w).points == c(t.evaluate("96%"), w).points
    assert c(t.evaluate("101%"), w).points == w
    # the default policy does the same through the outcome's distance and deviation
    assert pi.score(t, "104%", 10).points == pi.score(t, "96%", 10).points == Decimal("5.00")
