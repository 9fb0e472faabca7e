"""Keep the parts of docs/policies.md that are not doctests true.

The doctests in the page run on their own (``pytest docs/policies.md``). These tests check the
rest: the plug-in files shown verbatim, one section per built-in policy, every built-in scheme,
the shell example after ``pip install``, and that the cited sources are those of the rules note.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from perfindicators.policies import registry
from perfindicators.testing import check_policy

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "policies.md"
PLUGIN = ROOT / "tests" / "plugins" / "demo-policy"
RULES = ROOT / "tests" / "data" / "reference" / "scoring-rules.md"  # see tests/data/README.md

BUILTIN_POLICIES = ("proportional", "reverse-linear", "all-or-nothing", "qualitative-tiers",
                    "ladder", "budget-execution", "deadline", "over-achievement", "closeness")


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def block_after(marker: str, text: str | None = None) -> str:
    """The body of the first fenced block after the first line that contains *marker*."""
    lines = (doc_text() if text is None else text).splitlines()
    start = next((i for i, line in enumerate(lines) if marker in line), None)
    assert start is not None, f"no line mentions {marker!r}"
    opening = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    closing = next(i for i in range(opening + 1, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[opening + 1 : closing]) + "\n"


def headings() -> list[str]:
    return [line for line in doc_text().splitlines() if re.match(r"#{2,6} ", line)]


def fresh_process(code: str) -> object:
    """What *code* prints as JSON in a new interpreter: registries untouched by other tests."""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout)


# ---- (1) the plug-in shown verbatim --------------------------------------------------------

@pytest.mark.parametrize("name", ["pyproject.toml", "perfindicators_demo_policy.py"])
def test_plugin_files_are_shown_verbatim(name: str) -> None:
    shown = block_after(f"tests/plugins/demo-policy/{name}")
    assert shown == (PLUGIN / name).read_text(encoding="utf-8")


def test_plugin_module_passes_check_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page says the plug-in's policy passes every check once it lives in a module."""
    spec = importlib.util.spec_from_file_location("perfindicators_demo_policy",
                                                  PLUGIN / "perfindicators_demo_policy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "perfindicators_demo_policy", module)
    spec.loader.exec_module(module)
    check_policy(module.half_credit)


# ---- (2) one section per built-in policy ---------------------------------------------------

def test_the_builtin_policies_are_the_documented_ones() -> None:
    assert set(registry.BUILTIN) == set(BUILTIN_POLICIES)
    assert set(fresh_process(
        "import json, perfindicators.policies as p; print(json.dumps(p.names()))")) >= \
        set(BUILTIN_POLICIES)


@pytest.mark.parametrize("name", BUILTIN_POLICIES)
def test_every_builtin_policy_has_its_own_section(name: str) -> None:
    mine = [h for h in headings() if f"`{name}`" in h]
    assert len(mine) == 1, f"{name}: headings {mine}"
    others = [n for n in BUILTIN_POLICIES if n != name and f"`{n}`" in mine[0]]
    assert not others, f"the heading of {name} also names {others}"
    cls = type(registry.BUILTIN[name]).__name__
    assert f"`{cls}(" in mine[0], f"the heading of {name} should show {cls}(...)"


# ---- (3) every built-in scheme -------------------------------------------------------------

def test_every_builtin_scheme_appears() -> None:
    names = fresh_process(
        "import json; from perfindicators.schemes import scheme_names; "
        "print(json.dumps(scheme_names()))")
    assert set(names) >= {"central", "hubei", "pmkpi"}
    text = doc_text()
    for name in names:
        assert re.search(rf"^\| `{re.escape(name)}` ", text, re.M), f"scheme {name} not in the table"


def test_builtin_schemes_are_documented_as_their_toml_files() -> None:
    from importlib.resources import files

    from perfindicators.schemes import BUILTIN_SCHEMES, FALLBACK

    text = doc_text()
    shipped = sorted(p.name for p in files("perfindicators.schemes").iterdir()
                     if p.name.endswith(".toml"))
    assert shipped == sorted(f"{name}.toml" for name in BUILTIN_SCHEMES)
    assert "`perfindicators/schemes/central.toml`" in text
    for name in shipped[1:]:
        assert f"`{name}`" in text
    # the fallback rule the page states is the one the code uses
    flat = " ".join(text.split())
    assert f'`Rule("{FALLBACK.policy}")` — the central rule, not the scheme\'s last rule' in flat


# ---- the shell example after pip install ---------------------------------------------------

def console_example() -> tuple[list[str], str]:
    """The ``python -c`` command shown after ``pip install`` and the output it shows."""
    lines = block_after("finds it, in any process").splitlines()
    command = next(line for line in lines if line.startswith("$ python -c "))
    expected = "\n".join(line for line in lines if not line.startswith("$")) + "\n"
    args = shlex.split(command[2:])
    assert args[:2] == ["python", "-c"]
    return args[2:], expected


@pytest.mark.slow
def test_pip_installed_plugin_is_found_by_name(tmp_path: Path) -> None:
    assert "$ pip install ./tests/plugins/demo-policy" in doc_text()
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(tmp_path), str(PLUGIN)],
        check=True, capture_output=True,
    )
    code, expected = console_example()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out = subprocess.run([sys.executable, "-c", *code], check=True, capture_output=True,
                         text=True, env=env)
    assert out.stdout == expected


# ---- the sources cited are those of the rules note -----------------------------------------

def test_cited_sources_come_from_the_rules_note() -> None:
    rules = RULES.read_text(encoding="utf-8")
    text = doc_text()
    urls = set(re.findall(r"https?://[^\s)`」，,]+", text)) - {"https://www.attrs.org"}
    assert urls
    for url in urls:
        assert url.rstrip(".") in rules, f"{url} is not cited in scoring-rules.md"
    for file_id in re.findall(r"\b5\d{10}\b", text):
        assert file_id in rules, f"pmkpi file id {file_id} is not in scoring-rules.md"
    for section in re.findall(r"rules §(\d+(?:\.\d+)?)", text):
        assert re.search(rf"^#+ {re.escape(section)}[ .]", rules, re.M) or \
            re.search(rf"\(§{re.escape(section)}\)", rules), f"rules §{section} does not exist"
