"""Calendar rules for event dates: BC years, the Julian and (proleptic) Gregorian calendars and
their leap rules, conversion between them, and walks over the days of the year.

Years are stored as historians write them, with BC years negative (44 BC is -44) and no year 0.
Conversions go through the Julian Day Number, which counts days without regard to any calendar.
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


GREGORIAN = "gregorian"
JULIAN = "julian"
# Britain and its colonies moved to the Gregorian calendar on September 14, 1752; until then the
# two calendars ran side by side in Europe, so earlier dates are shown in both.
BOTH_CALENDARS_UNTIL = (1752, 9, 14)


def historian_year(year):
    """The inverse of ``astronomical_year``: astronomical 0 is 1 BC."""
    return year - 1 if year < 1 else year


def is_leap_year(year, calendar_name=GREGORIAN):
    """Julian: every fourth year (1700 is leap). Gregorian: not centuries, unless divisible by
    400. BC leap years are 1 BC, 5 BC, … (astronomical years divisible by 4)."""
    year = astronomical_year(year)
    if calendar_name == JULIAN:
        return year % 4 == 0
    return calendar.isleap(year)


def days_in_month(month, year=None, calendar_name=GREGORIAN):
    if month == 2:
        return 29 if year is None or is_leap_year(year, calendar_name) else 28
    return calendar.monthrange(_ANY_LEAP_YEAR, month)[1]


def day_exists(month, day, year=None, calendar_name=GREGORIAN):
    """Whether ``month``/``day`` is a real date; without a year, February 29 counts."""
    return 1 <= month <= 12 and 1 <= day <= days_in_month(month, year, calendar_name)


def julian_day_number(year, month, day, calendar_name=GREGORIAN):
    """The number of days since January 1, 4713 BC (Julian), for a date in either calendar."""
    year = astronomical_year(year)
    shift = (14 - month) // 12
    y = year + 4800 - shift
    m = month + 12 * shift - 3
    days = day + (153 * m + 2) // 5 + 365 * y + y // 4
    if calendar_name == JULIAN:
        return days - 32083
    return days - y // 100 + y // 400 - 32045


def date_from_julian_day_number(number, calendar_name=GREGORIAN):
    """(year, month, day) in ``calendar_name`` for a Julian Day Number; BC years negative."""
    if calendar_name == JULIAN:
        centuries, rest = 0, number + 32082
    else:
        a = number + 32044
        centuries = (4 * a + 3) // 146097
        rest = a - 146097 * centuries // 4
    years = (4 * rest + 3) // 1461
    day_of_year = rest - 1461 * years // 4
    m = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * centuries + years - 4800 + m // 10
    return historian_year(year), month, day


def convert(year, month, day, *, from_calendar, to_calendar):
    """The same day written in another calendar, e.g. Julian 1564-02-05 is Gregorian 1564-02-15."""
    number = julian_day_number(year, month, day, from_calendar)
    return date_from_julian_day_number(number, to_calendar)


def other_calendar(calendar_name):
    return GREGORIAN if calendar_name == JULIAN else JULIAN


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


def days_within(month, day, within):
    """The (month, day) pairs at most ``within`` days before or after, round the year."""
    here = datetime.date(_ANY_LEAP_YEAR, month, day)
    days = (here + datetime.timedelta(days=offset) for offset in range(-within, within + 1))
    return sorted({(other.month, other.day) for other in days} - {(month, day)})


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
