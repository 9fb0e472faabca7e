"""Forms with a 评(扣)分标准 column: each row is scored by its own written criterion when the
actual value and the target are all it needs; rows left to a judgement are open, never given a
made-up number; a damaged criterion is a problem of its row."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

import perfindicators as pi
from perfindicators.forms import Form, Indicator, RowState
from perfindicators.forms.html import report_html

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "评(扣)分标准"]
STEP = "每降低1个百分点扣0.5分，扣完为止"
BANDS = "≥90%,计5分;80%(含)-90%,计4分;低于80%不得分"
RANGES = "完成50%及以上(50)完成30%及以上(30-49)完成10%及以上(20-29)完成10%以下(0-19)"
DISCRETION = "台账不全、不规范的，视台账规范情况酌情扣分。"
COUNTS = "每发现1处问题扣1分，扣完为止"
DAMAGED = "每发觉一处垃圾扣 分"
ROWS = [
    ["产出指标", "质量指标", "合格率", "≥95%", "92%", "10", "8.5", STEP],
    ["产出指标", "质量指标", "安排率", "≥90%", "85%", "5", "4", BANDS],
    ["产出指标", "数量指标", "完成率", "≥50%", "35%", "50", "50", RANGES],
    ["效益指标", "社会效益指标", "台账", "完整", "完整", "10", "8", DISCRETION],
    ["效益指标", "社会效益指标", "检查", "≥10次", "12次", "5", "5", COUNTS],
    ["效益指标", "社会效益指标", "培训", "≥60项", "64项", "10", "10", ""],
    ["满意度指标", "服务对象满意度指标", "公示", "≥4次", "4次", "10", "10", DAMAGED],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目名称", "示例项目"])
    sheet.append([])
    sheet.append(HEADER)
    for r in rows:  # weights and scores as numbers, as a spreadsheet holds them
        sheet.append([*r[:5], Decimal(r[5]), Decimal(r[6]), r[7] or None])
    book.save(path)
    return path


@pytest.fixture(params=["csv", "xlsx"])
def form(request: pytest.FixtureRequest, tmp_path: Path) -> Form:
    writer = write_csv if request.param == "csv" else write_xlsx
    return pi.read_form(writer(tmp_path / f"criteria.{request.param}", ROWS))


def test_the_criterion_column_is_read(form: Form) -> None:
    assert [i.criterion for i in form.indicators] == [r[7] or None for r in ROWS]


def test_each_row_is_scored_by_its_criterion(form: Form) -> None:
    report = form.score()
    rows = report.rows
    # (95 − 92) percentage points below the target × 0.5 = 1.5 off 10
    assert rows[0].rule == Decimal("8.50")
    assert rows[0].policy == f"criterion:{STEP}"
    assert rows[0].criterion is not None and rows[0].criterion.text == STEP
    assert rows[0].criterion_source == "form"
    assert "扣1.5分" in rows[0].score.explanation_zh  # type: ignore[union-attr]
    assert rows[0].score.explanation_zh.startswith("评分标准")  # type: ignore[union-attr]
    # 85% lies in 80%(含)-90%: 4 points
    assert rows[1].rule == Decimal("4.00") and rows[1].policy.startswith("criterion:≥90%")  # type: ignore[union-attr]
    # no criterion: the scheme's policy (central proportional, met → full weight)
    assert (rows[5].rule, rows[5].policy, rows[5].criterion) == (Decimal("10.00"), "proportional", None)


def test_without_the_column_the_central_rule_scores_the_row(tmp_path: Path) -> None:
    with (tmp_path / "plain.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER[:-1], ROWS[0][:-1]])
    row = pi.read_form(tmp_path / "plain.csv").score().rows[0]
    assert (row.rule, row.policy) == (Decimal("9.68"), "proportional")  # 10 × 92/95 = 9.684


def test_rows_needing_judgement_are_open_never_a_number(form: Form) -> None:
    report = form.score()
    by = {r.indicator.level3: r for r in report.rows}
    ranged, discretion, counted = by["完成率"], by["台账"], by["检查"]
    for r in (ranged, discretion, counted):
        assert r.state is RowState.OPEN and r.score is None and r.rule is None
    assert ranged.open is not None and (ranged.open.low, ranged.open.high) == (30, 49)  # band (30-49)
    assert ranged.open.needs == ()
    assert discretion.open is not None and (discretion.open.low, discretion.open.high) == (0, 10)
    assert "酌情" in discretion.open.zh
    assert counted.open is not None and (counted.open.low, counted.open.high) == (0, 5)
    assert counted.open.needs == ("count:发现问题",)  # the form has no count of findings
    assert [r.number for r in report.open_rows] == [3, 4, 5]


def test_a_damaged_criterion_is_a_row_problem_with_its_place(form: Form) -> None:
    row = form.score().rows[6]
    assert row.state is RowState.UNREADABLE and row.rule is None
    problem = row.indicator.problems[0]
    assert problem.column == "评(扣)分标准" and problem.row == form.indicators[6].row
    assert "price of an occurrence is missing" in problem.message and "^^^" in problem.message
    assert not form.problems  # the file itself was read


def test_totals_with_open_rows_are_a_range(form: Form) -> None:
    report = form.score()
    # lowest: 8.5 + 4 + 30 + 0 + 0 + 10 (+ 0 for the damaged row); highest: 49, 10 and 5 instead
    assert report.rule_total == Decimal("52.50")
    assert report.rule_total_high == Decimal("86.50")
    assert report.total_open and report.grade is None  # 差 at the lowest, 良 at the highest
    assert report.difference is None
    groups = {g.level1: g for g in report.groups if g.level2 is None}
    assert (groups["产出指标"].rule, groups["产出指标"].high) == (Decimal("42.50"), Decimal("61.50"))
    assert (groups["效益指标"].rule, groups["效益指标"].high) == (Decimal("10.00"), Decimal("25.00"))
    assert groups["满意度指标"].rule == groups["满意度指标"].high == 0


def test_a_form_whose_open_rows_cannot_change_the_grade_keeps_it() -> None:
    rows = [Indicator("产出指标", "质量指标", "合格率", "≥95%", "92%", "95", criterion=STEP),
            Indicator("效益指标", "社会效益指标", "台账", "完整", "完整", "5", criterion=DISCRETION)]
    report = Form(indicators=rows).score()
    # 95 − 3 × 0.5 = 93.5; the open row adds 0–5: 优 either way
    assert (report.rule_total, report.rule_total_high, report.grade) == (
        Decimal("93.50"), Decimal("98.50"), "优")


def test_the_report_lists_open_rows_in_json_text_and_html(form: Form) -> None:
    report = form.score()
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["open"] == [3, 4, 5] and data["total_open"] is True
    assert (data["rule_total"], data["rule_total_high"], data["grade"]) == ("52.50", "86.50", None)
    first = data["rows"][0]
    assert first["policy"] == f"criterion:{STEP}" and first["criterion"] == STEP
    assert first["criterion_source"] == "form" and first["rule"] == "8.50"
    third = data["rows"][2]
    assert third["state"] == "open" and third["rule"] is None
    assert (third["open"]["low"], third["open"]["high"]) == ("30.00", "49.00")
    assert data["rows"][4]["open"]["needs"] == ["count:发现问题"]
    text = str(report)
    assert "rule total 规则总分: 52.50–86.50 (open 待判断; grade open 等级待定)" in text
    assert f"1 合格率: criterion:{STEP} → 8.50" in text
    assert "3 完成率: open 待判断 30.00–49.00" in text
    html = report_html(report)
    assert "待判断 open 30.00–49.00" in html and "52.50–86.50" in html and "待定 open" in html


def test_the_audit_lists_open_rows_and_the_damaged_one(form: Form) -> None:
    findings = form.audit()
    opened = [(f.row, f.severity) for f in findings if f.code == "criterion-open"]
    # row 3 publishes 50, outside the range 30–49 its band allows: a warning
    assert opened == [(3, "warning"), (4, "info"), (5, "info")]
    assert [f.row for f in findings if f.code == "row-unreadable"] == [7]
    assert not [f for f in findings if f.code == "score-differs" and f.row in (3, 4, 5)]
    total = next(f for f in findings if f.code == "rule-total")
    assert "52.5–86.5" in total.en and "rows 3, 4, 5 open" in total.en


def test_dashes_mean_no_criterion() -> None:
    row = Form(indicators=[Indicator("产出指标", "质量指标", "合格率", "≥95%", "92%", "10",
                                     criterion="—")]).score().rows[0]
    assert (row.rule, row.policy) == (Decimal("9.68"), "proportional")


def test_the_seed_form_is_unchanged() -> None:
    report = pi.examples.load("zgc-2021").score()
    assert (report.rule_total, report.grade, report.published_total) == (
        Decimal("97.83"), "优", Decimal("94.23"))
    assert not report.total_open and report.rule_total_high is None and not report.open_rows


def test_a_criterion_that_docks_a_met_target_is_not_docked_without_a_note() -> None:
    # the text anchors at 100 %: 97 % meets ≥95 % but loses (100 − 97) × 0.5 = 1.5 of 10
    crit = "以100%为标准,每降低1个百分点扣0.5分,扣完为止"
    rows = [Indicator("产出指标", "质量指标", "合格率", "≥95%", "97%", "10", "8.5", criterion=crit),
            Indicator("产出指标", "质量指标", "达标率", "≥95%", "97%", "10", "8", criterion=crit)]
    form = Form(indicators=rows)
    assert [r.rule for r in form.score().rows] == [Decimal("8.50"), Decimal("8.50")]
    found = [(f.code, f.row) for f in form.audit() if f.row is not None]
    assert ("docked-without-note", 1) not in found  # published what the criterion gives
    assert ("docked-without-note", 2) in found  # 0.5 below even the criterion, no note
