"""The scoring API, its memo and its typed inputs, pickling, and policy plug-ins."""

from __future__ import annotations

import importlib
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import perfindicators as pi
from perfindicators import _cache, examples
from perfindicators.errors import YearError
from perfindicators.policies import (
    Award,
    PolicyError,
    PolicyRegistry,
    Proportional,
    Rounding,
    ScoreFlag,
    registry,
)
from perfindicators.scoring import SCORE_MEMO_SIZE, clear_caches
from perfindicators.scoring._api import _score, _score_memo

D = Decimal
HERE = Path(__file__).parent


# every test starts from the package's registries and empty caches, and leaves them so
pytestmark = pytest.mark.usefixtures("clean_state")


def test_must_show() -> None:
    assert pi.score("≥60项", "30项", 3).points == D("1.50")
    assert pi.score("≤5%", "10%", 10).points == D("5.00")
    assert pi.score("≤5%", "7.5%", 10, policy="reverse-linear").points == D("5.00")
    assert pi.score("≥10%", "32%", 6).points == D("6.00")
    missing = pi.score("≥95%", "", 5)
    assert "missing" in missing.flags and missing.points == 0


def test_score_object() -> None:
    s = pi.score("≥60项", "30项", 3)
    assert s.weight == D(3) and s.policy == "proportional"
    assert s.fraction == D("0.5")
    assert s.explanation_zh == "实际值30项 < 指标值60项，得分 = 3 × 30/60 = 1.50"
    assert s.explanation_en == "actual 30项 < target 60项: 3 × 30/60 = 1.50"
    assert s.outcome is not None and s.outcome.ratio == D("0.5")
    full = pi.score("≥10%", "32%", 6)
    assert full.explanation_zh == "实际值32% ≥ 指标值10%，得满分6分"


def test_flags() -> None:
    assert "copied_target" in pi.score("≥90%", "≥90%", 5).flags
    assert "hand_judged" in pi.score("效果明显", "达成预期指标", 5).flags
    assert "implicit_direction" in pi.score("100%", "97%", 2).flags
    assert "over_achieved" in pi.score("≥60项", "151项", 2, policy="over-achievement").flags


def test_inputs_as_objects_and_numbers() -> None:
    t = pi.parse("≥60项")
    assert pi.score(t, pi.parse_actual("30项"), D(3)) == pi.score("≥60项", "30项", "3")
    assert pi.score("≥60项", "30项", 3.0).points == D("1.50")
    assert pi.score("≥60项", "30", 3, policy=Proportional()).points == D("1.50")


@pytest.mark.parametrize("weight", ["三", "", None, -1, "nan", True, False, "2,5", [3]])
def test_bad_weight(weight: object) -> None:
    with pytest.raises(pi.WeightError) as info:
        pi.score("≥60项", "30项", weight)
    assert isinstance(info.value, ValueError)


def test_cost_category_makes_bare_targets_at_most() -> None:
    assert pi.score("20万元", "25万元", 4, category="成本指标").points == D("3.20")
    assert pi.score("20万元", "25万元", 4, category="数量指标").points == D("4.00")


def test_unknown_names_list_the_valid_ones() -> None:
    with pytest.raises(pi.UnknownNameError) as info:
        pi.score("≥60项", "30项", 3, policy="propotional")
    assert isinstance(info.value, LookupError)
    assert "proportional" in str(info.value) and "reverse-linear" in str(info.value)
    with pytest.raises(pi.UnknownNameError, match="central"):
        pi.score("≥60项", "30项", 3, scheme="centrl")


def test_score_many_reports_every_bad_row() -> None:
    rows = [
        {"target": "≥60项", "actual": "30项", "weight": 3},
        {"target": "≥", "actual": "30项", "weight": 3},
        ("≤5%", "10%", 10),
        {"target": "≥60项", "actual": "30项", "weight": "x"},
        {"target": "≥60项", "actual": "30家", "weight": 3},
        {"actual": "1"},
        ("20万元", "25万元", 4, "成本指标"),
    ]
    with pytest.raises(pi.BatchError) as info:
        pi.score_many(rows)
    err = info.value
    assert [(e.row, e.field) for e in err.errors] == [(1, "target"), (3, "weight"),
                                                     (4, "actual"), (5, "target")]
    assert [r.points if r else None for r in err.results] == [
        D("1.50"), None, D("5.00"), None, None, None, D("3.20")]
    good = pi.score_many([rows[0], rows[2]])
    assert [s.points for s in good] == [D("1.50"), D("5.00")]


