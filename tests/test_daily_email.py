import datetime
import io
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery

from .factories import AuthorFactory, EventFactory, SubscriberFactory, edit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://history.example.com"


class CountingBackend(locmem.EmailBackend):
    """Counts how many times a connection is opened, across instances."""

    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()


class RefusingBackend(locmem.EmailBackend):
    """The mail server refuses one address and accepts the rest."""

    refused = "bounce@example.com"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)


class Crash(BaseException):
    """A stop the command cannot record and carry on from, like a killed process."""


class CrashingBackend(locmem.EmailBackend):
    """Accepts ``limit`` messages in all, then the run dies."""

    limit = 2

    def send_messages(self, messages):
        if len(mail.outbox) >= self.limit:
            raise Crash
        return super().send_messages(messages)


def send(day=DAY, **options):
    out = io.StringIO()
    call_command("send_daily_email", "--date", day.isoformat(), stdout=out, stderr=out, **options)
    return out.getvalue()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_email_leads_with_the_days_story_and_lists_the_others_as_html_and_text(
    published_event,
):
    lead = published_event(
        title="A treaty <ends> a war",
        slug="treaty",
        year=1925,
        dek="Both sides sign & go home.",
        is_featured=True,
    )
    other = published_event(title="A bridge opens", slug="bridge", year=1890)
    published_event(title="Another day entirely", slug="elsewhere", month=3, day=1)
    SubscriberFactory(email="reader@example.com", confirmed=True)
    send()

    [message] = mail.outbox
    assert message.subject == "January 15 in history: A treaty <ends> a war"
    assert message.to == ["reader@example.com"]
    lead_url = f"https://history.example.com{lead.get_absolute_url()}"
    other_url = f"https://history.example.com{other.get_absolute_url()}"
    assert "A treaty <ends> a war" in message.body
    assert "Both sides sign & go home." in message.body
    assert "100 years ago today" in message.body
    assert f"Read the story: {lead_url}" in message.body
    assert "1890: A bridge opens" in message.body and other_url in message.body
    assert "https://history.example.com/this-day-in-history/january/15/" in message.body
    assert "Another day entirely" not in message.body

    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "A treaty &lt;ends&gt; a war" in html
    assert "Both sides sign &amp; go home." in html
    assert f'href="{lead_url}"' in html and f'href="{other_url}"' in html
    assert "<ends>" not in html


def test_only_confirmed_subscribers_are_mailed(published_event):
    published_event()
    SubscriberFactory(email="confirmed@example.com", confirmed=True)
    SubscriberFactory(email="pending@example.com")
    SubscriberFactory(email="gone@example.com", unsubscribed=True)
    send()
    assert recipients() == ["confirmed@example.com"]


def test_drafts_are_never_mailed(published_event):
    live = published_event(title="The published title", slug="published")
    event = live.event
    edit(event, title="An unpublished rewrite")
    EventFactory(title="A draft nobody has published", authors=[AuthorFactory()])
    SubscriberFactory(confirmed=True)
    send()
    [message] = mail.outbox
    text = message.body + message.alternatives[0].content
    assert "The published title" in text
    assert "unpublished rewrite" not in text
    assert "A draft nobody has published" not in text


def test_a_day_with_only_drafts_sends_nothing():
    EventFactory(title="A draft nobody has published", authors=[AuthorFactory()])
    SubscriberFactory(confirmed=True)
    output = send()
    assert mail.outbox == []
    assert "No stories are published for January 15, 2025" in output
    assert not Delivery.objects.exists()


def test_running_twice_sends_nothing_twice(published_event):
    published_event()
    for n in range(3):
        SubscriberFactory(email=f"r{n}@example.com", confirmed=True)
    send()
    output = send()
    assert recipients() == ["r0@example.com", "r1@example.com", "r2@example.com"]
    assert Delivery.objects.filter(edition_on=DAY, status=Delivery.Status.SENT).count() == 3
    assert "sent 0 of 0; 3 already had it" in output
    send(day=datetime.date(2026, 1, 15))  # a year later is another day's email
    assert len(mail.outbox) == 6


