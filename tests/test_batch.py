"""pi.score_forms and run_batch: many forms in worker processes, every bad file in failures,
tidy tables with stable names and exact decimals, written for DuckDB, Spark and Excel."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import perfindicators as pi
from perfindicators.batch import FORMATS, TABLES, outputs, run_batch, schemas

SEED = pi.examples.data("zgc-2021")
DEC = pa.decimal128(18, 6)

COLUMNS = {
    "forms": ["form_id", "path", "folder", "title", "project", "department", "implementer",
              "year", "scheme", "indicator_rows", "scored_rows", "rule_total", "grade",
              "published_total", "published_grade", "difference", "budget", "executed",
              "budget_rate", "budget_score", "published_budget_rate", "published_budget_score",
              "dropped_weight", "findings", "warnings", "errors"],
    "rows": ["form_id", "path", "row", "level1", "level2", "level3", "target", "actual",
             "weight", "rule_score", "published_score", "difference", "met", "status",
             "policy", "flags", "explanation", "note", "error"],
    "findings": ["form_id", "path", "code", "severity", "row", "indicator", "classification",
                 "zh", "en", "note"],
    "failures": ["form_id", "path", "stage", "error_type", "sheet", "row", "column",
                 "message"],
}


def _forms(folder: Path, n: int = 12) -> tuple[list[Path], set[str]]:
    """*n* good forms in two province folders (JSON, CSV and XLSX), and four bad files."""
    good = []
    for i in range(n):
        data = json.loads(json.dumps(SEED))
        data["project"]["name"] = f"项目{i}"
        data["indicators"][0]["actual"] = f"{100 + i}项"
        province = ("北京", "湖北")[i % 2]
        p = folder / province / f"f{i}.json"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        good.append(p)
    form = pi.examples.load("zgc-2021")
    good.append(pi.write_form(form, folder / "北京" / "as.csv"))
    good.append(pi.write_form(form, folder / "湖北" / "as.xlsx"))
    bad = folder / "bad"
    bad.mkdir()
    (bad / "cut.json").write_text(json.dumps(SEED, ensure_ascii=False)[:500], encoding="utf-8")
    two = json.loads(json.dumps(SEED))
    two["indicators"][1]["target"] = "≥"
    two["indicators"][4]["weight"] = "三分"
    (bad / "two-problems.json").write_text(json.dumps(two, ensure_ascii=False), "utf-8")
    (bad / "empty.csv").write_text("", encoding="utf-8")
    (bad / "not-a-workbook.xlsx").write_bytes(b"PK not really")
    bad_files = {str(bad / n) for n in ("cut.json", "two-problems.json", "empty.csv",
                                        "not-a-workbook.xlsx")}
    return good, bad_files


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("province")
    _forms(root)
    return root


@pytest.fixture(scope="module")
def one(folder: Path) -> pi.BatchResult:
    return pi.score_forms(folder, workers=1)


def test_every_good_form_scored_every_bad_file_listed(one: pi.BatchResult, folder: Path) -> None:
    # two-problems.json reads with two unreadable cells: its other rows are scored (rows, not
    # forms, fail), and both cells are in failures with their places
    assert one.files == 18 and one.scored == 15 and one.failed == 3 and one.partial == 1
    failures = one.failures.to_pylist()
    assert {f["path"] for f in failures} == {str(folder / "bad" / n) for n in (
        "cut.json", "two-problems.json", "empty.csv", "not-a-workbook.xlsx")}
    two = [f for f in failures if f["path"].endswith("two-problems.json")]
    assert len(two) == 2  # each problem of the file, with its place
    assert {f["column"] for f in two} == {"$.indicators[1].target", "$.indicators[4].weight"}
    assert all(f["stage"] == "cells" for f in two)
    assert all(f["stage"] == "read" and f["message"] for f in failures if f not in two)
    read = [p for p in pi.batch.expand(folder)
            if "bad" not in p or p.endswith("two-problems.json")]
    findings = sum(len(pi.read_form(p).audit()) for p in read)
    rows = sum(len(pi.read_form(p).indicators) for p in read)
    assert str(one) == (f"18 file(s): 15 scored (1 with unreadable cells), 3 failed; "
                        f"{rows} rows, {findings} findings")
    assert one.findings.num_rows == findings


def test_tables_have_stable_names_and_exact_decimals(one: pi.BatchResult) -> None:
    for name in TABLES:
        table = one.tables()[name]
        assert table.column_names == COLUMNS[name]
        assert table.schema == schemas()[name]
    assert one.forms.schema.field("rule_total").type == DEC
    assert one.rows.schema.field("rule_score").type == DEC
    seed = pi.examples.load("zgc-2021").score()
    forms = one.forms.to_pylist()
    csv_form = next(f for f in forms if f["path"].endswith("as.csv"))
    assert csv_form["rule_total"] == seed.rule_total == Decimal("97.83")
    assert csv_form["published_total"] == Decimal("94.23")
    assert csv_form["difference"] == Decimal("-3.60")
    assert csv_form["budget_rate"] == Decimal("88.26") and csv_form["grade"] == "优"
    rows = [r for r in one.rows.to_pylist() if r["form_id"] == csv_form["form_id"]]
    assert [r["rule_score"] for r in rows] == [r.rule for r in seed.rows]
    assert [r["met"] for r in rows] == [r.score.met for r in seed.rows]
    assert {f["folder"] for f in forms} == {"北京", "湖北", "bad"}  # bad/two-problems.json, partly


def test_form_ids_follow_the_sorted_paths(one: pi.BatchResult) -> None:
    paths = pi.batch.expand(Path(one.forms.column("path")[0].as_py()).parents[1])
    ids = dict(zip(one.forms.column("path").to_pylist(), one.forms.column("form_id").to_pylist(),
                   strict=True))
    assert all(paths[i] == p for p, i in ids.items())


@pytest.mark.slow
def test_two_worker_processes_give_the_same_tables(one: pi.BatchResult, folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    two = pi.score_forms(folder, workers=2, progress=lambda d, t: seen.append((d, t)))
    for name in TABLES:
        assert two.tables()[name].equals(one.tables()[name]), name
    assert seen[-1] == (18, 18) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_parquet_that_duckdb_reads(one: pi.BatchResult, folder: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    result = run_batch(folder, tmp_path / "results.parquet", workers=1)
    assert [p.name for p in result.written] == [f"results.{n}.parquet" for n in TABLES]
    forms = tmp_path / "results.forms.parquet"
    assert pq.read_table(forms).equals(one.forms)
    got = duckdb.sql(f"SELECT folder AS province, count(*) AS n, "
                     f"sum(rule_total) / count(*) AS rule FROM '{forms}' GROUP BY 1 "
                     f"ORDER BY 1").fetchall()
    assert [g[:2] for g in got] == [("bad", 1), ("北京", 7), ("湖北", 7)]
    assert duckdb.sql(f"DESCRIBE SELECT rule_total FROM '{forms}'").fetchall()[0][1] == \
        "DECIMAL(18,6)"
    failures = duckdb.sql(f"SELECT count(DISTINCT path) FROM "
                          f"'{tmp_path / 'results.failures.parquet'}'").fetchall()
    assert failures == [(4,)]
    with pytest.raises(FileExistsError):
        run_batch(folder, tmp_path / "results.parquet", workers=1)


def test_duckdb_database(one: pi.BatchResult, folder: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    run_batch(folder, tmp_path / "r.duckdb", workers=1)
    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
    assert con.sql("SELECT count(*) FROM rows").fetchall() == [(one.rows.num_rows,)]
    assert one.rows.num_rows == 15 * 29  # every form's 29 rows, the partly read one's too
    assert con.sql("SELECT sum(rule_score) FROM rows WHERE path LIKE '%as.csv'").fetchall() == \
        [(Decimal("89.000000"),)]
    assert {r[0] for r in con.sql("SHOW TABLES").fetchall()} == set(TABLES)


def test_csv_keeps_the_digits(one: pi.BatchResult, folder: Path, tmp_path: Path) -> None:
    run_batch(folder, tmp_path / "r.csv", workers=1)
    text = (tmp_path / "r.forms.csv").read_text(encoding="utf-8-sig")
    assert "97.830000" in text and "中关村" in text
    assert (tmp_path / "r.forms.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_text_is_text_never_a_formula(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = json.loads(json.dumps(SEED))
    data["project"]["name"] = "=HYPERLINK(\"http://x\",\"click\")"
    data["indicators"][0]["note"] = "=1+1"
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "f.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    run_batch(tmp_path / "forms", tmp_path / "r.xlsx", workers=1)
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == list(TABLES)
    forms = wb["forms"]
    header = [c.value for c in forms[1]]
    assert header == COLUMNS["forms"]
    project = forms.cell(2, header.index("project") + 1)
    assert project.value.startswith("=HYPERLINK") and project.data_type == "s"
    rows = wb["rows"]
    note = rows.cell(2, COLUMNS["rows"].index("note") + 1)
    assert note.value == "=1+1" and note.data_type == "s"
    total = forms.cell(2, header.index("rule_total") + 1).value
    assert Decimal(str(total)) == Decimal("97.83")


def test_unknown_output_is_refused_before_any_work(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(pi.PerfIndicatorError, match="use one of"):
        run_batch(folder, tmp_path / "r.txt", workers=1)
    assert outputs("x.duckdb") == [Path("x.duckdb")] and ".xlsx" in FORMATS


def test_a_missing_path_is_a_failure_not_silence(tmp_path: Path) -> None:
    result = pi.score_forms([tmp_path / "nope.json"], workers=1)
    assert result.failed == 1 and result.failures.column("message").to_pylist() == ["no such file"]
