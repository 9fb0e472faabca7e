"""Targets parsed per second on the corpus mix: cold (no cache) and with the cache.

The mix: targets drawn from the published corpus in its own proportions, with the numbers that
are not part of a date replaced by random ones. "Cold" runs the full, uncached parse for every
text (normalise → lex → LALR parse → build the target); "with the cache" is ``pi.parse`` on texts
it has seen. One process, one core.

    python bench/parse.py [--n 20000] [--corpus ../shared/corpus/published-indicators.tsv]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import random
import re
import time
from pathlib import Path

import perfindicators as pi
from perfindicators.parsing import _parse_normalized

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "published-indicators.tsv"
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


def cold_rate(texts: list[str]) -> float:
    start = time.perf_counter()
    for t in texts:
        # a text that raises (a malformed separator made by the mix) is parsed too
        with contextlib.suppress(pi.PerfIndicatorError):
            _parse_normalized(t, 2021, False)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    base = corpus_targets(args.corpus)
    texts = mix(base, args.n)
    pi.parse("≥60项")  # build the parser once: start-up is not parsing
    cold = cold_rate(texts)
    warm = warm_rate(texts)
    kinds = collections.Counter(_parse(t) for t in texts)
    print(f"corpus targets: {len(base)}; texts in the mix: {len(texts)} "
          f"({len(set(texts))} distinct)")
    print(f"cold (no cache):  {cold:,.0f} targets/s")
    print(f"with the cache:   {warm:,.0f} targets/s")
    print("mix by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
