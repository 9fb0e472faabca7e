"""The accounting invariant (issue #9, point 1): every cue of a target — a comparator,
negation, bound, sign, unit or date word — is used by the reading or kept in the subject's name;
a cue that is neither makes the text a statement that says why (or, with ``strict=True``, a
`TargetSyntaxError` with a caret at it). `account` says what became of each cue.

>>> r = account("不得超过100万元")
>>> r.target, [(c.text, c.terminal, c.role) for c in r.cues]
(Comparison('≤100万元'), [('不得超过', 'LE', 'used'), ('万元', 'KNOWN_UNIT', 'used')])
"""

from __future__ import annotations

import attrs

from . import _cache
from ._grammar import target_parser
from ._normalize import normalize, squeeze
from ._prepare import mask_qualifiers
from .parsing import _parse_normalized
from .targets import Deadline, Period, Scoped, Target

__all__ = ["Cue", "Reading", "account", "cues_of"]


@attrs.frozen
class Cue:
    """A cue of a target's text — a comparator, negation, bound, sign, unit or date word — and
    what the reading did with it.

    Attributes:
        text: the cue as the user wrote it.
        start, end: where it stands in the user's text.
        terminal: the grammar's name for it (``LE``, ``GE_POST``, ``NUMBER`` for a sign …), or
            ``QUALIFIER`` for a qualifier of the subject's name (PM2.5, 65岁以上).
        role: ``used`` (the target reads it), ``subject`` (kept verbatim in the subject's
            name) or ``unread`` (the text became a statement, which says why).
    """

    text: str
    start: int
    end: int
    terminal: str
    role: str


@attrs.frozen
class Reading:
    """A target with the account of its cues (`account`)."""

    target: Target
    cues: tuple[Cue, ...]


def account(text: str, *, year: int | None = None, strict: bool = False) -> Reading:
    """Read *text* like `parse` and say what became of every cue in it: used by the target,
    kept in the subject's name, or unread (the target is then a statement that says why).

    Examples:
        >>> r = account("65岁以上老年人健康管理率≥70%")
        >>> r.target, [(c.text, c.role) for c in r.cues]
        (Comparison('≥70%'), [('65岁以上', 'subject'), ('≥', 'used'), ('%', 'used')])
        >>> [(c.text, c.role) for c in account("未达到95%").cues]
        [('达到', 'unread'), ('%', 'unread')]
    """
    _, builder = target_parser()
    builder.forget()
    target = _parse_normalized(text, year, bool(strict)).with_source(text, year)
    flat = normalize(text)
    normalized, where = squeeze(flat)
    _, qualifiers = mask_qualifiers(normalized)
    tokens, spans = builder.cues()
    unread = not target.measured and not isinstance(target, Deadline | Period)

    def place(a: int, b: int) -> tuple[int, int]:
        s, e = where[a], where[b - 1] + 1
        while e < len(text) and flat[e] == " " and not text[e].isspace():
            e += 1  # a character the normalisation folded into the cue (>= is ≥)
        return s, e

    found: list[Cue] = []
    for a, b in qualifiers:
        s, e = place(a, b)
        found.append(Cue(text[s:e], s, e, "QUALIFIER", "unread" if unread else "subject"))
    for terminal, a, b in tokens:
        if any(x <= a and b <= y for x, y in qualifiers):
            continue
        s, e = place(a, b)
        inside = any(x <= a and b <= y for x, y in spans) and not (
            terminal == "SCOPE" and isinstance(target, Scoped))
        role = "unread" if unread else ("subject" if inside else "used")
        found.append(Cue(text[s:e] if terminal != "NUMBER" else text[s:s + 1], s,
                         e if terminal != "NUMBER" else s + 1, terminal, role))
    return Reading(target, tuple(sorted(found, key=lambda c: (c.start, c.end))))


@_cache.memo(maxsize=4096)
def cues_of(text: str, year: int | None = None) -> tuple[Cue, ...]:
    """The cues of `account` (*text*, year=*year*); what `Target.cues` gives."""
    return account(text, year=year).cues
