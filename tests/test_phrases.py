"""The phrasebook (``tests/data/phrases/phrases.tsv``): the tally per family, and the promise.

Each row gives a target, its year and category, an actual value and what a careful evaluator
concludes (``1`` met, ``0`` not met, ``unknown`` cannot tell, ``refuse`` not a measurable
target). Following the phrasebook's README, a row's answer is

    pi.parse(target, year=Y).evaluate(actual, category=C)

and it counts as

* **right**: ``1`` and met; ``0`` and not met or partly met; ``unknown`` or ``refuse`` and
  "cannot tell" (or a typed error of the library: it refuses loudly);
* **no answer**: ``1`` or ``0`` and "cannot tell" or a typed error (honest, but not the answer);
* **silent wrong**: any other verdict — the wrong side of a ``1``/``0`` row, or a measured
  verdict (met, partly met, not met) on an ``unknown`` or ``refuse`` row.

``pytest -s tests/test_phrases.py`` prints the table per family.
"""

from __future__ import annotations

import collections
import enum

import pytest

import perfindicators as pi

from .conftest import PHRASES, read_tsv


class Tally(enum.StrEnum):
    """How one row's answer counts."""

    RIGHT = "right"
    NO_ANSWER = "no answer"
    SILENT_WRONG = "silent wrong"


def answer(row: dict[str, str]) -> pi.Status | None:
    """The library's verdict on a row (``None``: it raised a typed error)."""
    year = int(row["year"]) if row["year"].strip() else None
    try:
        target = pi.parse(row["target"], year=year)
        return target.evaluate(row["actual"], category=row["category"] or None, year=year).status
    except pi.PerfIndicatorError:
        return None


def tally(expect: str, status: pi.Status | None) -> Tally:
    """Count one answer against the label, as the phrasebook's README defines it."""
    told = status is not None and status is not pi.Status.UNKNOWN
    if expect in ("unknown", "refuse"):
        return Tally.SILENT_WRONG if told else Tally.RIGHT
    if not told:
        return Tally.NO_ANSWER
    met = status is pi.Status.MET
    return Tally.RIGHT if met == (expect == "1") else Tally.SILENT_WRONG


ROWS = read_tsv(PHRASES)


def test_the_tally_counts_as_the_readme_says() -> None:
    assert tally("1", pi.Status.MET) is Tally.RIGHT
    assert tally("0", pi.Status.PARTIAL) is Tally.RIGHT
    assert tally("0", pi.Status.MET) is Tally.SILENT_WRONG
    assert tally("1", pi.Status.UNKNOWN) is Tally.NO_ANSWER
    assert tally("1", None) is Tally.NO_ANSWER
    assert tally("unknown", pi.Status.NOT_MET) is Tally.SILENT_WRONG
    assert tally("refuse", pi.Status.PARTIAL) is Tally.SILENT_WRONG
    assert tally("refuse", None) is Tally.RIGHT


def _table() -> tuple[dict[str, collections.Counter[Tally]], list[tuple[dict[str, str], str]]]:
    per_family: dict[str, collections.Counter[Tally]] = collections.defaultdict(
        collections.Counter)
    wrong: list[tuple[dict[str, str], str]] = []
    for row in ROWS:
        status = answer(row)
        t = tally(row["expect"], status)
        per_family[row["family"]][t] += 1
        if t is not Tally.RIGHT:
            wrong.append((row, f"{t}: {status.value if status else 'error'}"))
    return per_family, wrong


def test_the_phrasebook() -> None:
    """0 silent wrong answers and at least 98 % right; prints the tally per family."""
    assert len(ROWS) >= 562
    per_family, wrong = _table()
    total: collections.Counter[Tally] = collections.Counter()
    print(f"\n{'family':<24}{'rows':>6}{'right':>7}{'no answer':>11}{'silent wrong':>14}")
    for family in sorted(per_family):
        c = per_family[family]
        total.update(c)
        print(f"{family:<24}{c.total():>6}{c[Tally.RIGHT]:>7}{c[Tally.NO_ANSWER]:>11}"
              f"{c[Tally.SILENT_WRONG]:>14}")
    print(f"{'total':<24}{total.total():>6}{total[Tally.RIGHT]:>7}{total[Tally.NO_ANSWER]:>11}"
          f"{total[Tally.SILENT_WRONG]:>14}")
    for row, what in wrong:
        print(f"  {row['id']} {what:<28} {row['target']!r} ← {row['actual']!r}"
              f" (expect {row['expect']})")
    silent = [r["id"] for r, w in wrong if w.startswith(Tally.SILENT_WRONG)]
    assert not silent, f"silent wrong answers: {silent}"
    assert total[Tally.RIGHT] >= 0.98 * total.total(), total


@pytest.mark.parametrize("family", sorted({r["family"] for r in ROWS}))
def test_no_silent_wrong_answer_in(family: str) -> None:
    rows = [r for r in ROWS if r["family"] == family]
    silent = [(r["id"], r["target"], r["actual"]) for r in rows
              if tally(r["expect"], answer(r)) is Tally.SILENT_WRONG]
    assert not silent
