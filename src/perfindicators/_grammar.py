"""The one place that builds the lark parser: LALR, cached, positions kept.

The grammar files live in the top-level ``grammars/`` folder, shipped as the package
``perfindicators.grammars``, and are read as UTF-8 from package data.
"""

from __future__ import annotations

import functools

from lark import Lark

__all__ = ["grammar_text", "parser"]

_PACKAGE = "perfindicators.grammars"


def grammar_text(name: str = "target.lark") -> str:
    """The text of one grammar file, read from package data."""
    from importlib.resources import files

    return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def build(*, strict: bool = False) -> Lark:
    """A new parser; ``strict=True`` also rejects terminal collisions (used by the tests)."""
    return Lark.open_from_package(
        _PACKAGE,
        "target.lark",
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        strict=strict,
        cache=False,
    )


@functools.cache
def parser() -> Lark:
    """The shared parser, built on first use."""
    return build()
