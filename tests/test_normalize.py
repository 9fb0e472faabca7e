from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfindicators._normalize import clean_text, normalize


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
