"""Generate ``grammars/units.lark`` from the unit definitions (``units/units.txt``).

The definitions file is the single source of truth for unit words; the grammar's
``KNOWN_UNIT`` terminal is generated from it, and a test checks that the committed file is
up to date. Regenerate after editing ``units.txt``::

    python -m perfindicators.units.grammar grammars/units.lark

Words declared at run time (`perfindicators.define_unit`) are added when the parser is
rebuilt (`render` with ``user=True``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .._words import alternation
from .registry import user_words
from .words import unit_words

__all__ = ["GRAMMAR_WORDS", "render"]

#: words the grammar reads itself (calendar words, scale words): never a unit token
GRAMMAR_WORDS = frozenset({"年", "月", "日", "号", "万", "亿", "千", "百万", "千万", "萬", "億"})

_HEADER = """\
// perfindicators — unit words
//
// GENERATED from src/perfindicators/units/units.txt by
//     python -m perfindicators.units.grammar grammars/units.lark
// Do not edit: edit units.txt and regenerate (a test fails when this file is stale).
//
// KNOWN_UNIT is every surface word of a declared unit, longest first, so that 个工作日 wins
// over 个 and 万元 over 元. Calendar words (年 月 日) and scale words (万 亿 千) are left out:
// the grammar reads them itself. A single CJK character that is not declared here is read as
// an UNKNOWN_UNIT (its own count unit) unless parsing is strict.
"""


def render(*, user: bool = False) -> str:
    """The text of ``units.lark``; with *user*, words from `define_unit` are included."""
    declared = set(user_words())
    words = [w for w in unit_words() if w not in GRAMMAR_WORDS and not w.isspace()
             and (user or w not in declared)]
    ascii_words = sorted({w.lower() for w in words if w.isascii() and w.isalpha()})
    other = [w for w in words if not (w.isascii() and w.isalpha())]
    return (f"{_HEADER}\nKNOWN_UNIT.3: /(?:{alternation(other)})/\n"
            f"// Latin unit symbols (km, kg, m, M …), matched whatever their case: KM is km.\n"
            f"ASCII_UNIT.3: /(?:{alternation(ascii_words)})(?![a-z])/i\n")


def main(argv: list[str] | None = None) -> int:
    """Write the grammar file (default ``grammars/units.lark``)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("grammars/units.lark")
    out.write_text(render(), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
