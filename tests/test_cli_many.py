"""The command line over many files (issue #10, point 7): every file reported, one JSON
document with the failures, distinct exit codes, a quiet closed pipe, escaped control
characters, ``--sheet`` and ``--strict``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from rich.console import Console

import perfindicators as pi
from perfindicators.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, cli

SEED = pi.examples.load("zgc-2021")
HEADER = "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    good = [str(pi.write_form(SEED, tmp_path / f"good{i}.csv")) for i in range(2)]
    stray = tmp_path / "stray.csv"
    stray.write_text(HEADER + '产出指标,数量指标,"甲,≥60项,64项,90,90\n', encoding="utf-8")
    missing = str(tmp_path / "missing.xlsx")
    return [good[0], str(stray), good[1], missing]


def test_score_goes_past_bad_files_and_names_each(files: list[str]) -> None:
    code, out, err = run("score", *files, "--plain")
    assert code == EXIT_BAD_INPUT
    assert out.count("rule total 规则总分: 97.83 (优)") == 2
    assert files[1] in err and "never closed" in err
    assert files[3] in err and "no such file" in err


def test_score_json_is_one_document_with_the_failures(files: list[str]) -> None:
    code, out, _ = run("score", *files, "--json")
    assert code == EXIT_BAD_INPUT
    entries = json.loads(out)
    assert [(e["source"], e["status"]) for e in entries] == [
        (files[0], "ok"), (files[1], "bad-input"), (files[2], "ok"), (files[3], "bad-input")]
    assert entries[0]["report"]["published_total"] == "94.23"
    assert entries[1]["report"] is None
    assert entries[1]["problems"] == [{"message": entries[1]["problems"][0]["message"],
                                       "sheet": None, "row": 2, "column": None}]
    assert entries[3]["problems"][0]["message"] == "no such file"


def test_json_lines(files: list[str]) -> None:
    code, out, _ = run("audit", *files, "--json-lines")
    assert code == EXIT_BAD_INPUT
    lines = [json.loads(line) for line in out.splitlines()]
    assert [e["status"] for e in lines] == ["ok", "bad-input", "ok", "bad-input"]
    assert {f["code"] for f in lines[0]["findings"]} >= {"total-consistent", "score-differs"}


def test_exit_codes_ok_findings_bad_input(files: list[str]) -> None:
    assert run("audit", files[0])[0] == EXIT_OK
    assert run("audit", files[0], "--fail-on", "warning")[0] == EXIT_FINDINGS
    assert run("audit", files[0], files[1], "--fail-on", "warning")[0] == EXIT_BAD_INPUT
    assert run("score", files[0])[0] == EXIT_OK


def test_an_internal_error_exits_3(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import perfindicators.cli.forms

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(perfindicators.cli.forms, "score_form", broken)
    code, _, err = run("score", files[0])
    assert code == EXIT_INTERNAL and "internal error" in err and "a bug" in err


def test_a_form_with_an_unreadable_cell_is_scored_and_said(tmp_path: Path) -> None:
    f = tmp_path / "cell.csv"
    f.write_text(HEADER + "产出指标,数量指标,甲,≥,64项,3,3\n产出指标,数量指标,乙,≥60项,64项,3,3\n",
                 encoding="utf-8")
    code, out, err = run("score", str(f), "--plain")
    assert code == EXIT_BAD_INPUT
    assert "rows 1 unreadable" in out and "rule total 规则总分: 3.00" in out
    assert "row 2, column 4 (年度指标值)" in err and "--strict refuses the form" in err
    code, out, err = run("score", str(f), "--strict", "--json")
    assert code == EXIT_BAD_INPUT
    (entry,) = json.loads(out)
    assert entry["status"] == "bad-input" and entry["report"] is None


def test_sheet_option_and_every_sheet_by_default(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, score in (("甲", 90), ("乙", 80)):
        ws = wb.create_sheet(name)
        ws.append(HEADER.strip().split(","))
        ws.append(["产出指标", "数量指标", "培训", "≥10次", "12次", 90, score])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    code, out, _ = run("score", str(path), "--json")
    assert code == EXIT_OK
    entries = json.loads(out)
    assert [(e["source"], e["sheet"]) for e in entries] == [(f"{path}:甲", "甲"), (f"{path}:乙", "乙")]
    code, out, _ = run("score", str(path), "--sheet", "乙", "--json")
    assert code == EXIT_OK and json.loads(out)["rows"][0]["published"] == "80"
    code, _, err = run("score", str(path), "--sheet", "丙")
    assert code == EXIT_BAD_INPUT and "no sheet '丙'" in err


def test_control_characters_are_escaped(tmp_path: Path) -> None:
    f = tmp_path / "esc.csv"
    f.write_text(HEADER + "产出指标,数量指标,\x1b[2J\x1b]0;owned\x07甲,≥60项,64项,45,45\n"
                 "产出指标,数量指标,[red]乙[/red],≥60项,64项,45,45\n", encoding="utf-8")
    code, out, _ = run("score", str(f), "--plain")
    assert code == EXIT_OK
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J\\x1b]0;owned\\x07" in out
    from perfindicators._terminal import findings_table, report_tables

    form = pi.read_form(f)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200)
    for part in [*report_tables(form.score()), findings_table(form.audit())]:
        console.print(part)
    shown = buffer.getvalue()
    assert "\x1b[2J" not in shown and "\x1b]0;" not in shown and "\x07" not in shown
    assert "\\x1b[2J" in shown and "[red]乙[/red]" in shown  # shown escaped; never markup


def test_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    paths = [str(pi.write_form(SEED, tmp_path / f"f{i}.csv")) for i in range(30)]
    process = subprocess.Popen(
        [sys.executable, "-c", "from perfindicators.cli import main; main()", "audit", *paths,
         "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()  # like `| head -c 100`
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_OK
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err
