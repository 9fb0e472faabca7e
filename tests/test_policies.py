"""Built-in policies: the formulas, their bounds and monotonicity, and the conformance kit."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators.policies import (
    AllOrNothing,
    BudgetExecution,
    DeadlinePolicy,
    Ladder,
    OverAchievement,
    PolicyError,
    PolicyRegistry,
    Proportional,
    QualitativeTiers,
    ReverseLinear,
    Rounding,
    RoundingMode,
    cap_of,
)
from perfindicators.testing import check_policy, magnitudes

D = Decimal


# every test starts from the package's registries and empty caches, and leaves them so
pytestmark = pytest.mark.usefixtures("clean_state")
ALL = [Proportional(), ReverseLinear(), AllOrNothing(), QualitativeTiers(),
       QualitativeTiers.hubei(), Ladder(), BudgetExecution(), DeadlinePolicy(),
       DeadlinePolicy(per_day=D("0.1")), DeadlinePolicy(per_month=1), OverAchievement(),
       Proportional(Rounding(1, "down"))]


def points(target: str, actual: str, weight: str | int, policy: object, **kw: object) -> Decimal:
    return pi.score(target, actual, weight, policy=policy, **kw).points  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "actual", "weight", "expected"),
    [
        ("≥60项", "30项", 3, "1.50"),
        ("≥60项", "64项", 3, "3.00"),
        (">60项", "60项", 3, "3.00"),  # strict comparators score like non-strict
        ("≤5%", "10%", 10, "5.00"),
        ("≤5%", "4%", 10, "10.00"),
        ("=100%", "97.30%", 2, "1.95"),
        ("=0件", "0件", 4, "4.00"),
        ("=0件", "2件", 4, "0.00"),
        ("90%-95%", "45%", 10, "5.00"),
        ("90%-95%", "190%", 10, "5.00"),
        ("90%-95%", "92%", 10, "10.00"),
        ("5662人", "4044人", 2, "1.43"),
        ("≥95%", "", 5, "0.00"),
    ],
)
def test_proportional(target: str, actual: str, weight: int, expected: str) -> None:
    assert points(target, actual, weight, "proportional") == D(expected)


def test_truncation_to_one_decimal() -> None:
    # 稷山: 100% target, 97.30% actual, 2 points: published 1.9 (formula 1.946)
    assert points("100.00%", "97.30%", 2, Proportional(Rounding(1, "down"))) == D("1.9")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("5%", "10.00"), ("7.5%", "5.00"), ("6%", "8.00"), ("10%", "0.00"), ("12%", "0.00")],
)
def test_reverse_linear(actual: str, expected: str) -> None:
    assert points("≤5%", actual, 10, "reverse-linear") == D(expected)


def test_reverse_linear_scores_at_least_like_proportional() -> None:
    assert points("≥60项", "30项", 3, "reverse-linear") == D("1.50")


def test_all_or_nothing() -> None:
    assert points("≥60项", "59项", 3, "all-or-nothing") == D(0)
    assert points("≥60项", "60项", 3, "all-or-nothing") == D(3)


@pytest.mark.parametrize(
    ("actual", "central", "hubei"),
    [("达成预期指标", "10.00", "10.00"), ("部分达成预期指标并具有一定效果", "7.00", "6.50"),
     ("未达成预期指标且效果较差", "0.00", "0.00")],
)
def test_qualitative_tiers(actual: str, central: str, hubei: str) -> None:
    assert points("效果明显", actual, 10, "qualitative-tiers") == D(central)
    assert points("效果明显", actual, 10, QualitativeTiers.hubei()) == D(hubei)
    assert points("效果明显", actual, 10, None, scheme="hubei") == D(hubei)


def test_qualitative_positions_and_exclusive_tops() -> None:
    top = QualitativeTiers(partial_position=1)
    assert points("效果明显", "部分达成", 10, top) == D("7.99")  # 80 % belongs to 达成
    assert points("效果明显", "达成", 10, QualitativeTiers(met_position=0)) == D("8.00")


def test_qualitative_check_of_hand_scores() -> None:
    tiers = QualitativeTiers()
    assert tiers.check(D(8), D(10), pi.Status.MET) is None
    assert tiers.check(D("7.9"), D(10), pi.Status.MET) is not None
    assert tiers.check(D(8), D(10), pi.Status.PARTIAL) is not None  # 80 % is 达成's
    assert tiers.check(D(6), D(10), pi.Status.PARTIAL) is None
    assert "outside" in (tiers.check(D(7), D(10), pi.Status.NOT_MET) or "")


def test_ladder() -> None:
    hebei = Ladder()
    assert points("≥100%", "100%", 10, hebei) == D(10)
    assert points("≥100%", "92%", 10, hebei) == D(8)
    assert points("≥100%", "86%", 10, hebei) == D(6)
    assert points("≥100%", "80%", 10, hebei) == D(0)
    assert points("≤5%", "5.5%", 10, hebei) == D(8)  # achievement A/B = 90.9 %
    custom = Ladder(levels=[(D("0.9"), "良", D("0.5"))])
    assert points("≥100%", "95%", 10, custom) == D(5)


def test_budget_execution() -> None:
    assert pi.score_budget("9,537.73", "8,417.73").points == D("8.83")  # the seed form
    assert pi.score_budget("250000.00", "215457.6").points == D("8.62")  # 上海普陀 86.19 %
    assert pi.score_budget("20000.00", "9,034").points == D("4.52")  # 45.17 %
    assert pi.score_budget("329.77", "338.31").points == D("10.00")  # 102.59 %, capped
    uncapped = pi.score_budget("329.77", "338.31", scheme="pmkpi")
    assert uncapped.points == D("10.26") and "above_weight" in uncapped.flags
    assert pi.score_budget("150", "125.25", 20, scheme="hubei").points == D("16.70")
    assert pi.score_budget("150", "125.25", scheme="hubei").weight == D(20)
    assert "88.26%" in pi.score_budget("9,537.73", "8,417.73").explanation_zh


def test_deadline_policy() -> None:
    t = pi.parse("12月底前", year=2021)
    assert pi.score(t, "2021年12月1日", 2).points == D(2)
    assert pi.score(t, "2022年1月3日", 2).points == D(0)
    assert pi.score(t, "2022年1月3日", 2, policy=DeadlinePolicy(per_day="0.1")).points == D("1.70")
    assert pi.score(t, "2022年3月", 2, policy=DeadlinePolicy(per_month="0.5")).points == D("0.50")
    assert pi.score(t, "2023年3月", 2, policy=DeadlinePolicy(per_month="0.5")).points == D(0)


def test_over_achievement() -> None:
    s = pi.score("≥60项", "151项", 2, policy="over-achievement")
    assert s.points == D(2) and "over_achieved" in s.flags
    assert "须说明偏差原因" in s.explanation_zh
    docked = pi.score("≥60项", "151项", 2, policy=OverAchievement(deduction="0.25"))
    assert docked.points == D("1.50")
    assert "over_achieved" not in pi.score("≥60项", "64项", 2, policy="over-achievement").flags
    assert "over_achieved" in pi.score("=0起", "30起", 2, policy="over-achievement").flags
    assert "over_achieved" not in pi.score("≤5%", "1%", 2, policy="over-achievement").flags


@pytest.mark.parametrize("policy", ALL, ids=lambda p: repr(p)[:40])
def test_every_builtin_keeps_the_contract(policy: object) -> None:
    check_policy(policy)


def greedy(outcome: object, weight: Decimal) -> Decimal:
    return weight + 1


def stingy(outcome: pi.Outcome, weight: Decimal) -> Decimal:
    return weight / 2


def backwards(outcome: pi.Outcome, weight: Decimal) -> Decimal:
    r = outcome.ratio
    return weight if r is None or outcome.met else min(weight, weight * (1 - r))


def test_check_policy_catches_a_broken_policy() -> None:
    with pytest.raises(AssertionError, match="outside"):
        check_policy(greedy)
    with pytest.raises(AssertionError, match="met but"):
        check_policy(stingy)
    with pytest.raises(AssertionError, match="not monotone"):
        check_policy(backwards)
    with pytest.raises(AssertionError, match="not picklable"):
        check_policy(lambda outcome, weight: weight)


@pytest.mark.parametrize("policy", ALL, ids=lambda p: repr(p)[:40])
def test_repr_rebuilds_the_policy(policy: object) -> None:
    import perfindicators.policies as pol

    namespace = {name: getattr(pol, name) for name in pol.__all__} | {"Decimal": Decimal}
    assert eval(repr(policy), namespace) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy


# ---- typed contracts -----------------------------------------------------------------------

def test_rounding_modes_are_a_strenum() -> None:
    assert Rounding(mode="half_up").mode is RoundingMode.HALF_UP
    assert Rounding(mode=RoundingMode.DOWN) == Rounding(mode="down") == Rounding(2, "down")
    assert repr(Rounding(1, "down")) == "Rounding(places=1, mode='down')"
    assert [m.value for m in RoundingMode] == ["half_up", "down", "half_even", "up"]
    with pytest.raises(ValueError, match="rounding mode must be one of half_up, down"):
        Rounding(mode="sideways")
    with pytest.raises(ValueError, match="whole number"):
        Rounding(places=True)


def test_score_flags_and_evaluation_flags_do_not_overlap() -> None:
    from perfindicators.policies import ScoreFlag

    assert not {f.value for f in pi.Flag} & {f.value for f in ScoreFlag}
    assert [f.value for f in ScoreFlag] == ["needs_judgement", "over_achieved", "above_weight",
                                            "capped", "no_budget"]  # stable texts


def test_the_engine_reads_cap_through_cap_of() -> None:
    assert cap_of(BudgetExecution(cap=False)) is False and cap_of(Proportional()) is True

    class Vague:
        cap = "no"

        def __call__(self, outcome: pi.Outcome, weight: Decimal) -> Decimal:
            return weight

    with pytest.raises(PolicyError, match=r"'vague'.*cap must be True or False"):
        PolicyRegistry().register("vague", Vague())


def test_a_wrapped_policy_that_breaks_the_contract_is_named() -> None:
    def floaty(outcome: pi.Outcome, weight: Decimal) -> float:
        return 1.5

    with pytest.raises(PolicyError, match=r"'floaty'.*never a float"):
        OverAchievement(inner=floaty)(pi.parse("≥60项").evaluate("64项"), D(3))


# ---- properties ---------------------------------------------------------------------------

_OPS = st.sampled_from(["≥", ">", "≤", "<", "="])
_UNITS = st.sampled_from(["", "%", "项", "万元"])
_WEIGHTS = st.sampled_from([D(1), D(2), D("2.5"), D(3), D(6), D(10), D(20)])


@given(_OPS, magnitudes(), magnitudes(), _UNITS, _WEIGHTS, st.sampled_from(ALL))
def test_points_are_bounded(op: str, a: Decimal, b: Decimal, unit: str, w: Decimal,
                            policy: object) -> None:
    s = pi.score(f"{op}{a}{unit}", f"{b}{unit}", w, policy=policy)  # type: ignore[arg-type]
    assert D(0) <= s.points <= w
    assert s.points.is_finite()


@given(_OPS, magnitudes().filter(lambda a: a > 0), magnitudes(), magnitudes(), _UNITS,
       _WEIGHTS, st.sampled_from(ALL))
def test_points_never_fall_toward_the_target(op: str, a: Decimal, b1: Decimal, b2: Decimal,
                                             unit: str, w: Decimal, policy: object) -> None:
    # b2 lies between b1 and the target: it moved toward it
    if (b1 - a) * (b2 - a) < 0 or abs(b2 - a) > abs(b1 - a):
        b1, b2 = b2, b1
    if (b1 - a) * (b2 - a) < 0:
        return  # on opposite sides: not a move toward the target
    if b2 == a and op in (">", "<"):
        return  # a strict target excludes its own value: reaching it is crossing out of it
    far = pi.score(f"{op}{a}{unit}", f"{b1}{unit}", w, policy=policy)  # type: ignore[arg-type]
    near = pi.score(f"{op}{a}{unit}", f"{b2}{unit}", w, policy=policy)  # type: ignore[arg-type]
    assert near.points >= far.points, (far.explanation, near.explanation)


@given(_OPS, magnitudes(), magnitudes(), _UNITS, _WEIGHTS)
def test_met_means_full_weight_for_proportional(op: str, a: Decimal, b: Decimal, unit: str,
                                                w: Decimal) -> None:
    s = pi.score(f"{op}{a}{unit}", f"{b}{unit}", w, policy="proportional")
    if s.met:
        assert s.points == w
