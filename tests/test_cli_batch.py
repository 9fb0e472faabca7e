"""perfindicators batch: every form of a folder scored and written; bad files listed, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

import perfindicators as pi
from perfindicators.cli import cli


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    (folder / "北京").mkdir(parents=True)
    seed = pi.examples.data("zgc-2021")
    for i in range(3):
        (folder / "北京" / f"f{i}.json").write_text(json.dumps(seed, ensure_ascii=False), "utf-8")
    (folder / "cut.json").write_text('{"layout": ', encoding="utf-8")
    return folder


def test_batch_writes_parquet_and_lists_the_bad_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "r.parquet"
    result = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out), "--workers", "1",
                                      "--plain"])
    assert result.exit_code == 2, result.output
    assert "4 file(s): 3 scored, 1 failed; 87 rows" in result.stdout
    assert "failed: " in result.stderr and "cut.json" in result.stderr
    forms = pq.read_table(tmp_path / "r.forms.parquet")
    assert forms.num_rows == 3
    # exact decimals, equal to scoring the form in this process
    assert set(forms.column("rule_total").to_pylist()) == {
        pi.examples.load("zgc-2021").score().rule_total}
    failures = pq.read_table(tmp_path / "r.failures.parquet").to_pylist()
    assert [Path(f["path"]).name for f in failures] == ["cut.json"]


def test_batch_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "r.csv"
    runner = CliRunner()
    assert runner.invoke(cli, ["batch", str(folder / "北京"), "-o", str(out), "-j", "1"]).exit_code == 0
    again = runner.invoke(cli, ["batch", str(folder / "北京"), "-o", str(out), "-j", "1"])
    assert again.exit_code == 2 and "--overwrite" in again.stderr
