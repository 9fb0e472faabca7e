"""pi.score_frame behaves like pandas: any dtype, NA anywhere, labels, no clobbering, exact
decimals, Excel floats read explicitly, the same points as a plain loop of pi.score."""

from __future__ import annotations

import csv
import pickle
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import perfindicators as pi
import perfindicators.frames.accessor  # registers df.pi

CORPUS = Path(__file__).parent / "data" / "corpus" / "published-indicators.tsv"
DEC = pd.ArrowDtype(pa.decimal128(18, 6))


def _rows() -> pd.DataFrame:
    return pd.DataFrame({
        "二级指标": ["数量指标", "成本指标", "质量指标", "数量指标"],
        "三级指标": ["甲", "乙", "预算调整率", "丁"],
        "指标值": ["≥60项", "20万元", "3%", "≥60项"],
        "完成值": ["30项", "25万元", "0", None],
        "权重": [3, 4, 2, 3],
    })


def test_scores_are_exact_arrow_decimals_pandas_computes_with() -> None:
    out = pi.score_frame(_rows())
    assert out["rule_score"].dtype == DEC
    assert out["rule_score"].tolist() == [Decimal("1.5"), Decimal("3.2"), Decimal("2"),
                                          Decimal("0")]
    assert out["rule_score"].sum() == Decimal("6.70")
    by = out.groupby("二级指标")["rule_score"].sum()
    assert by["数量指标"] == Decimal("1.50")
    assert out["met"].tolist() == [False, False, True, False]
    assert out["status"].tolist()[3] == "cannot tell" and "missing" in out["flags"].iloc[3]


def test_decimals_object_or_float_on_request() -> None:
    obj = pi.score_frame(_rows(), decimals="object")
    assert obj["rule_score"].dtype == object
    assert obj["rule_score"].tolist()[1] == Decimal("3.20")
    flt = pi.score_frame(_rows(), decimals="float")
    assert flt["rule_score"].dtype == "float64" and flt["rule_score"].sum() == pytest.approx(6.7)


@pytest.mark.parametrize("dtype", ["object", "string", "string[pyarrow]", "category",
                                   "convert_dtypes", "arrow"])
def test_every_dtype_and_na_anywhere(dtype: str) -> None:
    df = _rows()
    df.loc[1, "三级指标"] = None
    df.loc[2, "二级指标"] = float("nan")
    if dtype == "convert_dtypes":
        df = df.convert_dtypes()  # pd.NA everywhere, Int64 weights
    elif dtype == "arrow":
        df = pa.Table.from_pandas(df).to_pandas(types_mapper=pd.ArrowDtype)
    else:
        df = df.astype({c: dtype for c in ("二级指标", "三级指标", "指标值", "完成值")})
    out = pi.score_frame(df)
    assert out["rule_score"].tolist() == pi.score_frame(_rows().astype(object).where(
        df.notna().to_numpy(), None))["rule_score"].tolist()
    assert out["rule_score"].iloc[0] == Decimal("1.50")


def test_never_overwrites_a_column_and_to_frame_keeps_published_scores() -> None:
    form = pi.examples.load("zgc-2021")
    frame = pi.forms.to_frame(form)
    out = pi.score_frame(frame, year=form.year)
    assert out["score"].tolist() == frame["score"].tolist()  # published, untouched
    report = form.score()
    assert out["rule_score"].tolist() == [r.rule for r in report.rows]
    assert "rule_score" not in frame.columns
    with pytest.raises(pi.PerfIndicatorError, match="rule_score") as info:
        pi.score_frame(out, year=form.year)
    assert "prefix" in str(info.value)
    again = pi.score_frame(out, year=form.year, prefix="pi_")
    assert again["pi_rule_score"].tolist() == out["rule_score"].tolist()


def test_read_form_and_read_frame_round_trip() -> None:
    form = pi.examples.load("zgc-2021")
    back = pi.forms.read_frame(pi.forms.to_frame(form))
    assert back.indicators == form.indicators


