"""Sending one day's email to every confirmed subscriber, once each, whatever happens.

Each copy is claimed in the delivery log (a row unique per subscriber and day) before it goes to
the mail server and marked sent or failed right after, so a rerun, or a second run started by
mistake at the same time, sends nobody a second copy. A failed copy is tried again by the next
run. A claim is a lease: a copy left "sending" by a run that was killed outright is taken over
by the next run once ``NEWSLETTER_SENDING_LEASE_SECONDS`` have passed (a live run sends each
copy within seconds). Every copy of one day's email to one subscriber carries the same
Message-ID, so if the killed run had handed it over just before dying, mail programs show it once.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from events.models import PublishedEvent, lead_and_rest
from images.renditions import fitting_url

from .models import Delivery, Subscriber
from .subscriptions import absolute_url, list_unsubscribe_headers, render_subject, unsubscribe_url


@dataclasses.dataclass
class SendReport:
    day: datetime.date
    has_stories: bool = True
    total: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    already_sent: int = 0
    unfinished: int = 0

    @property
    def done(self):
        return self.sent + self.failed + self.skipped


@dataclasses.dataclass(frozen=True)
class Edition:
    """What every copy of one day's email shows; only the unsubscribe link differs."""

    day: datetime.date
    subject: str
    context: dict

    def message_to(self, subscriber, *, connection=None):
        url = unsubscribe_url(subscriber)
        context = {**self.context, "unsubscribe_url": url}
        message = EmailMultiAlternatives(
            self.subject,
            render_to_string("newsletter/email/daily.txt", context),
            settings.NEWSLETTER_FROM_EMAIL,
            [subscriber.email],
            headers={
                **list_unsubscribe_headers(url),
                "Message-ID": self.message_id(subscriber),
            },
            connection=connection,
        )
        message.attach_alternative(
            render_to_string("newsletter/email/daily.html", context), "text/html"
        )
        return message

    def message_id(self, subscriber):
        """The same for every attempt at this copy: a resent copy is recognisably the same."""
        domain = settings.NEWSLETTER_FROM_EMAIL.rpartition("@")[2] or "localhost"
        return f"<daily-{self.day:%Y%m%d}-{subscriber.pk}@{domain}>"


def daily_edition(day):
    """The email for ``day`` from published stories only, or None when the day has none."""
    events = PublishedEvent.objects.on_day(day.month, day.day).for_listing()
    lead, others = lead_and_rest(events, year=day.year)
    if lead is None:
        return None
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "site_url": settings.SITE_URL,
        "day": day,
        "lead": lead,
        "lead_url": absolute_url(lead.get_absolute_url()),
        # 568 px wide in the email, sharp on high-density screens.
        "lead_image_url": absolute_url(fitting_url(lead.hero_image, 1136))
        if lead.hero_image
        else "",
        "lead_years_ago": lead.years_ago(day.year),
        "others": [
            {"event": event, "url": absolute_url(event.get_absolute_url())} for event in others
        ],
        "day_url": absolute_url(reverse("events:day", args=[day.month, day.day])),
        "signup_url": absolute_url(reverse("newsletter:signup")),
    }
    subject = render_subject("newsletter/email/daily_subject.txt", context)
    return Edition(day=day, subject=subject, context=context)


def send_daily_email(*, day, batch_size=100, connection=None, on_progress=None):
    """Send ``day``'s email to each confirmed subscriber who has not had it; return the counts.

    One mail-server connection serves the whole run; the subscribers are read in batches.
    ``on_progress(report)`` is called after each copy.
    """
    edition = daily_edition(day)
    if edition is None:
        return SendReport(day=day, has_stories=False)
    lease_expired_before = timezone.now() - _lease()
    recipients = Subscriber.objects.confirmed().not_mailed_on(
        day, lease_expired_before=lease_expired_before
    )
    deliveries = Delivery.objects.filter(edition_on=day)
    report = SendReport(
        day=day,
        total=recipients.count(),
        already_sent=deliveries.filter(status=Delivery.Status.SENT).count(),
        unfinished=deliveries.filter(
            status=Delivery.Status.SENDING, attempted_at__gte=lease_expired_before
        ).count(),
    )
    connection = connection or get_connection()
    connection.open()
    try:
        last_pk = 0
        while batch := list(recipients.filter(pk__gt=last_pk).order_by("pk")[:batch_size]):
            for subscriber in batch:
                _send_one(edition, subscriber, connection, report)
                if on_progress:
                    on_progress(report)
            last_pk = batch[-1].pk
    finally:
        connection.close()
    return report


def _send_one(edition, subscriber, connection, report):
    delivery = _claim(subscriber, edition.day)
    if delivery is None:
        report.skipped += 1
        return
    message = edition.message_to(subscriber, connection=connection)
    try:
        if not connection.send_messages([message]):
            raise RuntimeError("The mail server did not accept the message.")
    except Exception as error:
        _record(delivery, error=f"{type(error).__name__}: {error}")
        report.failed += 1
        # A refused address leaves the connection usable, a dropped one does not: start afresh.
        connection.close()
        connection.open()
    except BaseException:
        # Stopped by hand (Ctrl-C) mid-message: it did not go, so the next run retries it.
        _record(delivery, error="Interrupted before the mail server accepted it.")
        raise
    else:
        _record(delivery)
        report.sent += 1


def _claim(subscriber, day):
    """Mark this subscriber's copy as being sent; None if it is sent or another run has it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return Delivery.objects.create(subscriber=subscriber, edition_on=day, attempted_at=now)
    except IntegrityError:
        pass
    # One UPDATE decides: of two runs that try to take the same copy, one changes the row.
    retried = Delivery.objects.filter(
        Q(status=Delivery.Status.FAILED)
        | Q(status=Delivery.Status.SENDING, attempted_at__lt=now - _lease()),
        subscriber=subscriber,
        edition_on=day,
    ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1, attempted_at=now, error="")
    return Delivery.objects.get(subscriber=subscriber, edition_on=day) if retried else None


def _lease():
    return datetime.timedelta(seconds=settings.NEWSLETTER_SENDING_LEASE_SECONDS)


def _record(delivery, *, error=""):
    delivery.status = Delivery.Status.FAILED if error else Delivery.Status.SENT
    delivery.sent_at = None if error else timezone.now()
    delivery.error = error[:2000]
    delivery.save(update_fields=["status", "sent_at", "error"])
