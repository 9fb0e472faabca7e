"""The package's structure: no import cycle, the layers contract holds, modules stay small."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "perfindicators"
#: the upward edges, declared in pyproject.toml's contract (the fluent Target.evaluate, Target.cues)
DECLARED = {("perfindicators.targets", "perfindicators.evaluate"),
            ("perfindicators.targets", "perfindicators.accounting")}


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("perfindicators", exclude_type_checking_imports=True, cache_dir=None)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        m = stack.pop()
                        on.discard(m)
                        comp.append(m)
                        if m == node:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
    return found


def test_no_import_cycle_among_the_modules() -> None:
    """Counting imports made inside functions, no module reaches itself again — except through
    the declared upward edges. A package's ``__init__`` re-exporting its own modules is not a
    cycle unless one of them imports the package back."""
    graph = _graph()
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        targets = graph.find_modules_directly_imported_by(module)
        edges[module] = {t for t in targets if t.startswith("perfindicators")
                         and (module, t) not in DECLARED}
    assert _cycles(edges) == []


def test_the_declared_edge_is_the_only_exception() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("ignore_imports = [", 1)[1].split("]", 1)[0]
    declared = [line.strip().strip('",') for line in block.splitlines()
                if line.strip().startswith('"')]
    assert declared == ["perfindicators.targets -> perfindicators.evaluate",
                        "perfindicators.targets -> perfindicators.accounting"]


@pytest.mark.slow
def test_lint_imports_passes() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_modules_are_small() -> None:
    """One concept per module: none over 600 lines (generated grammar files aside)."""
    big = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert big == {}


def test_the_architecture_page_lists_the_contract_layers() -> None:
    """docs/architecture.md shows a newcomer the same layers that lint-imports enforces."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split('name = "layers: each module imports only from the layers below it"', 1)[1]
    block = block.split("layers = [", 1)[1].split("]", 1)[0]
    contract = [sorted(m.strip().strip("()").removeprefix("perfindicators.")
                       for m in line.strip().strip('",').split("|"))
                for line in block.splitlines() if line.strip().startswith('"')]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and "`" in line]
    documented = [sorted(m.strip().strip("`") for m in row.split("|")[2].split(","))
                  for row in rows]
    assert documented == contract