def test_seed_rows_under_central() -> None:
    """Every row of the seed form follows the central formulas."""
    form = examples.data("zgc-2021")
    expected = {3: "3.00", 5: "2.00", 21: "0.00", 23: "2.00", 24: "6.00", 25: "6.00"}
    total = D(0)
    for i, row in enumerate(form["indicators"], start=1):
        s = pi.score(row["target"], row["actual"], row["weight"], year=form["year"],
                     category=row["level2"], level1=row["level1"])
        if i in expected:
            assert s.points == D(expected[i]), (i, s.explanation)
        if i == 21:
            assert "nothing_done" in s.flags  # 未进行资金支持: nothing done is not met
        total += s.points
    budget = form["budget"]["rows"][0]
    b = pi.score_budget(budget["full_year"], budget["executed"], form["budget"]["weight"])
    assert b.points == D(form["budget"]["score"]) == D("8.83")
    assert total + b.points == D("97.83")  # published 94.23: the gap is the hand deductions


# ---- registry ---------------------------------------------------------------------------------

def test_decorator_registration_and_lookup() -> None:
    reg = PolicyRegistry(registry.BUILTIN)

    @reg.register("strict-half")
    def strict_half(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return weight if outcome.met else weight / 2 if outcome.known else D(0)

    assert reg.get("strict-half") is strict_half
    assert reg.get(strict_half) is strict_half
    assert pi.score("≥60项", "30项", 3, policy="strict-half", registry=reg).points == D("1.50")
    with pytest.raises(PolicyError, match="taken"):
        reg.register("strict-half", strict_half)
    reg.register("strict-half", Proportional(), replace=True)
    assert isinstance(reg.get("strict-half"), Proportional)


def test_registering_a_broken_policy_fails_with_its_name() -> None:
    reg = PolicyRegistry()
    with pytest.raises(PolicyError, match="'two-args'"):
        reg.register("two-args", lambda outcome: D(1))  # type: ignore[arg-type,return-value]
    with pytest.raises(PolicyError, match="gave 11"):
        reg.register("too-much", lambda outcome, weight: weight + 1)
    with pytest.raises(PolicyError, match="not callable"):
        reg.register("number", 3)  # type: ignore[call-overload]


def test_default_registry_decorator() -> None:
    @pi.register_policy("test-all-or-half")
    def all_or_half(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return weight if outcome.met else weight / 2

    try:
        assert pi.score("≥60项", "30项", 3, policy="test-all-or-half").points == D("1.50")
        assert pi.score("≥60项", "30项", 3, policy="test-all-or-half").policy == "test-all-or-half"
    finally:
        registry.default_registry.unregister("test-all-or-half")


@pytest.fixture(scope="module")
def demo_plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Install the small package in tests/plugins/demo-policy into a folder on sys.path."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(HERE / "plugins" / "demo-policy")],
        check=True, capture_output=True,
    )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    importlib.invalidate_caches()
    registry.default_registry.unregister("demo-half-credit")


@pytest.mark.slow
def test_entry_point_plugin_scores_through_score(demo_plugin: Path) -> None:
    s = pi.score("效果明显", "部分达成", 4, policy="demo-half-credit")
    assert s.points == D("2.00") and s.policy == "demo-half-credit"
    assert "demo-half-credit" in registry.default_registry.names()


@pytest.mark.slow
def test_broken_plugin_is_named(demo_plugin: Path) -> None:
    reg = PolicyRegistry()
    with pytest.raises(PolicyError) as info:
        reg.load_entry_points(group="perfindicators.test_broken_policies")
    assert "demo-broken = perfindicators_demo_policy:NOT_A_POLICY" in str(info.value)
    assert info.value.plugin is not None


# ---- regressions found in review -----------------------------------------------------------

def doubler(outcome: pi.Outcome, weight: Decimal) -> Decimal:
    return weight * 2


def test_a_capped_policy_says_so() -> None:
    s = pi.score("≥60项", "64项", 3, policy=doubler)
    assert s.points == D(3) and "capped" in s.flags
    assert "按满分3分计" in s.explanation_zh and "above the weight" in s.explanation_en


def test_a_policy_error_names_the_policy() -> None:
    reg = PolicyRegistry({"floaty": lambda outcome, weight: 1.5})  # first entries: unchecked
    with pytest.raises(PolicyError, match=r"'floaty'.*never a float"):
        pi.score("≥60项", "64项", 3, policy="floaty", registry=reg)


def test_full_marks_are_the_weight_whatever_the_rounding() -> None:
    from perfindicators.policies import Rounding

    s = pi.score("≥60项", "64项", "2.55", policy=Proportional(Rounding(1, "down")))
    assert s.points == D("2.55")


def test_uncapped_user_policy_is_flagged() -> None:
    class Generous:
        cap = False

        def __call__(self, outcome: pi.Outcome, weight: Decimal) -> Decimal:
            return weight * 2

    s = pi.score("≥60项", "64项", 3, policy=Generous())
    assert s.points == D(6) and "above_weight" in s.flags


def test_empty_budget_is_flagged() -> None:
    s = pi.score_budget("0", "5")
    assert s.points == 0 and "no_budget" in s.flags
    capped = pi.score_budget("329.77", "338.31")
    assert "102.59%（超过100%按100%计）" in capped.explanation_zh


@pytest.mark.slow
def test_broken_plugin_does_not_break_the_others(demo_plugin: Path) -> None:
    reg = PolicyRegistry(entry_points=True)
    added = reg.load_entry_points(group="perfindicators.test_broken_policies", strict=False)
    assert added == [] and "demo-broken" in reg.plugin_errors
    with pytest.raises(pi.UnknownNameError):
        reg.get("propotional")  # a typo is still a typo
    with pytest.raises(PolicyError, match="demo-broken"):
        reg.get("demo-broken")


# ---- the memo: keys that keep every input exactly (issue #8, point 4) ----------------------

def test_memo_keeps_the_actuals_text() -> None:
    """Judged('达成') == Judged('已完成') (their text is not part of equality): the memo must not
    answer the second with the first's explanation."""
    t = pi.parse("效果明显")
    first = pi.score(t, pi.parse_actual("达成"), 5)
    second = pi.score(t, pi.parse_actual("已完成"), 5)
    assert pi.parse_actual("达成") == pi.parse_actual("已完成")  # why a naive memo fails
    assert "“达成”" in first.explanation_zh
    assert "“已完成”" in second.explanation_zh and "“达成”" not in second.explanation_zh


def test_memo_keeps_the_weight_as_written() -> None:
    assert str(pi.score("≥60项", "64项", D("3"))) == "3.00/3"
    assert str(pi.score("≥60项", "64项", D("3.0"))) == "3.00/3.0"
    assert pi.score("≥60项", "64项", 1).weight == 1
    with pytest.raises(pi.WeightError):  # True == 1, but True is no weight: never a memo hit
        pi.score("≥60项", "64项", True)


def test_year_is_normalised_before_the_memo() -> None:
    deadline = ("12月底前", "2022年1月3日", 2)
    by_int = pi.score(*deadline, year=2021)
    assert pi.score(*deadline, year=2021.0).explanation_zh == by_int.explanation_zh
    assert pi.score(*deadline, year=D("2021")).points == by_int.points
    assert pi.score(*deadline, year="2021").explanation_zh == by_int.explanation_zh
    for bad in (True, 2021.5, "明年", float("nan"), 21):
        with pytest.raises(YearError) as info:
            pi.score(*deadline, year=bad)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError) and "whole number" in str(info.value)


