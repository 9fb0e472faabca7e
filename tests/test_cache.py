"""Tests of perfindicators._cache: one registry of memos, and a complete `pi.clear_caches`."""

from __future__ import annotations

import perfindicators as pi
from perfindicators import _cache


def _fill() -> None:
    pi.parse("≥60项").evaluate("64项")
    pi.parse_actual("88.26%")
    pi.score("≥60项", "30项", 3)
    pi.score("≤5%", "3", 2, category="成本指标")
    pi.parse("≥570元/人*月").evaluate("500元/人/月")


def test_every_memo_registers_and_clear_caches_empties_them_all(clean_state: None) -> None:
    _fill()
    sizes = _cache.cache_sizes()
    # the parse and actual memos and the unit tables at least, all registered by name
    for name in ("perfindicators.parsing._parse_cached", "perfindicators.parsing._parse_actual",
                 "perfindicators.units.compound", "perfindicators.units.text_of"):
        assert name in sizes, name
    filled = {k for k, v in sizes.items() if v}
    assert len(filled) >= 5, sizes
    pi.clear_caches()
    after = _cache.cache_sizes()
    assert set(after) == set(sizes)
    assert all(v == 0 for v in after.values()), {k: v for k, v in after.items() if v}
    # and everything still works afterwards, with the same answers
    assert pi.score("≥60项", "30项", 3).points == pi.score("≥60项", "30项", 3).points
    assert str(pi.parse("≥570元/人*月")) == "≥570元/人/月"


def test_no_memo_is_left_outside_the_registry() -> None:
    """Every functools cache in the package is one of the registered memos."""
    import functools
    import gc

    registered = set(_cache.cache_names())
    stray = []
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):  # type: ignore[attr-defined]
            module = getattr(obj, "__module__", "") or ""
            if module.startswith("perfindicators"):
                name = f"{module}.{obj.__qualname__}"
                if name not in registered:
                    stray.append(name)
    assert not stray, stray


def test_year_is_checked_before_any_cache() -> None:
    t = pi.parse("12月底前", year=2021)
    assert pi.parse("12月底前", year=2021.0) == t
    assert pi.parse("12月底前", year="2021") == t
    for bad in (True, 2021.5, "明年", 3):
        try:
            pi.parse("12月底前", year=bad)  # type: ignore[arg-type]
        except pi.YearError as e:
            assert repr(bad) in str(e)
        else:  # pragma: no cover
            raise AssertionError(f"year={bad!r} was accepted")
