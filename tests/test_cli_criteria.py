"""The command line for written criteria: ``perfindicators criterion`` and
``perfindicators evaluate SYSTEM FACTS`` (and forms with a criterion column under ``score``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from perfindicators.cli import EXIT_BAD_INPUT, EXIT_OK, cli

DATA = Path(__file__).parent / "data" / "criteria"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_criterion_prints_the_rule_its_inputs_and_the_score() -> None:
    code, out = run("criterion", "每降低1个百分点扣0.5分，扣完为止", "--weight", "5",
                    "--fact", "value=97.5%")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "规则：以100%为标准，每减少1个百分点扣0.5分，扣完为止"
    assert "类型：Step" in lines and "输入：value" in lines
    # 100 − 97.5 = 2.5 points below the anchor × 0.5 = 1.25 off 5
    assert lines[-1] == "得分：3.75（差2.5，2.5档×0.5分，扣1.25分）"


def test_criterion_counts_and_items() -> None:
    code, out = run("criterion", "每发现1处扣1分,扣完为止", "--weight", "5",
                    "--fact", "count:问题=2")
    assert code == EXIT_OK and out.splitlines()[-1].startswith("得分：3（")  # 5 − 2 × 1
    code, out = run("criterion", "目标明确(1分),目标细化(1.5分),目标量化(1.5 分)", "--weight", "4",
                    "--fact", "item:目标明确=true", "--fact", "item:目标细化=是",
                    "--fact", "item:目标量化=false")
    assert code == EXIT_OK and out.splitlines()[-1].startswith("得分：2.5（")  # 1 + 1.5


def test_a_judgement_is_a_range_not_a_number() -> None:
    code, out = run("criterion", "台账不全、不规范的，视台账规范情况酌情扣分。", "--weight", "8",
                    "--fact", "level=台账不全")
    assert code == EXIT_OK
    assert out.splitlines()[-1].startswith("得分：0.00-8.00，待评价人判断")


def test_a_declared_default_changes_the_score() -> None:
    # 2.5 points over, rounded up to 3 steps × 0.5 = 1.5 off 5
    code, out = run("criterion", "每超过一个百分点扣0.5分,扣完为止", "--weight", "5",
                    "--fact", "value=2.5%", "--default", "partial_step=ceil")
    assert code == EXIT_OK and out.splitlines()[-1].startswith("得分：3.5（")


def test_a_damaged_criterion_exits_2_with_a_caret() -> None:
    code, out = run("criterion", "每发觉一处垃圾扣 分", "--weight", "5")
    assert code == EXIT_BAD_INPUT
    lines = out.splitlines()
    assert lines[0] == "cannot read the criterion: the price of an occurrence is missing"
    assert lines[1] == "  每发觉一处垃圾扣 分"
    # the caret sits under " 分" (each wide character counts two columns)
    assert lines[2] == " " * 16 + "^^^^^"
    assert lines[3].startswith("hint:")


def test_bad_weights_and_facts_exit_2() -> None:
    assert run("criterion", "每发现1处扣1分", "--weight", "abc")[0] == EXIT_BAD_INPUT
    assert run("criterion", "每发现1处扣1分", "--weight", "-1")[0] == EXIT_BAD_INPUT
    code, out = run("criterion", "每发现1处扣1分", "--fact", "count:问题")
    assert code == EXIT_BAD_INPUT and "key=value" in out
    code, out = run("criterion", "每发现1处扣1分", "--default", "bogus=1")
    assert code == EXIT_BAD_INPUT and "unknown default 'bogus'" in out


def test_evaluate_scores_an_indicator_system() -> None:
    code, out = run("evaluate", str(DATA / "system.csv"), str(DATA / "facts.json"))
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "示例项目（2021年度专项资金绩效评价）：评价得分"
    # 45万元 of 60万元 planned: 3 × 45/60
    assert "  到位率（3分）：2.25：75%×3=2.25" in lines
    assert "  合计：67.25-75.25 / 100，等级：中" in lines  # 臺賬 (8 points) is open
    assert lines[-1] == "  待判断：臺賬"


def test_evaluate_json(tmp_path: Path) -> None:
    code, out = run("evaluate", str(DATA / "system.csv"), str(DATA / "facts.json"), "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert (data["total"], data["total_high"], data["grade"], data["open"]) == (
        "67.25", "75.25", "中", ["臺賬"])
    row = next(r for r in data["rows"] if r["三级指标"] == "臺賬")
    assert row["points"] is None and (row["low"], row["high"]) == ("0.00", "8.00")


def test_evaluate_with_csv_facts(tmp_path: Path) -> None:
    system = tmp_path / "system.csv"
    with system.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["一级指标", "三级指标", "分值", "评(扣)分标准"],
            ["过程", "支付进度", "3", "每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。"]])
    facts = tmp_path / "facts.csv"
    facts.write_text("三级指标,key,value\n支付进度,count:未按进度,2\n", encoding="utf-8")
    code, out = run("evaluate", str(system), str(facts))
    assert code == EXIT_OK and "  合计：2.00 / 3，等级：中" in out.splitlines()  # 3 − 2 × 0.5


def test_evaluate_a_file_that_is_not_a_facts_sheet_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"x": 1}]', encoding="utf-8")
    code, out = run("evaluate", str(DATA / "system.csv"), str(bad))
    assert code == EXIT_BAD_INPUT and "not a facts sheet" in out
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert run("evaluate", str(DATA / "system.csv"), str(broken))[0] == EXIT_BAD_INPUT


def test_evaluate_a_target_and_an_actual_still_works() -> None:
    code, out = run("evaluate", "≥60项", "64项")
    assert code == EXIT_OK and out.startswith("met:")


def test_score_a_form_with_a_criterion_column(tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    with form.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "评(扣)分标准"],
            ["产出指标", "质量指标", "合格率", "≥95%", "92%", "10", "8.5",
             "每降低1个百分点扣0.5分，扣完为止"],
            ["产出指标", "质量指标", "台账", "完整", "完整", "8", "6", "视台账规范情况酌情扣分"]])
    code, out = run("score", str(form), "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["rows"][0]["rule"] == "8.50" and data["rows"][0]["policy"].startswith("criterion:")
    # 8.5 and the open 0–8: 差 whatever the judgement, so the grade stands
    assert data["open"] == [2] and data["total_open"] is True and data["grade"] == "差"
    assert (data["rule_total"], data["rule_total_high"]) == ("8.50", "16.50")
    code, out = run("score", str(form), "--plain")
    assert code == EXIT_OK and "rule total 规则总分: 8.50–16.50" in out
    code, out = run("audit", str(form), "--json")
    assert [f["row"] for f in json.loads(out) if f["code"] == "criterion-open"] == [2]


def test_a_target_fact_anchors_a_step_the_text_leaves_unanchored() -> None:
    # the row: ≥95 %, 92 % achieved, weight 10 → 3 points below × 0.5 = 1.5 off
    code, out = run("criterion", "每降低1个百分点扣0.5分，扣完为止", "--weight", "10",
                    "--fact", "value=92%", "--fact", "target=95%")
    assert code == EXIT_OK
    assert "anchor: 指标值 (the target)" in out
    assert out.splitlines()[-1] == "得分：8.5（差3，3档×0.5分，扣1.5分）"


def test_schemes_json_lists_criteria() -> None:
    code, out = run("schemes", "--json")
    assert code == EXIT_OK
    assert all(s["criteria"] == [] for s in json.loads(out)["schemes"])  # the built-ins have none


def test_a_damaged_criterion_in_a_form_exits_2_with_its_place(tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    with form.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "评(扣)分标准"],
            ["产出指标", "质量指标", "合格率", "≥95%", "92%", "10", "8.5",
             "每降低1个百分点扣0.5分，扣完为止"],
            ["产出指标", "质量指标", "公示", "≥4次", "4次", "10", "10", "每发觉一处扣 分"]])
    for command in ("score", "audit"):
        code, out = run(command, str(form), "--plain")
        assert code == EXIT_BAD_INPUT, command
        assert "row 3, column 评(扣)分标准: cannot read the criterion" in out
        assert "^^^^^" in out and "these rows are not scored" in out
    data = json.loads(run("score", str(form), "--json")[1].split("\n" + str(form))[0])
    assert data["rows"][0]["rule"] == "8.50" and data["rows"][1]["state"] == "unreadable"
