"""Property tests: generated strings parse, round trips hold, junk raises only our errors."""

from __future__ import annotations

import pickle
import re
import string

from hypothesis import assume, given
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators._normalize import squeeze
from perfindicators._words import keyword_patterns
from perfindicators.accounting import account
from perfindicators.testing import WORD_FORMS, magnitudes, target_texts, targets

# Chinese numerals are also text characters: glued to words before them (支持一年), the lexer
# reads them as part of the words (统一年度 is a word too). Generated strings that glue a numeral
# to a word are left out of the next property; the result of such a text is still ours (a
# statement or an error), which the junk properties below check.
_GLUED_NUMERAL = re.compile(r"[\u4e00-\u9fff](?<![零〇一二两三四五六七八九十百千万亿])"
                            r"[零〇一二两三四五六七八九十百千万亿]")


@given(target_texts())
def test_grammar_strings_parse(text: str) -> None:
    """Every string the grammar generates is accepted by the parser; semantic checks (a
    month 13, a range that runs backwards) may still reject it, with our error."""
    assume(not _GLUED_NUMERAL.search(squeeze(text)[0]))
    try:
        pi.parse(text)
    except pi.TargetSyntaxError as e:
        assert "unexpected" not in e.message, (text, str(e))
        assert "ends too early" not in e.message, (text, str(e))


@given(targets())
def test_round_trip(t: pi.Target) -> None:
    assert pi.parse(str(t)) == t
    assert pi.from_dict(t.to_dict()) == t
    assert pickle.loads(pickle.dumps(t)) == t


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


# ---- the accounting invariant (issue #9, point 1) -----------------------------------------
# Every comparator, negation, bound or sign cue in a target is either used by the parse or kept
# verbatim in the subject; a cue that is neither is never dropped: the text becomes a statement
# (or, strictly, an error). The generated texts put a subject before a comparator phrase, and
# sometimes a negator the grammar cannot compose with the comparator that follows.

_SUBJECTS = ["", "资金", "服务对象满意度", "65岁以上老年人健康管理率", "PM2.5年均浓度",
             "24小时内响应率", "5G基站", "每家企业补助"]
_UNCOMPOSABLE = ["未", "不", "没有", "尚未"]  # before 达到 / 至少 / 最多: no comparator flips them


@given(st.sampled_from(_SUBJECTS), st.sampled_from(list(WORD_FORMS)), st.data(), magnitudes(),
       st.sampled_from(["%", "项", "万元", "人次"]))
def test_every_cue_is_used_or_kept_in_the_subject(subject: str, op: pi.Op, data: st.DataObject,
                                                  value: object, unit: str) -> None:
    form = data.draw(st.sampled_from([f for f in WORD_FORMS[op] if not f.startswith(("正向", "反向"))]))
    text = subject + form.format(f"{value}{unit}")
    t = pi.parse(text)
    inner = t.target if isinstance(t, pi.Scoped) else t
    assert isinstance(inner, pi.Comparison), (text, t)
    assert inner.op is op, text  # the comparator cue is used, and used the right way round
    assert str(inner) == f"{op.symbol}{value}{unit}"
    if subject and not subject.startswith("每家"):
        assert t.subject == subject, text  # the subject, qualifiers and all, verbatim
    elif subject:
        assert isinstance(t, pi.Scoped) and t.scope == "每家"


@given(st.sampled_from(_UNCOMPOSABLE), st.sampled_from(["达到", "至少", "最多"]), magnitudes())
def test_a_cue_that_is_not_used_is_never_dropped(neg: str, word: str, value: object) -> None:
    text = f"{neg}{word}{value}%"
    t = pi.parse(text)
    assert isinstance(t, pi.Statement | pi.Qualitative), (text, t)
    # strictly, the cue that no comparator takes is refused with a caret at it
    try:
        pi.parse(text, strict=True)
    except pi.TargetSyntaxError as e:
        assert text[e.column:e.column + e.length] == neg
    else:
        raise AssertionError(f"{text!r} read strictly")


@given(st.integers(min_value=1, max_value=9), st.sampled_from(["", "资金", "效果"]))
def test_signed_values_keep_their_sign(n: int, subject: str) -> None:
    for minus in ["-", "−", "－", "﹣", "–"]:
        t = pi.parse(f"{subject}≤{minus}{n}%")
        assert isinstance(t, pi.Comparison)
        assert t.value.magnitude == -n


_CUE_WORDS = re.compile("|".join(
    f"(?:{p})" for name, p in keyword_patterns().items()
    if name in ("GE", "GT", "LE", "LT", "EQ", "CONTROL", "GE_POST", "LE_POST", "TOLERANCE",
                "PLUS_MINUS")) + r"|[≥≤<>=±]|(?<![\d])[-−－﹣–](?=\d)")


@given(st.sampled_from(_SUBJECTS), st.sampled_from(list(WORD_FORMS)), st.data(), magnitudes(),
       st.sampled_from(["%", "项", "万元", "人次", ""]), st.sampled_from(["", "-", "−"]),
       st.sampled_from(["", "未", "不", "，12月底前", "以上"]))
def test_the_accounting_invariant(subject: str, op: pi.Op, data: st.DataObject, value: object,
                                  unit: str, sign: str, extra: str) -> None:
    """Every cue is used, kept verbatim in the subject, or the target is unread (a statement
    that says why); never dropped."""
    form = data.draw(st.sampled_from(WORD_FORMS[op]))
    text = subject + (extra if extra in ("未", "不") else "") + form.format(f"{sign}{value}{unit}")
    if extra not in ("未", "不"):
        text += extra
    try:
        reading = account(text, year=2021)
    except pi.TargetSyntaxError:
        return  # refused loudly, with its place
    t = reading.target
    measured = t.measured or isinstance(t, pi.Deadline | pi.Period)
    for m in _CUE_WORDS.finditer(text):
        cover = [c for c in reading.cues if c.start < m.end() and m.start() < c.end]
        assert cover or (not measured), (text, m.group(), reading)
        for c in cover:
            if c.role == "subject":
                subjects = [p.subject for p in getattr(t, "parts", (t,)) if p.subject]
                assert any(c.text in s for s in subjects) or isinstance(t, pi.Scoped), (text, c)
            if measured:
                assert c.role != "unread", (text, c)
    if not measured:
        assert isinstance(t, pi.Statement | pi.Qualitative)
    # the target records the account: parse gives the same cues, and the text it read
    parsed = pi.parse(text, year=2021)
    assert parsed.source == text
    assert parsed.cues == reading.cues


@given(st.sampled_from(_SUBJECTS), st.sampled_from(["±{}", "+/-{}", "误差不超过{}", "偏差不超过±{}",
                                                    "±{}以内", "100%±{}"]), magnitudes())
def test_a_tolerance_keeps_its_sign_after_any_subject(subject: str, form: str, value: object) -> None:
    t = pi.parse(subject + form.format(f"{value}%"))
    inner = t.target if isinstance(t, pi.Scoped) else t
    assert isinstance(inner, pi.Tolerance), (subject, form, t)
    assert inner.deviation.magnitude == value
