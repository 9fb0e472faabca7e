"""Forms as they are published (issue #10): every file read, nothing lost silently.

Each test builds the file it reads (with csv/openpyxl), shaped like the published forms and the
careless files of the issue, and checks the form read from it cell by cell.
"""

from __future__ import annotations

import csv
import datetime
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import perfindicators as pi
from perfindicators.forms import FormReadError, read_forms

D = Decimal
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def rows29() -> list[list[str]]:
    """29 rows of 3.45 points each would not add up; use 1 point each, scores 1."""
    return [["产出指标", "数量指标", f"指标{i}", f"≥{i + 1}项", f"{i + 2}项", "1", "1"]
            for i in range(29)]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def workbook(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None,
             title: str = "自评表") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)
    return path


# ---- silent loss ----------------------------------------------------------------------------

def test_a_stray_quote_is_an_error_with_its_row_not_one_row_read(tmp_path: Path) -> None:
    lines = [",".join(HEADER)] + [",".join(r) for r in rows29()]
    lines[4] = lines[4].replace("指标3", '"指标3', 1)  # the stray quote opens a cell at line 5
    f = tmp_path / "stray.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FormReadError) as info:
        pi.read_form(f)
    (problem,) = info.value.problems
    assert problem.row == 5 and "never closed" in problem.message
    # the same file without the stray quote: all 29 rows
    f.write_text("\n".join(lines).replace('"', "") + "\n", encoding="utf-8")
    assert len(pi.read_form(f).indicators) == 29


def test_a_stray_quote_that_closes_later_is_caught(tmp_path: Path) -> None:
    f = tmp_path / "swallow.csv"
    f.write_text(",".join(HEADER) + "\n"
                 '产出指标,数量指标,"甲,≥1项,2项,1,1\n'
                 "产出指标,数量指标,乙,≥1项,2项,1,1\n"
                 '产出指标,数量指标,丙",≥1项,2项,1,1\n', encoding="utf-8")
    with pytest.raises(FormReadError, match="stray quote") as info:
        pi.read_form(f)
    assert info.value.problems[0].row == 2


def test_a_quoted_multiline_note_is_read(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "note.csv", [[*HEADER, "偏差原因分析及改进措施"],
                                           ["产出指标", "数量指标", "甲", "≥1项", "2项", "1", "1",
                                            "第一行\n第二行"]])
    assert pi.read_form(f).indicators[0].note == "第一行\n第二行"


def test_text_after_a_closing_quote_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "after.csv"
    f.write_text(",".join(HEADER) + '\n产出指标,数量指标,"甲"乙,≥1项,2项,1,1\n',
                 encoding="utf-8")
    with pytest.raises(FormReadError, match="closing quote") as info:
        pi.read_form(f)
    assert info.value.problems[0].row == 2


def test_a_quoted_literal_percent_is_text_not_a_scale(tmp_path: Path) -> None:
    # 88.26 formatted 0.00"%" shows 88.26% (not 8826 %); 0.8826 formatted 0.00% shows the same
    f = workbook(tmp_path / "pct.xlsx", [HEADER, ["满意度指标", "服务对象满意度指标", "甲", "≥85%",
                                                   88.26, 10, 10],
                                          ["满意度指标", "服务对象满意度指标", "乙", "≥85%", 0.8826,
                                           10, 10],
                                          ["产出指标", "数量指标", "丙", "≥60项", 64, 10, 10]],
                 {"E2": '0.00"%"', "E3": "0.00%", "E4": '0"项"'})
    form = pi.read_form(f)
    assert [i.actual for i in form.indicators] == ["88.26%", "88.26%", "64项"]
    assert [r.outcome.met for r in form.score().rows if r.outcome] == [True, True, True]


def test_a_formula_without_a_saved_value_is_a_problem_naming_the_cell(tmp_path: Path) -> None:
    # openpyxl writes formulas without cached values, as scripts do
    f = workbook(tmp_path / "formula.xlsx", [HEADER, ["产出指标", "数量指标", "甲", "≥60项", "64项",
                                                       10, "=F2"],
                                              ["产出指标", "数量指标", "乙", "≥60项", "64项", 10, 10]])
    form = pi.read_form(f)
    (problem,) = form.indicators[0].problems
    assert (problem.sheet, problem.row, problem.column) == ("自评表", 2, "G (得分)")
    assert "formula (=F2) without a saved value" in problem.message
    assert form.indicators[1].problems == ()
    findings = form.audit()
    assert [(x.code, x.row) for x in findings if x.severity == "error"] == [("row-unreadable", 1)]
    with pytest.raises(FormReadError, match="without a saved value"):
        pi.read_form(f, strict=True)


