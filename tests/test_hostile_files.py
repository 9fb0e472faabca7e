"""Hostile and broken files (issue #10): every outcome is a read form or a `FormReadError` with
its places — never another exception — and reading stays within a memory bound.

The files are made here: careless ones (a directory, an empty file, binary junk, a CSV cell
over 128 KB, JSON of the wrong shape) and hostile ones (a workbook with entity declarations, a
false dimension, a zip bomb). Memory is measured with ``tracemalloc`` around the read only.
"""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import perfindicators as pi
from perfindicators.cli import cli
from perfindicators.forms import Form, FormReadError

HEADER = "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
ROW = "产出指标,数量指标,甲,≥60项,64项,90,90\n"
MB = 1024 * 1024


def small_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in (HEADER + ROW).splitlines():
        ws.append(line.split(","))
    wb.save(path)
    return path


def rewrite_sheet(path: Path, edit: Callable[[str], str]) -> Path:
    """The workbook with its first sheet's XML edited."""
    out = path.with_name("edited-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return out


# ---- the hostile files --------------------------------------------------------------------

def directory(tmp: Path) -> Path:
    (tmp / "forms.csv").mkdir()
    return tmp / "forms.csv"


def empty_csv(tmp: Path) -> Path:
    (tmp / "empty.csv").write_bytes(b"")
    return tmp / "empty.csv"


def empty_json(tmp: Path) -> Path:
    (tmp / "empty.json").write_bytes(b"")
    return tmp / "empty.json"


def empty_xlsx(tmp: Path) -> Path:
    (tmp / "empty.xlsx").write_bytes(b"")
    return tmp / "empty.xlsx"


def junk_csv(tmp: Path) -> Path:
    (tmp / "junk.csv").write_bytes(bytes(range(256)) * 40)
    return tmp / "junk.csv"


def nul_csv(tmp: Path) -> Path:
    (tmp / "nul.csv").write_bytes((HEADER + ROW).encode() + b"\x00\x00,\x00\n")
    return tmp / "nul.csv"


def long_cell_csv(tmp: Path) -> Path:
    (tmp / "long.csv").write_text(HEADER + '产出指标,数量指标,"' + "甲" * 140_000 + '",≥60项,64项,9,9\n',
                                  encoding="utf-8")
    return tmp / "long.csv"


def many_rows_csv(tmp: Path) -> Path:
    (tmp / "rows.csv").write_text(HEADER + ROW * 25_000, encoding="utf-8")
    return tmp / "rows.csv"


def wide_csv(tmp: Path) -> Path:
    (tmp / "wide.csv").write_text(HEADER + ROW.strip() + ",x" * 1000 + "\n", encoding="utf-8")
    return tmp / "wide.csv"


def no_table_csv(tmp: Path) -> Path:
    (tmp / "text.csv").write_text("这是一封信，不是表格\n谢谢\n", encoding="utf-8")
    return tmp / "text.csv"


def escapes_csv(tmp: Path) -> Path:
    (tmp / "esc.csv").write_text(HEADER + "产出指标,数量指标,\x1b[2J\x1b]0;pwned\x07甲,≥60项,64项,90,90\n",
                                 encoding="utf-8")
    return tmp / "esc.csv"


def deep_json(tmp: Path) -> Path:
    (tmp / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return tmp / "deep.json"


def deep_inside_json(tmp: Path) -> Path:
    (tmp / "deepin.json").write_text('{"indicators": [{"target": ' + "[" * 5000 + "]" * 5000
                                     + "}]}", encoding="utf-8")
    return tmp / "deepin.json"


def budget_list_json(tmp: Path) -> Path:
    (tmp / "budget.json").write_text('{"budget": [], "indicators": []}', encoding="utf-8")
    return tmp / "budget.json"


def typed_json(tmp: Path) -> Path:
    (tmp / "typed.json").write_text(json.dumps({"year": "2021", "indicators": [
        {"target": "≥60项", "actual": 64, "weight": "1e999999", "score": None}]}),
        encoding="utf-8")
    return tmp / "typed.json"


def list_json(tmp: Path) -> Path:
    (tmp / "list.json").write_text("[1, 2]", encoding="utf-8")
    return tmp / "list.json"


def gbk_json(tmp: Path) -> Path:
    (tmp / "gbk.json").write_bytes('{"title": "项目"}'.encode("gbk"))
    return tmp / "gbk.json"


def nan_json(tmp: Path) -> Path:
    (tmp / "nan.json").write_text('{"indicators": [{"target": "≥60项", "weight": NaN}]}',
                                  encoding="utf-8")
    return tmp / "nan.json"


def not_a_zip(tmp: Path) -> Path:
    (tmp / "fake.xlsx").write_text("PK but not really", encoding="utf-8")
    return tmp / "fake.xlsx"


def zip_without_workbook(tmp: Path) -> Path:
    with zipfile.ZipFile(tmp / "bare.xlsx", "w") as z:
        z.writestr("hello.txt", "hi")
    return tmp / "bare.xlsx"


def dtd_workbook(tmp: Path) -> Path:
    laughs = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return rewrite_sheet(small_workbook(tmp / "dtd.xlsx"), lambda x: laughs + x.replace(
        "</sheetData>", '<row r="3"><c r="A3" t="inlineStr"><is><t>&c;</t></is></c></row>'
        "</sheetData>"))


def false_dimension(tmp: Path) -> Path:
    return rewrite_sheet(small_workbook(tmp / "dim.xlsx"),
                         lambda x: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"',
                                          x))


def far_row(tmp: Path) -> Path:
    return rewrite_sheet(small_workbook(tmp / "far.xlsx"), lambda x: x.replace(
        "</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c>'
        "</row></sheetData>"))


def far_column(tmp: Path) -> Path:
    return rewrite_sheet(small_workbook(tmp / "farcol.xlsx"), lambda x: x.replace(
        "</row>", '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1))


def long_cell_workbook(tmp: Path) -> Path:
    return rewrite_sheet(small_workbook(tmp / "longcell.xlsx"), lambda x: x.replace(
        "</sheetData>", '<row r="3"><c r="A3" t="inlineStr"><is><t>' + "x" * 200_000
        + "</t></is></c></row></sheetData>"))


def zip_bomb(tmp: Path) -> Path:
    path = small_workbook(tmp / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open(
            "xl/media/zeros.bin", "w") as f:
        chunk = b"\0" * MB
        for _ in range(200):
            f.write(chunk)
    return path


def formula_error(tmp: Path) -> Path:
    return rewrite_sheet(small_workbook(tmp / "err.xlsx"), lambda x: x.replace(
        "</sheetData>", '<row r="3"><c r="A3" t="inlineStr"><is><t>产出指标</t></is></c>'
        '<c r="D3" t="inlineStr"><is><t>≥1项</t></is></c><c r="E3" t="inlineStr"><is><t>1项'
        '</t></is></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>'))


def unknown_suffix(tmp: Path) -> Path:
    (tmp / "form.pdf").write_bytes(b"%PDF-1.4")
    return tmp / "form.pdf"


def no_suffix(tmp: Path) -> Path:
    (tmp / "form").write_text(HEADER + ROW, encoding="utf-8")
    return tmp / "form"


HOSTILE = [directory, empty_csv, empty_json, empty_xlsx, junk_csv, nul_csv, long_cell_csv,
           many_rows_csv, wide_csv, no_table_csv, escapes_csv, deep_json, deep_inside_json,
           budget_list_json, typed_json, list_json, gbk_json, nan_json, not_a_zip,
           zip_without_workbook, dtd_workbook, false_dimension, far_row, far_column,
           long_cell_workbook, zip_bomb, formula_error, unknown_suffix, no_suffix]
#: what reading may take at most (the largest input above is 2.6 MB of CSV)
MEMORY = 60 * MB


def read_bounded(path: Path) -> tuple[Form | FormReadError, int]:
    tracemalloc.start()
    try:
        try:
            result: Form | FormReadError = pi.read_form(path)
        except FormReadError as e:
            result = e
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize("make", HOSTILE, ids=[f.__name__ for f in HOSTILE])
def test_a_form_or_a_form_read_error_with_places_within_a_memory_bound(
        tmp_path: Path, make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    result, peak = read_bounded(path)
    assert peak < MEMORY, f"{peak / MB:.1f} MB"
    if isinstance(result, FormReadError):
        assert result.path == str(path) and result.problems
        assert all(p.message and "Traceback" not in p.message for p in result.problems)
        assert str(path) in str(result)
    else:
        # a read form: every unreadable cell is kept with its place
        assert all(p.row is not None and p.column for p in result.problems)


EXPECTED = {
    directory: "a directory", empty_csv: "no indicator table", empty_json: "not a JSON form",
    empty_xlsx: "not an XLSX workbook", nul_csv: "NUL", long_cell_csv: "longer than 128 KB",
    many_rows_csv: "more than 20000 rows", wide_csv: "more than 256 columns",
    no_table_csv: "no indicator table", deep_json: "nested too deeply",
    budget_list_json: "is not of type 'object'", list_json: "is not of type 'object'",
    gbk_json: "not UTF-8", not_a_zip: "not an XLSX workbook",
    zip_without_workbook: "not an XLSX workbook", dtd_workbook: "declares a DTD or entities",
    far_row: "more than 20000 rows", far_column: "more than 256 columns",
    zip_bomb: "zip bomb", unknown_suffix: "unknown file type", no_suffix: "unknown file type",
}


@pytest.mark.parametrize("make", list(EXPECTED), ids=[f.__name__ for f in EXPECTED])
def test_refused_with_a_clear_problem(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    result, _ = read_bounded(make(tmp_path))
    assert isinstance(result, FormReadError)
    assert EXPECTED[make] in str(result)


def test_the_places_of_cell_level_refusals(tmp_path: Path) -> None:
    long_error, _ = read_bounded(long_cell_csv(tmp_path))
    assert isinstance(long_error, FormReadError) and long_error.problems[0].row == 2
    far, _ = read_bounded(far_column(tmp_path))
    assert isinstance(far, FormReadError)
    assert (far.problems[0].row, far.problems[0].column) == (1, "XFD")


def test_files_that_read_with_their_problems_kept(tmp_path: Path) -> None:
    typed, _ = read_bounded(typed_json(tmp_path))  # "year": "2021" is a year; 1e999999 no weight
    assert isinstance(typed, Form) and typed.year == 2021
    assert [p.column for p in typed.indicators[0].problems] == ["$.indicators[0].weight"]
    nan, _ = read_bounded(nan_json(tmp_path))
    assert isinstance(nan, Form) and nan.indicators[0].problems
    err, _ = read_bounded(formula_error(tmp_path))
    assert isinstance(err, Form)
    (problem,) = err.indicators[1].problems
    assert (problem.row, problem.column) == (3, "F (分值)") and "#DIV/0!" in problem.message
    big, _ = read_bounded(long_cell_workbook(tmp_path))
    assert isinstance(big, Form) and big.problems[0].row == 3
    dim, peak = read_bounded(false_dimension(tmp_path))
    assert isinstance(dim, Form) and len(dim.indicators) == 1 and peak < 10 * MB


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.csv"
    path.write_text(HEADER + ROW, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(FormReadError, match="permission denied"):
        pi.read_form(path)


def test_a_json_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfindicators.forms import jsonfile

    monkeypatch.setattr(jsonfile, "MAX_JSON_BYTES", 1000)
    path = pi.write_form(pi.examples.load("zgc-2021"), tmp_path / "zgc.json")
    with pytest.raises(FormReadError, match="larger than"):
        pi.read_form(path)


def test_the_command_line_goes_through_every_hostile_file(tmp_path: Path) -> None:
    paths = [str(make(tmp_path / make.__name__)) for make in HOSTILE
             if (tmp_path / make.__name__).mkdir() is None]
    good = tmp_path / "good.csv"
    shutil.copy(pi.write_form(pi.examples.load("zgc-2021"), tmp_path / "zgc.csv"), good)
    result = CliRunner().invoke(cli, ["score", *paths, str(good), "--json"])
    assert result.exit_code == 2, result.output
    entries = json.loads(result.stdout)
    assert [e["source"] for e in entries] == [*paths, str(good)]
    assert entries[-1]["status"] == "ok" and entries[-1]["report"]["rule_total"] == "97.83"
    for e in entries[:-1]:
        assert e["status"] == "bad-input" or e["problems"] or e["report"] is not None
    assert "Traceback" not in result.stderr
    for p in paths:
        if not p.endswith(("esc.csv", "dim.xlsx")):
            assert p in result.stderr, p
