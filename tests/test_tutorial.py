"""The tutorial notebook runs end to end, renders to HTML that reads right in a browser (checked
in headless Chromium), and the documentation site builds with --strict."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: measures every cell of every pi-table as the browser lays it out
_PROBE = """<script>
window.addEventListener("load", () => {
  const cells = [...document.querySelectorAll("table.pi-table td, table.pi-table th")];
  const out = cells.map(c => ({num: c.classList.contains("num"), th: c.tagName === "TH",
    align: getComputedStyle(c).textAlign, width: c.getBoundingClientRect().width,
    text: c.textContent}));
  const pre = document.createElement("pre");
  pre.id = "pi-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


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


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # stored clean, so it never goes stale
    assert all(not c.outputs and c.execution_count is None for c in code)
    os.environ.setdefault("MPLBACKEND", "Agg")  # the kernel inherits the environment
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


@pytest.mark.slow
def test_tutorial_notebook_runs(executed: nbformat.NotebookNode) -> None:
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    text, mimes = _texts(executed)
    assert "97.83" in text  # the rule total
    assert "94.23" in text  # the published total
    assert "total points: 9.500000 of 15.000000" in text  # score_frame, exact
    assert "2 file(s): 1 scored, 1 failed" in text  # score_forms
    assert "image/png" in mimes  # the chart
    assert "text/html" in mimes  # the report and findings tables


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_tutorial_html_reads_right_in_a_browser(executed: nbformat.NotebookNode,
                                                 tmp_path: Path) -> None:
    """Rendered as nbconvert renders it (JupyterLab's CSS, which right-aligns every cell and
    fixes the table layout), the tables keep text left, numbers right, and no column of
    Chinese text is squeezed to a character or two per line."""
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter(template_name="lab").from_notebook_node(executed)
    page = tmp_path / "tutorial.html"
    page.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    shot = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert shot.returncode == 0, shot.stderr[-2000:]
    probe = shot.stdout.split('<pre id="pi-probe">', 1)[1].split("</pre>", 1)[0]
    cells = json.loads(probe.replace("&quot;", '"').replace("&amp;", "&")
                       .replace("&lt;", "<").replace("&gt;", ">"))
    assert len(cells) > 300  # the report, the findings and the target tables
    numbers = [c for c in cells if c["num"]]
    texts = [c for c in cells if not c["num"] and not c["th"] and c["text"].strip()]
    assert numbers and all(c["align"] == "right" for c in numbers)
    assert all(c["align"] in ("left", "start") for c in texts)
    assert all(c["align"] in ("left", "start") for c in cells if c["th"])
    # a cell of four or more Chinese characters is at least four characters wide (13px font)
    long = [c for c in texts if len(c["text"].strip()) >= 4]
    assert long and min(c["width"] for c in long) >= 4 * 13


@pytest.mark.slow
def test_docs_site_builds_strict(built_site: Path) -> None:
    site = built_site
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="perfindicators.parsing.parse"' in api  # mkdocstrings rendered the reference
    assert 'id="perfindicators.frames.score_frame"' in api
    # Examples: sections render as highlighted code, not as quoted prose
    frame_doc = api.split('id="perfindicators.frames.score_frame"', 1)[1][:20000]
    assert '<div class="highlight"><pre><span></span><code>' in frame_doc
    assert "&gt;&gt;&gt;" in frame_doc.split('<div class="highlight">', 1)[1][:600]
    # the tutorial is a page, executed in the build (its outputs are there), and a download
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    assert "Tutorial: score and audit" in tutorial and "97.83" in tutorial
    assert "2 file(s): 1 scored, 1 failed" in tutorial
    assert (site / "tutorial" / "tutorial.ipynb").is_file()
    # notebook pages hide the navigation sidebar, so the report table fits beside the contents
    assert 'data-md-type="navigation" hidden' in tutorial
    forms = (site / "forms" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-type="navigation" hidden' not in forms
    # a page per command, from its --help
    for command in ("parse", "evaluate", "explain", "score", "audit", "schemes"):
        page = (site / "cli" / command / "index.html").read_text(encoding="utf-8")
        assert f"Usage: perfindicators {command}" in page
    # search set up for Chinese: jieba segmented the index, the separator splits on it
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"] and "，" in index["config"]["separator"]
    text = " ".join(d["text"] for d in index["docs"])
    assert "预算\u200b执行" in text
    words = [w for w in re.split(index["config"]["separator"], "（预算\u200b执行\u200b率）达到，90%")
             if w]
    assert words == ["预算", "执行", "率", "达到", "90%"]
