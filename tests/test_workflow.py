"""Draft of a live article, review, scheduling, unpublishing and republishing."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, PublishedEvent
from events.publishing import (
    approve,
    cancel_schedule,
    publish,
    publish_due,
    schedule,
    send_back,
    submit_for_review,
    unpublish,
)

from .factories import AuthorFactory, EventFactory, edit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def content_blocks(response):
    """The article's own blocks, without the parts that change by the day (date accessed)."""
    html = response.content.decode()
    start, end = html.index("<article"), html.index('<section class="citation"')
    return html[start:end]


def test_draft_of_a_live_article_leaves_the_public_html_unchanged_until_published(client, editor):
    event = EventFactory(authors=[AuthorFactory()], body="Original text.")
    live = publish(event, by=editor, substantive=False)
    url = live.get_absolute_url()
    before = content_blocks(client.get(url))

    event.title = "A new headline"
    event.body = "Rewritten text."
    event.save()
    assert content_blocks(client.get(url)) == before

    publish(event, by=editor, substantive=True, note="Rewrote the story")
    after = content_blocks(client.get(url))
    assert "A new headline" in after and "Rewritten text." in after


def test_review_cycle_from_writer_to_editor(writer, staff_editor):
    event = EventFactory(created_by=writer)
    submit_for_review(event, by=writer)
    assert event.status == Event.Status.IN_REVIEW
    send_back(event, by=staff_editor, comment="Check the date of the treaty.")
    assert event.status == Event.Status.DRAFT
    assert event.review_comment == "Check the date of the treaty."
    submit_for_review(event, by=writer)
    approve(event, by=staff_editor)
    assert event.status == Event.Status.APPROVED
    assert event.review_comment == ""
    reasons = list(
        event.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons[1:] == [
        "Submitted for review",
        "Sent back: Check the date of the treaty.",
        "Submitted for review",
        "Approved",
    ]


def test_sending_back_needs_a_comment(staff_editor):
    event = EventFactory(status=Event.Status.IN_REVIEW)
    with pytest.raises(ValidationError, match="Say what needs to change"):
        send_back(event, by=staff_editor, comment="  ")


def test_submitting_twice_is_refused_with_a_clear_message(writer):
    event = EventFactory(created_by=writer)
    submit_for_review(event, by=writer)
    with pytest.raises(ValidationError, match="is in review, so it cannot be submitted"):
        submit_for_review(event, by=writer)


def test_unpublished_article_answers_410_and_leaves_every_list(client, editor):
    event = EventFactory(title="Withdrawn story", authors=[AuthorFactory()])
    live = publish(event, by=editor, substantive=False)
    url = live.get_absolute_url()
    unpublish(event, by=editor, reason="Legal review")
    response = client.get(url)
    assert response.status_code == 410
    assert b"This article has been withdrawn" in response.content
    assert b"Withdrawn story" not in client.get("/this-day-in-history/january/15/").content
    assert event.status == Event.Status.DRAFT
    assert PublishedEvent.history.filter(history_type="-").get().history_change_reason == (
        "Legal review"
    )


def test_republishing_keeps_the_original_published_date(editor):
    first = datetime.datetime(2010, 5, 1, 15, tzinfo=UTC)
    event = EventFactory()
    publish(event, by=editor, substantive=False, at=first)
    unpublish(event, by=editor, reason="Checking facts")
    live = publish(
        event, by=editor, substantive=False, at=datetime.datetime(2024, 1, 1, tzinfo=UTC)
    )
    assert live.published_at == first
    assert live.updated_at == first
    assert live.change_kind == PublishedEvent.ChangeKind.REPUBLISHED


def test_scheduled_publication_happens_when_due_and_only_once(client, staff_editor):
    event = EventFactory(authors=[AuthorFactory()])
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False):
        schedule(
            event,
            by=staff_editor,
            publish_at=datetime.datetime(2026, 3, 2, 9, tzinfo=UTC),
            substantive=False,
        )
        assert event.status == Event.Status.SCHEDULED
        call_command("publish_scheduled")
        assert not PublishedEvent.objects.exists()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC), tick=False):
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    live = PublishedEvent.objects.get()
    assert live.published_at == datetime.datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
    assert live.history.count() == 1
    assert live.history.get().history_user.username == "system.publish_scheduled"
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.scheduled_at is None


def test_scheduled_substantive_update_moves_last_updated_with_its_note(editor):
    event = EventFactory()
    publish(event, by=editor, substantive=False, at=datetime.datetime(2020, 1, 1, tzinfo=UTC))
    event.body = "New findings."
    event.save()
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    schedule(
        event,
        by=editor,
        publish_at=now + datetime.timedelta(hours=1),
        substantive=True,
        note="Added findings",
        now=now,
    )
    publish_due(by=editor, now=now + datetime.timedelta(hours=2))
    live = PublishedEvent.objects.get()
    assert live.updated_at == now + datetime.timedelta(hours=2)
    assert live.change_note == "Added findings"
    assert live.body == "New findings."


def test_schedule_must_be_in_the_future(editor):
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    with pytest.raises(ValidationError, match="in the future"):
        schedule(EventFactory(), by=editor, publish_at=now, substantive=False, now=now)


def test_cancelled_schedule_publishes_nothing(editor):
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    event = EventFactory()
    schedule(
        event, by=editor, publish_at=now + datetime.timedelta(hours=1), substantive=False, now=now
    )
    cancel_schedule(event, by=editor)
    assert publish_due(by=editor, now=now + datetime.timedelta(days=1)) == []
    assert event.status == Event.Status.APPROVED


