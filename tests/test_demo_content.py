import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils.html import escape

from editorial.models import Author
from events.calendar import day_of_year, is_leap_year
from events.models import Event, PublishedEvent, Topic


def _load():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return _load()


def _counts():
    return {
        "events": Event.objects.count(),
        "published": PublishedEvent.objects.count(),
        "event revisions": Event.history.count(),
        "public versions": PublishedEvent.history.count(),
        "authors": Author.objects.count(),
        "author revisions": Author.history.count(),
        "topics": Topic.objects.count(),
        "topic revisions": Topic.history.count(),
    }


def test_demo_calendar_covers_every_month_a_busy_day_a_bc_year_and_february_29(demo):
    published = PublishedEvent.objects.all()
    assert published.count() >= 30
    assert set(published.values_list("month", flat=True)) == set(range(1, 13))
    assert max(Counter(published.values_list("month", "day")).values()) >= 3
    assert published.filter(year__lt=0).exists()
    assert is_leap_year(published.get(month=2, day=29).year)
    assert published.on_day(11, 25).exists()
    assert published.on_day(11, 26).exists()
    featured = Counter(published.filter(is_featured=True).values_list("month", "day"))
    assert featured
    assert max(featured.values()) == 1


def test_every_date_of_the_year_has_a_demo_story_within_three_days(demo):
    days = {day_of_year(month, day) for month, day in PublishedEvent.objects.story_counts_by_day()}
    far_from_a_story = [
        date
        for date in range(1, 367)
        if not any(min((date - day) % 366, (day - date) % 366) <= 3 for day in days)
    ]
    assert far_from_a_story == []
    busy_days = [count for count in PublishedEvent.objects.story_counts_by_day().values()]
    assert sum(count >= 3 for count in busy_days) >= 4


def test_demo_shows_julian_dates_and_dates_known_only_to_the_month_or_year(demo, client):
    revolution = PublishedEvent.objects.get(slug="october-revolution")
    assert revolution.full_date_display == "October 25, 1917 (Gregorian: November 7)"
    plague = PublishedEvent.objects.get(slug="black-death-reaches-messina")
    assert plague.date_display == "October 1347"
    assert not PublishedEvent.objects.on_day(10, 1).filter(pk=plague.pk).exists()
    assert PublishedEvent.objects.get(slug="great-pyramid-completed").date_display == "c. 2560 BC"


def test_demo_events_are_bylined_by_a_team_of_three_people_and_filed_under_topics(demo):
    team = Author.objects.get(kind=Author.Kind.TEAM)
    memberships = list(team.memberships.select_related("member"))
    assert [m.position for m in memberships] == [0, 1, 2]
    assert all(not m.member.is_team and m.member.bio for m in memberships)
    assert team.bio

    byline_counts = Counter(len(event.bylines.all()) for event in Event.objects.all())
    assert set(byline_counts) == {1, 2}
    assert byline_counts[2] == 1
    assert team.events.count() > Event.objects.count() / 2
    assert all(1 <= event.topics.count() <= 2 for event in Event.objects.all())
    assert 5 <= Topic.objects.exclude(description="").count() <= 8


def test_substantive_updates_move_last_updated_and_minor_fixes_do_not(demo):
    updated = [event for event in PublishedEvent.objects.all() if event.was_updated]
    assert len(updated) >= 8
    assert all(event.updated_at > event.published_at for event in updated)

    minor_only = PublishedEvent.objects.get(slug="storming-of-the-bastille")
    assert minor_only.change_kind == PublishedEvent.ChangeKind.MINOR
    assert minor_only.history.count() == 2
    assert minor_only.updated_at == minor_only.published_at
    assert "Invalides" in minor_only.body

    minor_after_update = PublishedEvent.objects.get(slug="titanic-sinks")
    update = minor_after_update.history.get(change_kind=PublishedEvent.ChangeKind.SUBSTANTIVE)
    assert minor_after_update.change_kind == PublishedEvent.ChangeKind.MINOR
    assert (
        minor_after_update.updated_at
        == update.history_date
        < minor_after_update.history.latest("history_date").history_date
    )


def test_demo_drafts_stay_off_the_public_site(demo):
    drafts = Event.objects.filter(status=Event.Status.DRAFT)
    assert 2 <= drafts.count() <= 3
    assert not PublishedEvent.objects.filter(event__in=drafts).exists()
    assert not PublishedEvent.history.filter(event_id__in=drafts.values("pk")).exists()

    apollo = PublishedEvent.objects.get(slug="apollo-11-astronauts-walk-on-the-moon")
    assert apollo.timeline.filter(slug="john-glenn-orbits-the-earth").exists()
    timeline = [event.slug for event in apollo.timeline_events()]
    assert "soviet-union-launches-sputnik" in timeline
    assert "john-glenn-orbits-the-earth" not in timeline


def test_every_demo_revision_is_attributed_backdated_and_published_as_written(demo):
    for model in (Event, PublishedEvent, Author, Topic):
        assert model.history.exists()
        assert not model.history.filter(history_user__isnull=True).exists()
    assert set(Event.history.values_list("history_user__username", flat=True)) == {
        "system.load_demo_content"
    }
    for event in Event.objects.select_related("live"):
        dates = list(event.history.order_by("history_id").values_list("history_date", flat=True))
        assert dates == sorted(dates)
        assert event.created_at > dates[-1]
        if event.is_live:
            assert not event.has_unpublished_changes
            assert event.live.body == event.body


def test_every_demo_article_and_author_shows_a_described_library_image(demo):
    assert not PublishedEvent.objects.filter(hero_image=None).exists()
    assert not Author.objects.filter(photo=None).exists()
    for event in PublishedEvent.objects.select_related("hero_image"):
        image = event.hero_image
        assert image.alt_text.startswith("Illustration: a painted")
        assert image.credit
        assert (image.width, image.height) == (1600, 900)
        assert image.file.name.startswith("originals/") and image.is_public()


def test_running_demo_content_twice_adds_nothing(demo):
    before = _counts()
    published = PublishedEvent.objects.count()
    assert demo == (
        f"Created {before['events']} events ({published} published, "
        f"{before['events'] - published} drafts), skipped 0 existing.\n"
    )

    second_run = _load()

    assert _counts() == before
    assert second_run == (
        f"Created 0 events (0 published, 0 drafts), skipped {before['events']} existing.\n"
    )


def test_demo_has_a_published_correction_for_the_corrections_page(demo, client):
    mile = PublishedEvent.objects.get(slug="roger-bannister-runs-four-minute-mile")
    correction = mile.corrections().get()
    assert "46 days" in mile.body and "56 days" not in mile.body
    assert mile.updated_at == correction.history_date
    assert correction.change_note.startswith("Correction: ")
    assert escape(correction.change_note) in client.get("/corrections/").content.decode()
