"""Units defined at run time (`pi.define_unit`) are read by the lexer at once, strict parsing
accepts them, they compare only with themselves (or their multiple), and they cross processes."""

from __future__ import annotations

import pickle

import pytest

import perfindicators as pi


def test_a_defined_word_is_read_whole_at_once() -> None:
    # not declared yet: read whole as a count of its own, but strict parsing refuses it
    with pytest.raises(pi.UnknownUnitError):
        pi.parse("≥5标准件", strict=True)
    pi.define_unit("标准件")
    t = pi.parse("≥5标准件")
    assert str(t) == "≥5标准件" and isinstance(t, pi.Comparison)
    assert pi.parse("≥5标准件", strict=True) == t
    assert t.evaluate("6标准件").met and not t.evaluate("4标准件").met
    with pytest.raises(pi.UnitMismatchError):
        t.evaluate("6件")
    again = pickle.loads(pickle.dumps(t))
    assert again == t and again.evaluate("5标准件").met


def test_a_multiple_converts_exactly() -> None:
    pi.define_unit("十万元", "10 万元")
    t = pi.parse("≤3十万元")
    assert t.evaluate("29万元").met
    assert not t.evaluate("31万元").met
    assert t.evaluate("30万元").met


def test_bad_definitions_are_refused() -> None:
    for word, definition in [("", None), ("万元", None), ("a b", None), ("x1", None),
                             ("亿万", "lots of 万元"), ("双倍", "2 锅子")]:
        with pytest.raises(ValueError):
            pi.define_unit(word, definition)
