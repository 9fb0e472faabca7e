"""The one place that builds the lark parser: LALR, cached, positions kept.

The grammar files live in the top-level ``grammars/`` folder, shipped as the package
``perfindicators.grammars``, and are read as UTF-8 from package data.  When words have been
declared at run time (`perfindicators.define_unit`), the parser is rebuilt once with
``units.lark`` generated afresh, so the lexer reads the new words at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import lark.lexer
from lark import Lark, Transformer

from . import units
from ._lalr import FastParser
from ._transform import TargetBuilder
from .units.grammar import render

__all__ = ["build", "fast_parser", "grammar_text", "parser", "target_parser"]

_PACKAGE = "perfindicators.grammars"


def grammar_text(name: str = "target.lark") -> str:
    """The text of one grammar file, read from package data."""
    return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def build(*, strict: bool = False, transformer: Transformer[Any, Any] | None = None) -> Lark:
    """A new parser.

    Args:
        strict: also reject terminal collisions and shift/reduce conflicts (the tests do).
        transformer: run this transformer inside the parser instead of building a tree.
            Tokens carry their positions, so ``propagate_positions`` is not needed.
    """
    options: dict[str, Any] = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": True,
                               "strict": strict, "transformer": transformer, "cache": False}
    callbacks = getattr(transformer, "lexer_callbacks", None)
    if callbacks is not None:
        options["lexer_callbacks"] = callbacks()
    with _collision_check(strict):
        if not units.generation():
            return Lark.open_from_package(_PACKAGE, "target.lark", **options)
        return Lark(grammar_text(), import_paths=[_with_user_units], source_path="target.lark",
                    **options)


def _with_user_units(_base: Any, grammar_path: str) -> tuple[str, str]:
    """Serve the grammar files from package data, ``units.lark`` generated with the words
    declared at run time."""
    name = grammar_path.replace("\\", "/").rsplit("/", 1)[-1]
    if name == "units.lark":
        return grammar_path, render(user=True)
    return grammar_path, grammar_text(name)


@contextlib.contextmanager
def _collision_check(enabled: bool) -> Iterator[None]:
    """Lark checks every pair of terminals for collisions with ``interegular`` whenever that
    package is installed: about 13 s for this grammar, against 0.3 s for the build itself. The
    tests run the check (``strict=True``); the parser that users get skips it."""
    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = saved and enabled
    try:
        yield
    finally:
        lark.lexer.has_interegular = saved


_LOCK = threading.Lock()
_TREES: dict[int, Lark] = {}
_TARGETS: dict[int, tuple[Lark, TargetBuilder]] = {}
_FAST: dict[int, FastParser] = {}


def parser() -> Lark:
    """The shared parser that returns trees (for tools and tests)."""
    gen = units.generation()
    found = _TREES.get(gen)
    if found is None:
        with _LOCK:
            found = _TREES.get(gen) or build()
            _TREES.clear()
            _TREES[gen] = found
    return found


def target_parser() -> tuple[Lark, TargetBuilder]:
    """The shared parser that returns targets, and its builder (rebuilt after `define_unit`)."""
    gen = units.generation()
    found = _TARGETS.get(gen)
    if found is None:
        with _LOCK:
            found = _TARGETS.get(gen)
            if found is None:
                builder = TargetBuilder()
                found = (build(transformer=builder), builder)
            _TARGETS.clear()
            _TARGETS[gen] = found
    return found


def fast_parser() -> tuple[FastParser, TargetBuilder]:
    """The shared parser that returns targets through the fast LALR runtime
    (`perfindicators._lalr`), built from the tables of `target_parser` (rebuilt with it after
    `define_unit`), and its builder."""
    gen = units.generation()
    found = _FAST.get(gen)
    if found is None:
        lark_parser, builder = target_parser()
        with _LOCK:
            found = _FAST.get(gen)
            if found is None or found.lark is not lark_parser:
                found = FastParser(lark_parser, builder)
            _FAST.clear()
            _FAST[gen] = found
    return found, found.builder
