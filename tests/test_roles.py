"""Roles are enforced on the server: every forbidden action is refused and changes nothing."""

import pytest
from django.urls import reverse

from events.models import Event, PublishedEvent
from events.publishing import publish

from .factories import AuthorFactory, EventFactory
from .test_admin import publish_step

pytestmark = pytest.mark.django_db


def workflow_url(event, action):
    if action in ("publish", "schedule"):
        return reverse("admin:events_event_publish", args=[event.pk])
    return reverse("admin:events_event_workflow", args=[event.pk, action])


@pytest.fixture
def writers_draft(writer):
    return EventFactory(created_by=writer, authors=[AuthorFactory()])


@pytest.mark.parametrize(
    "action, data",
    [
        ("publish", {"kind": "minor", "revision": "1", "publish": "yes"}),
        ("schedule", {"publish_at": "2099-01-01T09:00", "kind": "minor", "schedule": "yes"}),
        ("approve", {}),
        ("send-back", {"comment": "No"}),
        ("revert", {"revision": "1"}),
    ],
)
def test_writer_cannot_publish_schedule_approve_or_revert_by_forged_post(
    client, writer, writers_draft, action, data
):
    client.force_login(writer)
    before = writers_draft.history.count()
    response = client.post(workflow_url(writers_draft, action), data)
    assert response.status_code == 403
    writers_draft.refresh_from_db()
    assert writers_draft.status == Event.Status.DRAFT
    assert writers_draft.history.count() == before
    assert not PublishedEvent.objects.exists()


def test_writer_cannot_unpublish_by_forged_post(client, writer, editor):
    event = EventFactory(created_by=writer)
    publish(event, by=editor, substantive=False)
    client.force_login(writer)
    response = client.post(workflow_url(event, "unpublish"), {"reason": "Gone"})
    assert response.status_code == 403
    assert PublishedEvent.objects.filter(event=event).exists()


def test_writer_cannot_publish_through_the_save_form(client, writer, writers_draft):
    client.force_login(writer)
    page = client.get(reverse("admin:events_event_change", args=[writers_draft.pk]))
    assert b"After saving" not in page.content
    assert b"Publish now" not in page.content
    from .test_admin import event_form, existing_byline

    data = existing_byline(
        writers_draft,
        event_form(writers_draft.authors.get(), change_reason="Edit", publish_change="substantive"),
    )
    client.post(reverse("admin:events_event_change", args=[writers_draft.pk]), data)
    assert not PublishedEvent.objects.exists()


def test_writer_cannot_delete_events(client, writer, writers_draft):
    client.force_login(writer)
    response = client.post(
        reverse("admin:events_event_delete", args=[writers_draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Event.objects.filter(pk=writers_draft.pk).exists()


def test_writer_edits_own_draft_but_not_someone_elses(client, writer, member_of):
    other = member_of("Writer", username="other-writer")
    mine = EventFactory(created_by=writer)
    theirs = EventFactory(created_by=other)
    client.force_login(writer)
    assert (
        b'name="_save"' in client.get(reverse("admin:events_event_change", args=[mine.pk])).content
    )
    assert (
        b'name="_save"'
        not in client.get(reverse("admin:events_event_change", args=[theirs.pk])).content
    )
    from .test_admin import event_form

    response = client.post(
        reverse("admin:events_event_change", args=[theirs.pk]),
        event_form(AuthorFactory(), title="Hijacked", change_reason="x"),
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title != "Hijacked"


def test_writer_creates_an_event_and_submits_it_for_review(client, writer):
    from .test_admin import event_form

    client.force_login(writer)
    response = client.post(reverse("admin:events_event_add"), event_form(AuthorFactory()))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.created_by == writer
    client.post(workflow_url(event, "submit"))
    event.refresh_from_db()
    assert event.status == Event.Status.IN_REVIEW
    assert event.history.first().history_user == writer
    # Submitted work is out of the writer's hands until it is sent back.
    assert (
        b'name="_save"'
        not in client.get(reverse("admin:events_event_change", args=[event.pk])).content
    )


def test_fact_checker_reads_everything_but_cannot_publish_or_edit(client, fact_checker):
    event = EventFactory()
    client.force_login(fact_checker)
    assert client.get(reverse("admin:events_event_changelist")).status_code == 200
    page = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    forged = {"kind": "minor", "revision": event.latest_revision_id(), "publish": "yes"}
    assert client.post(workflow_url(event, "publish"), forged).status_code == 403
    assert not PublishedEvent.objects.exists()


def test_editor_role_can_do_every_step(client, staff_editor, writer):
    event = EventFactory(created_by=writer)
    event.status = Event.Status.IN_REVIEW
    event.save()
    client.force_login(staff_editor)
    client.post(workflow_url(event, "approve"))
    event.refresh_from_db()
    assert event.status == Event.Status.APPROVED
    publish_step(client, event)
    assert PublishedEvent.objects.filter(event=event).exists()
    client.post(workflow_url(event, "unpublish"), {"reason": "Legal review"})
    assert not PublishedEvent.objects.filter(event=event).exists()


def test_roles_are_created_by_migration(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Writer", "Editor", "Fact-checker"}
    editor = Group.objects.get(name="Editor")
    assert editor.permissions.filter(codename="publish_event").exists()
    assert (
        not Group.objects.get(name="Writer")
        .permissions.filter(codename__in=["publish_event", "review_event", "delete_event"])
        .exists()
    )


@pytest.mark.parametrize("role", ["Writer", "Fact-checker"])
def test_old_revision_page_cannot_be_used_to_save_changes(client, member_of, editor, role):
    """simple-history's revision page saves a POST with view permission alone; it must not."""
    from events.models import Topic

    from .factories import TopicFactory
    from .test_admin import event_form, existing_byline

    author = AuthorFactory()
    event = EventFactory(title="Editor's article", authors=[author])
    publish(event, by=editor, substantive=False)
    topic = TopicFactory(name="Exploration")
    client.force_login(member_of(role))
    revision = event.history.first()
    page = client.get(
        reverse("admin:events_event_simple_history", args=[event.pk, revision.history_id])
    )
    assert page.status_code == 200
    data = existing_byline(event, event_form(author, title="HACKED", change_reason="x"))
    response = client.post(
        reverse("admin:events_event_simple_history", args=[event.pk, revision.history_id]), data
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Editor's article"
    topic_revision = topic.history.first()
    response = client.post(
        reverse("admin:events_topic_simple_history", args=[topic.pk, topic_revision.history_id]),
        {"name": "<b>pwn</b>", "slug": "pwn", "description": "", "change_reason": "x"},
    )
    assert response.status_code == 403
    assert Topic.objects.get(pk=topic.pk).name == "Exploration"


def test_writer_cannot_share_someone_elses_draft(client, writer, member_of):
    theirs = EventFactory(created_by=member_of("Writer", username="other-writer"))
    mine = EventFactory(created_by=writer)
    client.force_login(writer)
    assert client.post(workflow_url(theirs, "share")).status_code == 403
    response = client.post(workflow_url(mine, "share"), follow=True)
    assert b"Share this preview link" in response.content


def test_an_active_user_named_like_a_system_actor_gets_no_powers(django_user_model):
    from revisions.history import is_system_actor

    impostor = django_user_model.objects.create_user("system.publish_scheduled", password=None)
    assert impostor.is_active and not impostor.has_usable_password()
    assert not is_system_actor(impostor)
