"""Normalisation of target and actual texts, positions kept, in linear time.

Two steps:

* `normalize` keeps the length: every replacement maps one character to one character (or
  two to two), so a position in the normalised text is the same position in the user's text.
  It applies NFKC to each character whose NFKC form is one character (full-width digits and
  signs, small forms ﹥ ﹤ ﹣), then our own table (≧ ≦ ≯ ≮, every minus sign and dash,
  ideographic spaces), maps traditional characters to simplified ones with OpenCC's ``t2s``
  table (one character for one, so positions are kept), and turns invisible marks (LRM, ZWNJ,
  zero-width spaces, combining marks) into spaces. Blind NFKC is not used: it turns ``㎡``
  into two characters and leaves ``≧`` alone.
* `squeeze` removes the spaces that PDF line breaks leave inside CJK words (``不高 于5%``,
  ``小于 等于10次``) and returns, for each character it keeps, its position in the input, so
  that error carets still point into the user's text.

>>> normalize("≧ 95 ％")
'≥ 95 %'
>>> normalize(">=90%")
'≥ 90%'
>>> normalize("１２月底前。")
'12月底前 '
>>> normalize("≤−3%"), normalize("﹤5%"), normalize("小於5%")
('≤-3%', '<5%', '小于5%')
>>> len(normalize("﹦ 72890 元")) == len("﹦ 72890 元")
True
>>> squeeze("不高 于5%")
('不高于5%', (0, 1, 3, 4, 5))
"""

from __future__ import annotations

import re
import unicodedata

import opencc

__all__ = ["clean_text", "normalize", "squeeze"]

_OWN = {
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
    "≮": "≥",
    "≯": "≤",
    "﹥": ">",
    "﹤": "<",
    "～": "~",
    "〜": "~",
    "∼": "~",
    "－": "-",
    "−": "-",
    "﹣": "-",
    "–": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "―": "—",
    "─": "—",
    "．": ".",
    "／": "/",
    "＊": "*",
    "×": "*",
    "•": "·",
    "・": "·",
    "･": "·",
    "［": "[",
    "］": "]",
    "：": ":",
    "＋": "+",
    "\t": " ",
    "\r": " ",
    "\n": " ",
    "\u000b": " ",
    "\u000c": " ",
    "\u0085": " ",
    "\u001c": " ",
    "\u001d": " ",
    "\u001e": " ",
    "\u001f": " ",
    "\u2028": " ",
    "\u2029": " ",
}
# invisible marks: bidirectional marks, zero-width characters, the byte-order mark
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad" \
             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


# full-width punctuation that stays as written: it reads as Chinese text (，is also a clause
# separator and, between digit groups, a thousands separator: see below)
_CJK_PUNCTUATION = frozenset("，；（）！？")


def _nfkc_table() -> dict[int, str]:
    """NFKC of the characters forms write, where it keeps the length (one for one)."""
    table: dict[int, str] = {}
    for block in ((0xFF01, 0xFF5F), (0xFE50, 0xFE6C), (0x2000, 0x200B), (0x3000, 0x3001),
                  (0x00A0, 0x00A1), (0x2150, 0x2160), (0x2E80, 0x2FE0)):
        for code in range(*block):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code) and chr(code) not in _CJK_PUNCTUATION:
                table[code] = " " if folded.isspace() else folded
    return table


def _t2s_table() -> dict[int, str]:
    """Traditional characters to simplified ones, one for one (OpenCC's ``t2s`` applied to each
    character of the CJK blocks once, at import)."""
    chars = [chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r)]
    converted = str(_T2S.convert("\n".join(chars))).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC kept the separators so far
        converted = [str(_T2S.convert(c)) for c in chars]
    return {ord(c): t for c, t in zip(chars, converted, strict=True) if len(t) == 1 and t != c}


_T2S = opencc.OpenCC("t2s")
_TABLE: dict[int, str] = {**_t2s_table(), **_nfkc_table(), **{ord(k): v for k, v in _OWN.items()},
                          **dict.fromkeys(map(ord, _INVISIBLE), " ")}