def test_a_month_date_is_the_end_of_its_month(tmp_path: Path) -> None:
    f = workbook(tmp_path / "month.xlsx", [HEADER, ["产出指标", "时效指标", "完成时间", "2022年11月底前",
                                                     datetime.datetime(2022, 11, 1), 10, 10],
                                            ["产出指标", "时效指标", "验收", "2022年12月31日前",
                                             datetime.datetime(2023, 2, 1), 10, 0],
                                            ["产出指标", "时效指标", "拨付", "2022年12月31日前",
                                             datetime.datetime(2022, 12, 5), 10, 10]],
                 {"E2": 'yyyy"年"m"月"', "E3": "yyyy-mm", "E4": "yyyy/m/d"})
    form = pi.read_form(f)
    # November has 30 days, February 2023 has 28; a day format keeps its day
    assert [i.actual for i in form.indicators] == ["2022年11月30日", "2023年2月28日", "2022年12月5日"]


# ---- rows, not forms, fail ------------------------------------------------------------------

@pytest.mark.parametrize("target", ["28.8萬元 %", "≤28.40/株"])
def test_one_unreadable_target_marks_its_row_and_the_rest_is_scored(tmp_path: Path,
                                                                    target: str) -> None:
    rows = rows29()
    rows[6][3] = target
    f = write_csv(tmp_path / "one.csv", [HEADER, *rows])
    form = pi.read_form(f)
    assert len(form.indicators) == 29
    (problem,) = form.indicators[6].problems
    assert (problem.row, problem.column) == (8, "4 (年度指标值)")
    report = form.score()
    assert [r.state for r in report.rows].count("unreadable") == 1
    assert report.rows[6].score is None and all(r.score is not None for r in report.rows[7:])
    assert sum(r.rule for r in report.rows if r.rule is not None) == 28
    (found,) = [x for x in form.audit() if x.code == "row-unreadable"]
    assert found.row == 7 and "4 (年度指标值)" in found.en
    with pytest.raises(FormReadError):
        pi.read_form(f, strict=True)


def test_budget_amounts_and_weights_with_units(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "units.csv", [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "372.29万元", "10萬", "3,000,000元", "10分", "30%", "3"],
        [],
        HEADER, ["产出指标", "数量指标", "甲", "≥60项", "64项", "90分", "90"]])
    form = pi.read_form(f)
    line = form.budget.total
    assert line is not None and form.budget.unit == "万元"
    assert (line.initial, line.full_year, line.executed, line.weight) == (
        D("372.29"), D(10), D(300), D(10))
    assert form.problems == ()
    # the same amounts score_budget reads: 300 of 10 万元 is over-executed, full marks capped
    assert form.score().budget.score == pi.score_budget("10萬", "300", "10")


def test_a_block_in_yuan_converts_wan_yuan(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "yuan.csv", [
        ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数"],
        ["年度资金总额", "1.5万元", "15000", "12,000元"], [], HEADER,
        ["产出指标", "数量指标", "甲", "≥60项", "64项", "90", "90"]])
    line = pi.read_form(f).budget.total
    assert line is not None and (line.initial, line.full_year, line.executed) == (
        D(15000), D(15000), D(12000))


# ---- layouts in the wild --------------------------------------------------------------------

def test_inner_mongolia_split_template_keeps_both_sign_columns(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "nmg.csv", [
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位", "实际完成值",
         "分值", "得分"],
        ["产出指标", "数量指标", "培训人次", "定量", "正向", "735", "人次", "800人次", "50", "50"],
        ["产出指标", "质量指标", "投诉率", "定量", "反向", "5", "%", "3%", "40", "40"],
        ["效益指标", "社会效益指标", "知晓度", "定性", "", "明显提升", "", "达成预期指标", "10", "10"]])
    form = pi.read_form(f)
    assert [i.target for i in form.indicators] == ["正向 ≥ 735 人次", "反向 ≤ 5 %", "定性 明显提升"]
    rows = form.score().rows
    assert [str(r.score.outcome.target) for r in rows if r.score and r.score.outcome][:2] == [
        "≥735人次", "≤5%"]
    assert all(r.outcome is not None and r.outcome.met for r in rows)


