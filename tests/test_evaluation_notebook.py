"""The evaluation notebook (docs/evaluation.ipynb) runs end to end and shows the rows, the
subtotals, the total, the grade and the open judgements of the indicator system in
tests/data/criteria/."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "evaluation.ipynb"


def _outputs(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The text each code cell printed or displayed, by cell id."""
    out: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for o in cell.outputs:
            if o.output_type == "stream":
                texts.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                texts += [o.data.get("text/plain", ""), o.data.get("text/html", "")]
        out[cell.id] = "\n".join(texts)
    return out


@pytest.mark.slow
def test_evaluation_notebook_runs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)  # stored clean

    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(ROOT / "docs")}}).execute()

    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    out = _outputs(nb)
    assert "(26, Decimal('100'))" in out["imports"]
    # 102 % against ≦100 %: 2 points over × 1 point off 6
    assert "Decimal('4.00')" in out["one"] and "扣2分" in out["one"]
    # no anchor written: (100 − 92) × 0.5 = 4 off 10; with the target, (95 − 92) × 0.5 = 1.5 off
    assert "(Decimal('6.00'), Decimal('8.50'))" in out["one-more"]
    assert "text/html" in {k for c in code if c.id == "rows" for o in c.outputs
                           for k in o.get("data", {})}
    assert "到位率" in out["rows"] and "2.25" in out["rows"]  # 45/60 × 3
    assert "24.75" in out["subtotals"] and "32.75" in out["subtotals"]  # 过程, with 臺賬 open
    assert "total 67.25–75.25 of 100, grade 中" in out["total"]
    assert "臺賬" in out["open"] and "Decimal('8.00')" in out["open"]
    # the evaluator keeps 6 of 臺賬's 8 points: 67.25 + 6, nothing open
    assert "(Decimal('73.25'), Decimal('73.25'), '中', ())" in out["close"]
    assert "合计：67.25-75.25 / 100，等级：中" in out["text"] and "待判断：臺賬" in out["text"]
