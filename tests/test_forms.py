"""Whole forms: the seed example, files, scoring, audit findings, the corpus."""

from __future__ import annotations

import collections
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import perfindicators as pi
from perfindicators.cli import cli
from perfindicators.forms import (
    Budget,
    BudgetLine,
    Form,
    FormReadError,
    Indicator,
    Project,
    form_from_dict,
    read_frame,
    to_frame,
)
from perfindicators.forms.audit import CODES, classify

D = Decimal
SEED = pi.examples.load("zgc-2021")


def codes(findings: list[pi.Finding]) -> collections.Counter[str]:
    return collections.Counter(f.code for f in findings)


# ---- the seed example --------------------------------------------------------------------------

def test_seed_budget_block() -> None:
    report = SEED.score()
    assert report.budget.rate == D("88.26")
    assert report.budget.score is not None and report.budget.score.points == D("8.83")
    assert report.budget.published_rate == D("88.26")
    assert report.budget.published_score == D("8.83")


def test_seed_totals_and_audit_says_so() -> None:
    report = SEED.score()
    assert report.published_sum == report.published_total == D("94.23")
    assert report.rule_total == D("97.83") and report.grade == "优"
    findings = SEED.audit()
    (consistent,) = [f for f in findings if f.code == "total-consistent"]
    assert "94.23" in consistent.en
    (rule,) = [f for f in findings if f.code == "rule-total"]
    assert "97.83" in rule.en and "94.23" in rule.en
    assert not [f for f in findings if f.severity == "error"]


def test_seed_departures_are_listed_with_their_notes() -> None:
    findings = [f for f in SEED.audit() if f.code == "score-differs"]
    by_row = {f.row: f for f in findings}
    # row 21 (未进行资金支持, published 0) now agrees with the rule: nothing done is not met
    assert sorted(by_row) == [3, 5, 23, 24, 25, 27]
    assert by_row[3].indicator == "支持知识产权专业机构" and "published 2.5, rule 3" in by_row[3].en
    assert by_row[5].indicator == "支持中关村标准项目" and "published 1.5, rule 2" in by_row[5].en
    assert by_row[23].indicator == "成本测算" and "published 1, rule 2" in by_row[23].en
    for row in (24, 25, 27):  # the 效益 rows docked for targets set too low
        assert by_row[row].note and "偏低" in by_row[row].note
    assert {f.classification for f in findings} == {"discretionary"}
    assert all(f.note for f in findings)


def test_seed_over_achieved_rows_reported_as_inconsistent() -> None:
    findings = SEED.audit()
    rows = {f.row for f in findings if f.code == "inconsistent-treatment" and f.row}
    assert rows == {2, 6, 26, 28}  # e.g. 151 of ≥60 projects: full marks
    (summary,) = [f for f in findings if f.code == "inconsistent-treatment" and f.row is None]
    assert "docked in rows 5, 24, 25, 27" in summary.en
    unexplained = {f.row for f in findings if f.code == "over-achieved-unexplained"}
    assert unexplained == {2, 6, 26, 28}


def test_seed_groups() -> None:
    groups = {(g.level1, g.level2): g for g in SEED.score().groups}
    assert groups[("产出指标", None)].weight == 50
    assert groups[("产出指标", None)].published == D("47.0")
    assert groups[("效益指标", None)].published == D("28.4")
    assert groups[("产出指标", "成本指标")].weight == 10
    assert groups[("产出指标", "成本指标")].rule == D(9)  # row 21: nothing done, 0 of 1


# ---- files --------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".csv", ".tsv", ".xlsx"])
def test_round_trip_through_files(tmp_path: Path, suffix: str) -> None:
    path = pi.write_form(SEED, tmp_path / f"zgc{suffix}")
    again = pi.read_form(path)
    assert again.indicators == SEED.indicators
    assert again.project == SEED.project
    assert again.budget.total == SEED.budget.total
    assert again.total_score == D("94.23")
    assert again.score().rule_total == SEED.score().rule_total


def test_write_never_overwrites_by_accident(tmp_path: Path) -> None:
    path = pi.write_form(SEED, tmp_path / "zgc.csv")
    with pytest.raises(FileExistsError):
        pi.write_form(SEED, path)
    pi.write_form(SEED, path, overwrite=True)


def test_json_example_file_round_trips() -> None:
    data = json.loads(pi.examples.path("zgc-2021").read_text(encoding="utf-8"))
    assert form_from_dict(SEED.to_dict()) == SEED
    assert data["total"]["score"] == "94.23"


TOLERANT = """\
项目名称,示例项目,,,,,,,
年度,2022,,,,,,,
项目资金（万元）,年初预算数,全年预算数,全年执行数,分值,执行率,得分,,
年度资金总额,100,100,90,10,90%,9,,
,,,,,,,,
一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,自评得分
产出指标,数量指标,培训人次,≧,735,人次,735,40,40
,质量指标,合格率,═,100,%,98%,40,39.2
效益指标,社会效益指标,群众满意度,定性,优良中低差,,优,10,10
总分,,,,,,,100,98.2
"""


