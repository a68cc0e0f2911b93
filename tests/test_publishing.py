import datetime

import pytest
from django.contrib.redirects.models import Redirect

from events.models import Event, PublishedEvent
from events.publishing import publish

from .factories import AuthorFactory, EventFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PUBLISHED = datetime.datetime(2009, 11, 13, 15, 0, tzinfo=UTC)
TYPO_FIX = datetime.datetime(2012, 3, 1, 15, 0, tzinfo=UTC)
REWRITE = datetime.datetime(2025, 1, 30, 15, 0, tzinfo=UTC)


def revise(event, **changes):
    edit(event, **changes)


def test_first_publication_sets_published_and_last_updated_to_the_same_moment(editor):
    live = publish(EventFactory(), by=editor, substantive=False, at=PUBLISHED)
    assert live.published_at == live.updated_at == PUBLISHED
    assert not live.was_updated


def test_minor_change_keeps_last_updated_and_substantive_change_moves_it(editor):
    event = EventFactory(authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False, at=PUBLISHED)
    revise(event, body="Fixed a typo.")
    live = publish(event, by=editor, substantive=False, at=TYPO_FIX)
    assert (live.published_at, live.updated_at) == (PUBLISHED, PUBLISHED)

    revise(event, body="New material about the event.")
    live = publish(event, by=editor, substantive=True, note="Added context", at=REWRITE)
    assert (live.published_at, live.updated_at) == (PUBLISHED, REWRITE)
    assert live.was_updated
    assert live.body == "New material about the event."

    kinds = list(live.history.order_by("history_id").values_list("change_kind", "change_note"))
    assert kinds == [("first", ""), ("minor", ""), ("substantive", "Added context")]


def test_saving_a_published_article_does_not_change_the_public_copy(editor):
    event = EventFactory(title="Original headline")
    publish(event, by=editor, substantive=False)
    revise(event, title="Draft headline")
    event = Event.objects.with_publishing_state().get(pk=event.pk)
    assert event.live.title == "Original headline"
    assert event.has_unpublished_changes


def test_publishing_clears_unpublished_changes(editor):
    event = EventFactory()
    publish(event, by=editor, substantive=False)
    event = Event.objects.with_publishing_state().get(pk=event.pk)
    assert event.status == Event.Status.PUBLISHED
    assert not event.has_unpublished_changes


def test_each_publication_is_one_public_version_naming_who_published(editor):
    event = EventFactory()
    publish(event, by=editor, substantive=False)
    revise(event, dek="Better summary.")
    live = publish(event, by=editor, substantive=True, note="Clarified")
    versions = live.history.all()
    assert len(versions) == 2
    assert {v.history_user for v in versions} == {editor}
    assert versions[0].history_change_reason == "Clarified"


def test_byline_topics_and_timeline_are_copied_in_order(editor):
    first, second = AuthorFactory(), AuthorFactory()
    related = EventFactory(year=1989)
    publish(related, by=editor, substantive=False)
    topic = TopicFactory()
    event = EventFactory(authors=[second, first], topics=[topic], timeline=[related])
    live = publish(event, by=editor, substantive=False)
    assert [b.author for b in live.bylines.all()] == [second, first]
    assert list(live.topics.all()) == [topic]
    assert [e.pk for e in live.timeline_events()] == [related.live.pk]
    version = live.history.first()
    assert [row.author_id for row in version.authors.order_by("position")] == [second.pk, first.pk]


def test_slug_change_makes_the_old_address_redirect(client, editor):
    event = EventFactory(slug="old-slug")
    publish(event, by=editor, substantive=False)
    old_url = event.live.get_absolute_url()
    revise(event, slug="new-slug")
    publish(event, by=editor, substantive=False)
    new_url = PublishedEvent.objects.get().get_absolute_url()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url


def test_a_chain_of_renames_redirects_straight_to_the_current_address(client, editor):
    event = EventFactory(slug="first")
    publish(event, by=editor, substantive=False)
    for slug in ["second", "third"]:
        revise(event, slug=slug)
        publish(event, by=editor, substantive=False)
    response = client.get("/this-day-in-history/january/15/first/")
    assert response.status_code == 301
    assert response["Location"] == "/this-day-in-history/january/15/third/"
    assert Redirect.objects.count() == 2


def test_date_change_makes_the_old_address_redirect(client, editor):
    event = EventFactory(slug="moved")
    publish(event, by=editor, substantive=False)
    revise(event, month=2, day=3)
    publish(event, by=editor, substantive=True, note="Corrected the date")
    response = client.get("/this-day-in-history/january/15/moved/")
    assert response.status_code == 301
    assert response["Location"] == "/this-day-in-history/february/3/moved/"
