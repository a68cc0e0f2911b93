"""Calendar rules for event dates: BC years, the proleptic Gregorian leap rule, day-of-year walks.

Years are stored as historians write them, with BC years negative (44 BC is -44) and no year 0.
"""

import calendar
import datetime
from dataclasses import dataclass

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


def day_of_year(month, day):
    """1 for January 1 to 366 for December 31, counting February 29."""
    return datetime.date(_ANY_LEAP_YEAR, month, day).timetuple().tm_yday


def day_name(month, day):
    return f"{MONTH_NAMES[month - 1].capitalize()} {day}"


@dataclass(frozen=True)
class NearbyDay:
    """A day of the year some days before (negative) or after (positive) another one."""

    month: int
    day: int
    offset: int
    count: int = 0

    @property
    def name(self):
        return day_name(self.month, self.day)

    @property
    def when(self):
        if self.offset == 0:
            return "today"
        if self.offset == 1:
            return "tomorrow"
        if self.offset == -1:
            return "yesterday"
        if self.offset > 0:
            return f"in {self.offset} days"
        return f"{-self.offset} days ago"

    @property
    def relative(self):
        """How far from the day it was found from, e.g. "2 days before"."""
        days = f"{abs(self.offset)} day{'s' if abs(self.offset) != 1 else ''}"
        return f"{days} before" if self.offset < 0 else f"{days} after"


def nearest_days(counts, month, day, *, limit, within=183, include_same_day=False):
    """The ``limit`` days nearest to ``month``/``day`` (either way round the year) among
    ``counts`` ({(month, day): number of stories}) and at most ``within`` days away, in
    calendar order from the earliest.

    Ties go to the day after, which a reader can still look forward to.
    """
    here = day_of_year(month, day)
    nearby = []
    for (other_month, other_day), count in counts.items():
        offset = (day_of_year(other_month, other_day) - here) % 366
        if offset > 183:
            offset -= 366
        if (offset == 0 and not include_same_day) or abs(offset) > within:
            continue
        nearby.append(NearbyDay(other_month, other_day, offset, count))
    nearby.sort(key=lambda nearby_day: (abs(nearby_day.offset), nearby_day.offset < 0))
    return sorted(nearby[:limit], key=lambda nearby_day: nearby_day.offset)
