"""Two transactions at once, on PostgreSQL: each test runs its steps in two threads, each with its
own database connection, and checks that nothing either did was lost or recorded twice.

SQLite serializes writers by design (IMMEDIATE transactions), so these run on PostgreSQL only.
"""

import threading

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from events.audit import findings
from events.models import Event, PublishedEvent
from events.publishing import lock, publish, publish_due, save_edit, schedule, send_back
from revisions.history import is_system_actor, system_actor

from .factories import AuthorFactory, EventFactory
from .test_admin import event_form, existing_byline

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,  # concurrent transactions, as production runs them
]


def run_together(*steps):
    """Run each step in its own thread and connection, started at the same moment."""
    start = threading.Barrier(len(steps))
    results, errors = [None] * len(steps), []

    def run(index, step):
        try:
            start.wait()
            results[index] = step()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_two_publish_scheduled_runs_publish_each_article_once(editor):
    import datetime

    now = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    events = [EventFactory(authors=[AuthorFactory()]) for _ in range(4)]
    for event in events:
        schedule(
            event, by=editor, publish_at=now + datetime.timedelta(minutes=1), substantive=False,
            now=now,
        )  # fmt: skip
    actor = system_actor("publish_scheduled")
    due = now + datetime.timedelta(minutes=2)
    first, second = run_together(
        lambda: publish_due(by=actor, now=due), lambda: publish_due(by=actor, now=due)
    )
    assert len(first) + len(second) == 4
    for event in events:
        assert PublishedEvent.objects.get(event=event).history.count() == 1
    assert list(findings()) == []


def test_system_actors_made_by_two_processes_at_once_are_both_complete():
    first, second = run_together(
        lambda: system_actor("publish_scheduled"), lambda: system_actor("publish_scheduled")
    )
    assert first.pk == second.pk
    assert is_system_actor(first) and is_system_actor(second)


def test_an_edit_waiting_on_a_send_back_keeps_the_reviewers_comment(editor, member_of):
    """The edit was opened before the reviewer sent the article back; it must not write the
    stale status and comment it was loaded with."""
    reviewer = member_of("Editor", username="reviewer")
    event = EventFactory(authors=[AuthorFactory()], status=Event.Status.IN_REVIEW)
    stale = Event.objects.get(pk=event.pk)
    stale.title = "Edited while the reviewer decided"
    locked, sent_back = threading.Event(), threading.Event()

    def review():
        with transaction.atomic():
            lock(event)
            locked.set()
            send_back(event, by=reviewer, comment="Check the date.")
        sent_back.set()

    def edit():
        locked.wait(10)
        save_edit(stale, by=editor, reason="Sharper title")  # waits for the reviewer's lock

    run_together(review, edit)
    event.refresh_from_db()
    assert sent_back.is_set()
    assert event.title == "Edited while the reviewer decided"
    assert (event.status, event.review_comment) == (Event.Status.DRAFT, "Check the date.")
    assert list(findings()) == []


def test_publishing_while_an_edit_is_saved_publishes_exactly_one_of_the_two_states(editor):
    for attempt in range(5):
        event = EventFactory(slug=f"race-{attempt}", authors=[AuthorFactory()])
        publish(event, by=editor, substantive=False)
        editing = Event.objects.get(pk=event.pk)
        editing.title = f"Edited {attempt}"
        run_together(
            lambda event=event: publish(
                Event.objects.get(pk=event.pk), by=editor, substantive=False
            ),
            lambda editing=editing: save_edit(editing, by=editor, reason="Edit"),
        )
        event = Event.objects.with_publishing_state().get(pk=event.pk)
        live = PublishedEvent.objects.get(event=event)
        went_live = event.history.get(history_id=live.published_revision)
        assert live.title == went_live.title
        assert event.has_unpublished_changes == (live.title != f"Edited {attempt}")
    assert list(findings()) == []


