"""score_frame against a plain loop of pi.score, on the same 100,000 corpus-shaped rows.

The rows are drawn from the published corpus (tests/data/corpus/published-indicators.tsv)
in its own proportions: target, actual, weight, 二级 and 三级指标 as published, the way a
province's forms repeat their rows (``≥95%`` against ``100%``, weight 10). ``--vary`` also
moves numeric actuals by a random factor (0.5–1.5 ×, as bench/score.py does), so that most
rows are distinct. Both runs start with empty caches; the points must be identical.

``--engines`` then scores the same rows with the recipes of docs/scale.md — Dask
``map_partitions`` on a LocalCluster of two worker processes, Spark ``mapInPandas`` in
``local[2]``, and DuckDB's ``pi_score`` — and prints each one's speed-up over one process
(engine start-up excluded, data already in the engine).

    python bench/frame.py [--rows 100000] [--vary] [--engines]
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import random
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd

import perfindicators as pi

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus" / "published-indicators.tsv"
_NUM = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")


def corpus_rows() -> list[dict[str, str]]:
    """The corpus rows that score (the others are reported as bad input, by design)."""
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    good = []
    for r in rows:
        try:
            pi.score(r["target"], r["actual"], r["weight"], category=r["level2"],
                     indicator=r["indicator"])
        except pi.PerfIndicatorError:
            continue
        good.append(r)
    return good


def frame(n: int, *, vary: bool = False, seed: int = 12) -> pd.DataFrame:
    """*n* corpus-shaped rows as a DataFrame with the published headers."""
    rng = random.Random(seed)
    base = corpus_rows()
    out = []
    for _ in range(n):
        r = rng.choice(base)
        actual = r["actual"]
        m = _NUM.match(actual.strip())
        if vary and m:
            value = Decimal(m.group(1)) * Decimal(rng.randint(50, 150)) / 100
            actual = f"{value.quantize(Decimal('0.01'))}{m.group(2)}"
        out.append((r["level2"], r["indicator"], r["target"], actual, r["weight"]))
    return pd.DataFrame(out, columns=["二级指标", "三级指标", "年度指标值", "实际完成值", "分值"])


def plain_loop(df: pd.DataFrame) -> list[Decimal]:
    """The loop an analyst writes: pi.score on each row's values."""
    return [pi.score(t, a, w, category=c, indicator=i).points
            for c, i, t, a, w in zip(df["二级指标"], df["三级指标"], df["年度指标值"],
                                     df["实际完成值"], df["分值"], strict=True)]


def _timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def engines(df: pd.DataFrame, one: float) -> None:
    """The recipes' speed-ups over one process (score_frame) on the same rows."""
    import duckdb
    from dask import dataframe as dd
    from dask.distributed import Client, LocalCluster

    options = {"category": "二级指标", "indicator": "三级指标", "errors": "column"}
    base = pi.score_frame(df, **options)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_pandas(df, npartitions=4, sort=False).persist()
        meta = pi.frame_meta(ddf, errors="column")
        ddf.map_partitions(pi.score_frame, meta=meta, **options).compute()  # warm the workers
        got = []
        t = _timed(lambda: got.append(ddf.map_partitions(pi.score_frame, meta=meta,
                                                         **options).compute()))
        same = got[0]["rule_score"].tolist() == base["rule_score"].tolist()
        print(f"Dask map_partitions, 2 processes: {len(df) / t:>12,.0f} rows/s, "
              f"{one / t:.2f}x one process; identical points: {same}")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sdf = spark.createDataFrame(df.reset_index(names="id")).repartition(2).cache()
    sdf.count()
    score = functools.partial(pi.score_batches, **options)
    out = sdf.mapInPandas(score, schema=pi.spark_schema(sdf))
    out.write.format("noop").mode("overwrite").save()  # warm the workers
    t = _timed(lambda: out.write.format("noop").mode("overwrite").save())
    rows = out.select("id", "rule_score").toPandas().set_index("id")["rule_score"]
    same = rows.loc[df.index].tolist() == [None if pd.isna(v) else v
                                           for v in base["rule_score"]]
    print(f"Spark mapInPandas, local[2]:      {len(df) / t:>12,.0f} rows/s, "
          f"{one / t:.2f}x one process; identical points: {same}")
    spark.stop()
    con = duckdb.connect()
    pi.register_duckdb(con)
    con.register("frame", df)
    con.execute("CREATE TABLE rows AS SELECT \"年度指标值\" AS target, \"实际完成值\" AS "
                "actual, TRY_CAST(\"分值\" AS DECIMAL(18, 6)) AS weight, \"二级指标\" AS "
                "category FROM frame")
    result = []
    t = _timed(lambda: result.append(con.sql(
        "SELECT pi_score(target, actual, weight, category) FROM rows").fetchall()))
    print(f"DuckDB pi_score UDF:              {len(df) / t:>12,.0f} rows/s, "
          f"{one / t:.2f}x one process (no indicator column: points not compared)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--vary", action="store_true")
    ap.add_argument("--engines", action="store_true")
    args = ap.parse_args()
    df = frame(args.rows, vary=args.vary)
    distinct = len(df.drop_duplicates())
    pi.score("≥60项", "30665项", 3)  # build the parser once
    pi.clear_caches()
    start = time.perf_counter()
    loop = plain_loop(df)
    t_loop = time.perf_counter() - start
    pi.clear_caches()
    start = time.perf_counter()
    scored = pi.score_frame(df)
    t_frame = time.perf_counter() - start
    same = [Decimal(p) for p in scored["rule_score"]] == loop
    print(f"rows: {len(df):,} ({distinct:,} distinct){' varied' if args.vary else ''}")
    print(f"plain pi.score loop: {len(df) / t_loop:>12,.0f} rows/s ({t_loop:.2f} s)")
    print(f"pi.score_frame:      {len(df) / t_frame:>12,.0f} rows/s ({t_frame:.2f} s)")
    print(f"speed-up: {t_loop / t_frame:.1f}x; identical points: {same}; "
          f"sum {sum(loop, Decimal(0))}")
    if not same:
        raise SystemExit("the points differ")
    print(f"load average: {os.getloadavg()[0]:.2f} (other work on the machine slows all figures)")
    if args.engines:
        pi.clear_caches()
        one = _timed(lambda: pi.score_frame(df, category="二级指标", indicator="三级指标",
                                            errors="column"))
        print(f"one process, score_frame:         {len(df) / one:>12,.0f} rows/s")
        engines(df, one)


if __name__ == "__main__":
    main()
