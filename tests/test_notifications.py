"""Workflow emails: who is told of what, only after the commit, never blocking the operation."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from editorial.models import FactCheckReport
from editorial.reports import assign, resolve_report
from events.models import Event, NotificationPreference
from events.notifications import set_email_notifications
from events.publishing import approve, publish, publish_due, schedule, send_back, submit_for_review

from .factories import AuthorFactory, EventFactory, FactCheckReportFactory, edit

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def writer(member_of):
    return member_of("Writer")


@pytest.fixture
def desk_editor(member_of):
    desk = member_of("Editor", "desk")
    desk.email = "desk@example.com"
    desk.save()
    return desk


@pytest.fixture
def draft(writer):
    return EventFactory(title="Troops enter Baku", created_by=writer, authors=[AuthorFactory()])


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_submitting_tells_the_editors_with_a_link_not_the_writer(
    draft, writer, desk_editor, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(draft, by=writer)
    (message,) = sent_to("editor@example.com")
    assert message.subject == "[This Day in History] Waiting for review: “Troops enter Baku”"
    assert f"/admin/events/event/{draft.pk}/change/" in message.body
    assert len(sent_to(desk_editor.email)) == 1
    assert sent_to(writer.email) == []


def test_sending_back_tells_the_writer_with_the_comment(
    draft, writer, desk_editor, django_capture_on_commit_callbacks
):
    submit_for_review(draft, by=writer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_back(draft, by=desk_editor, comment="Name the source for 26,000 troops.")
    (message,) = mail.outbox
    assert message.to == [writer.email]
    assert "Sent back to you" in message.subject
    assert "Name the source for 26,000 troops." in message.body


def test_approving_and_publishing_tell_the_writer(
    draft, writer, desk_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, by=desk_editor)
        publish(draft, by=desk_editor, substantive=False)
    subjects = [message.subject for message in sent_to(writer.email)]
    assert subjects == [
        "[This Day in History] Approved: “Troops enter Baku”",
        "[This Day in History] Published: “Troops enter Baku”",
    ]
    assert "/this-day-in-history/january/15/" in sent_to(writer.email)[1].body


def test_nothing_is_sent_when_the_transaction_rolls_back(
    draft, desk_editor, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        approve(draft, by=desk_editor)
        raise RuntimeError("something later in the request failed")
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT


def test_a_failed_scheduled_publication_tells_whoever_scheduled_it(
    writer, desk_editor, django_capture_on_commit_callbacks
):
    now = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    taken = EventFactory(slug="taken", authors=[AuthorFactory()])
    publish(taken, by=desk_editor, substantive=False)
    edit(taken, slug="renamed")  # its live copy still holds "taken"
    clashing = EventFactory(slug="taken-later", created_by=writer, authors=[AuthorFactory()])
    clashing.slug = "taken"
    clashing.save()
    schedule(clashing, by=desk_editor, publish_at=now + datetime.timedelta(minutes=1),
             substantive=False, now=now)  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_due(by=desk_editor, now=now + datetime.timedelta(minutes=2))
    failures = [m for m in sent_to(desk_editor.email) if "failed" in m.subject]
    assert len(failures) == 1
    assert "back to Approved" in failures[0].body


def test_assigning_a_report_tells_that_fact_checker_without_the_readers_data(
    member_of, desk_editor, django_capture_on_commit_callbacks
):
    checker = member_of("Fact-checker")
    report = FactCheckReportFactory(
        name="Reader Name", email="reader@example.org", what_is_wrong="Private words."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assign(report, to=checker, by=desk_editor)
    (message,) = mail.outbox
    assert message.to == [checker.email]
    assert f"/admin/editorial/factcheckreport/{report.pk}/change/" in message.body
    for private in ("Reader Name", "reader@example.org", "Private words."):
        assert private not in message.body and private not in message.subject


def test_accepting_a_report_tells_the_editors_there_is_a_correction(
    member_of, desk_editor, django_capture_on_commit_callbacks
):
    checker = member_of("Fact-checker")
    report = FactCheckReportFactory(email="reader@example.org", what_is_wrong="Private words.")
    fix = publish(report.event, by=desk_editor, substantive=True, correction=True,
                  note="Correction: the year was wrong.").history.latest()  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(report, by=checker, status=FactCheckReport.Status.ACCEPTED,
                       fixed_by_version=fix)  # fmt: skip
    (message,) = sent_to(desk_editor.email)
    assert "Report accepted" in message.subject
    assert "Private words." not in message.body and "reader@example.org" not in message.body


def test_a_person_who_turned_emails_off_gets_none_and_the_change_is_history(
    client, draft, writer, desk_editor, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    response = client.post("/admin/notifications/", {})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=writer)
    assert preference.wants_email is False
    assert preference.history.latest().history_change_reason == "Turned workflow emails off"
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, by=desk_editor)
    assert sent_to(writer.email) == []
    set_email_notifications(writer, wants_email=True)
    assert 'name="wants_email" checked' in client.get("/admin/").content.decode()


def test_a_failing_mail_server_is_logged_and_the_operation_stands(
    draft, writer, desk_editor, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, by=desk_editor)
    draft.refresh_from_db()
    assert draft.status == Event.Status.APPROVED
    assert "Could not send the notification" in caplog.text
