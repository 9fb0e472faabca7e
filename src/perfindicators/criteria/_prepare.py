"""Preparing a criterion's text for the grammar: normalised, cleaned, readable damage read.

Published criteria are copied from PDFs and mirror sites: full-width signs, line-break spaces
inside words, spam symbols (★◆■), check boxes (□), elisions (``[…]``), truncation marks and
OCR confusions. `prepare` fixes what has only one reading and keeps, for every character of the
result, the index of the character of the author's text it came from, so error carets point
into the original. Each reading applied is reported as a note.

Readings (each applies wherever its pattern occurs, never to a particular criterion):

* ``xl800`` → ``×1800``, ``X120`` → ``×120``: an ``x`` before a number is a multiplication sign,
  an ``l`` right after it is a ``1``;
* ``(IO)`` → ``(10)``, ``(O-Io)`` → ``(0-10)``: ``I``/``l`` and ``O``/``o`` inside a bracketed
  number are digits;
* ``(&7)`` → ``(6-7)``: ``&`` opening a bracketed number is ``6-`` (the glyphs run together);
* ``72o`` and ``60°`` at the end of a clause → ``72。``, ``60。``;
* ``加0 5分`` → ``加0.5分``: a space after a leading zero is a lost decimal point;
* ``3个内月`` → ``3个月内``: transposed characters.

Example:
    >>> p = prepare("每发现1处扣0.5分 ★。")
    >>> p.text
    '每发现1处扣0.5分'
    >>> p.origin[-1]
    9
    >>> prepare("以实际评定的好路率xl800").text
    '以实际评定的好路率*1800'
"""

from __future__ import annotations

import re

import attrs

from .._normalize import normalize

__all__ = ["Prepared", "prepare"]

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPAM = re.compile(r"[★☆◆◇■□●○▲△※]")
_CHECKBOX = re.compile(r"(?<=[否是优良中差好])口")
_TRUNCATED = re.compile(r"\[?\s*excerpt truncated\s*\]?", re.I)
_ELISION = re.compile(r"\[\s*(?:…|\.\.\.|……)\s*\]")
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}（(）)、，,；;])\s+(?=[{_CJK}（(）)])|(?<=[{_CJK}])\s+"
                          rf"(?=[、，,；;。])")

# (pattern, replacement or function, note)
_READINGS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?<![A-Za-z])[xX×]\s*l(?=\d)"), "*1", "x/l before a number read as ×1"),
    (re.compile(r"(?<![A-Za-z])[xX×](?=\s*\d)"), "*", "x before a number read as ×"),
    (re.compile(r"(?<=[(（])\s*&(?=\d)"), "6-", "& in a bracketed number read as 6-"),
    (re.compile(r"(?<=\d)[o°](?=\s*(?:$|[;；。,，|]))"), "。", "o/° after a number read as 。"),
    (re.compile(r"(?<![\d.])0\s(?=\d+\s*分)"), "0.", "a space after a leading 0 read as ."),
    (re.compile(r"个内月"), "个月内", "个内月 read as 个月内 (transposed)"),
)
_BRACKET_DIGITS = re.compile(r"(?<=[(（\-])[IlOo\d]*[IlOo][IlOo\d]*(?=\s*[)）\-]|\s*分)")
_DIGIT_OF = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0"})


@attrs.frozen
class Prepared:
    """A criterion's text ready for the grammar.

    Attributes:
        text: the prepared text.
        origin: for each character of ``text``, its index in the author's text.
        original: the author's text.
        truncated: the text was cut off (``[excerpt truncated]``).
        elided: part of the text was left out (``[…]``).
        notes: the readings of damaged text that were applied.
    """

    text: str
    origin: tuple[int, ...]
    original: str
    truncated: bool = False
    elided: bool = False
    notes: tuple[str, ...] = ()

    def column(self, index: int) -> int:
        """The column in the author's text of position *index* of ``text``."""
        if not self.origin:
            return 0
        if index >= len(self.origin):
            return min(len(self.original), self.origin[-1] + 1)
        return self.origin[max(0, index)]


def _edit(text: str, origin: list[int], pattern: re.Pattern[str],
          repl: str) -> tuple[str, list[int], bool]:
    out: list[str] = []
    org: list[int] = []
    pos = 0
    hit = False
    for m in pattern.finditer(text):
        hit = True
        out.append(text[pos:m.start()])
        org.extend(origin[pos:m.start()])
        new = repl if not callable(repl) else repl(m)
        anchor = origin[m.start()] if m.start() < len(origin) else (origin[-1] if origin else 0)
        out.append(new)
        org.extend([anchor] * len(new))
        pos = m.end()
    out.append(text[pos:])
    org.extend(origin[pos:])
    return "".join(out), org, hit


def prepare(original: str) -> Prepared:
    """Normalise *original*, strip spam and elisions, read readable damage (see the module)."""
    text = normalize(original)
    origin = list(range(len(text)))
    notes: list[str] = []
    truncated = elided = False
    m = _TRUNCATED.search(text)
    if m:
        truncated = True
        text, origin = text[:m.start()], origin[:m.start()]
    text, origin, elided = _edit(text, origin, _ELISION, "")
    text, origin, _ = _edit(text, origin, _SPAM, "")
    text, origin, _ = _edit(text, origin, _CHECKBOX, "")
    text, origin, _ = _edit(text, origin, _INNER_SPACE, "")
    for pattern, repl, note in _READINGS:
        text, origin, hit = _edit(text, origin, pattern, repl)
        if hit:
            notes.append(note)
    out: list[str] = []
    pos = 0
    for bm in _BRACKET_DIGITS.finditer(text):
        out.append(text[pos:bm.start()])
        out.append(bm.group().translate(_DIGIT_OF))
        pos = bm.end()
        notes.append(f"{bm.group()} read as {bm.group().translate(_DIGIT_OF)}")
    out.append(text[pos:])
    text = "".join(out)  # the digit readings keep the length
    stripped = text.rstrip()
    return Prepared(text=stripped, origin=tuple(origin[:len(stripped)]), original=original,
                    truncated=truncated, elided=elided, notes=tuple(notes))
