"""The recipes of docs/scale.md run as written: Dask on a LocalCluster with two worker
processes (map_partitions with the library's meta, dask.bag over form files), Spark's
mapInPandas in local[2] with the library's schema, and they give the points of one process."""

from __future__ import annotations

import functools
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import perfindicators as pi
from perfindicators.batch import combine, expand, score_file

CORPUS = Path(__file__).parent / "data" / "corpus" / "published-indicators.tsv"


def _rows() -> pd.DataFrame:
    df = pd.read_csv(CORPUS, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    df = pd.concat([df] * 4, ignore_index=True)
    df.index = [f"r{i}" for i in range(len(df))]  # labels, not positions
    return df[["level1", "level2", "indicator", "target", "actual", "weight"]]


OPTIONS = {"category": "level2", "indicator": "indicator", "errors": "column"}


@pytest.fixture(scope="module")
def cluster() -> object:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield client


@pytest.mark.slow
def test_dask_map_partitions_with_the_library_meta(cluster: object) -> None:
    dd = pytest.importorskip("dask.dataframe")
    df = _rows()
    ddf = dd.from_pandas(df, npartitions=4, sort=False)
    out = ddf.map_partitions(pi.score_frame, meta=pi.frame_meta(ddf, errors="column"),
                             **OPTIONS)
    assert str(out.dtypes["rule_score"]) == "decimal128(18, 6)[pyarrow]"  # not float64
    got = out.compute()
    expected = pi.score_frame(df, **OPTIONS)
    assert got.index.tolist() == expected.index.tolist()
    results = list(pi.frames.RESULT_COLUMNS)
    pd.testing.assert_frame_equal(got[results], expected[results], check_index_type=False)
    assert got["rule_score"].sum() == expected["rule_score"].sum()


@pytest.mark.slow
def test_dask_bad_rows_reach_the_client_by_label(cluster: object) -> None:
    dd = pytest.importorskip("dask.dataframe")
    df = _rows()
    df = df[pi.score_frame(df, **OPTIONS)["error"].isna()].head(200).copy()
    df.index = [f"r{i}" for i in range(len(df))]
    bad = [f"r{i}" for i in range(0, 200, 2)]
    df.loc[bad, "target"] = "≥"  # 100 bad rows
    ddf = dd.from_pandas(df, npartitions=2, sort=False)
    out = ddf.map_partitions(pi.score_frame, meta=pi.frame_meta(ddf), category="level2")
    with pytest.raises(pi.BatchError) as info:
        out.compute()
    errors = info.value.errors
    labels = [e.row for e in errors]
    assert set(labels) <= set(bad) and len(set(labels)) == len(labels) >= 50  # one partition
    assert all(isinstance(e, pi.RowError) and e.field == "target" for e in errors)


def _forms(folder: Path, n: int) -> list[str]:
    seed = pi.examples.data("zgc-2021")
    for i in range(n):
        data = json.loads(json.dumps(seed))
        data["indicators"][0]["actual"] = f"{100 + i}项"
        (folder / f"f{i:03d}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (folder / "bad.json").write_text("{", encoding="utf-8")
    return expand(folder)


@pytest.mark.slow
def test_dask_bag_over_form_files(cluster: object, tmp_path: Path) -> None:
    db = pytest.importorskip("dask.bag")
    paths = _forms(tmp_path, 12)
    bag = db.from_sequence(list(enumerate(paths)), npartitions=4)
    parts = bag.map(lambda item: score_file(item[1], form_id=item[0])).compute()
    result = combine(parts)
    local = pi.score_forms(paths, workers=1)
    assert result.scored == 12 and result.failed == 1
    for name in ("forms", "rows", "findings", "failures"):
        assert result.tables()[name].equals(local.tables()[name]), name


@pytest.fixture(scope="module")
def spark() -> object:
    sql = pytest.importorskip("pyspark.sql", reason="pyspark is in the dev extra")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this interpreter
    session = (sql.SparkSession.builder.master("local[2]").appName("perfindicators-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    yield session
    session.stop()


@pytest.mark.slow
def test_spark_map_in_pandas_with_the_library_schema(spark: object) -> None:
    types = pytest.importorskip("pyspark.sql.types")
    df = _rows().reset_index(names="id")
    sdf = spark.createDataFrame(df).repartition(2)  # type: ignore[attr-defined]
    schema = pi.spark_schema(sdf)
    assert schema["rule_score"].dataType == types.DecimalType(18, 6)  # never a double
    out = sdf.mapInPandas(functools.partial(pi.score_batches, **OPTIONS), schema=schema)
    got = out.toPandas().set_index("id").loc[df["id"]]
    expected = pi.score_frame(df.set_index("id"), **OPTIONS)
    def plain(column: pd.Series) -> list[object]:
        return [None if pd.isna(v) else v for v in column]

    assert plain(got["rule_score"]) == plain(expected["rule_score"])
    assert all(isinstance(v, Decimal) for v in got["rule_score"].dropna())
    assert got["error"].isna().tolist() == expected["error"].isna().tolist()
    assert plain(got["flags"]) == plain(expected["flags"])
