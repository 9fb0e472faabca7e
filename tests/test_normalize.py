from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfindicators._normalize import clean_text, normalize, squeeze


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("≧ 95 ％", "≥ 95 %"),
        ("≦5%", "≤5%"),
        ("═ 100 %", "= 100 %"),
        ("﹦ 72890 元", "= 72890 元"),
        ("＞92%", ">92%"),
        ("＜3", "<3"),
        ("＝8个", "=8个"),
        ("１２月底前", "12月底前"),
        (">=90%", "≥ 90%"),
        ("<=5300元/户", "≤ 5300元/户"),
        ("10，740.00", "10,740.00"),
        ("效果明显。", "效果明显 "),
        ("社会认可的办学环境.", "社会认可的办学环境 "),
        ("\u3000≥60项", " ≥60项"),
        ("90%～95%", "90%~95%"),
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@given(st.text())
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_decimal_point_at_end_is_kept() -> None:
    assert normalize("88.") == "88."


def test_clean_text_removes_pdf_spaces() -> None:
    assert clean_text("获得目的国 (地区)受 众欢迎") == "获得目的国(地区)受众欢迎"
    assert clean_text("  效果 明显。") == "效果明显"


# ---- issue #9: NFKC where it keeps the length, our table, OpenCC, invisible marks, PDF breaks

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("﹤5%", "<5%"), ("﹥90%", ">90%"), ("≯5%", "≤5%"), ("≮5%", "≥5%"),
        ("≤−3%", "≤-3%"), ("≤－3%", "≤-3%"), ("≤﹣3%", "≤-3%"), ("≤–3%", "≤-3%"),
        ("小於5%", "小于5%"), ("不超過5000元", "不超过5000元"), ("≥50個", "≥50个"),
        ("≥\u200e60\u200c项", "≥ 60 项"), ("≥６０项", "≥60项"), ("＋3%", "+3%"),
    ],
)
def test_issue9_normalisation(raw: str, expected: str) -> None:
    assert normalize(raw) == expected
    assert len(normalize(raw)) == len(raw)


@given(st.text())
def test_squeeze_keeps_positions(text: str) -> None:
    out, where = squeeze(normalize(text))
    assert len(out) == len(where)
    assert list(where) == sorted(set(where))
    assert all(normalize(text)[i] == c for i, c in zip(where, out, strict=True))


def test_pdf_breaks_inside_words_are_removed_and_carets_still_point_into_the_text() -> None:
    import perfindicators as pi

    assert squeeze("不高 \n 于5%")[0] == "不高于5%"
    assert str(pi.parse("不高\n于5%")) == "≤5%"
    with pytest.raises(pi.TargetSyntaxError) as info:
        pi.parse("≥ 5 项 项 /")  # parsed as "≥ 5 项项 /"
    assert info.value.text == "≥ 5 项 项 /"
    assert info.value.text[info.value.column] == "/"


def _steps(text: str) -> float:
    """The best of three runs of normalise + squeeze (only ratios of these are compared, so
    the figure does not depend on the machine)."""
    import time

    def best(f: Callable[[], object]) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            f()
            runs.append(time.perf_counter() - start)
        return min(runs)

    return best(lambda: squeeze(normalize(text)))


@pytest.mark.parametrize("make", [lambda n: " " * n, lambda n: "效" + " " * n + "果",
                                  lambda n: " " * n + "x", lambda n: "≥" + "\n" * n + "5%"])
def test_normalisation_is_linear(make: Callable[[int], str]) -> None:
    # 100 KB of spaces takes a tenth of the time it would take quadratically: the cost of ten
    # times the text stays within a constant factor of ten (linear), far from a hundred
    small, large = make(10_000), make(100_000)
    ratio = _steps(large) / max(_steps(small), 1e-9)
    assert ratio < 40, ratio
