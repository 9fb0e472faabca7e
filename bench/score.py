"""Rows scored per second: one million rows generated from the corpus mix.

Each generated row takes a published row (target, actual, weight, category) from the corpus
in its own proportions; numeric actuals are moved by a random factor (0.5–1.5 × the
published number) so that most rows are new, and weights are drawn from the weights seen.
The score is ``pi.score`` under the ``central`` scheme: parse (cached), evaluate, policy,
round. One process, one core.

Lines printed:

* all rows, as ``pi.score`` runs by default (its memo scores a repeated row once; the memo's
  misses are printed: one per distinct row means it does not thrash);
* distinct rows, score memo off, parses cached: ``evaluate`` and ``score_outcome`` on every
  distinct row, with the target and actual parses already in their memos (``--repeat`` runs,
  each after a garbage collection, best kept), and the same figure relative to a plain
  cached ``pi.parse`` loop over the same rows in the same run (a machine-relative figure: a
  faster or busier machine moves both); then the same rows timed in pieces of 4,096, each
  piece scored and parsed in turn in every run, and the figure of each piece's best time (on
  a machine whose speed moves from second to second, the steadier figure);
* distinct rows, score memo off, parse memos cold at the start (the figure this benchmark
  printed before issue #13: it includes parsing each distinct actual and target once);
* distinct rows, no memo at all (each row parsed, evaluated and scored anew).

    python bench/score.py [--rows 1000000] [--repeat 5] [--corpus tests/data/corpus/published-indicators.tsv]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gc
import random
import re
import time
from decimal import Decimal
from pathlib import Path

import perfindicators as pi
from perfindicators.parsing import _parse_actual, _parse_normalized
from perfindicators.scoring import clear_caches, score_outcome
from perfindicators.scoring._api import _score_memo

parse_actual_uncached = _parse_actual.__wrapped__

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "data" / "corpus" / "published-indicators.tsv"  # a copy of ../shared
_NUM = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")
PIECE = 4096  # rows a piece of the steady figure (about 25 ms of scoring)


def corpus_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    good = []
    for r in rows:
        if not (r["target"].strip() and r["weight"].strip()):
            continue
        try:
            pi.score(r["target"], r["actual"], r["weight"], category=r["level2"],
                     year=int(r["form_year"]) if r["form_year"].isdigit() else None)
        except pi.PerfIndicatorError:
            continue  # a row the library reports as bad input (units mixed up in the form)
        good.append(r)
    return good


def generate(rows: list[dict[str, str]], n: int, seed: int = 11) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    weights = [r["weight"] for r in rows]
    out = []
    for _ in range(n):
        r = rng.choice(rows)
        actual = r["actual"]
        m = _NUM.match(actual.strip())
        if m:
            value = Decimal(m.group(1)) * Decimal(rng.randint(50, 150)) / 100
            actual = f"{value.quantize(Decimal('0.01'))}{m.group(2)}"
        out.append((r["target"], actual, rng.choice(weights), r["level2"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=5,
                    help="runs of the memo-off line with parses cached (each printed, best kept)")
    args = ap.parse_args()
    base = corpus_rows(args.corpus)
    rows = generate(base, args.rows)
    pi.score("≥60项", "30665项", 3)  # warm up: build the parser and the registry
    clear_caches()
    start = time.perf_counter()
    total = Decimal(0)
    policies: collections.Counter[str] = collections.Counter()
    for target, actual, weight, category in rows:
        s = pi.score(target, actual, weight, category=category)
        total += s.points
        policies[s.policy] += 1
    elapsed = time.perf_counter() - start
    distinct = list(dict.fromkeys(rows))
    print(f"corpus rows used: {len(base)}; generated rows: {len(rows):,} "
          f"({len(distinct):,} distinct)")
    print(f"all rows, as pi.score runs by default (a repeated row is scored once): "
          f"{len(rows) / elapsed:,.0f} rows/s in {elapsed:.1f} s")
    memo = _score_memo.cache_info()
    print(f"score memo: {memo.misses:,} misses for {len(distinct):,} distinct rows "
          f"(holds {memo.maxsize:,})")
    # the distinct rows again with the score memo off (score_outcome: not memoised), the target
    # and actual parses in their memos (forms repeat their targets and many actuals)
    clear_caches()
    for target, actual, _weight, _category in distinct:
        pi.parse(target)
        pi.parse_actual(actual)
    parse_rates = []
    for _ in range(max(1, args.repeat) * 3):  # a short loop: more runs for a steady best
        start = time.perf_counter()
        for target, _actual, _weight, _category in distinct:
            pi.parse(target)
        parse_rates.append(len(distinct) / (time.perf_counter() - start))
    parse_rate = max(parse_rates)
    rates = []
    for _ in range(max(1, args.repeat)):
        gc.collect()  # the garbage of the runs before collected before this one, not inside it
        start = time.perf_counter()
        for target, actual, weight, category in distinct:
            score_outcome(pi.parse(target).evaluate(actual, category=category), weight,
                          category=category)
        rates.append(len(distinct) / (time.perf_counter() - start))
    best = max(rates)
    print(f"distinct rows, score memo off, parses cached: {best:,.0f} rows/s "
          f"(runs: {', '.join(f'{r:,.0f}' for r in rates)})")
    print(f"  relative to a cached pi.parse loop over the same rows ({parse_rate:,.0f} rows/s): "
          f"{best / parse_rate:.4f}")
    # the same rows in pieces, each piece scored and then parsed in every run: a machine whose
    # speed moves from second to second (a shared VM) slows some pieces of a run, not all, and
    # the scoring and the parse loop of a piece meet the same conditions
    pieces = [distinct[i:i + PIECE] for i in range(0, len(distinct), PIECE)]
    best_score = [float("inf")] * len(pieces)
    best_parse = [float("inf")] * len(pieces)
    for _ in range(max(1, args.repeat)):
        gc.collect()
        for k, piece in enumerate(pieces):
            start = time.perf_counter()
            for target, actual, weight, category in piece:
                score_outcome(pi.parse(target).evaluate(actual, category=category), weight,
                              category=category)
            middle = time.perf_counter()
            for target, _actual, _weight, _category in piece:
                pi.parse(target)
            end = time.perf_counter()
            best_score[k] = min(best_score[k], middle - start)
            best_parse[k] = min(best_parse[k], end - middle)
    steady, steady_parse = len(distinct) / sum(best_score), len(distinct) / sum(best_parse)
    print(f"  in pieces of {PIECE:,} rows, each piece's best of the runs: {steady:,.0f} rows/s")
    print(f"  relative to the parse loop of the same pieces ({steady_parse:,.0f} rows/s): "
          f"{steady / steady_parse:.4f}")
    # the same with every memo emptied first (parses cached only after their first row)
    clear_caches()
    start = time.perf_counter()
    for target, actual, weight, category in distinct:
        score_outcome(pi.parse(target).evaluate(actual, category=category), weight,
                      category=category)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    for target, actual, weight, category in distinct:
        outcome = _parse_normalized(target, None, False).evaluate(
            parse_actual_uncached(actual, None), category=category)
        score_outcome(outcome, weight, category=category)
    cold = time.perf_counter() - start
    print(f"distinct rows, score memo off, parse memos cold at the start: "
          f"{len(distinct) / warm:,.0f} rows/s")
    print(f"distinct rows, no memo at all:                {len(distinct) / cold:,.0f} rows/s")
    print("by policy: " + ", ".join(f"{k} {v:,}" for k, v in policies.most_common()))
    print(f"checksum (sum of points): {total}")


if __name__ == "__main__":
    main()
