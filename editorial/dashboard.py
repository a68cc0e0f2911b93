"""The admin's front page: what needs this person now, by role, each line linking to its item.

Every section is one query, capped at ``LIMIT`` rows, so the page costs the same whatever the
size of the newsroom (pinned by a test).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F
from django.urls import reverse
from django.utils.timesince import timesince

from events.models import Event, PublishedEvent

from .models import FactCheckReport

LIMIT = 10
Status = Event.Status


@dataclass
class Line:
    text: str
    url: str
    detail: str = ""
    when: datetime | None = None


@dataclass
class Section:
    key: str
    title: str
    empty: str
    lines: list[Line] = field(default_factory=list)


def _article_line(event, detail="", when=None):
    return Line(str(event), reverse("admin:events_event_change", args=[event.pk]), detail, when)


def _report_line(report, now):
    return Line(
        f"Report on “{report.event}”",
        reverse("admin:editorial_factcheckreport_change", args=[report.pk]),
        f"{report.get_status_display()}, {timesince(report.created_at, now)} old",
        report.created_at,
    )


def dashboard_for(user, *, now):
    """The sections shown to ``user``, in the order they are shown."""
    can_review = user.has_perm("events.review_event")
    can_publish = user.has_perm("events.publish_event")
    checks_facts = user.has_perm("editorial.change_factcheckreport")
    writes = user.has_perm("events.add_event")
    sections = []
    events = Event.objects.order_by("-pk")
    mine = events.filter(created_by=user)

    if writes:
        drafts = list(mine.filter(status=Status.DRAFT)[:LIMIT])
        sections.append(
            Section(
                "sent_back",
                "Sent back to me",
                "Nothing sent back to you.",
                [_article_line(e, f"“{e.review_comment}”") for e in drafts if e.review_comment],
            )
        )
        sections.append(
            Section(
                "my_drafts",
                "My drafts",
                "No drafts of yours.",
                [_article_line(e) for e in drafts if not e.review_comment],
            )
        )
    if can_review or writes:
        waiting = events if can_review else mine
        sections.append(
            Section(
                "in_review",
                "Waiting for review" if can_review else "My articles in review",
                "Nothing is waiting for review.",
                [
                    _article_line(e, f"by {e.created_by}" if e.created_by else "")
                    for e in waiting.filter(status=Status.IN_REVIEW).select_related("created_by")[
                        :LIMIT
                    ]
                ],
            )
        )
    if can_review or can_publish:
        ready = events.filter(status__in=[Status.APPROVED, Status.SCHEDULED]).order_by(
            F("scheduled_at").asc(nulls_last=True), "-pk"
        )
        sections.append(
            Section(
                "ready",
                "Approved and scheduled",
                "Nothing approved or scheduled.",
                [
                    _article_line(
                        e,
                        "Scheduled" if e.scheduled_at else "Approved, not scheduled",
                        e.scheduled_at,
                    )
                    for e in ready[:LIMIT]
                ],
            )
        )
        changed = (
            Event.objects.with_publishing_state()
            .filter(live__isnull=False)
            .exclude(latest_revision=F("live__published_revision"))
            .order_by("-latest_revision")
        )
        sections.append(
            Section(
                "unpublished_changes",
                "Live, with unpublished changes",
                "Every live article shows its latest text.",
                [_article_line(e, e.get_status_display()) for e in changed[:LIMIT]],
            )
        )
    if checks_facts or can_publish:
        reports = FactCheckReport.objects.filter(status__in=FactCheckReport.OPEN).select_related(
            "event"
        )
        sections.append(
            Section(
                "reports_mine",
                "Reader reports assigned to me",
                "No reports assigned to you.",
                [
                    _report_line(r, now)
                    for r in reports.filter(assigned_to=user).order_by("created_at")[:LIMIT]
                ],
            )
        )
        sections.append(
            Section(
                "reports_unassigned",
                "Reader reports nobody has taken",
                "Every open report has a fact-checker.",
                [
                    _report_line(r, now)
                    for r in reports.filter(assigned_to=None).order_by("created_at")[:LIMIT]
                ],
            )
        )
    corrections = (
        PublishedEvent.history.filter(change_kind=PublishedEvent.ChangeKind.CORRECTION)
        .exclude(history_type="-")
        .only("history_id", "event_id", "title", "change_note", "history_date")
        .order_by("-history_id")[:5]
    )
    sections.append(
        Section(
            "corrections",
            "Recent corrections",
            "No corrections published.",
            [
                Line(
                    c.title,
                    reverse("admin:events_event_change", args=[c.event_id]),
                    c.change_note,
                    c.history_date,
                )
                for c in corrections
            ],
        )
    )
    activity = Event.history.select_related("history_user").order_by("-history_id")[:LIMIT]
    sections.append(
        Section(
            "activity",
            "Recent activity",
            "Nothing done yet.",
            [
                Line(
                    f"{r.history_user or 'The system'}: {r.history_change_reason or 'Saved'}",
                    reverse("admin:events_event_change", args=[r.id]),
                    f"“{r.title}”",
                    r.history_date,
                )
                for r in activity
            ],
        )
    )
    return sections
