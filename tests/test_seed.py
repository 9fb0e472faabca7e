"""Every target and actual of the seed form parses to the kind a reader expects.

The form is the bundled example ``zgc-2021``, entered by hand from
``shared/seeds/000_1e2aa895fe99a0ef.txt`` (中关村 patents and standards, 2021);
``tests/data/seed_kinds.tsv`` says, row by row, what a reader expects each cell to be.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfindicators as pi
from perfindicators import examples

from .conftest import DATA, read_tsv

FORM = examples.data("zgc-2021")
ROWS = FORM["indicators"]
KINDS = {r["row"]: r for r in read_tsv(DATA / "seed_kinds.tsv")}
IDS = [str(i) for i in range(1, len(ROWS) + 1)]


def test_the_form_is_complete() -> None:
    assert len(ROWS) == 29 == len(KINDS)
    weights = sum(Decimal(r["weight"]) for r in ROWS) + Decimal(FORM["budget"]["weight"])
    scores = sum(Decimal(r["score"]) for r in ROWS) + Decimal(FORM["budget"]["score"])
    assert weights == Decimal(FORM["total"]["weight"]) == 100
    assert scores == Decimal(FORM["total"]["score"]) == Decimal("94.23")
    assert {r["level1"] for r in ROWS} == {"产出指标", "效益指标", "满意度指标"}


@pytest.mark.parametrize(("i", "row"), list(enumerate(ROWS, start=1)), ids=IDS)
def test_kinds(i: int, row: dict[str, str]) -> None:
    target = pi.parse(row["target"], year=2021)
    actual = pi.parse_actual(row["actual"], year=2021)
    assert target.kind == KINDS[str(i)]["target_kind"]
    assert actual.kind == KINDS[str(i)]["actual_kind"]
    assert pi.parse(str(target)) == target


@pytest.mark.parametrize(("i", "row"), list(enumerate(ROWS, start=1)), ids=IDS)
def test_every_row_evaluates(i: int, row: dict[str, str]) -> None:
    o = pi.parse(row["target"], year=2021).evaluate(row["actual"], category=row["level2"],
                                                    year=2021)
    # every row was met but the secretariat row (21): it granted no funds (未进行资金支持), and
    # an activity that did not happen does not meet its target, ceiling or not (issue #9: the
    # form published 0 for it); flagged nothing_done
    if i == 21:
        assert o.status is pi.Status.NOT_MET, o.reason
        assert pi.Flag.NOTHING_DONE in o.flags
    else:
        assert o.status is pi.Status.MET, o.reason


def test_seed_details() -> None:
    t16 = pi.parse(ROWS[15]["target"])
    assert isinstance(t16, pi.Scoped) and t16.scope == "每家" and str(t16.target) == "≤100万元"
    t17 = pi.parse(ROWS[16]["target"])
    assert isinstance(t17, pi.AllOf)
    assert [str(p) for p in t17.parts] == ["每家≤200万元", "每家≤100万元"]
    t21 = pi.parse(ROWS[20]["target"])
    assert isinstance(t21, pi.Scoped) and isinstance(t21.target, pi.Multi)
    assert [str(v) for v in t21.target.parts()] == ["≤50万元", "≤30万元", "≤20万元"]
    t23 = pi.parse(ROWS[22]["target"])
    assert isinstance(t23, pi.Comparison) and t23.implicit
    o23 = t23.evaluate(ROWS[22]["actual"], category="成本指标")
    assert o23.direction is pi.Op.LE and o23.met
    t29 = pi.parse(ROWS[28]["target"])
    assert str(t29) == "≤5%" and t29.subject == "社会组织投诉率"
    o15 = pi.parse(ROWS[14]["target"]).evaluate(ROWS[14]["actual"])
    assert o15.actual_value == Decimal("88.26")
