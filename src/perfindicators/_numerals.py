"""Chinese numerals and scale words to exact `decimal.Decimal`.

>>> cn_to_decimal("一百二十")
Decimal('120')
>>> cn_to_decimal("三千五百")
Decimal('3500')
>>> cn_to_decimal("十二"), cn_to_decimal("两"), cn_to_decimal("二〇二一")
(Decimal('12'), Decimal('2'), Decimal('2021'))
>>> cn_to_decimal("九十五点五")
Decimal('95.5')
>>> cn_to_decimal("一亿二千万")
Decimal('120000000')
>>> cn_to_decimal("万"), cn_to_decimal("壹佰贰拾叁"), cn_to_decimal("千")
(Decimal('10000'), Decimal('123'), Decimal('1000'))
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["SCALES", "cn_to_decimal", "parse_decimal"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
# formal numerals (大写数字) as written on cheques and some forms
_FORMAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟", "一二二三三四五六六七八九十百千")
_LARGE = {"万": 10_000, "亿": 100_000_000}

#: multipliers of the scale words that may follow an Arabic number ("250万", "1.2亿")
SCALES: dict[str, Decimal] = {
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
}


def parse_decimal(text: str) -> Decimal:
    """An Arabic number, thousands separators allowed: ``"10,740.00"`` → ``Decimal('10740.00')``."""
    return Decimal(text.replace(",", ""))


def cn_to_decimal(text: str) -> Decimal:
    """Read a Chinese numeral (一百二十, 两, 十二, 三千五百, 二〇二一, 九十五点五).

    Raises:
        ValueError: *text* holds a character that is not a numeral.
    """
    text = text.translate(_FORMAL)
    if "点" in text:
        whole, _, frac = text.partition("点")
        digits = "".join(str(_DIGITS[c]) for c in frac)
        return cn_to_decimal(whole or "零") + Decimal("0." + digits)
    if text and all(c in _DIGITS for c in text) and len(text) > 1:
        # digit by digit: 二〇二一
        return Decimal("".join(str(_DIGITS[c]) for c in text))
    total = 0  # completed 亿 / 万 sections
    section = 0  # the current section below 万
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        elif ch in _LARGE:
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万 standing for one 万 (达到万人)
            digit = None
            if _LARGE[ch] == 100_000_000:
                total = (total + section) * _LARGE[ch]
            else:
                total += section * _LARGE[ch]
            section = 0
        else:
            raise ValueError(f"not a Chinese numeral: {ch!r} in {text!r}")
    return Decimal(total + section + (digit or 0))
