"""The criterion grammar: generated from one keyword table, LALR without conflicts, shipped as
package data, cached, and its errors are ours."""

from __future__ import annotations

from pathlib import Path

import pytest
from lark.parsers.lalr_analysis import LALR_Analyzer

from perfindicators.criteria import CriterionSyntaxError, criterion
from perfindicators.criteria._keywords import KEYWORDS, regenerate
from perfindicators.criteria._parser import build_parser, parser, phrases, read

GRAMMAR = Path(__file__).resolve().parents[1] / "grammars" / "criteria.lark"


def test_generated_block_is_current() -> None:
    text = GRAMMAR.read_text(encoding="utf-8")
    assert regenerate(text) == text, "run python -m perfindicators.criteria._keywords " \
                                     "grammars/criteria.lark"


def test_every_keyword_is_a_terminal() -> None:
    text = GRAMMAR.read_text(encoding="utf-8")
    for k in KEYWORDS:
        assert f"\n{k.name}.{k.priority}: " in text


def test_lalr_without_conflicts() -> None:
    analysis = LALR_Analyzer(build_parser().parser.parser_conf, strict=True)
    analysis.compute_lalr()  # raises GrammarError on a shift/reduce or reduce/reduce conflict


def test_parser_is_built_once() -> None:
    assert parser() is parser()


@pytest.mark.parametrize(("text", "kinds"), [
    ("≥90%,计5分", ["cond", "comma", "award"]),
    ("每超过一个百分点扣0.5分,扣完为止", ["per", "cond", "deduct", "comma", "clamp"]),
    ("目标明确(1分)", ["text", "points"]),
    ("得分值=种植率×30", ["formula"]),
    ("80%(含)-90%", ["cond"]),
    ("不足一个百分点的按照一个百分点计算", ["round_up"]),
    ("酌情扣分", ["judge"]),
    ("实行一票否决", ["text", "veto"]),
])
def test_phrases(text: str, kinds: list[str]) -> None:
    assert [p.kind for p in phrases(text)] == kinds


def test_keywords_inside_words_stay_words() -> None:
    # 分 in 分配, 每 in 每季度 (no price follows), 以上 with no number before it
    kinds = [p.kind for p in phrases("资金分配合理(4 分)")]
    assert kinds == ["text", "points"]
    assert [p.kind for p in phrases("每季度对养护资金使用情况进行公示")] == ["text"]
    assert [p.kind for p in phrases("以上情况")] == ["text"]


def test_positions_point_into_the_original() -> None:
    prep, _ = read("目标 明确（1分）")  # the line-break space is dropped
    assert prep.text == "目标明确（1分）" and prep.column(2) == 3


def test_lark_errors_do_not_leak() -> None:
    with pytest.raises(CriterionSyntaxError) as info:
        criterion("达标率≥", weight=5)
    assert not type(info.value).__module__.startswith("lark")
