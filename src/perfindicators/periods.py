"""Calendar points and spans, resolved against an explicit year — never the clock.

A `PartialDate` is what people write: ``2021年12月15日``, ``7月``, ``2021年``. It has an
earliest and a latest possible day once a year is known, and comparisons use those bounds, so
"7月" is before "9月前" whatever day of July was meant.

>>> d = PartialDate(month=7)
>>> d.bounds(2021)
(datetime.date(2021, 7, 1), datetime.date(2021, 7, 31))
>>> str(PartialDate(2021, 12, 15))
'2021年12月15日'
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal, InvalidOperation

import attrs

from .errors import YearError

__all__ = ["CN_DIGITS", "PartialDate", "check_year", "month_last_day"]

CN_DIGITS = "〇一二三四五六七八九"


def check_year(year: object) -> int | None:
    """A form year as an ``int`` (or ``None``), checked before it reaches any cache.

    ``2021``, ``2021.0``, ``"2021"`` and ``Decimal("2021")`` are the year 2021; ``True``,
    ``2021.5``, ``"明年"`` and years outside 1900–2199 raise `YearError`.

    >>> check_year(2021.0), check_year("2021"), check_year(None)
    (2021, 2021, None)
    >>> check_year(True)
    Traceback (most recent call last):
    ...
    perfindicators.errors.YearError: a year is a whole number such as 2021, not True
    hint: pass year=2021 (an int; 2021.0 and '2021' are read as 2021)
    """
    if year is None:
        return None
    fail = YearError(f"a year is a whole number such as 2021, not {year!r}",
                     hint="pass year=2021 (an int; 2021.0 and '2021' are read as 2021)")
    if type(year) is int:
        value = year
    elif isinstance(year, bool) or not isinstance(year, int | float | str | Decimal):
        raise fail
    else:
        try:
            d = Decimal(str(year).strip()) if not isinstance(year, Decimal) else year
        except InvalidOperation:
            raise fail from None
        if not d.is_finite() or d != d.to_integral_value():
            raise fail
        value = int(d)
    if not 1900 <= value <= 2199:
        raise fail
    return value


def month_last_day(year: int, month: int) -> int:
    """Last day of *month* in *year* (leap years counted).

    >>> month_last_day(2024, 2)
    29
    """
    return calendar.monthrange(year, month)[1]


def _check_month(_inst: object, _att: object, value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"no month {value}: months run from 1 to 12")


@attrs.frozen(repr=False)
class PartialDate:
    """A date that may lack its year, month or day.

    Attributes:
        year: the year, or ``None`` when it was not written.
        month: 1–12, or ``None`` for a whole year.
        day: day of the month, or ``None``.
    """

    year: int | None = None
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs its month")
            last = month_last_day(self.year or 2000, self.month)  # 2000: leap, allows 2月29日
            if not 1 <= self.day <= last:
                raise ValueError(f"no day {self.day} in month {self.month}")
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")

    def with_year(self, year: int | None) -> PartialDate:
        """This date with *year* filled in where it was not written."""
        if self.year is not None or year is None:
            return self
        return PartialDate(year, self.month, self.day)

    def bounds(self, year: int | None = None) -> tuple[_dt.date, _dt.date]:
        """Earliest and latest day this date can mean, in ``self.year`` or else *year*.

        Raises:
            ValueError: no year is known.
        """
        y = self.year if self.year is not None else year
        if y is None:
            raise ValueError("no year: pass year=")
        if self.month is None:
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        if self.day is None:
            return _dt.date(y, self.month, 1), _dt.date(y, self.month, month_last_day(y, self.month))
        d = _dt.date(y, self.month, self.day)
        return d, d

    def key(self) -> tuple[int, int, int]:
        """(month, day-low, day-high) within an unknown year, for same-year comparisons."""
        if self.month is None:
            return (0, 1, 31)
        if self.day is None:
            return (self.month, 1, 31)
        return (self.month, self.day, self.day)

    def __str__(self) -> str:
        out = f"{self.year}年" if self.year is not None else ""
        if self.month is not None:
            out += f"{self.month}月"
        if self.day is not None:
            out += f"{self.day}日"
        return out

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"
