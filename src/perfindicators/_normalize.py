"""Length-preserving normalisation of target and actual texts.

Every replacement maps one character to one character (or two to two), so a position in the
normalised text is the same position in the user's text and error carets land where they should.
Blind NFKC is not used: it turns ``㎡`` into two characters and leaves ``≧`` alone.

>>> normalize("≧ 95 ％")
'≥ 95 %'
>>> normalize(">=90%")
'≥ 90%'
>>> normalize("１２月底前。")
'12月底前 '
>>> len(normalize("﹦ 72890 元")) == len("﹦ 72890 元")
True
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "normalize"]

_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
        "％": "%",
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "═": "=",
        "﹦": "=",
        "≧": "≥",
        "≦": "≤",
        "⩾": "≥",
        "⩽": "≤",
        "～": "~",
        "〜": "~",
        "∼": "~",
        "－": "-",
        "–": "-",
        "‐": "-",
        "．": ".",
        "／": "/",
        "＊": "*",
        "×": "*",
        "［": "[",
        "］": "]",
        "：": ":",
        "\u3000": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": " ",
        "\t": " ",
        "\r": " ",
        "\n": " ",
    }
)

_PAIRS = re.compile(r">=|<=|=>|=<|≥=|≤=")
_PAIR_MAP = {">=": "≥ ", "=>": "≥ ", "<=": "≤ ", "=<": "≤ ", "≥=": "≥ ", "≤=": "≤ "}
# a full-width comma between digit groups is a thousands separator: 10，740
_CN_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
# trailing punctuation carries nothing: a full stop, a comma or semicolon left by a list
# (an ASCII "." right after a digit is kept: it may be a decimal point typed half-way)
_TRAILING_STOP = re.compile(r"[。.．，,、；;\s]+$")


def normalize(text: str) -> str:
    """Return *text* with the same length, its signs, digits and spaces made canonical."""
    out = text.translate(_TABLE)
    if "=" in out:
        out = _PAIRS.sub(lambda m: _PAIR_MAP[m.group()], out)
    if "，" in out:
        out = _CN_THOUSANDS.sub(",", out)
    m = _TRAILING_STOP.search(out)
    if m and m.start() < len(out):
        start = m.start()
        if out[start] == "." and start > 0 and out[start - 1].isdigit():
            start += 1
        if start < m.end():
            out = out[:start] + " " * (m.end() - start)
    return out


_CJK = "\u3400-\u9fff\uf900-\ufaff"
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}（(）)、，])\s+(?=[{_CJK}（(）)、，])")


def clean_text(text: str) -> str:
    """Text as it is kept in a statement: trimmed, PDF line-break spaces between CJK removed.

    >>> clean_text(" 获得目的国 (地区)受 众欢迎。")
    '获得目的国(地区)受众欢迎'
    """
    out = normalize(text).strip()
    return _INNER_SPACE.sub("", out)
