"""score_frame against a plain loop of pi.score, on the same 100,000 corpus-shaped rows.

The rows are drawn from the published corpus (tests/data/corpus/published-indicators.tsv)
in its own proportions: target, actual, weight, 二级 and 三级指标 as published, the way a
province's forms repeat their rows (``≥95%`` against ``100%``, weight 10). ``--vary`` also
moves numeric actuals by a random factor (0.5–1.5 ×, as bench/score.py does), so that most
rows are distinct. Both runs start with empty caches; the points must be identical.

    python bench/frame.py [--rows 100000] [--vary]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--vary", action="store_true")
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


if __name__ == "__main__":
    main()
