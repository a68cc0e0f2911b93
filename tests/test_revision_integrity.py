"""Regression tests for the integrity defects found by trying the product as a newsroom would:
each publishes, saves or links exactly what it says, and the history audit stays clean."""

import io

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import publishing
from events.audit import findings
from events.models import Event, PublishedEvent, public_corrections
from events.publishing import approve, publish, save_edit, schedule
from revisions.admin import RevisionAdmin
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, SubscriberFactory, TopicFactory, edit
from .test_admin import event_form, existing_byline, publish_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(member_of):
    return member_of("Editor", username="reviewer")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def form_of(event, author, **overrides):
    """The change form as a browser would send it back for ``event``, unchanged."""
    data = event_form(
        author,
        title=event.title,
        slug=event.slug,
        year=str(abs(event.year)),
        era="-1" if event.year < 0 else "1",
        month=str(event.month),
        day=str(event.day),
        calendar=event.calendar,
        date_precision=event.date_precision,
        dek=event.dek,
        body=event.body,
        change_reason="Checked",
        based_on_revision=str(event.latest_revision_id()),
    )
    data.update(overrides)
    return existing_byline(event, data)


# 1. Phantom public versions -------------------------------------------------------------


def test_publishing_a_byline_change_records_one_public_version_with_the_new_byline(client, editor):
    first, second = AuthorFactory(), AuthorFactory()
    event = EventFactory(authors=[first])
    live = publish(event, by=editor, substantive=False)
    with revision(event, by=editor, reason="New byline"):
        event.authors.clear()
        event.authors.add(second, through_defaults={"position": 0})
    publish(event, by=editor, substantive=False, correction=True, note="Wrong author.")

    versions = list(live.history.order_by("history_id"))
    assert len(versions) == 2
    assert [row.author_id for row in versions[-1].authors.all()] == [second.pk]
    assert public_corrections().count() == 1
    page = client.get(
        reverse("events:version", args=[1, 15, live.slug, versions[-1].history_id])
    ).content.decode()
    assert second.name in page
    assert list(findings()) == []


# 2. Double and rewritten revisions ------------------------------------------------------


def test_a_byline_only_admin_save_of_a_live_article_is_one_revision(client, editor):
    author, other = AuthorFactory(), AuthorFactory()
    event = EventFactory(authors=[author])
    publish(event, by=editor, substantive=False)
    before = event.history.count()
    client.force_login(editor)
    data = form_of(event, author, **{"bylines-0-author": str(other.pk)})
    assert client.post(change_url(event), data).status_code == 302
    assert event.history.count() == before + 1
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert [row.author_id for row in event.history.first().authors.all()] == [other.pk]


def test_a_topic_added_after_publishing_never_rewrites_the_version_that_went_live(editor):
    event = EventFactory(authors=[AuthorFactory()])
    live = publish(event, by=editor, substantive=False)
    went_live = event.latest_revision_id()
    topic = TopicFactory()
    save_edit(event, by=editor, reason="Tagged", save_relations=lambda: event.topics.add(topic))
    assert event.latest_revision_id() != went_live
    assert not event.history.get(history_id=went_live).topics.exists()
    event = Event.objects.with_publishing_state().get(pk=event.pk)
    assert event.has_unpublished_changes
    assert not live.topics.exists()


# 3. Saves that change nothing -------------------------------------------------------------


def test_saving_an_unchanged_article_with_browser_line_endings_records_nothing(client, editor):
    author = AuthorFactory()
    event = EventFactory(authors=[author], body="First paragraph.\n\nSecond paragraph.")
    publish(event, by=editor, substantive=False)
    before = event.history.count()
    client.force_login(editor)
    data = form_of(event, author, body=event.body.replace("\n", "\r\n"))
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.history.count() == before
    assert event.status == Event.Status.PUBLISHED
    assert not Event.objects.with_publishing_state().get(pk=event.pk).has_unpublished_changes


# 4. Rules live in the operations, once ------------------------------------------------


def test_changing_only_the_era_of_an_approved_article_returns_it_to_draft(client, editor, reviewer):
    author = AuthorFactory()
    event = EventFactory(authors=[author], year=44, month=3, day=15)
    approve(event, by=reviewer)
    client.force_login(editor)
    assert client.post(change_url(event), form_of(event, author, era="-1")).status_code == 302
    event.refresh_from_db()
    assert (event.year, event.status) == (-44, Event.Status.DRAFT)


def test_any_edit_after_approval_returns_to_draft_whoever_saves_it(editor, reviewer):
    event = EventFactory(authors=[AuthorFactory()])
    approve(event, by=reviewer)
    topic = TopicFactory()
    save_edit(event, by=editor, reason="Tagged", save_relations=lambda: event.topics.add(topic))
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_an_edit_keeps_a_concurrent_approval_instead_of_overwriting_it(editor, reviewer):
    event = EventFactory(authors=[AuthorFactory()])
    stale = Event.objects.get(pk=event.pk)
    approve(event, by=reviewer)
    stale.review_comment = "stale"  # not an editable field: the edit must not carry it
    save_edit(stale, by=editor, reason="Nothing")
    event.refresh_from_db()
    assert event.status == Event.Status.APPROVED


def test_corrections_are_never_scheduled_by_any_caller(editor, published_event):
    live = published_event()
    with pytest.raises(ValidationError, match="corrections are not scheduled"):
        schedule(
            live.event,
            by=editor,
            publish_at=live.published_at.replace(year=2099),
            substantive=True,
            correction=True,
            note="Correction: x",
        )


