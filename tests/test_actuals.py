"""Tests of perfindicators.actuals: the kinds of actual value, tiers and 'nothing done'."""

from __future__ import annotations

import pickle

import pytest

import perfindicators as pi
from perfindicators.actuals import nothing_done, tier_of


@pytest.mark.parametrize(("text", "kind"), [
    ("64项", "Measured"), ("≥90%", "Claimed"), ("达成预期指标", "Judged"), ("—", "Missing"),
    ("2021年12月15日", "DateValue"), ("有所提高但未量化说明", "TextValue"),
    ("88.26%，92%", "Compound"), ("200余人", "Approx"),
])
def test_kinds(text: str, kind: str) -> None:
    a = pi.parse_actual(text)
    assert type(a).__name__ == kind
    assert pickle.loads(pickle.dumps(a)) == a


@pytest.mark.parametrize(("text", "tier"), [
    ("达成", pi.Tier.MET), ("已完成", pi.Tier.MET), ("部分达成年度指标", pi.Tier.PARTIAL),
    ("未完成", pi.Tier.NOT_MET), ("效果明显", None),
])
def test_tier_words(text: str, tier: pi.Tier | None) -> None:
    assert tier_of(text) is tier


def test_nothing_done_is_told_from_an_event_that_did_not_occur() -> None:
    assert nothing_done("未进行资金支持") and nothing_done("未开展")
    assert not nothing_done("完成")
    ceiling = pi.parse("每项支持分别不超过50万元、30万元和20万元")
    assert not ceiling.evaluate("未进行资金支持").met  # the activity did not happen
    assert pi.parse("≤0起").evaluate("未发生安全事故").met  # the event it limits did not occur
