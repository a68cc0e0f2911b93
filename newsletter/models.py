"""Subscribers to the daily email and the log of what was sent to each, day by day."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from revisions.history import RevisionRecords


class SubscriberQuerySet(models.QuerySet):
    def with_address(self, email):
        """The subscriber with this address, whatever its letter case."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def not_mailed_on(self, day, *, lease_expired_before):
        """Those with no delivery for ``day`` yet, a failed one (which is retried), or one left
        "sending" since before ``lease_expired_before`` by a run that died."""
        done = Delivery.objects.filter(edition_on=day).exclude(
            Q(status=Delivery.Status.FAILED)
            | Q(status=Delivery.Status.SENDING, attempted_at__lt=lease_expired_before)
        )
        return self.exclude(pk__in=done.values("subscriber_id"))


class Subscriber(models.Model):
    """One address, its subscription state and the record of the reader's consent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class ConfirmationMethod(models.TextChoices):
        EMAIL_LINK = "email_link", "Opened the emailed link and pressed Confirm"

    class UnsubscribeMethod(models.TextChoices):
        ONE_CLICK = "one_click", "One-click from the mail program (List-Unsubscribe-Post)"
        PAGE = "page", "Button on the unsubscribe page"
        ADMIN = "admin", "By an administrator"

    email = models.EmailField("email address", max_length=254)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    consent_text = models.TextField(help_text="The consent statement the reader ticked, verbatim.")
    eligibility_text = models.TextField(
        help_text="The eligibility statement the reader ticked, verbatim."
    )
    consented_at = models.DateTimeField(
        help_text="When the reader sent the signup form with both statements ticked."
    )
    signup_page = models.CharField(
        max_length=200, blank=True, help_text="The page the signup form was sent from."
    )
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the latest confirmation email was sent."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_method = models.CharField(
        max_length=20, choices=ConfirmationMethod.choices, blank=True
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_method = models.CharField(
        max_length=20, choices=UnsubscribeMethod.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()
    history = RevisionRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"], name="subscriber_status_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_unique_email",
                violation_error_message="This address is already on the list.",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed")
                | Q(confirmed_at__isnull=False, confirmation_method__gt=""),
                name="subscriber_confirmed_has_confirmation",
            ),
            models.CheckConstraint(
                condition=~Q(status="unsubscribed")
                | Q(unsubscribed_at__isnull=False, unsubscribe_method__gt=""),
                name="subscriber_unsubscribed_has_time",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED


class Delivery(models.Model):
    """One subscriber's copy of one day's email; the unique pair makes sending idempotent."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending (or stopped while sending)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    edition_on = models.DateField("edition", help_text="The day whose email this is.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    attempted_at = models.DateTimeField(help_text="When the latest attempt started.")
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="What the mail server said, for a failure.")

    class Meta:
        ordering = ["-edition_on", "id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["edition_on", "status"], name="delivery_edition_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "edition_on"], name="delivery_once_per_subscriber_and_day"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.edition_on:%Y-%m-%d} to {self.subscriber}"
