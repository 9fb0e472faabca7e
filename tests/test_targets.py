"""Tests of perfindicators.targets (and changes): every kind is an immutable value whose
canonical text and dict round-trip, whose kind is typed, and which pickles."""

from __future__ import annotations

import pickle

import attrs
import pytest

import perfindicators as pi

ONE_OF_EACH = {
    "comparison": "≥60项", "range": "90%-95%", "multi": "分别不超过50万元、30万元和20万元",
    "scoped": "每家支持不超过100万元", "deadline": "12月底前", "period": "第三季度",
    "qualitative": "定性 优良中低差", "statement": "降低村民出行和农产品运输成本",
    "all_of": "2021年12月底前拨付支持资金85%以上", "relative": "较上年增长10%",
    "tolerance": "100%±2%",
}


def test_every_kind_is_listed_and_exercised() -> None:
    assert set(ONE_OF_EACH) == {k.value for k in pi.TargetKind}


@pytest.mark.parametrize(("kind", "text"), ONE_OF_EACH.items())
def test_each_kind_round_trips_and_is_immutable(kind: str, text: str) -> None:
    t = pi.parse(text, year=2021)
    assert t.kind == kind and isinstance(t.kind, pi.TargetKind)
    assert pi.parse(str(t), year=2021) == t
    d = t.to_dict()
    assert d["kind"] == kind and type(d["kind"]) is str  # JSON-ready, not the enum
    assert pi.from_dict(d) == t
    again = pickle.loads(pickle.dumps(t))
    assert again == t and hash(again) == hash(t)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.subject = "x"  # type: ignore[misc]


def test_html_is_built_next_to_the_class() -> None:
    html = pi.parse("≥60项")._repr_html_()
    assert "<td" in html and "comparison" in html and "≥60项" in html


def test_classify_text_keeps_words_as_qualitative_or_statement() -> None:
    from perfindicators.targets import classify_text

    assert isinstance(classify_text("效果明显"), pi.Qualitative)
    s = classify_text("严格按照预算标准给补助对象兑付补助", reason="a sentence")
    assert isinstance(s, pi.Statement) and s.reason == "a sentence"


def test_from_dict_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown target kind"):
        pi.from_dict({"kind": "wish", "text": "心想事成"})


# ---- the target records its cues (issue #9, point 1) ---------------------------------------
def test_a_parsed_target_records_its_text_and_cues() -> None:
    t = pi.parse("每家企业最高补助100万元")
    assert t.source == "每家企业最高补助100万元"
    roles = {c.text: c.role for c in t.cues}
    assert roles["最高"] == "used" and roles["万元"] == "used"
    assert pi.account(t.source).cues == t.cues
    # the reading's target records the same text, so its own account is the reading's
    reading = pi.account("不得超过100万元")
    assert reading.target.source == "不得超过100万元" and reading.target.cues == reading.cues


def test_the_source_is_not_part_of_equality_json_or_the_memo() -> None:
    a, b = pi.parse("不超过100万元"), pi.parse("≤100万元")
    assert a == b and hash(a) == hash(b) and a.source != b.source
    assert "source" not in a.to_dict()
    assert pi.from_dict(a.to_dict()).source is None
    assert pickle.loads(pickle.dumps(a)).source == "不超过100万元"
    assert pi.score(a, "90万元", 5).points == pi.score(b, "90万元", 5).points


def test_a_target_built_in_code_accounts_for_its_canonical_text() -> None:
    t = pi.Comparison(pi.Op.LE, pi.parse("100万元").value)
    assert t.source is None
    assert [(c.text, c.role) for c in t.cues] == [("≤", "used"), ("万元", "used")]


def test_unread_cues_are_recorded_on_the_statement() -> None:
    t = pi.parse("未达到95%")
    assert isinstance(t, pi.Statement)
    assert {c.role for c in t.cues} == {"unread"}