def test_memo_answers_what_a_fresh_score_answers() -> None:
    """Equal-but-different targets, actuals and policies: each call gets its own answer."""
    p1 = Proportional()
    p2 = Proportional(Rounding(1, "down"))
    calls = [("≥60项", "29项", 3, p1), ("≥60项", "29项", 3, p2), ("≥60项", "29", 3, p1),
             ("≥60项", "29.0项", 3, p1), ("≥60.0项", "29项", 3, p1)]
    for target, actual, weight, policy in calls * 2:
        got = pi.score(target, actual, weight, policy=policy)
        fresh = _score(target, actual, D(weight), policy, pi.get_scheme("central"), None,
                       None, None, None, registry.default_registry)
        assert (got.points, got.explanation, got.flags) == \
            (fresh.points, fresh.explanation, fresh.flags)
    assert _score_memo.cache_info().hits == len(calls)


def test_memo_keys_tell_apart_what_equality_conflates() -> None:
    from perfindicators.policies._key import Unkeyable, memo_key

    assert memo_key(1) != memo_key(True) != memo_key(D(1)) != memo_key(1.0)
    assert memo_key(pi.parse_actual("达成")) != memo_key(pi.parse_actual("已完成"))
    assert memo_key(pi.parse("≥60项")) == memo_key(pi.parse("≥60项"))
    assert memo_key(pi.parse("≥1万元")) != memo_key(pi.parse("≥10000元"))

    class Loose:  # equality of its own: no key can be trusted
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

        def __call__(self, outcome: pi.Outcome, weight: Decimal) -> Decimal:
            return weight

    with pytest.raises(Unkeyable):
        memo_key(Loose())
    assert pi.score("≥60项", "30项", 3, policy=Loose()).points == 3  # scored, not memoised
    assert _score_memo.cache_info().currsize == 0


