"""Who else has an article open: shown on the edit form, never blocking anyone."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import time_format

from .models import OpenEditor

# The form's heartbeat comes every minute; an editor silent for longer has left.
PRESENCE_TIMEOUT = timedelta(minutes=3)


def mark_open(event, user, now):
    entry, created = OpenEditor.objects.get_or_create(
        event=event, user=user, defaults={"opened_at": now, "seen_at": now}
    )
    if not created:
        if now - entry.seen_at > PRESENCE_TIMEOUT:
            entry.opened_at = now
        entry.seen_at = now
        entry.save(update_fields=["opened_at", "seen_at"])


def others_editing(event, user, now):
    """The other people with this article open now, each with a sentence for the form."""
    entries = (
        OpenEditor.objects.filter(event=event, seen_at__gte=now - PRESENCE_TIMEOUT)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at")
    )
    return [
        {
            "user": entry.user,
            "since": entry.opened_at,
            "text": f"{entry.user.get_full_name() or entry.user.get_username()} has had this "
            f"article open since {time_format(timezone.localtime(entry.opened_at))}.",
        }
        for entry in entries
    ]
