"""The newsletter's part of erasure and retention (see ``history_site.privacy``)."""

from django.conf import settings

from events.ratelimit import normalise_address
from history_site.privacy import ERASED

from .models import Delivery, Subscriber


def erase(email, pattern, erasure):
    """Delete the subscriber with this address (any case or +tag), its consent record, its
    delivery log and every history row that holds the address."""
    mailbox = normalise_address(email)
    domain = email.rpartition("@")[2]
    candidates = Subscriber.objects.filter(email__iendswith=f"@{domain}")
    ids = [s.pk for s in candidates if normalise_address(s.email) == mailbox]
    _delete(Subscriber.objects.filter(pk__in=ids), erasure, label="subscribers deleted")
    erasure.add(
        "delivery errors anonymised",
        _redact_delivery_errors(Delivery.objects.filter(error__icontains=f"@{domain}"), pattern),
    )
    history = Subscriber.history.filter(email__iendswith=f"@{domain}")
    stale = [row.pk for row in history if normalise_address(row.email) == mailbox]
    erasure.add(
        "subscriber history rows deleted",
        Subscriber.history.filter(pk__in=stale).delete()[0],
    )


def _delete(subscribers, erasure, *, label):
    ids = list(subscribers.values_list("pk", flat=True))
    erasure.add("deliveries deleted", Delivery.objects.filter(subscriber_id__in=ids).delete()[0])
    erasure.add(label, Subscriber.objects.filter(pk__in=ids).delete()[0])
    # After the delete, which itself records a "-" revision holding the address.
    erasure.add(
        "subscriber history rows deleted",
        Subscriber.history.filter(id__in=ids).delete()[0],
    )


def _redact_delivery_errors(deliveries, pattern):
    count = 0
    for delivery in deliveries:
        redacted = pattern.sub(ERASED, delivery.error)
        if redacted != delivery.error:
            delivery.error = redacted
            delivery.save(update_fields=["error"])
            count += 1
    return count


def apply_retention(*, now, erasure):
    retention = settings.RETENTION
    old_deliveries = Delivery.objects.filter(attempted_at__lt=now - retention["delivery_log"])
    erasure.add("delivery log entries deleted", old_deliveries.delete()[0])
    _delete(
        Subscriber.objects.filter(
            status=Subscriber.Status.PENDING,
            consented_at__lt=now - retention["unconfirmed_signups"],
        ),
        erasure,
        label="signups never confirmed deleted",
    )
    _delete(
        Subscriber.objects.filter(
            status=Subscriber.Status.UNSUBSCRIBED,
            unsubscribed_at__lt=now - retention["unsubscribed"],
        ),
        erasure,
        label="unsubscribed addresses deleted",
    )