def test_a_second_header_row_names_the_split_target_cells(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "two.csv", [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分"],
        ["", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
        ["产出指标", "数量指标", "培训", "≥", "10", "次", "12次", "90", "90"]])
    form = pi.read_form(f)
    assert form.indicators[0].target == "≥ 10 次"
    assert form.score().rows[0].rule == D("90.00")


def test_traditional_character_headers(tmp_path: Path) -> None:
    f = tmp_path / "big5.csv"
    f.write_bytes(("一級指標,二級指標,三級指標,年度指標值,實際完成值,分值,得分,偏差原因分析及改進措施\n"
                   "產出指標,數量指標,培訓,不少於10次,12次,90,90,無\n").encode("big5"))
    form = pi.read_form(f)
    ind = form.indicators[0]
    assert (ind.level1, ind.level3, ind.target, ind.note) == ("產出指標", "培訓", "不少於10次", "無")
    assert ind.weight == 90 and form.score().rows[0].rule == D("90.00")


def test_a_targets_table_without_actuals(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "plan.csv", [
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "培训", "≥10次", "50"],
        ["产出指标", "时效指标", "完成", "12月底前", "20"],
        ["效益指标", "社会效益指标", "影响", "推动行业高质量发展", "30"]])
    form = pi.read_form(f)
    assert form.targets_only and [i.weight for i in form.indicators] == [50, 20, 30]
    assert [str(i.parsed(2022).kind) for i in form.indicators] == ["comparison", "deadline",
                                                                   "statement"]
    findings = form.audit()
    assert [(x.code, x.row) for x in findings] == [("target-unmeasurable", 3)]
    report = form.score()  # nothing to score yet: said, not a total of 0 (差)
    assert {r.state for r in report.rows} == {"target-only"} and report.departures() == []
    assert "绩效目标表 targets only: 3 targets read" in str(report)
    assert "rule total" not in str(report)


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-8-sig", ";"), ("gb18030", ","), ("gbk", ";"),
    ("utf-8", "\t")])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [[*HEADER, "偏差原因分析及改进措施"]] + [[*r, "数据监控，预测偏低；今后改进"] for r in rows29()]
    f = write_csv(tmp_path / "enc.csv", rows, encoding=encoding, delimiter=delimiter)
    form = pi.read_form(f)
    assert len(form.indicators) == 29
    assert form.indicators[28].level3 == "指标28" and form.indicators[28].actual == "30项"
    assert form.indicators[0].note == "数据监控，预测偏低；今后改进"


def test_several_forms_in_one_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本工作簿含两个项目"])
    for name, target in (("项目甲", "≥10次"), ("项目乙", "≥20次")):
        ws = wb.create_sheet(name)
        ws.append(["项目名称", name])
        ws.append(HEADER)
        ws.append(["产出指标", "数量指标", "培训", target, "25次", 90, 90])
    wb.save(tmp_path / "two.xlsx")
    forms = read_forms(tmp_path / "two.xlsx")
    assert [(f.project.name, f.indicators[0].target) for f in forms] == [
        ("项目甲", "≥10次"), ("项目乙", "≥20次")]
    with pytest.raises(FormReadError, match="holds 2 forms"):
        pi.read_form(tmp_path / "two.xlsx")
    assert pi.read_form(tmp_path / "two.xlsx", sheet="项目乙").project.name == "项目乙"


def test_merged_cells_fill_down_in_text_columns_only(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*HEADER, "偏差原因分析及改进措施"])
    ws.append(["产出指标", "时效指标", "完成时间", "6月底前", "2022年6月20日", 10, 10, "按期完成"])
    ws.append([None, None, None, "12月底前", "2022年12月20日", 10, 10, None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("H2:H3")  # one note for both rows
    ws.append(["效益指标", "社会效益指标", "知晓度", "≥90%", "95%", 20, 20, None])
    ws.append([None, None, "满意度", "≥90%", "93%", None, None, None])
    ws.merge_cells("F4:F5")  # one weight over two rows: counted once
    wb.save(tmp_path / "merged.xlsx")
    form = pi.read_form(tmp_path / "merged.xlsx")
    assert [i.note for i in form.indicators] == ["按期完成", "按期完成", "", ""]
    assert [i.weight for i in form.indicators] == [10, 10, 20, None]
    assert form.indicators[3].level1 == "效益指标"


def test_criterion_and_remark_are_kept_with_their_row(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "crit.csv", [
        [*HEADER, "偏差原因分析及改进措施", "评（扣）分标准", "备注"],
        ["产出指标", "数量指标", "培训", "≥10次", "12次", "90", "90", "无", "每少1次扣1分", "抽查"]])
    ind = pi.read_form(f).indicators[0]
    assert (ind.note, ind.criterion, ind.remark) == ("无", "每少1次扣1分", "抽查")
    for suffix in (".json", ".csv", ".xlsx"):
        again = pi.read_form(pi.write_form(pi.read_form(f), tmp_path / f"again{suffix}"))
        assert again.indicators[0] == ind
        assert (again.indicators[0].criterion, again.indicators[0].remark) == ("每少1次扣1分", "抽查")


def test_a_fractional_rate_reads_as_a_fraction_when_the_amounts_say_so(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "frac.csv", [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "100", "100", "10", "1", "10"],
        ["其中:当年财政拨款", "50", "50", "5", "", "0.1", ""],
        [], HEADER, ["产出指标", "数量指标", "甲", "≥60项", "64项", "90", "90"]])
    form = pi.read_form(f)
    assert [line.rate for line in form.budget.lines] == [D(100), D(10)]
    assert not [x for x in form.audit() if x.code.startswith("execution-rate")]


def test_a_bare_rate_that_is_a_percentage_stays_one(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "pct.csv", [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "1000", "1000", "9", "10", "0.9", "0.09"],
        [], HEADER, ["产出指标", "数量指标", "甲", "≥60项", "64项", "90", "90"]])
    assert pi.read_form(f).budget.lines[0].rate == D("0.9")  # 9 of 1000 is 0.9 %