_PAIRS = re.compile(r">=|<=|=>|=<|≥=|≤=")
_PAIR_MAP = {">=": "≥ ", "=>": "≥ ", "<=": "≤ ", "=<": "≤ ", "≥=": "≥ ", "≤=": "≤ "}
# a full-width comma between digit groups is a thousands separator: 10，740
_CN_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
# trailing punctuation carries nothing: a full stop, a comma or semicolon left by a list
# (an ASCII "." right after a digit is kept: it may be a decimal point typed half-way)
_TRAILING = frozenset("。.．，,、；; \t\r\n\u3000")


# characters that are never combining marks: ASCII, the CJK ideographs and the punctuation
# forms write (a text of only these needs no look at each character)
_NOT_COMBINING = re.compile("[\x00-\x7f\u4e00-\u9fff" + "".join(
    re.escape(c) for c in "，、；。：（）％≥≤±～—‰·…“”" if not unicodedata.combining(c)) + "]*")
_SPACE = re.compile(r"\s")  # what str.isspace() says, one character at a time
_SPACES = re.compile(r"\s+")


def _combining_to_space(text: str) -> str:
    if text.isascii() or _NOT_COMBINING.fullmatch(text):
        return text
    return "".join(" " if unicodedata.combining(c) else c for c in text)


def normalize(text: str) -> str:
    """Return *text* with the same length, its signs, digits, characters and spaces made
    canonical. Linear in the length of *text*."""
    out = _combining_to_space(text.translate(_TABLE))
    if "=" in out:
        out = _PAIRS.sub(lambda m: _PAIR_MAP[m.group()], out)
    if "，" in out:
        out = _CN_THOUSANDS.sub(",", out)
    end = len(out)
    start = end
    while start > 0 and (out[start - 1] in _TRAILING or out[start - 1].isspace()):
        start -= 1
    if start < end:
        if out[start] == "." and start > 0 and out[start - 1].isdigit():
            start += 1
        if start < end:
            out = out[:start] + " " * (end - start)
    return out


def _cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


_JOINABLE = frozenset("（()）、，")
_BEFORE_SIGN = frozenset("≥≤<>=~±")


def squeeze(text: str) -> tuple[str, tuple[int, ...]]:
    """*text* without the spaces between two CJK characters (PDF line breaks inside a word),
    and the position in *text* of every character kept. One pass: linear time.

    >>> squeeze("小于 等于10次")[0], squeeze("≥ 95 %")[0]
    ('小于等于10次', '≥ 95 %')
    """
    if _SPACE.search(text) is None:
        return text, tuple(range(len(text)))
    # a run of spaces goes whole or stays whole: it goes after a comparator when a signed
    # number follows ("≥ -5 %": the sign stays with its comparator), and between two CJK
    # characters (or brackets and commas)
    pieces: list[str] = []
    where: list[int] = []
    last = 0
    n = len(text)
    for m in _SPACES.finditer(text):
        i, j = m.span()
        if not i:
            continue
        prev = text[i - 1]
        if ((prev in _BEFORE_SIGN and j + 1 < n and text[j] in "-+" and text[j + 1].isdigit())
                or ((_cjk(prev) or prev in _JOINABLE) and j < n
                    and (_cjk(text[j]) or text[j] in _JOINABLE))):
            pieces.append(text[last:i])
            where.extend(range(last, i))
            last = j
    if not last:
        return text, tuple(range(n))
    pieces.append(text[last:])
    where.extend(range(last, n))
    return "".join(pieces), tuple(where)


def clean_text(text: str) -> str:
    """Text as it is kept in a statement: trimmed, PDF line-break spaces between CJK removed.

    >>> clean_text(" 获得目的国 (地区)受 众欢迎。")
    '获得目的国(地区)受众欢迎'
    """
    return squeeze(normalize(text).strip())[0]
