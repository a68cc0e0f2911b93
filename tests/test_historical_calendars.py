"""Dates as historians write them: Julian or Gregorian, and known to the day, month or year."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from events.calendar import GREGORIAN, JULIAN, convert, is_leap_year
from events.models import Calendar, DatePrecision

from .factories import EventFactory


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("julian", "gregorian"),
    [
        ((1564, 2, 5), (1564, 2, 15)),  # Galileo's birth
        ((1582, 10, 4), (1582, 10, 14)),  # the last Julian day in Rome; the next was Oct 15
        ((1642, 12, 25), (1643, 1, 4)),  # Newton's birth: the year differs too
        ((1752, 9, 2), (1752, 9, 13)),  # the last Julian day in Britain
        ((1917, 10, 25), (1917, 11, 7)),  # the October Revolution
        ((1700, 2, 29), (1700, 3, 11)),  # a Julian leap day that the Gregorian calendar lacks
        ((-44, 3, 15), (-44, 3, 13)),  # the Ides of March, 44 BC
        ((200, 3, 1), (200, 3, 1)),  # the two calendars agreed in the third century
    ],
)
def test_dates_convert_between_the_julian_and_gregorian_calendars_both_ways(julian, gregorian):
    assert convert(*julian, from_calendar=JULIAN, to_calendar=GREGORIAN) == gregorian
    assert convert(*gregorian, from_calendar=GREGORIAN, to_calendar=JULIAN) == julian


def test_each_calendar_keeps_its_own_leap_rule():
    assert is_leap_year(1700, JULIAN) and not is_leap_year(1700, GREGORIAN)
    assert is_leap_year(1600, JULIAN) and is_leap_year(1600, GREGORIAN)
    assert is_leap_year(-1, JULIAN) and is_leap_year(-5, JULIAN)  # 1 BC and 5 BC
    assert not is_leap_year(-4, JULIAN)


@pytest.mark.django_db
def test_february_29_1700_is_valid_in_the_julian_calendar_only():
    EventFactory.build(year=1700, month=2, day=29, calendar=Calendar.JULIAN).full_clean()
    with pytest.raises(ValidationError) as error:
        EventFactory.build(year=1700, month=2, day=29, calendar=Calendar.GREGORIAN).full_clean()
    assert "Gregorian calendar: not a leap year" in error.value.message_dict["day"][0]


def test_dates_show_the_other_calendar_beside_them_when_it_differs():
    galileo = EventFactory.build(year=1564, month=2, day=15, calendar=Calendar.GREGORIAN)
    assert galileo.full_date_display == "February 15, 1564 (Julian: February 5)"
    newton = EventFactory.build(year=1642, month=12, day=25, calendar=Calendar.JULIAN)
    assert newton.full_date_display == "December 25, 1642 (Gregorian: January 4, 1643)"
    revolution = EventFactory.build(year=1917, month=10, day=25, calendar=Calendar.JULIAN)
    assert revolution.full_date_display == "October 25, 1917 (Gregorian: November 7)"
    modern = EventFactory.build(year=1990, month=1, day=15)
    assert modern.full_date_display == "January 15, 1990"


def test_dates_known_only_to_the_month_or_year_never_show_a_day():
    month = EventFactory.build(year=1347, month=10, day=1, date_precision=DatePrecision.MONTH)
    year = EventFactory.build(year=1347, month=1, day=1, date_precision=DatePrecision.YEAR)
    circa = EventFactory.build(year=-480, month=1, day=1, date_precision=DatePrecision.CIRCA)
    julian_month = EventFactory.build(
        year=1347, month=10, day=1, date_precision=DatePrecision.MONTH, calendar=Calendar.JULIAN
    )
    assert month.full_date_display == "October 1347" and month.iso_date == "1347-10"
    assert julian_month.full_date_display == "October 1347"
    assert year.full_date_display == "1347" and year.iso_date == "1347"
    assert circa.full_date_display == "c. 480 BC" and circa.iso_date == "-0479"


@pytest.mark.django_db
def test_a_day_page_follows_the_recorded_date_and_leaves_out_undated_days(client, published_event):
    published_event(
        title="Revolution in Petrograd", year=1917, month=10, day=25, calendar=Calendar.JULIAN
    )
    published_event(
        title="Plague reaches Sicily",
        year=1347,
        month=10,
        day=25,
        date_precision=DatePrecision.MONTH,
    )
    page = text_of(client.get("/this-day-in-history/october/25/"))
    assert "Revolution in Petrograd" in page
    assert "October 25, 1917 (Gregorian: November 7)" in page
    assert "Julian calendar" in page
    assert "Plague reaches Sicily" not in page
    november_7 = text_of(client.get("/this-day-in-history/november/7/"))
    assert "No story is published for November 7" in november_7
    month = text_of(client.get("/this-day-in-history/october/"))
    assert "Plague reaches Sicily" in month and "October 1347" in month


@pytest.mark.django_db
def test_article_shows_both_calendars_and_its_json_ld_carries_the_gregorian_iso_date(
    client, published_event
):
    live = published_event(year=1564, month=2, day=5, calendar=Calendar.JULIAN)
    response = client.get(live.get_absolute_url())
    page = text_of(response)
    assert "February 5, 1564 (Gregorian: February 15)" in page
    assert '<time datetime="1564-02-15">' in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    article = next(json.loads(b) for b in blocks if '"NewsArticle"' in b)
    assert article["about"]["startDate"] == "1564-02-15"