def test_a_rerun_after_a_crash_half_way_sends_only_to_those_not_yet_sent(published_event, settings):
    published_event()
    for n in range(5):
        SubscriberFactory(email=f"r{n}@example.com", confirmed=True)
    settings.EMAIL_BACKEND = "tests.test_daily_email.CrashingBackend"
    with pytest.raises(Crash):
        send(batch_size=2)
    assert recipients() == ["r0@example.com", "r1@example.com"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = send(batch_size=2)
    assert recipients() == [f"r{n}@example.com" for n in range(5)]
    assert "sent 3 of 3; 2 already had it" in output
    interrupted = Delivery.objects.get(subscriber__email="r2@example.com")
    assert (interrupted.status, interrupted.attempts) == (Delivery.Status.SENT, 2)


def test_a_failing_address_is_recorded_and_does_not_stop_the_rest(published_event, settings):
    published_event()
    for email in ["a@example.com", "bounce@example.com", "c@example.com"]:
        SubscriberFactory(email=email, confirmed=True)
    settings.EMAIL_BACKEND = "tests.test_daily_email.RefusingBackend"
    output = send()
    assert recipients() == ["a@example.com", "c@example.com"]
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "bounce@example.com"
    assert "SMTPRecipientsRefused" in failed.error and "No such user" in failed.error
    assert failed.sent_at is None
    assert "1 failed" in output

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    assert recipients() == ["a@example.com", "bounce@example.com", "c@example.com"]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == (Delivery.Status.SENT, 2, "")


def test_one_mail_server_connection_serves_the_whole_run(published_event, settings):
    published_event()
    for n in range(5):
        SubscriberFactory(email=f"r{n}@example.com", confirmed=True)
    settings.EMAIL_BACKEND = "tests.test_daily_email.CountingBackend"
    CountingBackend.opened = 0
    send(batch_size=2)
    assert len(mail.outbox) == 5
    assert CountingBackend.opened == 1


def test_a_copy_being_sent_by_another_run_is_left_to_it(published_event):
    published_event()
    stuck = SubscriberFactory(email="stuck@example.com", confirmed=True)
    SubscriberFactory(email="next@example.com", confirmed=True)
    Delivery.objects.create(subscriber=stuck, edition_on=DAY, attempted_at=timezone.now())
    output = send()
    assert recipients() == ["next@example.com"]
    assert "1 are being sent by another run" in output


def test_a_copy_left_sending_by_a_killed_run_is_taken_over_after_the_lease(
    published_event, settings
):
    settings.NEWSLETTER_SENDING_LEASE_SECONDS = 15 * 60
    published_event()
    stuck = SubscriberFactory(email="stuck@example.com", confirmed=True)
    started = timezone.now()
    Delivery.objects.create(subscriber=stuck, edition_on=DAY, attempted_at=started)
    with time_machine.travel(started + datetime.timedelta(minutes=14), tick=False):
        send()
    assert recipients() == []
    with time_machine.travel(started + datetime.timedelta(minutes=16), tick=False):
        send()
        send()  # a second run right after finds it sent: no duplicate
    assert recipients() == ["stuck@example.com"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)


def test_every_attempt_at_one_copy_carries_the_same_message_id(published_event, settings):
    """Had the killed run handed its copy over just before dying, mail programs show one."""
    published_event()
    SubscriberFactory(email="a@example.com", confirmed=True)
    send()
    first_id = mail.outbox[0].extra_headers["Message-ID"]
    Delivery.objects.update(status=Delivery.Status.FAILED)
    send()
    assert mail.outbox[1].extra_headers["Message-ID"] == first_id
    assert first_id.startswith("<daily-") and first_id.endswith(">")


def test_without_a_date_it_sends_today_in_the_site_time_zone(published_event, settings):
    settings.TIME_ZONE = "America/New_York"
    published_event()
    SubscriberFactory(confirmed=True)
    # 03:00 UTC on January 16 is still the evening of January 15 in New York.
    with time_machine.travel(datetime.datetime(2025, 1, 16, 3, tzinfo=datetime.UTC)):
        call_command("send_daily_email", stdout=io.StringIO())
    assert Delivery.objects.get().edition_on == DAY
    assert mail.outbox[0].subject.startswith("January 15 in history")


def test_a_malformed_date_is_refused():
    with pytest.raises(CommandError, match="not a date like 2025-01-15"):
        call_command("send_daily_email", "--date", "2025-02-30")


def test_progress_shows_count_sent_over_total(published_event):
    published_event()
    for n in range(3):
        SubscriberFactory(email=f"r{n}@example.com", confirmed=True)
    log = send(batch_size=2)
    assert "Sent 2 / 3" in log
    assert "January 15, 2025: sent 3 of 3." in log

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    call_command("send_daily_email", "--date", "2024-01-15", stdout=terminal)
    assert "\rSent 1 / 3\rSent 2 / 3\rSent 3 / 3\n" in terminal.getvalue()


def test_the_command_attributes_its_work_to_a_system_actor(published_event, django_user_model):
    published_event()
    send()
    actor = django_user_model.objects.get(username="system.send_daily_email")
    assert not actor.is_active and not actor.has_usable_password()


def test_a_subscriber_gets_at_most_one_copy_per_day_by_database_rule():
    subscriber = SubscriberFactory(confirmed=True)
    Delivery.objects.create(subscriber=subscriber, edition_on=DAY, attempted_at=timezone.now())
    with pytest.raises(IntegrityError):
        Delivery.objects.create(subscriber=subscriber, edition_on=DAY, attempted_at=timezone.now())


def test_admin_delivery_log_filters_by_date_and_status(client, editor, published_event, settings):
    published_event()
    SubscriberFactory(email="ok@example.com", confirmed=True)
    SubscriberFactory(email="bounce@example.com", confirmed=True)
    settings.EMAIL_BACKEND = "tests.test_daily_email.RefusingBackend"
    send()
    send(day=datetime.date(2024, 1, 15))
    client.force_login(editor)
    url = reverse("admin:newsletter_delivery_changelist")
    one_day = {"edition_on__year": 2025, "edition_on__month": 1, "edition_on__day": 15}

    def shown(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        rows = response.context["cl"].result_list
        return sorted((str(row.edition_on), row.subscriber.email, row.status) for row in rows)

    assert shown(**one_day) == [
        ("2025-01-15", "bounce@example.com", "failed"),
        ("2025-01-15", "ok@example.com", "sent"),
    ]
    assert shown(**one_day, status__exact="failed") == [
        ("2025-01-15", "bounce@example.com", "failed")
    ]
    assert len(shown()) == 4
    assert "No such user" in client.get(url, {"status__exact": "failed"}).content.decode()
