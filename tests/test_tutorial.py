"""The tutorial notebook runs end to end, and the documentation site builds with --strict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def _texts(nb: nbformat.NotebookNode) -> tuple[str, set[str]]:
    """All the text the notebook printed or displayed, and every MIME type of its outputs."""
    texts: list[str] = []
    mimes: set[str] = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                texts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                mimes.update(out.data)
                texts += [out.data.get("text/plain", ""), out.data.get("text/html", "")]
    return "\n".join(texts), mimes


@pytest.mark.slow
def test_tutorial_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # stored clean, so it never goes stale
    assert all(not c.outputs and c.execution_count is None for c in code)

    monkeypatch.setenv("MPLBACKEND", "Agg")  # the kernel inherits the environment
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(ROOT)}}).execute()

    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    text, mimes = _texts(nb)
    assert "98.83" in text  # the rule total
    assert "94.23" in text  # the published total
    assert "image/png" in mimes  # the chart
    assert "text/html" in mimes  # the report and findings tables


@pytest.mark.slow
def test_docs_site_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="perfindicators.parsing.parse"' in api  # mkdocstrings rendered the reference
    assert (site / "tutorial.ipynb").is_file()  # the notebook the Notebooks page links to
