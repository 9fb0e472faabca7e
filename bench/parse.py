"""Targets parsed per second on the corpus mix: cold (no cache) and with the cache.

The mix: targets drawn from the published corpus in its own proportions, with the numbers that
are not part of a date replaced by random ones. "Cold" is ``pi.parse`` on every distinct text
of the mix once, every cache emptied first (``pi.clear_caches()``: parses, units, shapes), so
each text goes the full way (normalise → lex → LALR parse → build the target); it is measured
three ways: the fast LALR runtime with its shape memo (what ``pi.parse`` does), the fast
runtime alone, and lark's own parser. "With the cache" is ``pi.parse`` on texts it has seen.
One process, one core. Figures only: nothing here asserts a time.

    python bench/parse.py [--n 20000] [--corpus tests/data/corpus/published-indicators.tsv]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

import perfindicators as pi
from perfindicators._grammar import fast_parser

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "data" / "corpus" / "published-indicators.tsv"  # a copy of ../shared
# numbers that are not part of a date (2021年12月, 2023.07) get replaced
_NUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*[年月日号])(?!\.\d)")
_DOTTED = re.compile(r"\d{4}\.\d{2}")


def corpus_targets(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["target"] for r in rows if r["target"].strip()]


def mix(base: list[str], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = rng.choice(base)
        if not _DOTTED.search(text):
            text = _NUM.sub(lambda m: str(rng.randint(1, 99999)), text)
        out.append(text)
    return out


def distinct_mix(base: list[str], n: int, seed: int = 7) -> list[str]:
    """*n* distinct texts of the mix (or as many as the mix yields)."""
    out: dict[str, None] = {}
    for text in mix(base, n * 3, seed):
        out.setdefault(text)
        if len(out) == n:
            break
    return list(out)


@contextlib.contextmanager
def runtime(*, fast: bool = True, memo: bool = True) -> Iterator[dict[str, int]]:
    """``pi.parse`` through the fast runtime (with or without its shape memo) or lark's own
    parser; yields the runtime's counts of fast parses, replayed shapes and lark parses."""
    parser, _ = fast_parser()
    saved = parser.fast, parser.memo
    parser.fast, parser.memo = fast, memo and saved[1]
    before = dict(parser.counts)
    counts: dict[str, int] = {}
    try:
        yield counts
    finally:
        counts.update({k: v - before[k] for k, v in parser.counts.items()})
        parser.fast, parser.memo = saved


def cold_rate(texts: list[str], year: int | None = 2021) -> float:
    """``pi.parse`` on every text once, all caches emptied first."""
    pi.clear_caches()
    start = time.perf_counter()
    for t in texts:
        # a text that raises (a malformed separator made by the mix) is parsed too
        with contextlib.suppress(pi.PerfIndicatorError):
            pi.parse(t, year=year)
    return len(texts) / (time.perf_counter() - start)


def _parse(text: str) -> str:
    try:
        return str(pi.parse(text, year=2021).kind)
    except pi.PerfIndicatorError:
        return "raised"


def warm_rate(texts: list[str]) -> float:
    for t in texts:
        _parse(t)
    good = [t for t in texts if _parse(t) != "raised"]  # the cache keeps results, not errors
    start = time.perf_counter()
    for t in good:
        pi.parse(t, year=2021)
    return len(good) / (time.perf_counter() - start)


def warm_up(base: list[str]) -> None:
    """Build the parser and compile every lexer the corpus reaches: start-up is not parsing."""
    for t in base:
        with contextlib.suppress(pi.PerfIndicatorError):
            pi.parse(t, year=2021)
    for memo in (False, True):
        with runtime(memo=memo):
            cold_rate(mix(base, 500, seed=1))
    with runtime(fast=False):
        cold_rate(mix(base, 500, seed=1))


def hit_rate(counts: dict[str, int]) -> float:
    total = sum(counts.values())
    return counts.get("replayed", 0) / total if total else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    base = corpus_targets(args.corpus)
    texts = mix(base, args.n)
    distinct = list(dict.fromkeys(texts))
    warm_up(base)
    print(f"corpus targets: {len(base)}; texts in the mix: {len(texts)} ({len(distinct)} distinct)")
    for label, options in (("fast runtime + shape memo (pi.parse)", {"fast": True, "memo": True}),
                           ("fast runtime, no shape memo", {"fast": True, "memo": False}),
                           ("lark's parser", {"fast": False, "memo": False})):
        rates = []
        for _ in range(args.runs):
            with runtime(**options) as counts:
                rates.append(cold_rate(distinct))
        extra = ""
        if options["memo"]:
            extra = (f"; shape memo hit rate {hit_rate(counts):.1%} "
                     f"(replayed {counts['replayed']}, fast {counts['fast']}, lark {counts['lark']})")
        elif options["fast"]:
            extra = f"; lark fallbacks {counts['lark']}"
        print(f"cold distinct, {label}: " + " / ".join(f"{r:,.0f}" for r in rates)
              + f" targets/s{extra}")
    pi.clear_caches()
    warm = warm_rate(texts)
    kinds = collections.Counter(_parse(t) for t in texts)
    print(f"with the cache:   {warm:,.0f} targets/s")
    print("mix by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
