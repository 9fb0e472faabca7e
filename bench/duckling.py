"""``pi.parse`` side by side with Facebook's Duckling, in one process, on the same texts.

The texts: distinct targets of the corpus mix (bench/parse.py), real-shaped: published targets
in their own proportions with fresh numbers. Duckling (the Haskell library, through the
``pyduckling-native-phihos`` bindings: ``pip install 'perfindicators[bench]'``) reads each with
its Chinese locale and every dimension it has; ``pi.parse`` reads each cold (every cache
emptied before each run). Three runs each; the rates and their ratio are printed, nothing is
asserted. Duckling extracts entities (numbers, money, times) rather than reading a target, so
the ratio compares throughput on the same input, not the same answer.

    python bench/duckling.py [--n 4000] [--corpus tests/data/corpus/published-indicators.tsv]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
import time
from pathlib import Path
from typing import Any

import perfindicators as pi

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from parse import DEFAULT_CORPUS, corpus_targets, distinct_mix, runtime, warm_up  # noqa: E402

#: every dimension Duckling knows
DIMENSIONS = ["amount-of-money", "credit-card-number", "distance", "duration", "email",
              "number", "ordinal", "phone-number", "quantity", "temperature", "time", "url",
              "volume"]


def _import_duckling() -> Any:
    """The installed ``duckling`` package (the optional extra ``perfindicators[bench]``), not
    this file, which shares its name and whose folder is on the path."""
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    try:
        return importlib.import_module("duckling")
    finally:
        sys.path[:] = saved


def duckling_parser() -> Any:
    """A function text → Duckling's entities (Chinese, reference time 2022-01-01 in Shanghai)."""
    duckling = _import_duckling()
    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    ref = duckling.parse_ref_time(zones, "Asia/Shanghai", 1640995200)
    lang = duckling.parse_lang("ZH")
    locale = duckling.parse_locale("ZH_CN", duckling.default_locale_lang(lang))
    context = duckling.Context(ref, locale)
    dims = duckling.parse_dimensions(DIMENSIONS)

    def parse(text: str) -> Any:
        return duckling.parse(text, context, dims, False)

    return parse


def duckling_rate(parse: Any, texts: list[str]) -> tuple[float, float, int]:
    """Texts per second of Duckling, by the wall clock and by the process's CPU time (all
    its threads: Haskell's runtime included), and how many texts had an entity."""
    gc.collect()  # no garbage of the previous run collected inside this one
    wall, cpu = time.perf_counter(), time.process_time()
    found = 0
    for t in texts:
        found += bool(parse(t))
    n = len(texts)
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu), found


def pi_rate(texts: list[str]) -> tuple[float, float]:
    """Targets per second of ``pi.parse``, cold (every cache emptied first), wall and CPU."""
    pi.clear_caches()
    gc.collect()  # the same for both: a run of 4,000 texts lasts less than 0.1 s
    wall, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        with contextlib.suppress(pi.PerfIndicatorError):
            pi.parse(t, year=2021)
    n = len(texts)
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    try:
        parse = duckling_parser()
    except ImportError as e:
        sys.exit(f"Duckling is not installed ({e}): pip install 'perfindicators[bench]'")
    base = corpus_targets(args.corpus)
    texts = distinct_mix(base, args.n)
    warm_up(base)  # build the parser, compile its lexers: start-up is not parsing
    parse(texts[0])
    print(f"{len(texts)} distinct targets of the corpus mix "
          f"(mean {sum(map(len, texts)) / len(texts):.1f} characters)")
    print("rates per second by the wall clock (by CPU time in brackets)")
    for run in range(1, args.runs + 1):
        duck, duck_cpu, found = duckling_rate(parse, texts)
        with runtime() as counts:
            ours, ours_cpu = pi_rate(texts)
        with runtime(fast=False):
            lark, lark_cpu = pi_rate(texts)
        replayed = counts["replayed"] / max(1, sum(counts.values()))
        print(f"run {run}: Duckling {duck:,.0f} ({duck_cpu:,.0f}), {found} with an entity; "
              f"pi.parse cold {ours:,.0f} ({ours_cpu:,.0f}), shape memo hit rate {replayed:.1%}; "
              f"ratio {ours / duck:.1f}x ({ours_cpu / duck_cpu:.1f}x); "
              f"lark's path {lark:,.0f} ({lark_cpu:,.0f}), {lark / duck:.1f}x ({lark_cpu / duck_cpu:.1f}x)")


if __name__ == "__main__":
    main()
