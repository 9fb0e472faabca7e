"""What analysts use in notebooks: HTML tables, DataFrames, the chart."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

import perfindicators as pi

SEED = pi.examples.load("zgc-2021")


def test_report_html_has_total_grade_and_one_row_per_indicator() -> None:
    report = SEED.score()
    html = report._repr_html_()
    assert "97.83" in html and "94.23" in html
    assert "等级 grade: 优" in html
    body = html.split("<tbody>")[1]
    rows = re.findall(r"<tr[^>]*>", body)
    assert len(rows) == len(SEED.indicators) + 2  # + the budget block and the total
    for ind in SEED.indicators:
        assert ind.level3 in html
    # departures are highlighted: 7 published scores differ from the rule
    assert html.count('class="num pi-pub pi-diff"') == 6  # row 21 now agrees with its rule


def test_html_escapes_text() -> None:
    form = pi.Form(pi.forms.Project("<script>"), indicators=[
        pi.Indicator("产出指标", "数量指标", "<b>x</b>", "≥60项", "64项", "3", "3")])
    html = form.score()._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_small_objects_render() -> None:
    assert "≥60项" in pi.parse("≥60项")._repr_html_()
    html = pi.score("≥60项", "30项", 3)._repr_html_()
    assert "1.50" in html and "proportional" in html
    findings = SEED.audit()
    assert "score-differs" in findings._repr_html_()
    assert len(findings.at_least("warning")) == 9


def test_report_and_findings_as_dataframes() -> None:
    frame = SEED.score().to_dataframe()
    assert len(frame) == 29
    assert frame.loc[frame["row"] == 3, "published"].item() == Decimal("2.5")
    assert frame["rule"].sum() == Decimal("89.00")
    found = SEED.audit().to_dataframe()
    assert set(found.columns) >= {"code", "severity", "row", "zh", "en"}


def test_score_a_frame_in_one_call() -> None:
    df = pd.DataFrame({
        "二级指标": ["数量指标", "成本指标", "质量指标"],
        "三级指标": ["甲", "乙", "预算调整率"],
        "指标值": ["≥60项", "20万元", "3%"],
        "完成值": ["30项", "25万元", "0"],
        "权重": [3, 4, 2],
    })
    out = pi.score_frame(df)
    assert list(out["rule_score"]) == [Decimal("1.50"), Decimal("3.20"), Decimal("2.00")]
    assert list(out["met"]) == [False, False, True]
    assert "explanation" in out.columns and "flags" in out.columns
    assert "rule_score" not in df.columns  # the input frame is left alone


def test_score_frame_reports_every_bad_row() -> None:
    df = pd.DataFrame({"年度指标值": ["≥60项", "≥", "≤5%"], "实际完成值": ["30项", "1", "5家"],
                       "分值": [3, 3, 3]}, index=[10, 11, 12])
    with pytest.raises(pi.BatchError) as info:
        pi.score_frame(df)
    assert [e.row for e in info.value.errors] == [11, 12]


def test_score_frame_needs_its_columns() -> None:
    with pytest.raises(pi.PerfIndicatorError, match="no target"):
        pi.score_frame(pd.DataFrame({"x": [1]}))


def test_chart_of_points_lost() -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = SEED.score().plot(labels="en")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Output", "Outcome", "Satisfaction", "Budget execution"]
    heights = [round(p.get_height(), 2) for p in ax.patches]
    # rules lose nothing but the budget block; the form published 3 and 1.6 points lost
    assert heights[:4] == [1.0, 0.0, 0.0, 1.17]  # 产出 loses row 21's point
    assert heights[4:] == [3.0, 1.6, 0.0, 1.17]


def test_html_building_blocks_format_and_align() -> None:
    from perfindicators import _html

    assert _html.fmt(Decimal("8417.730000")) == "8,417.73"  # not 8417.730000
    assert _html.fmt(Decimal("0.333333")) == "0.333333"  # never rounded
    assert _html.fmt(Decimal("10740")) == "10,740"
    cell = _html.num(Decimal("9537.730000"), "pi-rule")
    assert cell == ('<td class="num pi-rule" style="text-align:right;white-space:nowrap">'
                    "9,537.73</td>")
    assert 'style="text-align:left"' in _html.cell("产出指标")
    table = _html.table(["规则得分", "差"], [])
    assert "<th" in table and ">差<" not in table and "差额 difference" in table
    assert "table.pi-table.pi-table td" in _html.STYLE  # outranks .jp-RenderedHTMLCommon td
    assert "table-layout:auto" in table


def test_scores_summarise_as_numbers_not_categories() -> None:
    df = pd.DataFrame({"target": ["≥60项", "≥60项", "≤5%"], "actual": ["30项", "60项", "4%"],
                       "weight": [3, 3, 4]})
    scores = pi.score_frame(df)["rule_score"]
    assert scores.sum() == Decimal("8.5")
    assert scores.mean() == Decimal("2.833333")  # Arrow keeps the scale: six places
    summary = scores.astype("float64").describe()  # pandas cannot describe() Arrow decimals yet
    assert summary["count"] == 3 and summary["max"] == 4.0


def test_report_html_formats_the_budget_line_and_heads_the_difference_unmistakably() -> None:
    html = pi.examples.load("zgc-2021").score()._repr_html_()
    assert "9,537.73" in html and "8,417.73" in html and "9537.730000" not in html
    assert "<th>差</th>" not in html and "差额 difference" in html


def test_the_chart_title_is_in_one_language() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    report = pi.examples.load("zgc-2021").score()
    for labels in ("zh", "en"):
        title = report.plot(labels=labels).get_title()
        has_cjk = bool(re.search(r"[\u4e00-\u9fff]", title))
        has_latin = bool(re.search(r"[A-Za-z]", title))
        assert has_cjk != has_latin, title
