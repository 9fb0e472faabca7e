"""What happens to a target's text before the grammar reads it: grading scales written after
定性 in any punctuation, commas between digits that are not thousands separators, and the
qualifiers of the subject's name (PM2.5, 5G, 65岁以上) masked so that the parser does not take
them for the target.

>>> read_scale("定性：好、较好、一般、差").tiers
('好', '较好', '一般', '差')
"""

from __future__ import annotations

import re

from .targets import Qualitative

__all__ = ["malformed_separator", "mask_qualifiers", "read_scale", "split_tiers"]

_TIER_WORDS = sorted(["优秀", "良好", "较好", "一般", "较差", "合格", "不合格", "优", "良", "中",
                      "低", "差", "好", "高", "较高", "较低", "坏", "及格", "不及格"],
                     key=len, reverse=True)
# ---- before the grammar ---------------------------------------------------------------------

# Qualifiers of the subject's name: numbers that name what is measured, not the target
# (PM2.5浓度, 5G基站, 12345热线, 65岁以上老年人, 10万元以上项目, 24小时内响应率, 3A级以上景区).
# Codes glued to letters are always part of a name; a bound like 65岁以上 only when a value
# follows later in the text (otherwise it is the target: 3天内).
_CODES = re.compile(r"PM2\.5|PM10|(?<![\d.])[2-6]G(?=[\u4e00-\u9fff])|H5(?=[\u4e00-\u9fff])"
                    r"|G\d{3}(?=[\u4e00-\u9fff])|12345"
                    r"|(?<!\d)11[09](?=热线|报警|急救|指挥)|(?<!\d)120(?=急救)", re.IGNORECASE)
_BOUNDED_NAME = re.compile(
    r"(?<![\d.])(?:\d+(?:\.\d+)?(?:周岁|岁|万元|元|亩|人|平方米|公里|小时|个工作日|工作日|天|日|分钟)"
    r"(?:及以上|或以上|以上|及以下|以下|以内|之内|内)|[1-5]A级?(?:及以上|以上)?"
    r"|[一二三四五六七八九十\d]级(?:及以上|以上)|[一二三四五六七八九]类|(?:19|20)\d\d年度)"
    r"(?=[\u4e00-\u9fff(（])")
_VALUE_AFTER = re.compile(r"\d|百分之|[≥≤<>=]|不低于|不少于|不超过|不高于|达到|以上|以内")
# what every match of _CODES holds (P, G or H in any case, 12345, 110, 119, 120), and of
# _BOUNDED_NAME (以上, 以下, 内, A级, 级, 类, 年度)
_CODE_HINT = re.compile(r"[pgh]|12345|11[09]|120", re.IGNORECASE)
_NAME_HINT = re.compile(r"[上下内A级类度]")
_MASK = "\ue000"
_ANY_DIGIT = re.compile(r"[\d一二三四五六七八九十]")


def mask_qualifiers(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """*text* with the qualifiers of the subject's name blanked (same length), and where
    they were: the parser reads the masked text, the subject keeps the words verbatim.

    >>> masked, spans = mask_qualifiers("65岁以上老年人健康管理率≥70%")
    >>> spans
    ((0, 5),)
    >>> mask_qualifiers("3天内")[1]
    ()
    """
    if not _ANY_DIGIT.search(text):
        return text, ()
    # each pattern is looked for only when a character it cannot match without is there
    spans = [m.span() for m in _CODES.finditer(text)] if _CODE_HINT.search(text) else []
    if _NAME_HINT.search(text):
        for m in _BOUNDED_NAME.finditer(text):
            if _VALUE_AFTER.search(text, m.end()):
                spans.append(m.span())
    if not spans:
        return text, ()
    chars = list(text)
    for a, b in spans:
        chars[a:b] = _MASK * (b - a)
    return "".join(chars), tuple(sorted(spans))


_SCALE = re.compile(r"^\s*定性\s*[:：]?\s*[(（]?\s*((?:[\u4e00-\u9fff]+\s*[、，,/／;；\s]?\s*)+?)[)）]?\s*$")


def read_scale(text: str) -> Qualitative | None:
    """A grading scale written after 定性 in any punctuation, or ``None``.

    >>> read_scale("定性：好、较好、一般、差")
    Qualitative('定性 好较好一般差')
    >>> read_scale("定性（优良中差）").tiers, read_scale("定性 好坏").tiers
    (('优', '良', '中', '差'), ('好', '坏'))
    """
    m = _SCALE.match(text) if "定性" in text else None
    if m is None:
        return None
    words = re.sub(r"[、，,/／;；\s]", "", m.group(1))
    tiers = split_tiers(words)
    return Qualitative(words, tiers) if tiers else None


_SEPARATED = re.compile(r"\d[,，]\d")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")


def malformed_separator(text: str) -> int | None:
    """The position of a comma between digits that is not a thousands separator
    (``≥1,00项``, ``≥10，7400万元``), or ``None``. Lists inside brackets (``[80,90]``) and
    lists of values (``分别…``) are left alone.

    >>> [malformed_separator(t) for t in ("≥1,00项", "≥10,740.00元", "[80,90]")]
    [2, None, None]
    """
    if ("," not in text and "，" not in text) or "[" in text or "分别" in text:
        return None
    good = [m.span() for m in _THOUSANDS.finditer(text)]
    for m in _SEPARATED.finditer(text):
        at = m.start() + 1
        if not any(a <= at < b for a, b in good):
            return at
    return None


def split_tiers(text: str) -> tuple[str, ...]:
    """A graded scale written as one word (优良中低差, 好较好一般差), best first; () if the
    text is not such a scale."""
    tiers: list[str] = []
    i = 0
    while i < len(text):
        word = next((w for w in _TIER_WORDS if text.startswith(w, i)), None)
        if word is None:
            return ()
        tiers.append(word)
        i += len(word)
    return tuple(tiers) if len(tiers) > 1 else ()
