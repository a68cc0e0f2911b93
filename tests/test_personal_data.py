"""Erasing a person's data on request, and retention periods applied from cron."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from editorial.models import FactCheckReport
from editorial.reports import resolve_report
from newsletter.models import Delivery, Subscriber
from newsletter.sending import send_daily_email
from newsletter.subscriptions import confirm_subscription, request_subscription, unsubscribe

from .factories import FactCheckReportFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ADDRESS = "ada@example.com"


def occurrences(*needles):
    """(table, column) of every column in the database whose text contains a needle."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # noqa: S608
            for column in [description[0] for description in cursor.description]:
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 (names from the schema)
                        f"WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",
                        [f"%{needle}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append((table, column, needle))
    return found


def erase(email=ADDRESS):
    out = StringIO()
    call_command("erase_personal_data", email=email, stdout=out)
    return out.getvalue()


@pytest.fixture
def a_readers_footprint(editor, published_event, django_capture_on_commit_callbacks):
    """Everything the site keeps about ada@example.com after a year of ordinary use."""
    published_event()
    subscriber = request_subscription(
        email="Ada@Example.com",
        consent_text="I agree.",
        eligibility_text="I am 16 or older.",
        signup_page="/",
    )
    confirm_subscription(subscriber)
    send_daily_email(day=datetime.date(2026, 1, 15))  # the published event's day
    unsubscribe(subscriber, method=Subscriber.UnsubscribeMethod.ADMIN)
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
        object_repr=str(subscriber),
        action_flag=CHANGE,
        change_message=f"Unsubscribed {subscriber.email} by phone request",
    )
    report = FactCheckReportFactory(name="Ada Lovelace", email="Ada+facts@example.com")
    report.wants_reply = True
    report.save()
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(report, by=editor, status="declined", reply="Thanks, Ada.")
    FactCheckReportFactory(what_is_wrong=f"My friend {ADDRESS} spotted the wrong year.")
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username=ADDRESS, ip_address="203.0.113.5", user_agent="x", failures_since_start=1
    )
    bystander = SubscriberFactory(email="bob@example.com", confirmed=True)
    return subscriber, report, bystander


def test_after_erasure_the_address_is_in_no_table_history_included(a_readers_footprint):
    assert occurrences(ADDRESS, "ada+facts@example.com")  # the footprint is really there
    erase()
    assert occurrences(ADDRESS, "ada+facts@example.com", "ada lovelace") == []


def test_erasure_keeps_the_report_and_other_peoples_data(a_readers_footprint):
    _, report, bystander = a_readers_footprint
    erase()
    report.refresh_from_db()
    assert (report.name, report.email, report.wants_reply) == ("", "", False)
    assert report.what_is_wrong == "The article gives the wrong year for the treaty."
    assert report.history.latest().history_change_reason.startswith("The reader's personal")
    assert Subscriber.objects.filter(pk=bystander.pk).exists()
    assert FactCheckReport.objects.count() == 2


def test_erasure_says_what_it_did(a_readers_footprint):
    output = erase()
    assert "Erased personal data for ada@example.com" in output
    assert "subscribers deleted: 1" in output
    assert "deliveries deleted: 1" in output
    assert "fact-check reports anonymised: 2" in output
    assert "admin log entries anonymised: 1" in output
    assert "failed logins with this address as the username deleted: 1" in output


def test_erasing_an_unknown_address_says_nothing_was_held(db):
    assert "Nothing was held for this address." in erase("nobody@example.com")


def test_staff_erase_a_subscriber_from_the_admin(client, editor, a_readers_footprint):
    subscriber, _, bystander = a_readers_footprint
    client.force_login(editor)
    response = client.post(
        "/admin/newsletter/subscriber/",
        {"action": "erase_personal_data", "_selected_action": [subscriber.pk]},
        follow=True,
    )
    assert "subscribers deleted: 1" in response.text
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert Subscriber.objects.filter(pk=bystander.pk).exists()


def test_staff_erase_a_readers_data_from_the_report_queue(client, editor, a_readers_footprint):
    _, report, _ = a_readers_footprint
    client.force_login(editor)
    client.post(
        "/admin/editorial/factcheckreport/",
        {"action": "erase_readers_personal_data", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.email == "" and report.name == ""


def retain(now):
    out = StringIO()
    with time_machine.travel(now, tick=False):
        call_command("apply_retention", stdout=out)
    return out.getvalue()


def test_retention_removes_only_what_is_due_and_a_second_run_removes_nothing(editor):
    from axes.models import AccessAttempt

    start = datetime.datetime(2026, 1, 10, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        old_report = FactCheckReportFactory(name="Old Reader", email="old@example.com")
        resolve_report(old_report, by=editor, status="declined")
        old_subscriber = SubscriberFactory(email="old-sub@example.com", confirmed=True)
        Delivery.objects.create(
            subscriber=old_subscriber, edition_on=start.date(), attempted_at=start
        )
        SubscriberFactory(email="never-confirmed@example.com")
        attempt = AccessAttempt.objects.create(
            username="someone", ip_address="203.0.113.5", user_agent="x", failures_since_start=1
        )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=start)
    later = start + datetime.timedelta(days=60)
    with time_machine.travel(later, tick=False):
        new_report = FactCheckReportFactory(name="New Reader", email="new@example.com")
        resolve_report(new_report, by=editor, status="declined")

    output = retain(start + datetime.timedelta(days=95))

    old_report.refresh_from_db()
    new_report.refresh_from_db()
    assert (old_report.name, old_report.email) == ("", "")
    assert not old_report.history.filter(email="old@example.com").exists()
    assert new_report.email == "new@example.com"
    assert not Delivery.objects.exists()
    assert not Subscriber.objects.filter(email="never-confirmed@example.com").exists()
    assert Subscriber.objects.filter(pk=old_subscriber.pk).exists()
    assert not AccessAttempt.objects.exists()
    assert "resolved reports' contact details removed: 1" in output
    assert "delivery log entries deleted: 1" in output
    assert "signups never confirmed deleted: 1" in output
    assert retain(start + datetime.timedelta(days=95)) == "Nothing was due for removal.\n"


def test_the_reader_forms_state_the_retention_periods_from_settings(client, published_event):
    live = published_event()
    assert "deleted after 30 days" in client.get(live.get_absolute_url()).text
    report_page = client.get(f"/corrections/report/{live.slug}/").text
    assert "delete your name and email 90 days after we close the report" in report_page
