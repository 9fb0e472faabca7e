"""Tests of perfindicators.periods: calendar points against an explicit year, never the clock."""

from __future__ import annotations

import datetime as dt

import pytest

import perfindicators as pi
from perfindicators.periods import PartialDate, check_year, month_last_day


def test_a_month_spans_its_days_leap_years_counted() -> None:
    assert PartialDate(month=2).bounds(2024) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert PartialDate(month=2).bounds(2023)[1] == dt.date(2023, 2, 28)
    assert month_last_day(2024, 2) == 29 and str(PartialDate(2021, 12, 15)) == "2021年12月15日"


@pytest.mark.parametrize("bad", [0, 13])
def test_no_month_thirteen(bad: int) -> None:
    with pytest.raises(ValueError):
        PartialDate(month=bad)


def test_years_are_checked_not_guessed() -> None:
    assert check_year(2021.0) == check_year("2021") == check_year(2021) == 2021
    for bad in (True, 2021.5, "明年", 1066, float("nan")):
        with pytest.raises(pi.YearError):
            check_year(bad)


def test_a_deadline_without_a_year_cannot_tell_a_dated_actual() -> None:
    o = pi.parse("12月底前").evaluate("2022年1月3日")
    assert o.status is pi.Status.UNKNOWN
    assert not pi.parse("12月底前", year=2021).evaluate("2022年1月3日").met
