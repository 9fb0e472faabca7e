"""Every target and actual of the seed form parses to the kind a reader expects.

The rows are entered by hand in ``tests/data/seed_rows.tsv`` from
``shared/seeds/000_1e2aa895fe99a0ef.txt`` (中关村 patents and standards, 2021).
"""

from __future__ import annotations

import pytest

import perfindicators as pi

from .conftest import DATA, read_tsv

ROWS = read_tsv(DATA / "seed_rows.tsv")


def test_the_table_is_complete() -> None:
    assert len(ROWS) == 29
    assert sum(int(r["weight"]) for r in ROWS) == 90  # + 10 for the budget block = 100


@pytest.mark.parametrize("row", ROWS, ids=[r["row"] for r in ROWS])
def test_kinds(row: dict[str, str]) -> None:
    target = pi.parse(row["target"], year=2021)
    actual = pi.parse_actual(row["actual"], year=2021)
    assert target.kind == row["target_kind"]
    assert actual.kind == row["actual_kind"]
    assert pi.parse(str(target)) == target


@pytest.mark.parametrize("row", ROWS, ids=[r["row"] for r in ROWS])
def test_every_row_evaluates(row: dict[str, str]) -> None:
    o = pi.parse(row["target"], year=2021).evaluate(row["actual"], category=row["level2"],
                                                    year=2021)
    # the secretariat row (21) reports that no funds were granted; every other row was met
    expected = pi.Status.NOT_MET if row["row"] == "21" else pi.Status.MET
    assert o.status is expected, o.reason


def test_seed_details() -> None:
    rows = {r["row"]: r for r in ROWS}
    t16 = pi.parse(rows["16"]["target"])
    assert isinstance(t16, pi.Scoped) and t16.scope == "每家" and str(t16.target) == "≤100万元"
    t17 = pi.parse(rows["17"]["target"])
    assert isinstance(t17, pi.AllOf)
    assert [str(p) for p in t17.parts] == ["每家≤200万元", "每家≤100万元"]
    t21 = pi.parse(rows["21"]["target"])
    assert isinstance(t21, pi.Scoped) and isinstance(t21.target, pi.Multi)
    assert [str(v) for v in t21.target.parts()] == ["≤50万元", "≤30万元", "≤20万元"]
    t23 = pi.parse(rows["23"]["target"])
    assert isinstance(t23, pi.Comparison) and t23.implicit
    o23 = t23.evaluate(rows["23"]["actual"], category="成本指标")
    assert o23.direction is pi.Op.LE and o23.met
    t29 = pi.parse(rows["29"]["target"])
    assert str(t29) == "≤5%" and t29.subject == "社会组织投诉率"
