"""The one place that builds the lark parser: LALR, cached, positions kept.

The grammar files live in the top-level ``grammars/`` folder, shipped as the package
``perfindicators.grammars``, and are read as UTF-8 from package data.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

from lark import Lark, Transformer

from ._transform import TargetBuilder

__all__ = ["build", "grammar_text", "parser", "target_parser"]

_PACKAGE = "perfindicators.grammars"


def grammar_text(name: str = "target.lark") -> str:
    """The text of one grammar file, read from package data."""
    from importlib.resources import files

    return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def build(*, strict: bool = False, transformer: Transformer[Any, Any] | None = None) -> Lark:
    """A new parser.

    Args:
        strict: also reject terminal collisions and shift/reduce conflicts (the tests do).
        transformer: run this transformer inside the parser instead of building a tree.
            Tokens carry their positions, so ``propagate_positions`` is not needed.
    """
    with _collision_check(strict):
        return Lark.open_from_package(
            _PACKAGE,
            "target.lark",
            parser="lalr",
            lexer="contextual",
            maybe_placeholders=True,
            strict=strict,
            transformer=transformer,
            cache=False,
        )


@contextlib.contextmanager
def _collision_check(enabled: bool) -> Iterator[None]:
    """Lark checks every pair of terminals for collisions with ``interegular`` whenever that
    package is installed: about 13 s for this grammar, against 0.3 s for the build itself. The
    tests run the check (``strict=True``); the parser that users get skips it."""
    import lark.lexer

    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = saved and enabled
    try:
        yield
    finally:
        lark.lexer.has_interegular = saved


@functools.cache
def parser() -> Lark:
    """The shared parser that returns trees (for tools and tests)."""
    return build()


@functools.cache
def target_parser() -> tuple[Lark, TargetBuilder]:
    """The shared parser that returns targets, and its builder."""
    builder = TargetBuilder()
    return build(transformer=builder), builder
