"""Fact-check reports: a reader files one, fact-checkers work the queue and resolve it.

Each step is a plain function that the views and the admin share. Every save is a revision with
who and why. Emails go out only to readers who gave an address and asked for a reply, once the
transaction has committed, and carry no text a reader typed: our words, the article's title and
links only, so the form cannot be used to send strangers someone else's message.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events import notifications
from events.models import PublishedEvent
from events.publishing import require

from .models import FactCheckReport

logger = logging.getLogger(__name__)

Status = FactCheckReport.Status
WORK_THE_QUEUE = "editorial.change_factcheckreport"


@transaction.atomic
def file_report(
    *,
    version,
    what_is_wrong,
    suggested_text="",
    source_url="",
    name="",
    email="",
    wants_reply=False,
    acknowledge=True,
):
    """Record a reader's report on ``version`` (a published version of a live article).

    A reader who asked for a reply is told it arrived, unless ``acknowledge`` is False (the
    view's per-address limit on these emails).
    """
    report = FactCheckReport(
        event_id=version.event_id,
        reported_version=version,
        what_is_wrong=what_is_wrong,
        suggested_text=suggested_text,
        source_url=source_url,
        name=name,
        email=email,
        wants_reply=wants_reply,
    )
    report._change_reason = "Sent by a reader from the Fact Check form"
    report.full_clean()
    report.save()
    if report.wants_reply and acknowledge:
        transaction.on_commit(partial(_send, report, "received"))
    return report


@transaction.atomic
def assign(report, *, to, by):
    """Give the report to a fact-checker; a new report is then in review."""
    require(by, WORK_THE_QUEUE)
    report.assigned_to = to
    if report.status == Status.NEW:
        report.status = Status.IN_REVIEW
    report._history_user = by
    report._change_reason = f"Assigned to {to}" if to else "Unassigned"
    report.full_clean()
    report.save()
    if to is not None:
        notifications.report_assigned(report, by=by)
    return report


@transaction.atomic
def resolve_report(
    report, *, by, status, fixed_by_version=None, reply="", duplicate_of=None, reason=""
):
    """Close the report as accepted, declined or a duplicate, and tell the reader if they asked.

    Accepting names the published version that fixed the error (publish the correction first);
    a duplicate names the report it repeats, and its reader hears that report's outcome.
    """
    require(by, WORK_THE_QUEUE)
    if status not in FactCheckReport.RESOLVED:
        raise ValidationError("A report is resolved as accepted, declined or a duplicate.")
    report.status = status
    report.fixed_by_version = fixed_by_version if status == Status.ACCEPTED else None
    report.duplicate_of = duplicate_of if status == Status.DUPLICATE else None
    report.team_reply = reply.strip()
    report.resolved_at = timezone.now()
    report._history_user = by
    report.full_clean()
    report._change_reason = _resolution_reason(report, reason)
    report.save()
    if status == Status.DUPLICATE:
        # Reports that repeated this one now repeat its original: no chains of duplicates.
        for earlier in report.duplicates.all():
            earlier.duplicate_of = report.duplicate_of
            earlier._history_user = by
            earlier._change_reason = (
                f"Duplicate of report #{report.duplicate_of_id}, as report #{report.pk} is"
            )
            earlier.save()
    for reader_report, outcome in _replies_due(report):
        transaction.on_commit(partial(_send, reader_report, outcome))
    if status == Status.ACCEPTED:
        notifications.report_accepted(report, by=by)
    return report


@transaction.atomic
def reopen(report, *, by, reason=""):
    """Put a resolved report back in the queue, in review unless it says new (no email)."""
    require(by, WORK_THE_QUEUE)
    if report.status not in FactCheckReport.OPEN:
        report.status = Status.IN_REVIEW
    report.resolved_at = None
    report._history_user = by
    report._change_reason = f"Reopened: {reason}" if reason else "Reopened"
    report.full_clean()
    report.save()
    return report


def _resolution_reason(report, reason):
    if report.status == Status.ACCEPTED:
        when = date_format(timezone.localtime(report.fixed_by_version.history_date), "DATE_FORMAT")
        text = f"Accepted: fixed by the version of {when} (#{report.fixed_by_version_id})"
    elif report.status == Status.DUPLICATE:
        text = f"Duplicate of report #{report.duplicate_of_id}"
    else:
        text = "Declined"
    return f"{text}. {reason}" if reason else text


def _replies_due(report):
    """(report, outcome) for each reader who asked to hear what this resolution decided."""
    if report.status == Status.DUPLICATE:
        original = report.duplicate_of
        if original.status in (Status.ACCEPTED, Status.DECLINED) and report.wants_reply:
            return [(report, original)]
        return []
    due = [(report, report)] if report.wants_reply else []
    duplicates = report.duplicates.filter(status=Status.DUPLICATE, wants_reply=True)
    return due + [(duplicate, report) for duplicate in duplicates]


def _send(report, outcome):
    """Email the reader of ``report``: "received", or the outcome of the report that decided."""
    context = {"SITE_NAME": settings.SITE_NAME, "report": report}
    if outcome == "received":
        kind = "received"
        context["corrections_url"] = absolute_url(reverse("events:corrections"))
    else:
        kind = "corrected" if outcome.status == Status.ACCEPTED else "declined"
        context["team_reply"] = outcome.team_reply
        if outcome.status == Status.ACCEPTED:
            context["fix"] = outcome.fixed_by_version
            context["fix_url"] = _version_url(outcome.fixed_by_version)
    context["article_title"] = report.reported_version.title
    message = EmailMessage(
        _render_subject(f"editorial/email/report_{kind}_subject.txt", context),
        render_to_string(f"editorial/email/report_{kind}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [report.email],
    )
    try:
        message.send()
    except OSError:  # smtplib's errors and socket errors alike; the report itself is saved.
        logger.exception("Could not email the reader of fact-check report #%s", report.pk)


def _version_url(version):
    """The permanent link of a published version, at its article's current address."""
    live = PublishedEvent.objects.filter(pk=version.id).only("slug", "month", "day").first()
    if live is None:
        return ""
    return absolute_url(
        reverse("events:version", args=[live.month, live.day, live.slug, version.history_id])
    )


def absolute_url(path):
    """A link for an email, which is built without a request to take the host from."""
    return f"{settings.SITE_URL}{path}"


def _render_subject(template_name, context):
    return " ".join(render_to_string(template_name, context).split())
