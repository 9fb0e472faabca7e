"""The grammar files: strict build, generated units, shipped in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from perfindicators._grammar import build, grammar_text
from perfindicators._words import render_keywords
from perfindicators.units.grammar import render

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_grammar_builds_strict() -> None:
    # strict=True rejects shift/reduce conflicts and colliding terminals (interegular checks
    # every pair of terminals: about 13 s; `pytest -m "not slow"` skips it locally, CI runs it)
    build(strict=True)


def test_units_grammar_is_generated_from_units_txt() -> None:
    committed = (ROOT / "grammars" / "units.lark").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m perfindicators.units.grammar grammars/units.lark"


def test_keywords_grammar_is_generated_from_the_table() -> None:
    committed = (ROOT / "grammars" / "keywords.lark").read_text(encoding="utf-8")
    assert committed == render_keywords(), "run: python -m perfindicators._words grammars/keywords.lark"


def test_free_text_repeats_no_keyword_by_hand() -> None:
    # TEXT is generated with the keywords: the hand-written grammar holds no TEXT terminal
    assert "\nTEXT" not in grammar_text("target.lark")
    assert "TEXT" in grammar_text("keywords.lark")


def test_grammar_files_open_with_documentation() -> None:
    for name in ("target.lark", "numbers.lark", "units.lark", "keywords.lark"):
        text = grammar_text(name)
        assert text.startswith("// perfindicators"), name


@pytest.mark.slow
def test_wheel_ships_the_grammar(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("perfindicators-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("target.lark", "numbers.lark", "units.lark", "keywords.lark", "__init__.py"):
        assert f"perfindicators/grammars/{name}" in names
    assert "perfindicators/units/units.txt" in names
    assert "perfindicators/py.typed" in names
    assert "perfindicators/examples/zgc-2021.json" in names
    # every module of the source tree is in the wheel (a subpackage left out of
    # pyproject.toml would only show on a real install)
    src = ROOT / "src"
    for module in src.rglob("*.py"):
        assert module.relative_to(src).as_posix() in names, module
