"""Calendar rules for event dates: BC years, the proleptic Gregorian leap rule, day-of-year walks.

Years are stored as historians write them, with BC years negative (44 BC is -44) and no year 0.
"""

import calendar
import datetime

MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
# A leap year, so that February 29 has neighbours when walking the days of the year.
_ANY_LEAP_YEAR = 2024


def astronomical_year(year):
    """1 BC is astronomical year 0, 2 BC is -1, and so on."""
    return year + 1 if year < 0 else year


def is_leap_year(year):
    return calendar.isleap(astronomical_year(year))


def days_in_month(month, year=None):
    if month == 2:
        return 29 if year is None or is_leap_year(year) else 28
    return calendar.monthrange(_ANY_LEAP_YEAR, month)[1]


def day_exists(month, day, year=None):
    """Whether ``month``/``day`` is a real date; without a year, February 29 counts."""
    return 1 <= month <= 12 and 1 <= day <= days_in_month(month, year)


def format_year(year):
    return f"{-year} BC" if year < 0 else str(year)


def years_between(year, later_year):
    """Whole years from ``year`` to ``later_year``, skipping the missing year 0."""
    return astronomical_year(later_year) - astronomical_year(year)


def neighbouring_days(month, day):
    """The (month, day) before and after, wrapping December 31 to January 1."""
    today = datetime.date(_ANY_LEAP_YEAR, month, day)
    before = today - datetime.timedelta(days=1)
    after = today + datetime.timedelta(days=1)
    return (before.month, before.day), (after.month, after.day)