def test_bad_rows_by_index_label_all_of_them() -> None:
    df = pd.DataFrame({"年度指标值": ["≥60项", "≥", "≤5%", "≥1项"],
                       "实际完成值": ["30项", "1", "5家", "1项"], "分值": [3, 3, 3, -1]},
                      index=["x", "y", "z", "w"])
    with pytest.raises(pi.BatchError) as info:
        pi.score_frame(df)
    errors = info.value.errors
    assert [(e.row, e.field) for e in errors] == [("y", "target"), ("z", "actual"),
                                                 ("w", "weight")]
    back = pickle.loads(pickle.dumps(info.value))  # crosses a process intact
    assert [e.row for e in back.errors] == ["y", "z", "w"]
    assert isinstance(back.errors[0].error, pi.TargetSyntaxError)


def test_bad_rows_named_by_a_label_column() -> None:
    df = pd.DataFrame({"id": ["p-1", "p-2"], "target": ["≥60项", "≥"], "actual": ["1项", "1"],
                       "weight": [3, 3]})
    with pytest.raises(pi.BatchError) as info:
        pi.score_frame(df, label="id")
    assert [e.row for e in info.value.errors] == ["p-2"]


def test_errors_column_scores_the_rest() -> None:
    df = pd.DataFrame({"target": ["≥60项", "≥", "≥60项"], "actual": ["30项", "1", "60项"],
                       "weight": [3, 3, 3]}, index=[7, 8, 9])
    out = pi.score_frame(df, errors="column")
    assert out.index.tolist() == [7, 8, 9]
    assert out["rule_score"].tolist()[0] == Decimal("1.5")
    assert pd.isna(out["rule_score"].iloc[1]) and "number is missing" in out["error"].iloc[1]
    assert out["error"].isna().tolist() == [True, False, True]


def test_excel_fraction_against_a_percentage_is_never_a_silent_004() -> None:
    df = pd.DataFrame({"target": ["≥95%", "≥90%"], "actual": [0.96, 1.0], "weight": [4, 4]})
    out = pi.score_frame(df)  # every number 0…1: the column holds fractions
    assert out["rule_score"].tolist() == [Decimal(4), Decimal(4)]
    assert "percent_as_fraction" in out["flags"].iloc[0]
    as_written = pi.score_frame(df, percent_as_fraction=False)
    assert as_written["rule_score"].iloc[0] == Decimal("0.04")
    forced = pi.score_frame(pd.DataFrame({"target": ["≥95%"], "actual": [96], "weight": [4]}),
                            percent_as_fraction=True)
    assert forced["met"].iloc[0]  # 9600 %
    mixed = pd.DataFrame({"target": ["≥95%", "≥95%", "≥60项"], "actual": [0.96, 98, 0.5],
                          "weight": [4, 4, 2]})
    with pytest.raises(pi.BatchError) as info:
        pi.score_frame(mixed)
    assert [e.row for e in info.value.errors] == [0]
    assert "percent_as_fraction" in str(info.value.errors[0])
    text = pi.score_frame(pd.DataFrame({"target": ["≥95%"], "actual": ["96"], "weight": [4]}))
    assert text["rule_score"].iloc[0] == Decimal(4)  # text is read as written


def test_float_weights_read_as_typed() -> None:
    df = pd.DataFrame({"target": ["≥60项"], "actual": ["60项"], "weight": [0.1 + 0.2]})
    out = pi.score_frame(df, decimals="object")
    assert out["weight_used"].iloc[0] == Decimal("0.3")
    assert str(out["weight_used"].iloc[0]) == "0.3"


def test_year_from_a_column() -> None:
    df = pd.DataFrame({"target": ["12月底前", "12月底前"], "actual": ["2022年1月3日"] * 2,
                       "weight": [3, 3], "year": [2021, 2022]})
    out = pi.score_frame(df, year="year")
    assert out["met"].tolist() == [False, True]


def test_same_points_as_a_plain_loop_on_the_corpus() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    df = pd.DataFrame(rows * 3)  # repeated rows score once
    out = pi.score_frame(df, target="target", actual="actual", weight="weight",
                         category="level2", indicator="indicator", errors="column")
    for r, score, error in zip(rows * 3, out["rule_score"], out["error"], strict=True):
        try:
            expected = pi.score(r["target"], r["actual"], r["weight"], category=r["level2"],
                                indicator=r["indicator"]).points
        except pi.PerfIndicatorError:
            assert isinstance(error, str)
            continue
        assert score == expected and pd.isna(error)