def test_tolerant_headers_and_split_targets(tmp_path: Path) -> None:
    f = tmp_path / "yunnan.csv"
    f.write_text(TOLERANT, encoding="utf-8")
    form = pi.read_form(f)
    assert [i.target for i in form.indicators] == ["≧ 735 人次", "═ 100 %", "定性 优良中低差"]
    assert form.indicators[1].level1 == "产出指标"  # merged cell filled from above
    assert form.project.year == 2022
    report = form.score()
    assert [r.rule for r in report.rows] == [D("40.00"), D("39.20"), D("10.00")]
    assert report.budget.score is not None and report.budget.score.points == D("9.00")
    assert report.rule_total == D("98.20") == report.published_total
    # its weights (产出 80, 效益 10, no 满意度) are not the central defaults: said, nothing else
    assert {x.code for x in form.audit() if x.severity != "info"} == {"level1-weights"}


BAD = """\
一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分
产出指标,数量指标,甲,≥60项,64项,三,3
产出指标,数量指标,乙,≥,64项,3,3
产出指标,数量指标,丙,≥60项,64项,3,x
"""


def test_malformed_file_reports_every_problem_and_leaves_the_input(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(BAD, encoding="utf-8")
    before = f.read_bytes()
    with pytest.raises(FormReadError) as info:
        pi.read_form(f, strict=True)
    err = info.value
    assert isinstance(err, ValueError)
    places = [(p.row, p.column) for p in err.problems]
    assert places == [(2, "6 (分值)"), (3, "4 (年度指标值)"), (4, "7 (得分)")]
    assert "number is missing" in str(err)
    # without strict, the same problems stay with their rows and the form is read
    form = pi.read_form(f)
    assert [[(p.row, p.column) for p in i.problems] for i in form.indicators] == [
        [(2, "6 (分值)")], [(3, "4 (年度指标值)")], [(4, "7 (得分)")]]
    assert [(p.row, p.column) for p in form.problems] == places
    assert f.read_bytes() == before


def test_missing_column(tmp_path: Path) -> None:
    f = tmp_path / "nocol.csv"
    f.write_text("一级指标,二级指标,三级指标,年度指标值,得分\n产出指标,数量指标,甲,≥60项,3\n",
                 encoding="utf-8")
    with pytest.raises(FormReadError, match="no column 实际完成值, 分值") as info:
        pi.read_form(f)
    assert info.value.problems[0].row == 1


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    f = tmp_path / "fake.xlsx"
    f.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(FormReadError, match="not an XLSX workbook"):
        pi.read_form(f)
    assert f.read_text(encoding="utf-8") == "not a workbook"


def test_xlsx_errors_name_sheet_and_cell(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in BAD.splitlines():
        ws.append(row.split(","))
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(FormReadError) as info:
        pi.read_form(tmp_path / "bad.xlsx", strict=True)
    first = info.value.problems[0]
    assert (first.sheet, first.row, first.column) == ("自评表", 2, "F (分值)")


def test_unknown_file_type(tmp_path: Path) -> None:
    f = tmp_path / "form.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(FormReadError, match="unknown file type"):
        pi.read_form(f)


def test_dataframe_round_trip() -> None:
    frame = to_frame(SEED)
    assert list(frame.columns)[:4] == ["level1", "level2", "level3", "target"]
    again = read_frame(frame, project=SEED.project, budget=SEED.budget)
    assert again.indicators == SEED.indicators
    report = SEED.score().to_dataframe()
    assert report["published"].sum() == D("85.4")  # the indicator rows; + 8.83 budget = 94.23


# ---- findings on made-up forms ----------------------------------------------------------------

def form_of(*rows: tuple[str, str, str, str, str, str], total: str | None = None,
            budget: tuple[str, str, str, str, str] | None = ("100", "90", "10", "90", "9"),
            ) -> Form:
    lines = []
    if budget:
        full, executed, weight, rate, score = budget
        lines = [BudgetLine("年度资金总额", full, full, executed, weight, rate, score)]
    inds = [Indicator("产出指标", level2, name, target, actual, weight, score, note="")
            for level2, name, target, actual, weight, score in rows]
    return Form(Project("测试"), Budget(lines), indicators=inds, total_weight="100",
                total_score=total)


def test_findings_on_a_sloppy_form() -> None:
    form = form_of(
        ("数量指标", "甲", "≥60项", "30项", "30", "30"),  # not met, full marks
        ("数量指标", "乙", "≥60项", "64项", "30", "25"),  # met, docked, no note
        ("质量指标", "丙", "效果明显", "达成预期指标", "20", "12"),  # below the 达成 band
        ("数量指标", "丁", "≥10项", "14项", "10", "11"),  # above its weight
        total="80", budget=("100", "90", "10", "95", "9.9"))
    found = codes(form.audit())
    for code in ("full-marks-not-met", "docked-without-note", "qualitative-out-of-band",
                 "score-above-weight", "total-mismatch", "execution-rate", "budget-score",
                 "level1-weights"):
        assert found[code] >= 1, code
    assert found["weights-sum"] == 0  # 90 + 10


def test_weights_that_do_not_add_up() -> None:
    form = form_of(("数量指标", "甲", "≥60项", "64项", "80", "80"))
    assert codes(form.audit())["weights-sum"] == 1


def test_not_applicable_rows_are_dropped_and_rescaled() -> None:
    form = form_of(("数量指标", "甲", "≥60项", "64项", "45", "45"),
                   ("数量指标", "乙", "≥10项", "不适用", "45", ""),
                   budget=("100", "100", "10", "100", "10"))
    report = form.score()
    assert report.dropped_weight == 45
    assert report.rule_total == D("100.00")  # 55 of 55 applicable points, rescaled


@pytest.mark.parametrize(
    ("rule", "published", "note", "kind"),
    [("1.95", "1.9", "", "truncation"), ("1.946", "1.95", "", "rounding"),
     ("4.99", "5", "", "rounding"), ("2", "1.5", "预测偏低", "discretionary"),
     ("1.694", "1.9", "", "inconsistent"), ("2", "1", "", "inconsistent"),
     ("1.897", "1.8", "", "truncation")],
)
def test_classification(rule: str, published: str, note: str, kind: str) -> None:
    assert classify(D(rule), D(published), note) == kind


def test_every_code_is_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "forms.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc, code


# ---- the CLI ------------------------------------------------------------------------------------

def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_score_example() -> None:
    code, out, _ = run("score", "--example", "zgc-2021")
    assert code == 0
    assert "rule total 规则总分: 97.83 (优)" in out
    assert "published total 公布总分: 94.23 (优)" in out
    assert "88.26%" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_on_files_written_by_a_test(tmp_path: Path, suffix: str) -> None:
    path = pi.write_form(SEED, tmp_path / f"form{suffix}")
    code, out, _ = run("score", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["rule_total"] == "97.83" and data["published_total"] == "94.23"
    code, out, _ = run("audit", str(path), "--json")
    assert code == 0
    assert {f["code"] for f in json.loads(out)} >= {"total-consistent", "score-differs"}


def test_cli_unreadable_file_exits_2_with_the_place(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(BAD, encoding="utf-8")
    for command in ("score", "audit"):
        code, _, err = run(command, str(f))
        assert code == 2
        assert "row 2, column 6 (分值)" in err


def test_cli_needs_a_file_or_an_example() -> None:
    code, _, _ = run("score")
    assert code == 2


# ---- the corpus ----------------------------------------------------------------------------------

def corpus_forms(rows: list[dict[str, str]]) -> list[Form]:
    """One form per source, from the rows that have a target, actual, weight and score."""
    by_source: dict[str, list[Indicator]] = collections.defaultdict(list)
    years: dict[str, int | None] = {}
    for n, r in enumerate(rows, start=2):
        if not all(r[k].strip() for k in ("target", "actual", "weight", "score")):
            continue
        years[r["source_url"]] = int(r["form_year"]) if r["form_year"].isdigit() else None
        by_source[r["source_url"]].append(Indicator(
            r["level1"], r["level2"], r["indicator"], r["target"], r["actual"], r["weight"],
            r["score"], r["note"], row=n))
    return [Form(Project(url, year=years[url]), indicators=inds, source=url)
            for url, inds in by_source.items()]


def test_corpus_rows_score_and_reconcile(corpus_rows: list[dict[str, str]]) -> None:
    forms = corpus_forms(corpus_rows)
    assert len(forms) >= 10
    rows = equal = 0
    kinds: collections.Counter[str] = collections.Counter()
    for form in forms:
        report = form.score()
        findings = form.audit()
        for r in report.rows:
            rows += 1
            if r.rule is not None and r.rule == r.published:
                equal += 1
        kinds.update(f.classification for f in findings if f.code == "score-differs")
    assert rows >= 90
    assert equal / rows > 0.5
    assert sum(kinds.values()) + equal <= rows


# ---- regressions found in a new user's trial ----------------------------------------------

def test_xlsx_percentages_and_dates_read_as_people_see_them(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append(["年度资金总额", 200, 200, 179.43, 10, 0.89715, 8.97])
    ws["F2"].number_format = "0.00%"
    ws.append([])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["满意度指标", "服务对象满意度指标", "家长满意度", "≥95%", 0.8826, 10, 9.29])
    ws["E5"].number_format = "0.00%"
    ws.append(["产出指标", "时效指标", "完成时间", datetime.datetime(2022, 12, 31),
               datetime.datetime(2022, 11, 30), 10, 10])
    wb.save(tmp_path / "f.xlsx")
    form = pi.read_form(tmp_path / "f.xlsx")
    assert form.indicators[0].actual == "88.26%"
    assert form.indicators[1].target == "2022年12月31日"
    report = form.score()
    assert [r.rule for r in report.rows] == [D("9.29"), D("10.00")]
    assert report.budget.published_rate == D("89.715")
    assert "execution-rate" not in codes(form.audit())


TWO_ROW_HEADER = """\
项目支出绩效自评表,,,,,,
（2022年度）,,,,,,
绩效指标,,,年度指标值,实际完成值,分值,得分
一级指标,二级指标,三级指标,,,,
产出指标,成本指标,项目成本,20万元,25万元,50,40
,时效指标,完成时间,12月底前,2023年1月5日,40,40
"""


def test_two_row_header_and_title_year(tmp_path: Path) -> None:
    f = tmp_path / "two.csv"
    f.write_text(TWO_ROW_HEADER, encoding="utf-8")
    form = pi.read_form(f)
    assert form.year == 2022
    assert [(i.level1, i.level2, i.level3) for i in form.indicators] == [
        ("产出指标", "成本指标", "项目成本"), ("产出指标", "时效指标", "完成时间")]
    report = form.score()
    assert [r.rule for r in report.rows] == [D("40.00"), D("0.00")]  # a cost ceiling; late


def test_header_only_file_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n", encoding="utf-8")
    with pytest.raises(FormReadError, match="no rows"):
        pi.read_form(f)


def test_budget_block_ends_at_the_goals(tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text(
        "项目资金（万元）,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n"
        "年度资金总额,100,100,90,10,90%,9\n"
        "其他资金,,,,,,\n"
        "年度总体目标,预期目标,,,实际完成情况,,\n"
        ",完成培训,,,已完成,,\n"
        "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
        "产出指标,数量指标,培训,≥10次,12次,90,90\n", encoding="utf-8")
    form = pi.read_form(f)
    assert form.goals.expected == "完成培训" and form.goals.actual == "已完成"
    assert form.budget.total is not None and form.budget.total.executed == 90


def test_no_budget_block_no_budget_weight() -> None:
    form = form_of(("数量指标", "甲", "≥60项", "64项", "90", "90"), total="90", budget=None)
    object.__setattr__(form, "total_weight", D(90))
    found = codes(form.audit())
    assert found["weights-sum"] == 0 and found["level1-weights"] >= 1
    assert "no budget block" in str(form.score())


def test_strict_comparator_full_marks_is_not_an_error() -> None:
    form = form_of(("数量指标", "丙", ">90%", "90%", "90", "90"))
    assert codes(form.audit())["full-marks-not-met"] == 0  # the rules give full marks too


def test_rows_needing_judgement_are_classified_as_such() -> None:
    form = form_of(("数量指标", "甲", "应助尽助", "9", "90", "90"))
    (differs,) = [f for f in form.audit() if f.code == "score-differs"]
    assert differs.classification == "judgement"
    assert "need a judgement" in str(form.score())


def test_footnote_only_when_something_differs() -> None:
    form = form_of(("数量指标", "甲", "≥60项", "64项", "90", "90"))
    assert "differs" not in str(form.score())


def test_weights_written_with_fen(tmp_path: Path) -> None:
    f = tmp_path / "fen.csv"
    f.write_text("一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
                 "产出指标,数量指标,甲,≥60项,64项,3分,3分\n", encoding="utf-8")
    assert pi.read_form(f).indicators[0].weight == 3


def test_corpus_budget_rows(corpus_rows: list[dict[str, str]]) -> None:
    """Every published budget block scores; the computed rate agrees with the published one
    wherever the form wrote it as a percentage, to the precision it was written in."""
    from .conftest import SHARED, read_tsv

    rows = read_tsv(SHARED / "corpus" / "published-budget-rows.tsv")
    agree = disagree = 0
    for r in rows:
        s = pi.score_budget(r["full_year_budget"] or r["initial_budget"], r["executed"],
                            r["weight"] or None)
        assert D(0) <= s.points <= s.weight
        rate = r["rate"].strip()
        if rate.endswith("%"):
            published = D(rate.rstrip("%"))
            places = -published.as_tuple().exponent  # type: ignore[operator]
            outcome = s.outcome
            assert outcome is not None and outcome.ratio is not None
            computed = (outcome.ratio * 100).quantize(D(1).scaleb(-places), rounding="ROUND_DOWN")
            if abs(computed - published) <= D(1).scaleb(-places):
                agree += 1
            else:
                disagree += 1
    assert agree >= 14 and disagree == 0
