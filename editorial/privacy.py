"""Fact-check reports' part of erasure and retention (see ``history_site.privacy``).

A report stays (it is part of the article's correction record) but loses its reader's name and
address, in the report and in every one of its history rows; the address is also taken out of
any report's free text.
"""

from django.conf import settings

from events.ratelimit import normalise_address
from history_site.privacy import redact, rows_mentioning

from .models import FactCheckReport

TEXT_FIELDS = ["what_is_wrong", "suggested_text", "source_url", "team_reply", "internal_notes"]


def erase(email, pattern, erasure):
    mailbox = normalise_address(email)
    domain = email.rpartition("@")[2]
    ids = {
        report.pk
        for report in FactCheckReport.objects.filter(email__iendswith=f"@{domain}")
        if normalise_address(report.email) == mailbox
    }
    ids |= set(
        rows_mentioning(FactCheckReport.objects.all(), email, TEXT_FIELDS).values_list(
            "pk", flat=True
        )
    )
    history = FactCheckReport.history.filter(email__iendswith=f"@{domain}")
    ids |= {row.id for row in history if normalise_address(row.email) == mailbox}
    ids |= set(
        rows_mentioning(FactCheckReport.history.all(), email, TEXT_FIELDS).values_list(
            "id", flat=True
        )
    )

    def anonymise(record):
        if record.email and normalise_address(record.email) == mailbox:
            record.name, record.email, record.wants_reply = "", "", False
        for name in TEXT_FIELDS:
            setattr(record, name, redact(getattr(record, name), pattern))

    for report in FactCheckReport.objects.filter(pk__in=ids):
        anonymise(report)
        report._change_reason = "The reader's personal data was erased on request"
        report.save()
    rows = 0
    for row in FactCheckReport.history.filter(id__in=ids):
        anonymise(row)
        row.save()
        rows += 1
    erasure.add("fact-check reports anonymised", len(ids))
    erasure.add("fact-check report history rows anonymised", rows)


def apply_retention(*, now, erasure):
    """Drop readers' names and addresses from reports resolved longer ago than the setting."""
    cutoff = now - settings.RETENTION["report_contact_details"]
    reports = FactCheckReport.objects.filter(resolved_at__lt=cutoff).exclude(name="", email="")
    ids = []
    for report in reports:
        report.name, report.email, report.wants_reply = "", "", False
        report._change_reason = "Contact details removed after the retention period"
        report.save()
        ids.append(report.pk)
    rows = (
        FactCheckReport.history.filter(id__in=ids)
        .exclude(name="", email="")
        .update(name="", email="", wants_reply=False)
    )
    erasure.add("resolved reports' contact details removed", len(ids))
    erasure.add("fact-check report history rows anonymised", rows)
