"""The fast paths of evaluation and scoring (issue #13) give exactly what the general paths give.

* reasons, award texts and explanations are built on first access (`perfindicators.outcome.Texts`):
  a value built so is equal, hashes, prints, pickles and converts like one built with its text;
* `compare_measured` (a measured actual against a comparison) is the general comparison;
* the trusted constructors (`perfindicators.outcome.trusted`) are only used where the public ones
  would accept and store their arguments unchanged: anything else still goes through them;
* memo keys read through their caches are the keys computed afresh.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators import _cache
from perfindicators.evaluate import _evaluate_comparison_op, resolve_direction
from perfindicators.outcome import DirectionSource, Flag, Outcome, Status, Texts, lazy_pair, out_lazy
from perfindicators.policies import Award, Proportional, ScoreFlag, as_award, default_registry
from perfindicators.policies._key import memo_key
from perfindicators.schemes import get_scheme
from perfindicators.scoring import Score, bounded, score_outcome
from perfindicators.targets import Comparison, Op

D = Decimal


def _observed(value: object) -> tuple[object, ...]:
    """Everything a user can see of a value: its repr, its fields, its pickle, its hash."""
    return (repr(value), attrs.asdict(value, recurse=False),  # type: ignore[arg-type]
            pickle.dumps(value, protocol=4), hash(value))


# ---- lazy texts ----------------------------------------------------------------------------

def _eager_and_lazy() -> tuple[Outcome, Outcome]:
    eager = pi.parse("≥60项").evaluate("64项")
    calls = []

    def build(zh: str, en: str) -> tuple[str, str]:
        calls.append(1)
        return zh, en

    lazy = out_lazy(eager.target, eager.actual, eager.status,
                    Texts(build, eager.reason_zh, eager.reason_en), direction=eager.direction,
                    target_value=eager.target_value, actual_value=eager.actual_value,
                    ratio=eager.ratio)
    assert not calls  # nothing built yet
    return eager, lazy


def test_a_lazy_outcome_is_the_outcome_with_its_text() -> None:
    eager, lazy = _eager_and_lazy()
    assert _observed(lazy) == _observed(eager)
    assert lazy == eager and lazy.reason == eager.reason
    assert pickle.loads(pickle.dumps(lazy)) == eager


@pytest.mark.parametrize("first", ["reason_zh", "reason_en", "repr", "eq", "pickle", "asdict",
                                   "evolve"])
def test_whatever_reads_a_lazy_text_first_sees_it_built(first: str) -> None:
    eager, lazy = _eager_and_lazy()
    readers = {"reason_zh": lambda o: o.reason_zh, "reason_en": lambda o: o.reason_en,
               "repr": repr, "eq": lambda o: o == eager, "pickle": pickle.dumps,
               "asdict": attrs.asdict, "evolve": lambda o: attrs.evolve(o, ratio=None)}
    readers[first](lazy)
    assert (lazy.reason_zh, lazy.reason_en) == (eager.reason_zh, eager.reason_en)
    assert attrs.evolve(lazy, ratio=None) == attrs.evolve(eager, ratio=None)


def test_texts_are_built_once() -> None:
    calls = []

    def build() -> tuple[str, str]:
        calls.append(1)
        return "甲", "a"

    o = out_lazy(pi.parse("≥1项"), pi.parse_actual("1项"), Status.MET, Texts(build))
    assert (o.reason_zh, o.reason_en, o.reason_zh, repr(o).count("甲")) == ("甲", "a", "甲", 1)
    assert len(calls) == 1


def test_scores_and_awards_print_their_texts() -> None:
    s = pi.score("≥60项", "30项", 3)
    assert "explanation_zh='实际值30项 < 指标值60项，得分 = 3 × 30/60 = 1.50'" in repr(s)
    award = Proportional()(pi.parse("≥60项").evaluate("30项"), D(3))
    assert repr(award) == ("Award(points=Decimal('1.50'), zh='实际值30项 < 指标值60项，得分 = 3 × "
                           "30/60 = 1.50', en='actual 30项 < target 60项: 3 × 30/60 = 1.50', "
                           "flags=frozenset())")
    assert pickle.loads(pickle.dumps(award)) == award
    copy = pickle.loads(pickle.dumps(s))
    assert (copy, copy.explanation) == (s, s.explanation)


# ---- the comparison of a measured actual is the general comparison --------------------------

_UNITS = ["%", "项", "万元", "元", "", "人次"]
_OPS = [None, Op.GE, Op.GT, Op.LE, Op.LT, Op.EQ]


@st.composite
def _rows(draw: st.DrawFn) -> tuple[Comparison, str, str | None, str | None]:
    number = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False,
                         allow_infinity=False)
    op = draw(st.sampled_from(_OPS))
    unit = draw(st.sampled_from(_UNITS))
    text = f"{'' if op is None else op.value}{draw(number)}{unit}"
    target = pi.parse(text)
    actual_unit = draw(st.sampled_from([unit, "", *_UNITS]))
    actual = f"{draw(number)}{actual_unit}"
    category = draw(st.sampled_from([None, "数量指标", "成本指标"]))
    indicator = draw(st.sampled_from([None, "投诉率", "资金执行率", "培训人数"]))
    return target, actual, category, indicator  # type: ignore[return-value]


def _general(t: Comparison, actual: str, category: str | None,
             indicator: str | None) -> Outcome:
    """The evaluation of a comparison by the general path (`compare`, `attrs.evolve`)."""
    a = pi.parse_actual(actual)
    flags: set[Flag] = set()
    source: DirectionSource | None = None
    if t.op is None:
        op, source = resolve_direction(None, category, indicator)
        if source is DirectionSource.DEFAULT and t.value.magnitude == 0:
            op = Op.LE
        flags.add(Flag.IMPLICIT_DIRECTION)
    else:
        op = t.op
    o = _evaluate_comparison_op(t, a, op, flags)
    return attrs.evolve(o, direction_source=source) if source is not None else o


@given(_rows())
def test_the_fast_comparison_is_the_general_one(row: tuple[Comparison, str, str | None, str | None]
                                                ) -> None:
    target, actual, category, indicator = row
    if not isinstance(target, Comparison):  # 0万元 and the like may read otherwise
        return
    try:
        general = _general(target, actual, category, indicator)
    except pi.UnitMismatchError:
        with pytest.raises(pi.UnitMismatchError):
            pi.evaluate(target, actual, category=category, indicator=indicator)
        return
    fast = pi.evaluate(target, actual, category=category, indicator=indicator)
    assert _observed(fast) == _observed(general)
    # and the score from it is the score built through the public constructors
    w = D("2.5")
    sch = get_scheme("central")
    name, pol = sch.policy_for(None, category, target.kind, default_registry)
    award = bounded(as_award(pol(general, w), w, sch.rounding, name), w, pol, name)
    flags = general.flags | award.flags if award.flags else general.flags
    ref = Score(award.points, w, name, general, flags, award.zh, award.en)
    got = score_outcome(fast, w, category=category)
    assert (_observed(got), got.explanation) == (_observed(ref), ref.explanation)


# ---- trusted constructors only where the public ones would agree -----------------------------

def test_points_outside_the_weight_still_go_through_the_checks() -> None:
    o = pi.parse("≥60项").evaluate("30项")

    def negative(outcome: Outcome, weight: Decimal) -> Decimal:
        return D(-1)

    def above(outcome: Outcome, weight: Decimal) -> Award:
        return Award(weight + 1, "多", "more")

    assert score_outcome(o, 3, policy=negative).flags == {ScoreFlag.CAPPED}
    capped = score_outcome(o, 3, policy=above)
    assert (capped.points, capped.flags) == (D(3), {ScoreFlag.CAPPED})


def test_an_outcome_with_flags_as_text_is_scored_through_the_converter() -> None:
    o = attrs.evolve(pi.parse("≥60项").evaluate("30项"), flags=frozenset({"unit_assumed"}))
    s = score_outcome(o, 3)
    assert s.flags == {Flag.UNIT_ASSUMED} and all(type(f) is Flag for f in s.flags)
    with pytest.raises(ValueError, match="unknown flag"):
        score_outcome(attrs.evolve(o, flags=frozenset({"no-such-flag"})), 3)


def test_the_public_constructors_still_check() -> None:
    with pytest.raises(ValueError):
        Score(D(-1), D(3), "p", None)
    with pytest.raises(ValueError):
        Score(D(4), D(3), "p", None)
    with pytest.raises(ValueError, match="unknown flag"):
        Award(D(1), "", "", {"over_achived"})


def test_lazy_texts_pass_from_award_to_score_unbuilt() -> None:
    o = pi.parse("≥60项").evaluate("30项")
    award = Proportional()(o, D(3))
    zh, en = lazy_pair(Texts(lambda: (award.zh, award.en)))
    s = Score(award.points, D(3), "proportional", o, (), zh, en)
    assert s.explanation == pi.score("≥60项", "30项", 3).explanation


# ---- memo keys through their caches ---------------------------------------------------------

_VALUES = [pi.parse("≥60项"), pi.parse("≤5%"), pi.parse("≥1万元"), pi.parse("≥10000元"),
           pi.parse_actual("64项"), pi.parse_actual("64"), pi.parse_actual("达成"),
           pi.parse_actual("已完成"), pi.parse("12月底前", year=2021), D("3"), D("3.0"), True, 1,
           Proportional(), Proportional(pi.Rounding(1, "down"))]


def test_memo_keys_are_the_same_cold_and_warm() -> None:
    pi.clear_caches()
    cold = [memo_key(v) for v in _VALUES]
    warm = [memo_key(v) for v in _VALUES]
    assert cold == warm
    assert len(set(map(repr, cold))) == len(_VALUES)  # each value its own key
    sizes = _cache.cache_sizes()
    assert sizes["perfindicators.policies._key.attrs_fields"] > 0
    assert sizes["perfindicators.policies._key.unit_text"] > 0
    pi.clear_caches()
    assert not any(_cache.cache_sizes().values())
    assert [memo_key(v) for v in _VALUES] == cold


@pytest.mark.parametrize("policy", ["proportional", "all-or-nothing", "ladder", "reverse-linear",
                                    "qualitative-tiers", "deadline", "over-achievement",
                                    "budget-execution", None])
def test_every_corpus_row_scores_as_through_the_public_constructors(
        corpus_rows: list[dict[str, str]], policy: str | None) -> None:
    sch = get_scheme("central")
    for r in corpus_rows:
        if not (r["target"].strip() and r["weight"].strip()):
            continue
        year = int(r["form_year"]) if r["form_year"].isdigit() else None
        try:
            o = pi.parse(r["target"], year=year).evaluate(r["actual"], category=r["level2"],
                                                          year=year)
            got = score_outcome(o, r["weight"], category=r["level2"], policy=policy)
        except pi.PerfIndicatorError:
            continue
        w = pi.scoring.to_weight(r["weight"])
        name, pol = (sch.policy_for(None, r["level2"], o.target.kind, default_registry)
                     if policy is None else (policy, default_registry.get(policy)))
        award = bounded(as_award(pol(o, w), w, sch.rounding, name), w, pol, name)
        flags = o.flags | award.flags if award.flags else o.flags
        ref = Score(award.points, w, name, o, flags, award.zh, award.en)
        assert (_observed(got), got.explanation) == (_observed(ref), ref.explanation), r


def test_a_scheme_replaced_under_its_name_is_looked_up_again(clean_state: None) -> None:
    """score_outcome remembers a named scheme's policy per state of the scheme registry."""
    o = pi.parse("≥60项").evaluate("29项")
    central = pi.get_scheme("central")
    pi.register_scheme(attrs.evolve(central, name="test-speed"))
    try:
        assert score_outcome(o, 3, scheme="test-speed").points == D("1.45")
        cut = attrs.evolve(central, name="test-speed", rounding=pi.Rounding(1, "down"))
        pi.register_scheme(cut, replace=True)
        assert score_outcome(o, 3, scheme="test-speed").points == D("1.4")
    finally:
        pi.schemes.unregister_scheme("test-speed")
    with pytest.raises(pi.UnknownNameError):
        score_outcome(o, 3, scheme="test-speed")


