"""Values cross processes: every public value pickles, unpickles equal with the same hash, and
still works — in this process and in a fresh one started with ``spawn`` (as process pools, joblib,
Dask and Spark start theirs)."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfindicators as pi

TARGETS = [
    "≥60项", "≤5%", "不超过100万元", "95%以上", "≥570元/人*月", "≥5锅", "90%-95%",
    "分别不超过50万元、30万元和20万元", "每家支持不超过100万元", "12月底前", "第三季度",
    "2023.07-2024.01", "2021年12月底前拨付支持资金85%以上", "效果明显", "定性 优良中低差",
    "降低村民出行和农产品运输成本", "10000平方米", "≤5个工作日",
]
ACTUALS = ["64项", "88.26%", "达成预期指标", "—", "2021年12月15日", "≥90%", "未进行资金支持",
           "88.26%，92%", "6锅", "有所提高"]


def _values() -> list[Any]:
    targets = [pi.parse(t, year=2021) for t in TARGETS]
    actuals = [pi.parse_actual(a) for a in ACTUALS]
    outcomes = [pi.parse("≥60项").evaluate("64项"), pi.parse("≤5%").evaluate("6%"),
                pi.parse("12月底前", year=2021).evaluate("2022年1月3日")]
    scores = [pi.score("≥60项", "30项", 3), pi.score("效果明显", "部分达成", 5),
              pi.score_budget("9,537.73", "8,417.73")]
    form = pi.examples.load("zgc-2021")
    report = form.score()
    findings = form.audit()
    forms = [form, report, findings, form.indicators[0], report.rows[0], findings[0]]
    schemes = [pi.get_scheme("central"), pi.get_scheme("hubei"), pi.get_scheme("pmkpi"),
               pi.Rounding(1, "down"), scores[0].award if hasattr(scores[0], "award") else
               pi.Award(pi.score("≥60项", "30项", 3).points, "按比例", "pro rata")]
    return [*targets, *actuals, *outcomes, *scores, *forms, *schemes]


def _errors() -> list[pi.PerfIndicatorError]:
    found: list[pi.PerfIndicatorError] = []
    for bad in ("≥", "≥3锅项/", "13月底前"):
        try:
            pi.parse(bad, strict=True)
        except pi.PerfIndicatorError as e:
            found.append(e)
    try:
        pi.parse_many(["≥60项", "≥", "≥5项项/"])
    except pi.BatchError as e:
        found.append(e)
    try:
        pi.parse("≥60项").evaluate("3家")
    except pi.UnitMismatchError as e:
        found.append(e)
    return found


@pytest.mark.parametrize("value", _values(), ids=repr)
def test_values_round_trip_in_process(value: Any) -> None:
    again = pickle.loads(pickle.dumps(value))
    assert again == value
    if value.__hash__ is not None:  # Findings is a list: equal, not hashable
        assert hash(again) == hash(value)
    if isinstance(value, pi.Target | pi.Actual | pi.Score):  # no sets in their reprs
        assert repr(again) == repr(value)


def test_errors_round_trip_in_process() -> None:
    for err in _errors():
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err)
        assert str(again) == str(err)


def test_batch_error_carries_plain_rows_and_a_capped_message() -> None:
    with pytest.raises(pi.BatchError) as info:
        pi.parse_many(["≥"] * 500)
    err = pickle.loads(pickle.dumps(info.value))
    assert [e.row for e in err.errors] == list(range(500))
    assert all(isinstance(e, pi.RowError) and e.field == "target" for e in err.errors)
    assert "… and 480 more" in str(err)
    assert len(str(err)) < 5000


def test_errors_pickle_with_tblib_installed() -> None:
    """Dask installs tblib's pickling support, which pickles causes, contexts and tracebacks too:
    ours carry no lark parser state, so they still pickle."""
    tblib = pytest.importorskip("tblib.pickling_support")
    tblib.install()
    for err in _errors():
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err) and str(again) == str(err)


# ---- a fresh process -------------------------------------------------------------------------

def _in_child(payload: bytes) -> list[str]:
    """Unpickle in a spawned process and use the values there (text that does not depend on
    the process: set orders do)."""
    values = pickle.loads(payload)
    out = []
    for v in values:
        if isinstance(v, pi.Target):
            out.append(f"{type(v).__name__}:{v}:{pi.parse(str(v), year=2021) == v}")
        elif isinstance(v, pi.Score):
            out.append(f"Score:{v.points}/{v.weight}:{v.explanation_zh}")
        elif isinstance(v, pi.Form):
            out.append(f"Form:{v.score().rule_total}")
        elif isinstance(v, pi.Outcome):
            out.append(f"Outcome:{v.status}:{v.reason_zh}")
        else:
            out.append(f"{type(v).__name__}:{pickle.loads(pickle.dumps(v)) == v}")
    return out


def _score_rows(rows: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    return [(str(s.points), s.explanation_zh)
            for s in (pi.score(t, a, w, year=2021) for t, a, w in rows)]


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_values_unpickle_and_work_in_a_spawned_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))  # the child imports this test module by name
    values = _values()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        there = pool.submit(_in_child, pickle.dumps(values)).result(timeout=120)
        back = pool.submit(pickle.loads, pickle.dumps(values)).result(timeout=120)
    assert there == _in_child(pickle.dumps(values))
    assert back == values  # rebuilt there, pickled back here: still equal
    assert [hash(v) for v in back if v.__hash__] == [hash(v) for v in values if v.__hash__]
    # targets came back evaluable: units defined on the fly (锅) mean the same unit
    t = back[TARGETS.index("≥5锅")]
    assert t.evaluate("6锅").met and not t.evaluate("4锅").met


@pytest.mark.slow
def test_a_spawned_process_pool_scores_rows_like_one_process(monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    monkeypatch.syspath_prepend(str(ROOT))
    rows = [(t, a, w) for t, a, w in zip(
        ["≥60项", "≤5%", "不超过100万元", "95%以上", "12月底前", "效果明显", "≥570元/人*月"],
        ["30项", "6%", "99万元", "96%", "2021年12月15日", "部分达成", "600元/人/月"],
        [3, 2, 5, 4, 2, 6, 3], strict=True)]
    chunks = [rows[i::2] for i in range(2)]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        results = list(pool.map(_score_rows, chunks, timeout=180))
    here = [_score_rows(c) for c in chunks]
    assert results == here
    assert sum(Decimal(p) for r in results for p, _ in r) == sum(
        pi.score(t, a, w, year=2021).points for t, a, w in rows)
