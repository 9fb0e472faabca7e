"""The terminal keeps the numbers: at 80 columns (or 60) every row number, weight and score is
shown whole; text columns give way; NO_COLOR marks differences with * instead of red."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

import perfindicators as pi
from perfindicators._decimal import plain
from perfindicators._terminal import report_tables
from perfindicators.forms.render import render_report


def _render(width: int, *, color: bool = True) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None)
    for part in report_tables(pi.examples.load("zgc-2021").score(), color=color, width=width):
        console.print(part)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_number_survives_the_width(width: int) -> None:
    lines = _render(width)
    assert all(len(line) <= width for line in lines)
    header = next(line for line in lines if "规则得分" in line)  # text headers may be cut
    for name in ("#", "分值", "规则得分", "公布得分"):
        assert name in header
    report = pi.examples.load("zgc-2021").score()
    body = [line for line in lines if line.strip()[:1].isdigit()]
    assert len(body) >= len(report.rows)
    for r, line in zip(report.rows, body, strict=False):
        cells = line.split()
        assert cells[0] == str(r.number)
        assert cells[-3:] == [plain(r.indicator.weight), plain(r.rule), plain(r.published)], line


def test_no_color_marks_differences_with_a_star() -> None:
    lines = _render(80, color=False)
    assert any(line.rstrip().endswith("2.5*") for line in lines)
    assert any(line.startswith("*: the published score differs") for line in lines)
    assert not any("red:" in line for line in lines)


def test_plain_text_never_cuts_a_number() -> None:
    """--plain: a row number past 99 and a weight with many decimals keep every digit."""
    data = pi.examples.data("zgc-2021")
    rows = data["indicators"]
    data["indicators"] = (rows * 4)[:110]  # row numbers up to 110
    data["indicators"][0] = {**rows[0], "weight": "0.12345", "score": "0.12345"}
    report = pi.forms.form_from_dict(data).score()
    text = render_report(report)
    for r in report.rows:
        line = next(x for x in text.splitlines() if x.split()[:1] == [str(r.number)])
        cells = line.split()
        assert plain(r.indicator.weight) in cells and plain(r.rule) in cells, line
    assert "…" not in "".join(x.split()[0] for x in text.splitlines() if x[:3].strip().isdigit())


# ---- a large form streams its rows (issue #12, point 3) ---------------------------------------

def _large_report(n: int) -> pi.FormReport:
    from perfindicators.forms import Budget, Form, Indicator, Project

    kinds = [("≥{}项", "{}项"), ("≤{}万元", "{}万元"), ("{}月底前", "已完成"),
             ("效果明显", "达成预期指标"), ("≥{}%", "{}%")]
    rows = []
    for i in range(n):
        target, actual = kinds[i % len(kinds)]
        v = i % 11 + 1
        rows.append(Indicator("产出指标", "数量指标", f"指标{i}（含较长的名称{i}）",
                              target.format(v), actual.format(v - i % 2), "0.01", "0.01"))
    form = Form(Project("大表\x1b[31m"), Budget([]), indicators=rows)
    return form.score()


@pytest.mark.parametrize("width", [80, 100, 200])
@pytest.mark.parametrize("color", [True, False])
def test_a_streamed_table_is_the_rich_table_character_for_character(width: int, color: bool) -> None:
    report = _large_report(1203)

    def render(stream_after: int) -> tuple[str, int]:
        out = io.StringIO()
        console = Console(file=out, width=width, force_terminal=True,
                          color_system="truecolor" if color else None)
        parts = report_tables(report, color=color, width=width, stream_after=stream_after)
        for part in parts:
            console.print(part)
        return out.getvalue(), len(parts)

    whole, n_whole = render(10**6)
    streamed, n_streamed = render(500)
    assert n_streamed == n_whole + 4  # header, three pieces of at most 500 rows, bottom edge
    assert streamed == whole


def test_a_table_that_does_not_fit_is_left_to_rich() -> None:
    report = _large_report(1100)
    parts = report_tables(report, width=40, stream_after=1000)
    assert len(parts) == 3  # one table (rich shrinks its columns), the totals, the legend
