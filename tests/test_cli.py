from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from perfindicators.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_prints_kinds() -> None:
    code, out, _ = run("parse", "≥60项", "不超过100万元", "12月底前", "--year", "2021")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "≥60项\t→ comparison\t≥60项"
    assert lines[1] == "不超过100万元\t→ comparison\t≤100万元"
    assert lines[2] == "12月底前\t→ deadline\t2021年12月底前"


def test_parse_json() -> None:
    code, out, _ = run("parse", "2021年12月底前拨付支持资金85%以上", "--json")
    assert code == 0
    (item,) = json.loads(out)
    assert item["kind"] == "all_of"
    assert item["canonical"] == "2021年12月底前；≥85%"
    assert [p["kind"] for p in item["parts"]] == ["deadline", "comparison"]


def test_parse_errors_exit_2_with_a_caret() -> None:
    code, out, err = run("parse", "≥60项", "≥")
    assert code == 2
    assert "≥60项" in out
    assert "number is missing" in err and "^" in err


def test_parse_json_errors() -> None:
    code, out, _ = run("parse", "≥", "--json")
    assert code == 2
    assert json.loads(out)[0]["column"] == 1


def test_evaluate() -> None:
    code, out, _ = run("evaluate", "≥60项", "64项")
    assert code == 0
    assert out.startswith("met: 实际值64项 ≥ 指标值60项")
    code, out, _ = run("evaluate", "20万元", "21万元", "--category", "成本指标", "--json")
    assert json.loads(out)["met"] is False


def test_evaluate_units_error() -> None:
    code, _, err = run("evaluate", "≥60项", "64家")
    assert code == 2 and "家" in err


def test_evaluate_example() -> None:
    code, out, _ = run("evaluate", "--example", "zgc-2021", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["rows"]) == 29
    assert data["counts"] == {"met": 28, "not met": 1}  # row 21: nothing done is not met


def test_evaluate_unknown_example() -> None:
    code, _, err = run("evaluate", "--example", "nope")
    assert code == 2 and "zgc-2021" in err


def test_evaluate_needs_arguments() -> None:
    code, _, _ = run("evaluate")
    assert code == 2


def test_explain_shows_the_arithmetic() -> None:
    code, out, _ = run("explain", "≥60项", "30项", "3")
    assert code == 0
    assert "1.50 of 3" in out and "3 × 30/60 = 1.50" in out
    code, out, _ = run("explain", "≤5%", "7.5%", "10", "--policy", "reverse-linear", "--json")
    assert json.loads(out)["points"] == "5.00"
    code, _, err = run("explain", "≥60项", "30项", "三")
    assert code == 2 and "weight" in err


def test_schemes_lists_schemes_and_policies() -> None:
    code, out, _ = run("schemes")
    assert code == 0
    for name in ("central", "hubei", "pmkpi", "proportional", "reverse-linear"):
        assert name in out
    data = json.loads(run("schemes", "--json")[1])
    assert {s["name"] for s in data["schemes"]} >= {"central", "hubei", "pmkpi"}


def test_audit_exit_codes() -> None:
    assert run("audit", "--example", "zgc-2021")[0] == 0
    assert run("audit", "--example", "zgc-2021", "--fail-on", "warning")[0] == 1
    assert run("audit", "--example", "zgc-2021", "--fail-on", "error")[0] == 0
    assert run("audit", "nonexistent.csv")[0] == 2


def test_help_has_examples() -> None:
    for command in ([], ["parse"], ["score"], ["audit"], ["explain"], ["schemes"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Example" in out, command


def test_score_many_files(tmp_path: Path) -> None:
    import perfindicators as pi

    paths = [str(pi.write_form(pi.examples.load("zgc-2021"), tmp_path / f"f{i}.csv"))
             for i in range(3)]
    code, out, _ = run("score", *paths, "--json")
    entries = json.loads(out)
    assert code == 0 and [e["report"]["rule_total"] for e in entries] == ["97.83"] * 3
    assert [(e["source"], e["status"], e["problems"]) for e in entries] == [
        (p, "ok", []) for p in paths]
    code, out, _ = run("audit", *paths, "--plain")
    assert code == 0 and out.count("== ") == 3


def test_progress_bar_only_after_a_second_on_a_terminal() -> None:
    from perfindicators._terminal import delayed_progress

    # not a terminal: the items pass through untouched, no bar
    assert list(delayed_progress([1, 2, 3], "x", after=0)) == [1, 2, 3]


def test_score_form_wraps_rows_for_a_progress_bar() -> None:
    import perfindicators as pi
    from perfindicators.forms.report import score_form

    seen = []

    def progress(rows: list[object]) -> list[object]:
        seen.append(len(rows))
        return rows

    report = score_form(pi.examples.load("zgc-2021"), progress=progress)
    assert seen == [29] and report.rule_total == pi.examples.load("zgc-2021").score().rule_total
