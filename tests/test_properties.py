"""Property tests: generated strings parse, round trips hold, junk raises only our errors."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators.testing import WORD_FORMS, magnitudes, target_texts, targets


@given(target_texts())
def test_grammar_strings_parse(text: str) -> None:
    """Every string the grammar generates is accepted by the parser; semantic checks (a
    month 13, a range that runs backwards) may still reject it, with our error."""
    try:
        pi.parse(text)
    except pi.TargetSyntaxError as e:
        assert "unexpected" not in e.message, (text, str(e))
        assert "ends too early" not in e.message, (text, str(e))


@given(targets())
def test_round_trip(t: pi.Target) -> None:
    assert pi.parse(str(t)) == t
    assert pi.from_dict(t.to_dict()) == t


@given(st.sampled_from(list(WORD_FORMS)), st.data(), magnitudes(),
       st.sampled_from(["", "%", "项", "万元", "人次"]))
def test_no_comparator_is_ever_inverted(op: pi.Op, data: st.DataObject, value: object,
                                        unit: str) -> None:
    form = data.draw(st.sampled_from(WORD_FORMS[op]))
    t = pi.parse(form.format(f"{value}{unit}"))
    assert isinstance(t, pi.Comparison)
    assert t.op is op
    assert str(t) == f"{op.symbol}{value}{unit}"


_JUNK = st.text(alphabet=st.sampled_from(
    list("≥≤<>=≧═﹦%‰,，、；.-~/*[]()（）0123456789 万亿元项家月日年前底以上内每各分别正向反向定性"
         "不超过低于至少百分之一二三十") + list(string.ascii_letters)), max_size=20)


@given(st.one_of(st.text(max_size=30), _JUNK))
def test_junk_raises_only_our_errors(text: str) -> None:
    try:
        t = pi.parse(text)
    except pi.PerfIndicatorError:
        return
    assert isinstance(t, pi.Target)
    # whatever it became, it renders and reads back
    assert pi.parse(str(t)) == t


@given(st.one_of(st.text(max_size=30), _JUNK))
def test_actual_never_raises(text: str) -> None:
    a = pi.parse_actual(text)
    assert isinstance(a, pi.Actual)


@given(st.one_of(st.text(max_size=20), _JUNK), st.one_of(st.text(max_size=20), _JUNK))
def test_evaluate_raises_only_our_errors(target: str, actual: str) -> None:
    try:
        o = pi.parse(target, year=2021).evaluate(actual)
    except pi.PerfIndicatorError:
        return
    assert o.status in set(pi.Status)
    assert o.reason


@given(magnitudes(), st.sampled_from(["", "%", "‰", "项", "万元", "人次", "个工作日", "km", "KM",
                                      "平方米", "公斤", "起", "分钟"]))
def test_plain_actuals_read_like_the_grammar(value: object, unit: str) -> None:
    """Plain numbers skip the grammar for speed; they must read exactly as the grammar would."""
    from perfindicators.parsing import _from_target, _plain

    text = f"{value}{unit}"
    fast = _plain(text)
    assert fast is not None
    slow = _from_target(pi.parse(text), text)
    assert fast == slow
    assert fast.unit_written == slow.unit_written  # type: ignore[attr-defined]
