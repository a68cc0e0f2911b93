"""Workflow emails to the newsroom, sent after the operation's transaction commits.

Each message goes to one person and carries a link to the item in the admin, never a reader's
name, address or words. A failed send is logged and changes nothing: the operation is done.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from revisions.history import revision

from .models import NotificationPreference

logger = logging.getLogger(__name__)

REVIEWERS = ("events", "review_event")
PUBLISHERS = ("events", "publish_event")


def set_email_notifications(user, *, wants_email):
    """Turn ``user``'s workflow emails on or off, as a revision of their preference."""
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    if preference.wants_email == wants_email:
        return preference
    preference.wants_email = wants_email
    reason = "Turned workflow emails on" if wants_email else "Turned workflow emails off"
    with revision(preference, by=user, reason=reason):
        preference.save()
    return preference


def wants_email(user):
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.wants_email


def _people_who_can(app_label, codename):
    permission = Q(
        groups__permissions__content_type__app_label=app_label,
        groups__permissions__codename=codename,
    ) | Q(
        user_permissions__content_type__app_label=app_label,
        user_permissions__codename=codename,
    )
    return (
        get_user_model()
        .objects.filter(permission | Q(is_superuser=True), is_active=True, is_staff=True)
        .distinct()
    )


def _recipients(people, *, actor):
    """Active staff with an address who have not turned emails off, never the actor."""
    people = [
        person
        for person in people
        if person is not None
        and person.email
        and person.is_active
        and (actor is None or person.pk != actor.pk)
    ]
    off = set(
        NotificationPreference.objects.filter(
            user__in=[p.pk for p in people], wants_email=False
        ).values_list("user_id", flat=True)
    )
    return [person for person in people if person.pk not in off]


def _admin_link(viewname, pk):
    return f"{settings.SITE_URL}{reverse(viewname, args=[pk])}"


def _notify(people, *, actor, subject, lines, link):
    body = "\n\n".join(
        [
            *lines,
            f"Open it: {link}",
            "You get this email because you work on this site. To stop these emails, "
            f"untick “Email me about my work” on your dashboard: {settings.SITE_URL}"
            f"{reverse('admin:index')}",
        ]
    )
    messages = [
        EmailMessage(
            f"[{settings.SITE_NAME}] {subject}", body, settings.DEFAULT_FROM_EMAIL, [person.email]
        )
        for person in _recipients(people, actor=actor)
    ]
    if messages:
        transaction.on_commit(partial(_deliver, messages))


def _deliver(messages):
    for message in messages:
        try:
            message.send()
        except Exception:  # SMTP, socket, or a misconfigured backend: log, never raise.
            logger.exception(
                "Could not send the notification %r to %s", message.subject, message.to
            )


def _article(event, actor, subject, *lines, to):
    _notify(
        to,
        actor=actor,
        subject=f"{subject}: “{event.title}”",
        lines=lines,
        link=_admin_link("admin:events_event_change", event.pk),
    )


def article_submitted(event, *, by):
    _article(
        event,
        by,
        "Waiting for review",
        f"{by} submitted “{event.title}” for review.",
        to=_people_who_can(*REVIEWERS),
    )


def article_sent_back(event, *, by, comment):
    _article(
        event,
        by,
        "Sent back to you",
        f"{by} sent “{event.title}” back to you:",
        comment,
        to=[event.created_by],
    )


def article_approved(event, *, by):
    _article(event, by, "Approved", f"{by} approved “{event.title}”.", to=[event.created_by])


def article_published(event, *, by):
    _article(
        event,
        by,
        "Published",
        f"“{event.title}” is live.",
        f"Public page: {settings.SITE_URL}{event.live.get_absolute_url()}",
        to=[event.created_by],
    )


def schedule_failed(event, *, scheduled_by, reasons):
    _article(
        event,
        None,
        "Scheduled publication failed",
        f"“{event.title}” did not go live at the time you scheduled:",
        reasons,
        "It is back to Approved, not scheduled.",
        to=[scheduled_by],
    )


def report_assigned(report, *, by):
    _notify(
        [report.assigned_to],
        actor=by,
        subject=f"A reader's report on “{report.event}” is yours",
        lines=[f"{by} assigned you reader report #{report.pk} on “{report.event}”."],
        link=_admin_link("admin:editorial_factcheckreport_change", report.pk),
    )


def report_accepted(report, *, by):
    _notify(
        _people_who_can(*PUBLISHERS),
        actor=by,
        subject=f"Report accepted: “{report.event}” has a correction",
        lines=[
            f"{by} accepted reader report #{report.pk} on “{report.event}”.",
            "Check that the correction is published and its note reads well.",
        ],
        link=_admin_link("admin:editorial_factcheckreport_change", report.pk),
    )