@pytest.mark.parametrize(
    "kind, message",
    [("substantive", "Tell readers what this substantive update changed."),
     ("correction", "Write the correction readers will see")],
)  # fmt: skip
def test_the_public_note_rule_is_the_same_in_the_form_and_the_publish_step(
    client, editor, published_event, kind, message
):
    live = published_event()
    client.force_login(editor)
    author = live.event.authors.get()
    saved = client.post(change_url(live.event), form_of(live.event, author, publish_change=kind))
    assert message in saved.content.decode()
    assert message in publish_step(client, live.event, kind=kind).content.decode()
    with pytest.raises(ValidationError, match=message.split(" readers")[0]):
        publish(live.event, by=editor, substantive=True, correction=kind == "correction")


# 6. Publishing what nobody reviewed -----------------------------------------------------


def test_the_publish_step_names_whose_unpublished_changes_go_live(client, editor, member_of):
    colleague = member_of("Editor", username="colleague")
    author = AuthorFactory()
    event = EventFactory(authors=[author], created_by=colleague)
    publish(event, by=editor, substantive=False)
    event.refresh_from_db()
    event.title = "A rewrite nobody reviewed"
    save_edit(event, by=colleague, reason="Rewrite")
    client.force_login(editor)
    step = client.get(
        reverse("admin:events_event_publish", args=[event.pk]), {"kind": "correction"}
    ).content.decode()
    assert "This also publishes changes by colleague" in step
    assert "reviewed</ins>" in step
    assert "a correction should carry only the fix" in step


def test_publishing_refuses_a_working_copy_that_changed_after_it_was_shown(
    client, editor, published_event
):
    live = published_event()
    event = live.event
    shown = event.latest_revision_id()
    edit(event, title="Changed while the publisher was reading")
    response = publish_step(client_logged_in(client, editor), event, revision=shown)
    assert "changed since you reviewed it" in response.content.decode()
    live.refresh_from_db()
    assert live.title != event.title


def client_logged_in(client, user):
    client.force_login(user)
    return client


# 8. Permanent links are permanent -------------------------------------------------------


def test_a_version_permalink_answers_301_after_the_slug_and_date_change(client, editor):
    event = EventFactory(slug="old-slug", authors=[AuthorFactory()])
    live = publish(event, by=editor, substantive=False)
    first = live.history.get().history_id
    edit(event, slug="new-slug", month=2, day=3)
    publish(event, by=editor, substantive=False)
    response = client.get(reverse("events:version", args=[1, 15, "old-slug", first]))
    assert response.status_code == 301
    assert response["Location"] == reverse("events:version", args=[2, 3, "new-slug", first])
    assert client.get(response["Location"]).status_code == 200
    versions = client.get(reverse("events:version_list", args=[1, 15, "old-slug"]))
    assert versions["Location"] == reverse("events:version_list", args=[2, 3, "new-slug"])


# 10. History pages are read-only for every tracked model -------------------------------


def test_every_tracked_model_is_administered_through_the_revision_admin():
    tracked = [model for model in admin.site._registry if hasattr(model, "_revision_records")]
    assert tracked
    for model in tracked:
        assert isinstance(admin.site._registry[model], RevisionAdmin), model


def test_a_subscribers_old_revision_page_refuses_a_post(client, member_of):
    subscriber = SubscriberFactory(unsubscribed=True)
    viewer = member_of("Fact-checker", username="viewer")
    client.force_login(viewer)
    record = subscriber.history.first()
    url = reverse(
        "admin:newsletter_subscriber_simple_history", args=[subscriber.pk, record.history_id]
    )
    assert client.post(url, {"status": "confirmed"}).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


# 11. Links and buttons ---------------------------------------------------------------------


def test_view_on_site_goes_to_the_sites_real_address(client, editor, settings, published_event):
    settings.SITE_URL = "https://history.example.com"
    live = published_event()
    client.force_login(editor)
    page = client.get(change_url(live.event)).content.decode()
    assert f'href="https://history.example.com{live.get_absolute_url()}"' in page
    assert "example.com/" not in page.replace("history.example.com", "")


def test_a_writer_sees_no_share_button_once_the_draft_is_submitted(client, writer):
    event = EventFactory(created_by=writer, authors=[AuthorFactory()])
    publishing.submit_for_review(event, by=writer)
    client.force_login(writer)
    page = client.get(change_url(event)).content.decode()
    assert "Make a share link" not in page
    share = reverse("admin:events_event_workflow", args=[event.pk, "share"])
    assert client.post(share).status_code == 403


def test_the_unpublish_button_is_styled_as_a_readable_danger_button(
    client, editor, published_event
):
    live = published_event()
    client.force_login(editor)
    page = client.get(change_url(live.event)).content.decode()
    assert 'class="button danger">Unpublish</button>' in page
    assert "deletelink" not in page.split('id="workflow-heading"')[1]


# The audit and the cost of a publish ----------------------------------------------------


@pytest.mark.inconsistent_history
def test_audit_history_finds_a_change_that_left_no_revision(editor, published_event):
    live = published_event()
    call_command("audit_history", stdout=io.StringIO())
    PublishedEvent.objects.filter(pk=live.pk).update(title="Edited behind history's back")
    out = io.StringIO()
    with pytest.raises(Exception, match="1 inconsistencies"):
        call_command("audit_history", stdout=out)
    assert "differs from its latest revision" in out.getvalue()


def test_publishing_writes_one_revision_and_one_public_version(editor, published_event):
    live = published_event()
    event = live.event
    event.body = "A fix."
    save_edit(event, by=editor, reason="Typo")
    revisions, versions = event.history.count(), live.history.count()
    with CaptureQueriesContext(connection) as queries:
        publish(event, by=editor, substantive=False)
    assert (event.history.count(), live.history.count()) == (revisions + 1, versions + 1)
    # Constraint checks, relation copies, the search index and (on PostgreSQL) the lock that
    # orders public changes; independent of history size.
    assert len(queries) <= 73