def test_editing_a_scheduled_article_in_the_admin_sends_it_back_to_draft(client, editor):
    from .test_admin import event_form, existing_byline

    author = AuthorFactory()
    event = EventFactory(authors=[author])
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        schedule(event, by=editor, publish_at=now + datetime.timedelta(days=1), substantive=False)
        client.force_login(editor)
        data = existing_byline(
            event, event_form(author, title="Changed after approval", change_reason="Edit")
        )
        client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert event.scheduled_at is None


def test_admin_bulk_publish_and_unpublish_record_a_revision_per_article(client, editor):
    events = [EventFactory(authors=[AuthorFactory()]) for _ in range(3)]
    client.force_login(editor)
    changelist = reverse("admin:events_event_changelist")
    ids = [str(event.pk) for event in events]
    confirm = client.post(changelist, {"action": "publish_selected", "_selected_action": ids})
    assert "Publish these articles?" in confirm.content.decode()
    assert not PublishedEvent.objects.exists()
    shown = {f"revision-{event.pk}": event.latest_revision_id() for event in events}
    client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": ids, "confirm": "yes", **shown},
    )
    assert PublishedEvent.objects.count() == 3
    for event in events:
        assert event.live.history.count() == 1
        assert event.live.history.get().history_user == editor
    asked = client.post(changelist, {"action": "unpublish_selected", "_selected_action": ids})
    assert "Why are these articles being unpublished?" in asked.content.decode()
    assert PublishedEvent.objects.count() == 3
    unpublish = {"action": "unpublish_selected", "_selected_action": ids, "confirm": "yes"}
    refused = client.post(changelist, {**unpublish, "reason": ""})
    assert "This field is required." in refused.content.decode()
    client.post(changelist, {**unpublish, "reason": "Rights expired"})
    assert PublishedEvent.objects.count() == 0
    assert set(
        Event.history.filter(history_change_reason="Unpublished: Rights expired").values_list(
            "id", flat=True
        )
    ) == {event.pk for event in events}
    assert PublishedEvent.history.filter(history_type="-").count() == 3


def test_writer_does_not_see_bulk_publish_actions(client, writer):
    EventFactory(created_by=writer)
    client.force_login(writer)
    page = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "publish_selected" not in page
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [str(Event.objects.get().pk)]},
    )
    assert not PublishedEvent.objects.exists()
    assert response.status_code in (200, 302)


def test_admin_list_and_form_show_what_is_live(client, editor):
    event = EventFactory(title="Working title", authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    edit(event, title="Working title, revised")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "This article has changes the public does not see yet." in page
    assert re.search(
        r"Live version:</strong> <a href=\"/this-day-in-history/january/15/[^\"]+\"", page
    )


def test_republishing_keeps_last_updated_from_the_last_update_not_the_unpublishing(editor):
    event = EventFactory()
    publish(event, by=editor, substantive=False, at=datetime.datetime(2010, 5, 1, tzinfo=UTC))
    updated = datetime.datetime(2012, 5, 1, tzinfo=UTC)
    publish(event, by=editor, substantive=True, note="New material", at=updated)
    unpublish(event, by=editor, reason="Checking facts")
    live = publish(event, by=editor, substantive=False)
    assert live.updated_at == updated


def test_a_republished_article_keeps_its_versions_and_their_permanent_links(client, editor):
    event = EventFactory(authors=[AuthorFactory()])
    first = publish(event, by=editor, substantive=False)
    first_version = first.history.latest().history_id
    unpublish(event, by=editor, reason="Checking facts")
    live = publish(event, by=editor, substantive=False)
    assert live.pk == first.pk
    assert [v.change_kind for v in live.version_log()] == ["republished", "first"]
    response = client.get(f"{live.get_absolute_url()}versions/{first_version}/")
    assert response.status_code == 200


def test_a_scheduled_article_that_cannot_go_live_does_not_hold_back_the_others(editor):
    live = EventFactory(slug="taken")
    publish(live, by=editor, substantive=False)
    edit(live, slug="renamed-draft")
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    clashing = EventFactory(slug="taken-later")
    clashing.slug = "taken"  # the live copy of another article still holds this address
    clashing.save()
    fine = EventFactory(slug="fine")
    for event in (clashing, fine):
        schedule(
            event,
            by=editor,
            publish_at=now + datetime.timedelta(minutes=1),
            substantive=False,
            now=now,
        )

    published = publish_due(by=editor, now=now + datetime.timedelta(minutes=2))

    assert [p.slug for p in published] == ["fine"]
    clashing.refresh_from_db()
    assert clashing.status == Event.Status.APPROVED
    assert clashing.scheduled_at is None
    assert clashing.review_comment.startswith("Scheduled publication failed:")
    assert publish_due(by=editor, now=now + datetime.timedelta(minutes=3)) == []


def test_republishing_as_a_substantive_update_moves_last_updated(editor):
    first = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    event = EventFactory()
    publish(event, by=editor, substantive=False, at=first)
    unpublish(event, by=editor, reason="Rewrite")
    event.body = "Rewritten."
    event.save()
    back = datetime.datetime(2024, 6, 1, tzinfo=UTC)
    live = publish(event, by=editor, substantive=True, note="Rewrote the article", at=back)
    assert (live.published_at, live.updated_at) == (first, back)
    assert live.change_kind == PublishedEvent.ChangeKind.SUBSTANTIVE
