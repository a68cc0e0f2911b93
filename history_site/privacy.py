"""Erasing a person's data on request, and keeping personal data only as long as needed.

Each app erases what it holds (``newsletter.privacy``, ``editorial.privacy``); this module
adds what the site's framework keeps (the admin's action log, failed logins) and is what the
``erase_personal_data`` and ``apply_retention`` commands and the admin actions call.
"""

import re
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

ERASED = "[erased]"


def address_pattern(email):
    """The address in any letter case, with or without a ``+tag``, inside free text."""
    local, _, domain = email.strip().rpartition("@")
    local = local.split("+", 1)[0]
    return re.compile(rf"{re.escape(local)}(?:\+[^@\s]*)?@{re.escape(domain)}", re.IGNORECASE)


def redact(text, pattern):
    return pattern.sub(ERASED, text) if text else text


def rows_mentioning(queryset, email, fields):
    """Rows whose ``fields`` may contain the address or a ``+tag`` form of it (narrowed in
    Python by ``address_pattern``): the database is asked for the domain, then the mailbox."""
    local, _, domain = email.strip().rpartition("@")
    local = local.split("+", 1)[0]
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": f"@{domain}"}) & Q(**{f"{name}__icontains": local})
    return queryset.filter(condition)


@dataclass
class Erasure:
    """What an erasure did, for the person who ran it: counts by kind of record."""

    counts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def add(self, label, count):
        if count:
            self.counts[label] = self.counts.get(label, 0) + count

    def lines(self):
        if not self.counts:
            yield "Nothing was held for this address."
        for label, count in self.counts.items():
            yield f"{label}: {count}"
        yield from self.notes


@transaction.atomic
def erase_personal_data(email):
    """Remove or anonymise everything tied to ``email``; return what was done."""
    # The apps' modules import the helpers above, so they are imported here, when called.
    from editorial import privacy as editorial_privacy
    from newsletter import privacy as newsletter_privacy

    email = email.strip()
    pattern = address_pattern(email)
    erasure = Erasure()
    newsletter_privacy.erase(email, pattern, erasure)
    editorial_privacy.erase(email, pattern, erasure)
    _erase_admin_log(email, pattern, erasure)
    erasure.add(
        "failed logins with this address as the username deleted",
        AccessAttempt.objects.filter(username__iexact=email).delete()[0],
    )
    if get_user_model().objects.filter(email__iexact=email).exists():
        erasure.notes.append(
            "A staff account uses this address; it was left alone. Change or delete it under "
            "Users in the admin."
        )
    return erasure


def _erase_admin_log(email, pattern, erasure):
    count = 0
    for entry in rows_mentioning(LogEntry.objects.all(), email, ["object_repr", "change_message"]):
        entry.object_repr = redact(entry.object_repr, pattern)
        entry.change_message = redact(entry.change_message, pattern)
        entry.save(update_fields=["object_repr", "change_message"])
        count += 1
    erasure.add("admin log entries anonymised", count)


@transaction.atomic
def apply_retention(*, now):
    """Delete or anonymise what has been kept longer than the retention settings allow."""
    from editorial import privacy as editorial_privacy
    from newsletter import privacy as newsletter_privacy

    erasure = Erasure()
    newsletter_privacy.apply_retention(now=now, erasure=erasure)
    editorial_privacy.apply_retention(now=now, erasure=erasure)
    cutoff = now - settings.RETENTION["failed_logins"]
    erasure.add(
        "failed-login records deleted",
        AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
    )
    return erasure
