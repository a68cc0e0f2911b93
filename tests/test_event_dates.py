import pytest
from django.core.exceptions import ValidationError

from events.calendar import format_year, is_leap_year, neighbouring_days, years_between

from .factories import EventFactory


def test_bc_years_are_written_with_bc():
    assert format_year(-44) == "44 BC"
    assert format_year(1990) == "1990"


def test_leap_years_follow_the_proleptic_gregorian_rule_with_no_year_zero():
    assert is_leap_year(2000)
    assert not is_leap_year(1900)
    assert is_leap_year(2024)
    assert is_leap_year(-1)  # 1 BC is astronomical year 0
    assert not is_leap_year(-44)
    assert is_leap_year(-45)


def test_anniversaries_skip_the_missing_year_zero():
    assert years_between(-1, 1) == 1
    assert years_between(-44, 2026) == 2069
    assert years_between(1990, 2025) == 35


def test_day_walk_wraps_the_year_and_keeps_february_29():
    assert neighbouring_days(12, 31) == ((12, 30), (1, 1))
    assert neighbouring_days(1, 1) == ((12, 31), (1, 2))
    assert neighbouring_days(2, 28) == ((2, 27), (2, 29))
    assert neighbouring_days(3, 1) == ((2, 29), (3, 2))


@pytest.mark.django_db
def test_february_30_is_refused_with_a_clear_message():
    event = EventFactory.build(month=2, day=30)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["day"] == ["February 30 does not exist."]


@pytest.mark.django_db
def test_february_29_is_refused_outside_leap_years():
    event = EventFactory.build(year=1900, month=2, day=29)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "not a leap year" in error.value.message_dict["day"][0]


@pytest.mark.django_db
def test_february_29_is_accepted_in_leap_years_including_bc():
    EventFactory.build(year=1940, month=2, day=29).full_clean()
    EventFactory.build(year=-45, month=2, day=29).full_clean()


@pytest.mark.django_db
def test_year_zero_is_refused():
    event = EventFactory.build(year=0)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "no year 0" in error.value.message_dict["year"][0]


@pytest.mark.django_db
def test_database_refuses_an_impossible_day_even_without_validation():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(month=4, day=31)
