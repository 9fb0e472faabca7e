from __future__ import annotations

from decimal import Decimal

import pytest

from perfindicators._numerals import cn_to_decimal, parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120),
        ("一百零五", 105), ("三千五百", 3500), ("一万", 10000), ("三万五千", 35000),
        ("一亿二千万", 120_000_000), ("二〇二一", 2021), ("九十五", 95),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_decimal(text) == Decimal(value)


def test_decimal_fraction_in_words() -> None:
    assert cn_to_decimal("九十五点五") == Decimal("95.5")


def test_not_a_numeral() -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        cn_to_decimal("十x")


def test_thousands_separators() -> None:
    assert parse_decimal("10,740.00") == Decimal("10740.00")
    assert parse_decimal("9537.73") == Decimal("9537.73")