# ---- the trusted constructors build through a twin of the class's layout ------------------

def test_a_trusted_value_is_its_class_frozen_and_weakly_referable() -> None:
    import weakref

    from perfindicators._closeness import _outcome

    fast = _outcome(pi.parse("≥60项"), pi.parse_actual("64项"), Status.MET,
                    Texts(lambda: ("是", "yes")), Op.GE, D(60), D(64), None, frozenset(), (),
                    None, None, None)
    public = Outcome(pi.parse("≥60项"), pi.parse_actual("64项"), Status.MET, "是", "yes", Op.GE,
                     D(60), D(64))
    assert type(fast) is Outcome and _observed(fast) == _observed(public)
    assert weakref.ref(fast)() is fast
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.status = Status.NOT_MET  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(fast)) == public


def test_trusted_refuses_a_class_that_keeps_its_own_slots() -> None:
    from perfindicators.outcome import trusted

    @attrs.frozen
    class Own:
        x: int

    with pytest.raises(TypeError, match="base class must hold the slots"):
        trusted(Own)


def test_a_share_of_a_long_weight_rounded_above_it_is_clamped_not_capped() -> None:
    # w × share is rounded to the context's precision: with a weight of more digits, the product
    # of a share just below 1 can come out above the weight (found in review)
    import decimal

    w = D("0.00499999999999999999999999999999")
    s = pi.score(">60项", "60项", w, policy="proportional")
    assert (s.points, s.flags) == (D("0.00"), frozenset())
    s = pi.score("≥60项", "59.9999999999999999999999999999999项", D("2.99999999999999999999999999999"),
                 policy=Proportional(pi.Rounding(mode="down")))
    assert (s.points, s.flags) == (D("2.99"), frozenset())
    pi.clear_caches()
    with decimal.localcontext() as c:
        c.prec = 6
        s = pi.score(">60项", "60项", "2.4449999", policy="proportional")
    pi.clear_caches()
    assert (s.points, s.flags) == (D("2.44"), frozenset())
    # a policy called directly with a negative weight still gives nothing below zero
    assert Proportional()(pi.parse("≥60项").evaluate("30项"), D(-1)).points == D("0.00")