def test_actual_rates_written_as_fractions_when_the_column_says_so(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "actuals.csv", [
        HEADER, ["产出指标", "质量指标", "合格率", "≥95%", "0.98", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "1", "30", "30"],
        ["产出指标", "质量指标", "差错率", "≤1%", "0.5", "30", "30"]])
    form = pi.read_form(f)
    # two rows with targets of 90 % and more say the column holds fractions; the error rate
    # of at most 1 % keeps its 0.5 (%), which a fraction of 50 % would make a false alarm
    assert [i.actual for i in form.indicators] == ["98%", "100%", "0.5"]
    assert not form.audit().at_least("warning")
    one = write_csv(tmp_path / "one.csv", [HEADER, ["产出指标", "质量指标", "合格率", "≥95%", "1",
                                                     "30", "30"]])
    assert pi.read_form(one).indicators[0].actual == "1"  # one row says nothing: as written


# ---- JSON -----------------------------------------------------------------------------------

def test_json_numbers_may_be_numbers_or_strings_and_year_a_string(tmp_path: Path) -> None:
    f = tmp_path / "n.json"
    f.write_text(json.dumps({"year": "2021", "indicators": [
        {"target": "≥60项", "actual": "64项", "weight": 3, "score": 2.9},
        {"target": "≥60项", "actual": "64项", "weight": "3分", "score": "0.1"}],
        "total": {"weight": 6, "score": 3.0}}), encoding="utf-8")
    form = pi.read_form(f)
    assert form.year == 2021
    assert [(i.weight, i.score) for i in form.indicators] == [(D(3), D("2.9")), (D(3), D("0.1"))]
    assert form.total_score == D("3.0")


def test_json_schema_violations_each_with_their_path(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"layout": "other/2", "year": True, "indicators": [
        {"target": "≥60项", "weight": [3]}, {"actual": "64项"}]}), encoding="utf-8")
    with pytest.raises(FormReadError) as info:
        pi.read_form(f)
    paths = {p.column for p in info.value.problems}
    assert paths == {"$.layout", "$.year", "$.indicators[0].weight", "$.indicators[1]"}
    assert {p.row for p in info.value.problems if p.column.startswith("$.indicators")} == {1, 2}


def test_json_block_fields_beside_the_rows_are_kept_or_said() -> None:
    data = pi.examples.data("zgc-2021")
    assert data["budget"]["score"] == data["budget"]["rows"][0]["score"] == "8.83"
    data["budget"]["rows"][0]["score"] = None  # given beside the rows only: the total's
    assert pi.forms.form_from_dict(data).budget.published_score == D("8.83")
    data["budget"]["rows"][0]["score"] = "9"  # two different scores: a problem, not a choice
    (problem,) = pi.forms.form_from_dict(data).problems
    assert problem.column == "$.budget.score" and "8.83" in problem.message


def test_the_shipped_schema_validates_the_example_and_to_dict() -> None:
    import jsonschema

    schema = pi.forms.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(pi.examples.data("zgc-2021"), schema)
    jsonschema.validate(pi.examples.load("zgc-2021").to_dict(), schema)


def test_the_schema_ships_as_package_data() -> None:
    from importlib.resources import files

    assert files("perfindicators.forms").joinpath("form.schema.json").is_file()
