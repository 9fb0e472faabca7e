"""A province's year of forms: 2,000 generated forms scored with 1 and with 2 workers.

The forms are made from the bundled example (``perfindicators.examples``, zgc-2021) by
varying its values: numeric actuals move by a random factor (0.5–1.5 ×), published scores
are docked at random, the budget executed is 60–100 % of the budget, and each form gets its
own project name, year and province folder. One file in a hundred is bad on purpose (a
target that cannot be read, a JSON file cut short, a weight that is text), and must be
listed in ``failures``; the rest must score the same with 1 and with 2 workers.

    python bench/batch.py [--forms 2000] [--folder /tmp/pi-forms] [--out results.parquet]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import duckdb

import perfindicators as pi
from perfindicators.batch import run_batch

PROVINCES = ("北京", "河北", "湖北", "四川", "云南")
_NUM = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")


def make_forms(folder: Path, n: int, *, seed: int = 12, bad_every: int = 100) -> list[Path]:
    """*n* form files under *folder*/<province>/, one in *bad_every* bad on purpose."""
    rng = random.Random(seed)
    base = pi.examples.data("zgc-2021")
    paths = []
    for i in range(n):
        data = json.loads(json.dumps(base))
        data["project"]["name"] = f"{base['project']['name']}（{i:05d}）"
        data["year"] = rng.choice((2021, 2022, 2023))
        total = Decimal(0)
        for ind in data["indicators"]:
            m = _NUM.match(ind["actual"].strip())
            if m and rng.random() < 0.7:
                value = Decimal(m.group(1)) * Decimal(rng.randint(50, 150)) / 100
                ind["actual"] = f"{value.quantize(Decimal('0.01'))}{m.group(2)}"
            if ind.get("weight"):
                w = Decimal(ind["weight"])
                score = w if rng.random() < 0.8 else (w * rng.randint(50, 100) / 100).quantize(
                    Decimal("0.1"))
                ind["score"] = str(score)
                total += score
        line = data["budget"]["rows"][0]
        full = Decimal(line["full_year"].replace(",", ""))
        executed = (full * rng.randint(60, 100) / 100).quantize(Decimal("0.01"))
        line["executed"] = str(executed)
        line["rate"] = f"{(executed / full * 100).quantize(Decimal('0.01'))}%"
        line["score"] = str((executed / full * 10).quantize(Decimal("0.01")))
        total += Decimal(line["score"])
        data["total"]["score"] = str(total)
        province = PROVINCES[i % len(PROVINCES)]
        path = folder / province / f"form-{i:05d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False)
        if bad_every and i % bad_every == bad_every - 1:
            kind = (i // bad_every) % 3
            if kind == 0:
                data["indicators"][3]["target"] = "≥"
                text = json.dumps(data, ensure_ascii=False)
            elif kind == 1:
                text = text[: len(text) // 2]
            else:
                data["indicators"][5]["weight"] = "三分"
                text = json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=2000)
    ap.add_argument("--folder", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pi-batch-"))
    folder = args.folder or work / "forms"
    make_forms(folder, args.forms)
    out = args.out or work / "results.parquet"
    timings = {}
    results = {}
    loads = {}
    for workers in (1, 2):
        pi.clear_caches()
        loads[workers] = os.getloadavg()[0]
        start = time.perf_counter()
        results[workers] = run_batch(folder, out.with_stem(f"{out.stem}-{workers}"), workers,
                                     overwrite=True)
        timings[workers] = time.perf_counter() - start
    one, two = results[1], results[2]
    same = one.forms.equals(two.forms) and one.rows.equals(two.rows) and \
        one.failures.equals(two.failures)
    print(f"forms: {one.files:,} files, {one.scored:,} scored, {one.failed} failed; "
          f"{one.rows.num_rows:,} rows, {one.findings.num_rows:,} findings")
    for w, t in timings.items():
        print(f"{w} worker(s): {one.files / t:,.0f} forms/s ({t:.1f} s; load average before "
              f"the run {loads[w]:.2f} on {os.cpu_count()} cores)")
    print(f"speed-up of 2 workers over 1: {timings[1] / timings[2]:.2f}x; "
          f"identical tables: {same}")
    forms = two.written[0]
    print(duckdb.sql(f"SELECT folder AS province, count(*) AS forms, avg(rule_total) AS "
                     f"rule, avg(published_total) AS published FROM '{forms}' GROUP BY 1 "
                     f"ORDER BY 1"))
    if not same:
        raise SystemExit("the tables differ")


if __name__ == "__main__":
    main()
