"""Properties of compiled criteria (hypothesis): bounded, monotone, total or reporting gaps,
judgement never turned into a number, canonical text round trips."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from perfindicators.criteria import CriterionSyntaxError, criterion
from perfindicators.criteria.check import check

DATA = Path(__file__).parent / "data" / "criteria"
with (DATA / "criteria.tsv").open(encoding="utf-8", newline="") as _f:
    ROWS = list(csv.DictReader(_f, delimiter="\t", quoting=csv.QUOTE_NONE))

weights = st.integers(min_value=1, max_value=30)
prices = st.sampled_from(["0.1", "0.25", "0.5", "1", "2"])
rates = st.decimals(min_value=0, max_value=130, places=1)


@st.composite
def band_tables(draw: st.DrawFn) -> tuple[str, int, list[int]]:
    """≥a%,计p1分;b%(含)-a%,计p2分;…;低于z%不得分 with rising edges and falling points."""
    w = draw(weights)
    edges = sorted(draw(st.lists(st.integers(10, 99), min_size=1, max_size=4, unique=True)),
                   reverse=True)
    pts = sorted(draw(st.lists(st.integers(1, w), min_size=len(edges), max_size=len(edges))),
                 reverse=True)
    parts = [f"≥{edges[0]}%,计{pts[0]}分"]
    for i in range(1, len(edges)):
        parts.append(f"{edges[i]}%(含)-{edges[i - 1]}%,计{pts[i]}分")
    parts.append(f"低于{edges[-1]}%不得分")
    return ";".join(parts), w, edges


@given(band_tables(), rates, rates)
def test_bands_bounded_monotone_total(table: tuple[str, int, list[int]], a: Decimal,
                                      b: Decimal) -> None:
    text, w, _ = table
    c = criterion(text, weight=w)
    lo, hi = sorted((a, b))
    s_lo, s_hi = c.score({"value": f"{lo}%"}), c.score({"value": f"{hi}%"})
    assert s_lo.points is not None and s_hi.points is not None
    assert 0 <= s_lo.points <= s_hi.points <= w
    assert check(c) == ()  # every value falls in exactly one band


@given(band_tables(), st.data())
def test_a_missing_band_is_reported(table: tuple[str, int, list[int]], data: st.DataObject
                                    ) -> None:
    text, w, _ = table
    parts = text.split(";")
    if len(parts) < 3:
        return
    i = data.draw(st.integers(1, len(parts) - 2))
    c = criterion(";".join(parts[:i] + parts[i + 1:]), weight=w)
    assert "gap" in [f.code for f in check(c)]


@given(weights, prices, st.sampled_from(["降低", "减少", "超过"]), rates, rates,
       st.sampled_from(["", "。不足一个百分点的按照一个百分点计算"]))
def test_steps_bounded_and_monotone(w: int, price: str, word: str, a: Decimal, b: Decimal,
                                    rounding: str) -> None:
    c = criterion(f"每{word}1个百分点扣{price}分，扣完为止{rounding}", weight=w)
    lo, hi = sorted((a, b))
    s_lo, s_hi = c.score({"value": f"{lo}%"}).points, c.score({"value": f"{hi}%"}).points
    assert s_lo is not None and s_hi is not None
    assert 0 <= s_lo <= w and 0 <= s_hi <= w
    if word == "超过":
        assert s_lo >= s_hi  # more is worse
    else:
        assert s_lo <= s_hi


@given(weights, rates, rates)
def test_proportional_bounded_and_monotone(w: int, a: Decimal, b: Decimal) -> None:
    c = criterion("根据项目实际到位资金占计划的比重计算得分", weight=w)
    lo, hi = sorted((a, b))
    p_lo, p_hi = c.score({"value": f"{lo}%"}).points, c.score({"value": f"{hi}%"}).points
    assert p_lo is not None and p_hi is not None and 0 <= p_lo <= p_hi <= w


@given(weights, prices, st.integers(0, 50), st.integers(0, 50))
def test_occurrences_bounded_and_monotone(w: int, price: str, m: int, n: int) -> None:
    c = criterion(f"每发现1处扣{price}分", weight=w)
    few, many = sorted((m, n))
    p_few, p_many = c.score({"count:x": few}).points, c.score({"count:x": many}).points
    assert p_few is not None and p_many is not None and 0 <= p_many <= p_few <= w


@given(st.sampled_from([r for r in ROWS if r["class"] == "D"]),
       st.dictionaries(st.sampled_from(["value", "target", "level", "item:新增项目"]),
                       st.sampled_from(["80%", "100%", "基本合理", "较差"]), max_size=3))
def test_discretionary_rows_never_give_a_bare_number(row: dict[str, str],
                                                    facts: dict[str, str]) -> None:
    c = criterion(row["criterion"], weight=row["weight"] or 10)
    s = c.score(facts)
    assert s.points is None or not facts or "item:新增项目" in facts  # 新增项目 → 8 (stated)
    if s.points is None:
        assert s.needs_judgement


@given(band_tables())
def test_canonical_text_round_trips(table: tuple[str, int, list[int]]) -> None:
    text, w, _ = table
    c = criterion(text, weight=w)
    again = criterion(str(c), weight=w)
    assert again == c and str(again) == str(c)


@given(st.text(alphabet="每发现1处扣0.5分计≥%；，(含)-得不足一个百分点按为止完满酌情", max_size=30))
def test_any_text_is_read_or_rejected_with_a_caret(text: str) -> None:
    try:
        c = criterion(text, weight=5)
    except CriterionSyntaxError as e:
        assert 0 <= e.column <= len(text)
        return
    s = c.score({})
    assert s.points is None or 0 <= s.points <= 5