def test_frame_meta_is_what_score_frame_returns() -> None:
    df = _rows()
    for errors in ("raise", "column"):
        out = pi.score_frame(df, errors=errors, prefix="p_")
        meta = pi.frame_meta(df, errors=errors, prefix="p_")
        assert list(meta.columns) == list(out.columns)
        assert meta.dtypes.tolist() == out.dtypes.tolist()
    assert list(pi.frame_meta().columns) == list(pi.frames.RESULT_COLUMNS[:-1])


def test_score_arrow_has_one_fixed_schema() -> None:
    table = pa.table({"target": ["≥60项", "≥"], "actual": ["30项", "1"],
                      "weight": pa.array([3, 3], pa.int64())})
    out = pi.score_arrow(table, errors="column")
    assert out.schema == pa.schema(list(table.schema) + list(pi.result_schema()))
    assert out.column("rule_score").to_pylist() == [Decimal("1.5"), None]
    batches = pi.score_arrow(table.slice(0, 1).to_batches())
    assert batches.schema == out.schema
    with pytest.raises(pi.BatchError):
        pi.score_arrow(table)


def test_accessor_is_thin() -> None:
    df = _rows()
    assert df.pi.score()["rule_score"].tolist() == pi.score_frame(df)["rule_score"].tolist()
    targets = df.pi.parse_targets()
    assert targets.index.equals(df.index) and targets.iloc[0] == pi.parse("≥60项")


def test_duckdb_udf() -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    pi.register_duckdb(con)
    con.sql("CREATE TABLE rows AS SELECT * FROM (VALUES ('≥60项', '30项', 3, '数量指标'), "
            "('≥', '1', 2, NULL), ('20万元', '25万元', 4, '成本指标')) t(target, actual, weight, "
            "category)")
    got = con.sql("SELECT pi_score(target, actual, weight, category), "
                  "pi_score_error(target, actual, weight, category) FROM rows").fetchall()
    assert [g[0] for g in got] == [Decimal("1.5"), None, Decimal("3.2")]
    assert got[1][1].startswith("cannot read the target")


def test_a_fraction_against_a_percentage_of_at_most_one_is_not_guessed() -> None:
    """0.3 against ≤0.5% may be 0.3 % (met) or a percent cell's 30 % (not met): never read as
    30 % because the rest of the column holds fractions."""
    df = pd.DataFrame({"target": ["≤0.5%", "≥95%"], "actual": [0.3, 0.96], "weight": [4, 4]})
    with pytest.raises(pi.BatchError) as info:
        pi.score_frame(df)
    assert [e.row for e in info.value.errors] == [0]
    out = pi.score_frame(df, errors="column")
    assert pd.isna(out["rule_score"].iloc[0]) and "0.3" in out["error"].iloc[0]
    assert out["rule_score"].iloc[1] == Decimal(4)
    assert pi.score_frame(df, percent_as_fraction=False)["met"].iloc[0]  # said: 0.3 %


# ---- describe, exactly (issue #12: .describe() of the exact columns) ---------------------------

@pytest.mark.parametrize("decimals", ["arrow", "object"])
def test_describe_summarises_the_exact_columns_in_decimal(decimals: str) -> None:
    df = pd.DataFrame({"target": ["≥60项", "不超过100万元", "≥90%", None],
                       "actual": ["30项", "80万元", "95%", None], "weight": [3, 4, 5, 2]})
    scored = pi.score_frame(df, decimals=decimals, errors="column")
    summary = scored.pi.describe()
    col = summary["rule_score"]
    points = [Decimal(str(v)) for v in scored["rule_score"].dropna()]
    assert col["count"] == len(points) == 3
    assert col["mean"] == sum(points) / 3 and isinstance(col["mean"], Decimal)
    assert (col["min"], col["max"]) == (min(points), max(points))
    floats = scored["rule_score"].dropna().astype(float).describe()
    for stat in ("mean", "std", "25%", "50%", "75%"):
        assert abs(float(col[stat]) - floats[stat]) < 1e-9, stat
    assert summary["weight"]["mean"] == 3.5  # the other numeric columns as pandas has them
    assert list(summary.index) == ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