def test_two_editors_saving_different_fields_at_once_both_keep_their_change(editor, member_of):
    author = AuthorFactory()
    event = EventFactory(title="Start", body="Old body.", authors=[author])
    colleague = member_of("Editor", username="colleague")
    opened_at = event.latest_revision_id()
    url = reverse("admin:events_event_change", args=[event.pk])

    def save_as(user, **changes):
        client = Client()
        client.force_login(user)
        data = existing_byline(event, event_form(author, based_on_revision=opened_at, **changes))
        return client.post(url, data).status_code

    statuses = run_together(
        lambda: save_as(editor, title="Start", body="My new body."),
        lambda: save_as(colleague, title="Their title", body="Old body."),
    )
    assert statuses == [302, 302]
    event.refresh_from_db()
    assert (event.title, event.body) == ("Their title", "My new body.")
    assert event.history.count() == 3
    assert list(findings()) == []


def test_two_editors_saving_the_same_field_at_once_lose_nothing(editor, member_of):
    author = AuthorFactory()
    event = EventFactory(title="Start", authors=[author])
    colleague = member_of("Editor", username="colleague")
    opened_at = event.latest_revision_id()
    url = reverse("admin:events_event_change", args=[event.pk])

    def save_as(user, title):
        client = Client()
        client.force_login(user)
        data = existing_byline(event, event_form(author, title=title, based_on_revision=opened_at))
        response = client.post(url, data)
        return response.status_code, response.content.decode()

    (first, first_page), (second, second_page) = run_together(
        lambda: save_as(editor, "Mine"), lambda: save_as(colleague, "Theirs")
    )
    assert sorted([first, second]) == [200, 302]
    event.refresh_from_db()
    shown = first_page if first == 200 else second_page
    kept = "Mine" if first == 200 else "Theirs"
    assert event.title in {"Mine", "Theirs"} - {kept}
    assert f'value="{kept}"' in shown  # the loser's text is still in their form
    assert f'Their version:<div class="their-version">{event.title}</div>' in shown


def test_two_daily_email_runs_taking_over_a_dead_runs_copies_send_each_once(settings):
    """A run died leaving copies "sending"; past the lease two runs start at once."""
    import datetime

    from django.core import mail
    from django.utils import timezone

    from newsletter.models import Delivery
    from newsletter.sending import send_daily_email

    from .factories import SubscriberFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    day = datetime.date(2025, 1, 15)
    publish(EventFactory(authors=[AuthorFactory()]), by=system_actor("tests"), substantive=False)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    for n in range(6):
        subscriber = SubscriberFactory(email=f"r{n}@example.com", confirmed=True)
        Delivery.objects.create(subscriber=subscriber, edition_on=day, attempted_at=long_ago)
    mail.outbox = []
    first, second = run_together(
        lambda: send_daily_email(day=day), lambda: send_daily_email(day=day)
    )
    assert first.sent + second.sent == 6
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{n}@example.com" for n in range(6)]
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_overlapping_publications_commit_in_the_order_of_their_ids(editor):
    """Kept pages are found by the highest ids in history (events.stamps): a publication that
    starts while another is open waits for it to commit, so it takes the later ids and a
    page rendered between the two commits never counts the first as shown."""
    first, second = (EventFactory(authors=[AuthorFactory()]) for _ in range(2))
    first_open, release = threading.Event(), threading.Event()
    finished = []

    def publish_first_and_hold():
        with transaction.atomic():
            live = publish(first, by=editor, substantive=False)
            first_open.set()
            release.wait(timeout=30)
        finished.append("first")
        return live

    def publish_second():
        first_open.wait(timeout=30)
        live = publish(second, by=editor, substantive=False)
        finished.append("second")
        return live

    def release_after_a_while():
        first_open.wait(timeout=30)
        blocked = not release.wait(timeout=1)  # the second publication is waiting meanwhile
        waiting = finished == []
        release.set()
        return blocked and waiting

    live_first, live_second, second_waited = run_together(
        publish_first_and_hold, publish_second, release_after_a_while
    )
    assert second_waited and finished == ["first", "second"]
    assert live_second.published_revision > live_first.published_revision
    first_version, second_version = (
        live.history.get().history_id for live in (live_first, live_second)
    )
    assert second_version > first_version