def test_a_replaced_policy_is_looked_up_again() -> None:
    @pi.register_policy("test-memo")
    def first(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return weight

    assert pi.score("≥60项", "30项", 3, policy="test-memo").points == 3

    def second(outcome: pi.Outcome, weight: Decimal) -> Decimal:
        return D(0)

    pi.register_policy("test-memo", second, replace=True)
    assert pi.score("≥60项", "30项", 3, policy="test-memo").points == 0


def test_clear_caches_empties_every_memo() -> None:
    pi.score("≥60项", "30项", 3)
    pi.get_scheme("central").policy_for("产出指标", "数量指标", "comparison")
    sizes = _cache.cache_sizes()
    assert sizes["perfindicators.scoring._api._score_memo"] == 1
    assert sizes["perfindicators.schemes._model._policy_for"] >= 1
    clear_caches()
    assert not any(_cache.cache_sizes().values())


def test_the_memo_holds_the_corpus_mix() -> None:
    """bench/score.py: a million rows of the corpus mix hold about 89,000 distinct rows."""
    assert SCORE_MEMO_SIZE >= 100_000


# ---- typed flags (issue #8, point 5) -------------------------------------------------------

def test_flags_are_typed() -> None:
    rows = [pi.score("≥60项", "30", 3), pi.score("≥95%", "", 5),
            pi.score("效果明显", "部分达成", 5, policy="proportional"),
            pi.score("≥60项", "151项", 2, policy="over-achievement"),
            pi.score_budget("329.77", "338.31", scheme="pmkpi"), pi.score_budget("0", "5")]
    flags = set().union(*(s.flags for s in rows))
    assert flags == {pi.Flag.UNIT_ASSUMED, pi.Flag.MISSING, pi.Flag.HAND_JUDGED,
                     ScoreFlag.NEEDS_JUDGEMENT,
                     ScoreFlag.OVER_ACHIEVED, ScoreFlag.ABOVE_WEIGHT, ScoreFlag.NO_BUDGET}
    assert all(isinstance(f, pi.Flag | ScoreFlag) for f in flags)
    assert "needs_judgement" in rows[2].flags  # StrEnum: the texts still work


def test_an_unknown_flag_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown flag 'over_achived'"):
        Award(D(1), "", "", {"over_achived"})
    assert Award(D(1), "", "", {"capped"}).flags == {ScoreFlag.CAPPED}


# ---- pickling in a fresh process (issue #8, point 3) ---------------------------------------

_CHILD = ("(lambda pickle, pi, D: (lambda o, f: (o == f, hash(o) == hash(f), pickle.dumps(o)))"
          "(pickle.loads(blob), eval(fresh, {'pi': pi, 'D': D, 'P': pi.policies})))"
          "(__import__('pickle'), __import__('perfindicators'), __import__('decimal').Decimal)")

VALUES = {
    "Score": 'pi.score("效果明显", "部分达成", 10)',
    "Score (qualitative tiers)": 'pi.score("定性 优良中低差", "达成", 4, scheme="hubei")',
    "Score (units)": 'pi.score("≥60项", "30项", 3)',
    "Score (budget)": 'pi.score_budget("9,537.73", "8,417.73")',
    "Award": 'P.Award(D("7.00"), "得7分", "7 points", {"needs_judgement"})',
    "Rounding": 'P.Rounding(1, "down")',
    "Proportional": "P.Proportional()",
    "QualitativeTiers.hubei": "P.QualitativeTiers.hubei()",
    "Ladder": "P.Ladder()",
    "BudgetExecution": "P.BudgetExecution(cap=False)",
    "DeadlinePolicy": 'P.DeadlinePolicy(per_day="0.1")',
    "OverAchievement": 'P.OverAchievement(deduction="0.25")',
    "ReverseLinear": "P.ReverseLinear()",
    "AllOrNothing": "P.AllOrNothing()",
}


@pytest.fixture(scope="module")
def spawned() -> Iterator[multiprocessing.pool.Pool]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        yield pool


@pytest.mark.parametrize("name", VALUES)
def test_values_pickle_into_a_fresh_process(name: str, spawned: multiprocessing.pool.Pool) -> None:
    namespace = {"pi": pi, "D": D, "P": pi.policies}
    value = eval(VALUES[name], namespace)
    equal, same_hash, back = spawned.apply(eval, (_CHILD, {"blob": pickle.dumps(value),
                                                           "fresh": VALUES[name]}))
    assert equal and same_hash  # there: equal to the same value built fresh, same hash
    again = pickle.loads(back)
    assert again == value and hash(again) == hash(value)  # and back here
    if isinstance(value, pi.Score):
        assert again.explanation == value.explanation and again.outcome == value.outcome
