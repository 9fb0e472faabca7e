"""Shared fixtures and hypothesis profiles.

Profiles: ``ci`` (the default: bounded, no deadline, derandomised so CI is repeatable) and
``dev`` (more examples). Choose with ``HYPOTHESIS_PROFILE=dev``.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"


def _shared() -> Path:
    """The project's shared material: ../shared from the repository root."""
    env = os.environ.get("PERFINDICATORS_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared"


SHARED = _shared()
CORPUS = SHARED / "corpus" / "published-indicators.tsv"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="session")
def seed_rows() -> list[dict[str, str]]:
    return read_tsv(DATA / "seed_rows.tsv")


@pytest.fixture(scope="session")
def corpus_rows() -> list[dict[str, str]]:
    if not CORPUS.exists():  # the corpus sits beside the repository, not in it
        pytest.fail(f"corpus not found at {CORPUS}; set PERFINDICATORS_SHARED")
    return read_tsv(CORPUS)
