"""Shared fixtures and hypothesis profiles.

Profiles: ``ci`` (the default: bounded, no deadline, derandomised so CI is repeatable) and
``dev`` (more examples). Choose with ``HYPOTHESIS_PROFILE=dev``.

All data the tests read is in ``tests/data`` (see its README): nothing outside the repository.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import perfindicators as pi
from perfindicators import schemes
from perfindicators.policies import registry

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"
#: the copies of the project's shared material (corpus/, phrases/, criteria/, reference/, seeds/)
SHARED = DATA
CORPUS = DATA / "corpus" / "published-indicators.tsv"
BUDGET_ROWS = DATA / "corpus" / "published-budget-rows.tsv"
PHRASES = DATA / "phrases" / "phrases.tsv"
RULES = DATA / "reference" / "scoring-rules.md"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="session")
def corpus_rows() -> list[dict[str, str]]:
    return read_tsv(CORPUS)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once with ``mkdocs build --strict`` (the tutorial executed)."""
    site = tmp_path_factory.mktemp("docs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
        timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture
def clean_state() -> Iterator[None]:
    """Empty every cache before and after the test, and put back the default policy and scheme
    registries as they were, so a test that registers or memoises leaks nothing."""
    saved = registry.default_registry.snapshot(), schemes.default_registry.snapshot()
    pi.clear_caches()
    yield
    registry.default_registry.restore(saved[0])
    schemes.default_registry.restore(saved[1])
    pi.clear_caches()
