"""Signing up, confirming and unsubscribing: the operations that views, admin and emails share.

Links in emails carry signed tokens (``django.core.signing``, one salt per purpose). A
confirmation token names the subscriber and the moment of the signup it answers, so it expires,
and a newer signup or an unsubscribe makes it worthless. An unsubscribe token names only the
subscriber and never expires: an email from last year must still unsubscribe.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil

from .models import Subscriber

_CONFIRM_SALT = "newsletter.subscriptions.confirm"
_UNSUBSCRIBE_SALT = "newsletter.subscriptions.unsubscribe"


class InvalidLink(Exception):
    """The link was altered, cut short, or has been replaced by a newer one."""


class ExpiredLink(InvalidLink):
    """The link was genuine but is too old."""


def absolute_url(path):
    """A link for an email, which is built without a request to take the host from."""
    return f"{settings.SITE_URL}{path}"


def confirmation_url(subscriber):
    token = signing.dumps([subscriber.pk, subscriber.consented_at.isoformat()], salt=_CONFIRM_SALT)
    return absolute_url(reverse("newsletter:confirm", args=[token]))


def unsubscribe_url(subscriber):
    token = signing.dumps(subscriber.pk, salt=_UNSUBSCRIBE_SALT)
    return absolute_url(reverse("newsletter:unsubscribe", args=[token]))


def list_unsubscribe_headers(url):
    """RFC 2369 and RFC 8058 headers: mail programs show an Unsubscribe button that POSTs."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def subscriber_to_confirm(token):
    """The subscriber a confirmation link was sent to, if the link still stands."""
    try:
        pk, consented_at = signing.loads(
            token, salt=_CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS
        )
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except (signing.BadSignature, TypeError, ValueError):
        raise InvalidLink from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if (
        subscriber is None
        or subscriber.status == Subscriber.Status.UNSUBSCRIBED
        or subscriber.consented_at != datetime.fromisoformat(consented_at)
    ):
        raise InvalidLink
    return subscriber


def subscriber_to_unsubscribe(token):
    """The subscriber an unsubscribe link names, or None if it names one since erased."""
    try:
        pk = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise InvalidLink from None
    return Subscriber.objects.filter(pk=pk).first()


def request_subscription(*, email, consent_text, eligibility_text, signup_page=""):
    """Record a signup and send the one email that answers it.

    A new, pending or unsubscribed address becomes pending with this consent and is sent a
    confirmation link; a confirmed address is left as it is and told so. Either way the reader
    sees the same answer, so the form cannot tell anyone who is subscribed.
    """
    fields = {
        "consent_text": consent_text,
        "eligibility_text": eligibility_text,
        "signup_page": signup_page,
    }
    try:
        subscriber = _record_signup(email, fields)
    except IntegrityError:
        # Two signups for the same new address at once: the other one created the row.
        subscriber = _record_signup(email, fields)
    if subscriber.is_confirmed:
        _send_already_subscribed(subscriber)
    else:
        _send_confirmation(subscriber)
    return subscriber


@transaction.atomic
def _record_signup(email, fields):
    subscriber = Subscriber.objects.select_for_update().with_address(email).first()
    if subscriber is not None and subscriber.is_confirmed:
        return subscriber
    now = timezone.now()
    subscriber = subscriber or Subscriber(email=email)
    for name, value in fields.items():
        setattr(subscriber, name, value)
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consented_at = now
    subscriber.confirmation_sent_at = now
    subscriber.confirmed_at = None
    subscriber.confirmation_method = ""
    subscriber.unsubscribed_at = None
    subscriber.unsubscribe_method = ""
    subscriber._change_reason = f"Signed up from {fields['signup_page'] or 'an unknown page'}"
    # The database enforces the constraints; a concurrent duplicate raises IntegrityError.
    subscriber.full_clean(validate_constraints=False)
    subscriber.save()
    return subscriber


def confirm_subscription(subscriber, *, method=Subscriber.ConfirmationMethod.EMAIL_LINK):
    """Start sending the daily email to a pending subscriber; confirming twice changes nothing."""
    if subscriber.status != Subscriber.Status.PENDING:
        return subscriber
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.confirmation_method = method
    subscriber._change_reason = f"Confirmed: {subscriber.get_confirmation_method_display()}"
    subscriber.full_clean(validate_constraints=False)
    subscriber.save()
    return subscriber


def unsubscribe(subscriber, *, method):
    """Stop all email to this address at once; coming back needs a new signup and confirmation."""
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return subscriber
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.unsubscribe_method = method
    subscriber._change_reason = f"Unsubscribed: {subscriber.get_unsubscribe_method_display()}"
    subscriber.full_clean(validate_constraints=False)
    subscriber.save()
    return subscriber


def _send_confirmation(subscriber):
    max_age = timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS)
    now = timezone.now()
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "subscriber": subscriber,
        "confirm_url": confirmation_url(subscriber),
        "valid_for": timeuntil(now + max_age, now),
    }
    EmailMessage(
        render_subject("newsletter/email/confirm_subject.txt", context),
        render_to_string("newsletter/email/confirm.txt", context),
        settings.NEWSLETTER_FROM_EMAIL,
        [subscriber.email],
    ).send()


def _send_already_subscribed(subscriber):
    url = unsubscribe_url(subscriber)
    context = {"SITE_NAME": settings.SITE_NAME, "subscriber": subscriber, "unsubscribe_url": url}
    EmailMessage(
        render_subject("newsletter/email/already_subscribed_subject.txt", context),
        render_to_string("newsletter/email/already_subscribed.txt", context),
        settings.NEWSLETTER_FROM_EMAIL,
        [subscriber.email],
        headers=list_unsubscribe_headers(url),
    ).send()


def render_subject(template_name, context):
    """A subject rendered from a template, on one line."""
    return " ".join(render_to_string(template_name, context).split())
