"""Revisions are explicit: one per operation, written where the code says, never guessed."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from editorial.models import Author, TeamMembership
from events.models import Byline, Event
from revisions.history import RevisionRequired, acting_as, revision, system_actor

from .factories import AuthorFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_save_that_changes_nothing_adds_no_revision():
    event = EventFactory()
    event.save()
    event.save()
    assert event.history.count() == 1


def test_each_real_change_is_one_revision_with_its_reason():
    event = EventFactory()
    event.title = "A better title"
    event._change_reason = "Sharper headline"
    event.save()
    latest = event.history.first()
    assert event.history.count() == 2
    assert latest.title == "A better title"
    assert latest.history_change_reason == "Sharper headline"


def test_a_block_records_the_row_and_its_relations_as_one_revision(editor):
    event = Event.objects.get(pk=EventFactory().pk)
    topic, author = TopicFactory(), AuthorFactory()
    with revision(event, by=editor, reason="Retitled, tagged and bylined"):
        event.title = "Retitled"
        event.save()
        event.topics.add(topic)
        event.authors.add(author, through_defaults={"position": 0})
        event.save()
    assert event.history.count() == 2
    latest = event.history.first()
    assert (latest.title, latest.history_user, latest.history_change_reason) == (
        "Retitled",
        editor,
        "Retitled, tagged and bylined",
    )
    assert [row.topic_id for row in latest.topics.all()] == [topic.pk]
    assert [row.author_id for row in latest.authors.all()] == [author.pk]


def test_a_block_that_changes_nothing_records_nothing(editor):
    event = EventFactory(authors=[AuthorFactory()])
    with revision(event, by=editor, reason="Opened and saved") as unchanged:
        event.save()
    assert unchanged.record is None
    assert event.history.count() == 1


def test_a_relation_changed_outside_a_block_is_refused_and_not_written():
    event, topic, author = EventFactory(), TopicFactory(), AuthorFactory()
    with pytest.raises(RevisionRequired), transaction.atomic():
        event.topics.add(topic)
    with pytest.raises(RevisionRequired), transaction.atomic():
        Byline.objects.create(event=event, author=author, position=0)
    assert not event.topics.exists()
    assert not event.bylines.exists()


def test_another_instance_of_the_same_row_joins_the_open_block(editor):
    """The through-row signal used to take a second copy of the row for a separate revision."""
    event = EventFactory()
    with revision(event, by=editor, reason="Byline"):
        Byline.objects.create(event=Event.objects.get(pk=event.pk), author=AuthorFactory())
        Event.objects.get(pk=event.pk).save()
    assert event.history.count() == 2


def test_a_failed_block_records_nothing(editor):
    event = EventFactory()
    with pytest.raises(ValueError), revision(event, by=editor, reason="Oops"):
        event.title = "Half done"
        raise ValueError
    assert event.history.count() == 1


def test_saves_outside_a_request_name_a_system_actor():
    event = EventFactory()
    assert event.history.first().history_user.username == "system.system"


def test_commands_name_their_own_actor():
    with acting_as(system_actor("publish_scheduled")):
        event = EventFactory()
    user = event.history.first().history_user
    assert user.username == "system.publish_scheduled"
    assert not user.is_active
    assert not user.has_usable_password()


def test_a_system_actor_is_created_complete_in_one_statement():
    """A second cron process reading the actor between two statements was refused (defect 9)."""
    with CaptureQueriesContext(connection) as queries:
        system_actor("publish_scheduled")
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1
    assert writes[0].lstrip().upper().startswith("INSERT")


def test_author_team_membership_changes_are_recorded(editor):
    team = Author.objects.get(pk=AuthorFactory(kind=Author.Kind.TEAM).pk)
    member = AuthorFactory()
    with revision(team, by=editor, reason="New member"):
        team.members.add(member, through_defaults={"position": 0})
    assert team.history.count() == 2
    assert [row.member_id for row in team.history.first().members.all()] == [member.pk]
    other = AuthorFactory()
    with pytest.raises(RevisionRequired), transaction.atomic():
        TeamMembership.objects.create(team=team, member=other, position=1)


def test_deleting_an_event_records_only_its_deletion_not_its_byline_going():
    event = EventFactory(authors=[AuthorFactory()])
    event_id = event.pk
    Event.objects.get(pk=event_id).delete()
    kinds = Event.history.filter(id=event_id).order_by("history_id").values_list("history_type")
    assert [kind for (kind,) in kinds] == ["+", "-"]
    assert Event.history.filter(id=event_id).first().history_user is not None


def test_text_is_stored_with_plain_line_endings():
    event = EventFactory(body="One.\r\n\r\nTwo.\rThree.")
    event.refresh_from_db()
    assert event.body == "One.\n\nTwo.\nThree."