def test_an_award_subclass_gives_its_texts_through_its_attributes() -> None:
    class Loud:  # a text field of a subclass read through a descriptor of its own
        def __get__(self, obj: object, cls: type | None = None) -> object:
            return "改写" if obj is not None else self

        def __set__(self, obj: object, value: str) -> None:
            Award.zh.__set__(obj, value)  # type: ignore[attr-defined]

    class Renamed(Award):
        zh = Loud()  # type: ignore[assignment]

    def policy(outcome: Outcome, weight: Decimal) -> Award:
        return Renamed(D(1), "中", "en")

    o = pi.parse("≥60项").evaluate("30项")
    s = score_outcome(o, 3, policy=policy)
    assert (s.points, s.explanation_zh, s.explanation_en) == (D(1), "改写", "en")


def test_the_per_row_values_are_built_through_their_twins_here() -> None:
    # a field added to one of these classes but not to its layout would make `trusted` raise;
    # on this interpreter (GIL, CPython 3.11+) the class assignment is allowed
    from perfindicators._closeness import _outcome
    from perfindicators.policies.builtin import _award
    from perfindicators.scoring._api import _score_value

    assert [getattr(f, "through_twin", None) for f in (_outcome, _award, _score_value)] == \
        [True, True, True]


def test_trusted_calls_each_setter_where_the_class_cannot_be_assigned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from perfindicators import outcome

    monkeypatch.setattr(outcome, "_assignable", lambda twin, cls: False)
    make = outcome.trusted(Outcome, texts=("reason_zh", "reason_en"))
    assert make.through_twin is False  # type: ignore[attr-defined]
    o = make(pi.parse("≥60项"), pi.parse_actual("64项"), Status.MET, Texts(lambda: ("是", "yes")),
             Op.GE, D(60), D(64), None, frozenset(), (), None, None, None)
    public = Outcome(pi.parse("≥60项"), pi.parse_actual("64项"), Status.MET, "是", "yes", Op.GE,
                     D(60), D(64))
    assert type(o) is Outcome and _observed(o) == _observed(public)
