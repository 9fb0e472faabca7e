"""Indicator systems: a 评价指标体系 of 26 real criteria and a facts sheet, scored end to end."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfindicators.criteria.system import IndicatorSystem, grade, read_facts, read_system

DATA = Path(__file__).parent / "data" / "criteria"


@pytest.fixture(scope="module")
def evaluation():  # type: ignore[no-untyped-def]
    system = read_system(DATA / "system.csv")
    project, facts = read_facts(DATA / "facts.json")
    return system, system.evaluate(facts, project=project)


def test_every_row_compiles(evaluation) -> None:  # type: ignore[no-untyped-def]
    system, _ = evaluation
    assert len(system.rows) >= 20
    assert all(r.criterion is not None for r in system.rows), [r.error for r in system.rows]
    assert system.out_of == Decimal(100)


def test_rows_subtotals_total_grade(evaluation) -> None:  # type: ignore[no-untyped-def]
    _, ev = evaluation
    points = {r.row.level3: r.score.points for r in ev.rows if r.score is not None}
    assert points["重点支出安排率"] == Decimal(4)          # 85% in 80%(含)-90%
    assert points["“三公经费”控制率"] == Decimal(4)        # 2 points over × 1
    assert points["到位率"] == Decimal("2.25")              # 45/60 × 3
    assert points["一河一策"] == Decimal(2)                 # 5 capped at 最高扣4
    assert points["义务教育保障"] == Decimal(2)             # 0.2 pt = 2 steps × 1
    assert points["臺賬"] is None                           # 酌情扣分: open
    assert [r.row.level3 for r in ev.open] == ["臺賬"]
    assert [name for name, _, _ in ev.subtotals] == ["决策", "过程", "产出", "效益"]
    assert ev.total == sum((lo for _, lo, _ in ev.subtotals), Decimal(0))
    assert ev.total_high - ev.total == Decimal(8)           # the open row's range
    assert ev.grade == "中"                                 # 67.25–75.25: 中 either way
    text = str(ev)
    assert "合计：67.25-75.25 / 100" in text and "待判断：臺賬" in text


def test_json_system_and_csv_facts(tmp_path: Path) -> None:
    with (DATA / "system.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    (tmp_path / "s.json").write_text(json.dumps(rows[:3], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "f.csv").write_text("三级指标,key,value\n目标内容,item:目标明确,true\n"
                                    "目标内容,item:目标细化,true\n目标内容,item:目标量化,true\n",
                                    encoding="utf-8")
    system = read_system(tmp_path / "s.json")
    name, facts = read_facts(tmp_path / "f.csv")
    ev = system.evaluate(facts, project=name)
    assert ev.rows[0].score is not None and ev.rows[0].score.points == Decimal(4)
    assert ev.to_dict()["rows"][0]["points"] == "4.00"


def test_xlsx_system(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["一级指标", "二级指标", "三级指标", "分值", "评分标准"])
    sheet.append(["产出", "质量", "合格率", 5, "≥90%,计5分;80%(含)-90%,计4分;低于80%不得分"])
    book.save(tmp_path / "s.xlsx")
    ev = read_system(tmp_path / "s.xlsx").evaluate({"合格率": {"value": "95%"}})
    assert ev.total == Decimal(5) and ev.grade == "优"


def test_unreadable_row_is_kept_with_its_error() -> None:
    system = IndicatorSystem.from_rows([
        {"一级指标": "产出", "三级指标": "损坏", "分值": "5", "评分标准": "每发现一处扣 ;"},
        {"三级指标": "好", "分值": "5", "评分标准": "每发现1处扣1分"}])
    assert system.rows[0].criterion is None and "^" in (system.rows[0].error or "")
    assert system.rows[1].level1 == "产出"  # merged cells: the level above carries down
    ev = system.evaluate({})
    assert ev.open[0].row.level3 == "损坏" and ev.total == Decimal(5) and ev.grade is None


def test_grades() -> None:
    assert [grade(Decimal(x)) for x in ("90", "89.99", "80", "60", "59")] == [
        "优", "良", "良", "中", "差"]
