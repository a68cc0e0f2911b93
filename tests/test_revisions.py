import pytest
from events.history import acting_as, system_actor

from editorial.models import Author
from events.models import Event

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


def test_relation_changes_after_a_save_join_that_saves_revision():
    event = Event.objects.get(pk=EventFactory().pk)
    topic, author = TopicFactory(), AuthorFactory()
    event.title = "Retitled"
    event.save()
    event.topics.add(topic)
    event.authors.add(author, through_defaults={"position": 0})
    assert event.history.count() == 2
    latest = event.history.first()
    assert [row.topic_id for row in latest.topics.all()] == [topic.pk]
    assert [row.author_id for row in latest.authors.all()] == [author.pk]


def test_a_relation_change_alone_is_a_revision():
    event = EventFactory()
    fresh = Event.objects.get(pk=event.pk)
    fresh.topics.add(TopicFactory())
    assert event.history.count() == 2


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


def test_author_team_membership_changes_are_recorded():
    team = AuthorFactory(kind=Author.Kind.TEAM)
    member = AuthorFactory()
    team = Author.objects.get(pk=team.pk)
    team.members.add(member, through_defaults={"position": 0})
    assert team.history.count() == 2
    assert [row.member_id for row in team.history.first().members.all()] == [member.pk]


def test_deleting_an_event_records_its_deletion(editor):
    event = EventFactory(authors=[AuthorFactory()])
    event_id = event.pk
    Event.objects.get(pk=event_id).delete()
    assert Event.history.filter(id=event_id).first().history_type == "-"


def test_byline_rows_saved_one_by_one_join_the_saves_revision():
    from events.models import Byline

    event = EventFactory()
    author = AuthorFactory()
    event.title = "Retitled"
    event.save()
    Byline.objects.create(event=event, author=author, position=0)
    assert event.history.count() == 2
    assert [row.author_id for row in event.history.first().authors.all()] == [author.pk]


def test_deleting_an_event_records_only_its_deletion_not_its_byline_going():
    event = EventFactory(authors=[AuthorFactory()])
    event_id = event.pk
    event.delete()
    kinds = Event.history.filter(id=event_id).order_by("history_id").values_list("history_type")
    assert [kind for (kind,) in kinds] == ["+", "-"]
