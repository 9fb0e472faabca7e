"""Round trips JSON ↔ CSV ↔ XLSX of generated forms (formula-looking text included), safe
writers, and pickling of every public forms value."""

from __future__ import annotations

import csv
import pickle
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators.forms import (
    Budget,
    BudgetLine,
    Finding,
    Findings,
    Form,
    FormReadError,
    Goals,
    Indicator,
    Project,
)
from perfindicators.forms.csvfile import escape, unescape

SEED = pi.examples.load("zgc-2021")

# text a careless or hostile user types: formula starters, quotes, delimiters, a newline,
# CJK; no control characters (XLSX cannot store them: write_form refuses them, tested below)
_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯=+-@'\"`,;%()#！，：abcXYZ019 \n\t"
_LEADS = ["", "=", "+", "-", "@", "'", "''=", "\t", "=HYPERLINK(", "'-"]


@st.composite
def texts(draw: st.DrawFn, *, allow_empty: bool = True, newline: bool = True) -> str:
    body = draw(st.text(alphabet=_CHARS if newline else _CHARS.replace("\n", ""), max_size=12))
    text = (draw(st.sampled_from(_LEADS)) + body).strip()
    if not text and not allow_empty:
        return "子"
    return text


def numbers() -> st.SearchStrategy[Decimal | None]:
    return st.one_of(st.none(), st.decimals(min_value=0, max_value=10_000, places=2,
                                            allow_nan=False, allow_infinity=False))


TARGETS = ["≥60项", "=100%", "≤5%", "12月底前", "效果明显", "不超过100万元", "90%-95%", "定性 优良中低差",
           "≥ 735 人次"]


@st.composite
def forms(draw: st.DrawFn) -> Form:
    levels = [draw(texts(allow_empty=False, newline=False)) for _ in range(3)]
    indicators = []
    for _ in range(draw(st.integers(1, 4))):
        indicators.append(Indicator(
            levels[0], levels[1], draw(texts(allow_empty=False, newline=False)),
            draw(st.sampled_from(TARGETS)), draw(texts()), draw(numbers()), draw(numbers()),
            draw(texts()), criterion=draw(st.one_of(st.none(), texts(allow_empty=False))),
            remark=draw(texts())))
    lines = [BudgetLine(draw(st.sampled_from(["年度资金总额", "其中:当年财政拨款", "其他资金"])),
                        draw(numbers()), draw(numbers()), draw(numbers()), draw(numbers()),
                        draw(numbers()), draw(numbers()))
             for _ in range(draw(st.integers(0, 2)))]
    lines = [line for line in lines if not line.empty]
    return Form(Project(draw(texts(newline=False)), draw(texts(newline=False)),
                        draw(texts(newline=False)), draw(st.one_of(st.none(), st.integers(2000, 2030))),
                        draw(texts(newline=False)), draw(texts(newline=False))),
                Budget(lines), Goals(draw(texts()), draw(texts())), indicators,
                draw(numbers()), draw(numbers()))


def same(a: Form, b: Form) -> None:
    assert b.indicators == a.indicators
    assert b.project == a.project
    assert b.budget == a.budget
    assert (b.total_weight, b.total_score) == (a.total_weight, a.total_score)
    assert b.goals == a.goals
    assert not b.problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_round_trips_through_every_format_are_equal(form: Form) -> None:
    with tempfile.TemporaryDirectory() as folder:
        previous = form
        for n, suffix in enumerate((".json", ".csv", ".xlsx", ".tsv", ".json")):  # each from the last
            again = pi.read_form(pi.write_form(previous, Path(folder) / f"f{n}{suffix}"))
            same(form, again)
            previous = again


def test_the_seed_round_trips_through_every_format(tmp_path: Path) -> None:
    previous = SEED
    for suffix in (".csv", ".xlsx", ".json"):
        previous = pi.read_form(pi.write_form(previous, tmp_path / f"zgc{suffix}"))
        same(SEED, previous)
    assert previous.score().rule_total == SEED.score().rule_total


@given(st.text(max_size=20))
def test_csv_escaping_round_trips(text: str) -> None:
    assert unescape(escape(text)) == text
    assert not escape(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_text_is_never_a_live_formula(tmp_path: Path) -> None:
    form = Form(indicators=[Indicator("产出指标", "质量指标", "合格率", "=100%", "100%", "10", "10",
                                      note='=HYPERLINK("http://example.invalid","点")')])
    path = pi.write_form(form, tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(path).active  # not data_only: formulas would show as such
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert cells["=100%"] == "s" and cells['=HYPERLINK("http://example.invalid","点")'] == "s"
    assert "f" not in cells.values()
    assert pi.read_form(path).indicators == form.indicators


def test_csv_cells_are_escaped_the_owasp_way(tmp_path: Path) -> None:
    form = Form(indicators=[Indicator("产出指标", "质量指标", "合格率", "=100%", "-3", "10", "10",
                                      note="@SUM(A1)", remark="+1")])
    path = pi.write_form(form, tmp_path / "f.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert {"'=100%", "'-3", "'@SUM(A1)", "'+1"} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert pi.read_form(path).indicators == form.indicators


def test_control_characters_cannot_go_into_a_workbook(tmp_path: Path) -> None:
    form = Form(indicators=[Indicator("产出指标", "质量指标", "甲\x07", "≥60项", "64项", "10", "10")])
    with pytest.raises(pi.PerfIndicatorError, match="U\\+0007"):
        pi.write_form(form, tmp_path / "f.xlsx")
    assert not (tmp_path / "f.xlsx").exists() and not list(tmp_path.iterdir())
    assert pi.read_form(pi.write_form(form, tmp_path / "f.json")).indicators == form.indicators


# ---- pickling ------------------------------------------------------------------------------

def test_every_public_forms_value_pickles_equal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("一级指标,三级指标,年度指标值,实际完成值,分值,得分\n产出指标,甲,≥,64项,三,3\n",
                   encoding="utf-8")
    partial = pi.read_form(bad)
    report = SEED.score()
    findings = SEED.audit()
    try:
        pi.read_form(bad, strict=True)
    except FormReadError as e:
        error = e
    values: list[object] = [SEED, SEED.indicators[0], SEED.budget, SEED.budget.lines[0],
                            SEED.project, SEED.goals, report, report.rows[2], report.groups[0],
                            report.budget, findings[0], findings, partial,
                            partial.indicators[0].problems[0], error, partial.score()]
    for value in values:
        again = pickle.loads(pickle.dumps(value))
        assert again == value, type(value)
        assert type(again) is type(value)
    assert isinstance(pickle.loads(pickle.dumps(findings)), Findings)
    assert pickle.loads(pickle.dumps(partial)).indicators[0].problems == \
        partial.indicators[0].problems
    restored = pickle.loads(pickle.dumps(error))
    assert str(restored) == str(error) and restored.problems == error.problems
    assert isinstance(findings[0], Finding)
