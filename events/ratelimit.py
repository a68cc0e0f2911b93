"""Limits for reader forms, counted in the shared cache by django-ratelimit.

A refused post never loses the reader's text: the views show the form again, filled in, with
the message of the ``Refusal`` (and its status and Retry-After), instead of a bare error page.
"""

import logging
import math
from dataclasses import dataclass

from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

CSRF_FAILED_MESSAGE = (
    "This page had been open a long time or your browser blocked its security cookie, so "
    "nothing was sent. Your text is kept below: please send it again."
)


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int
    retry_after: int | None = None

    def apply(self, response):
        response.status_code = self.status
        if self.retry_after:
            response["Retry-After"] = str(self.retry_after)
        return response


def refuse_reader_post(request, *, group, rate):
    """Why this reader POST must not be acted on, or None: a rate limit or a CSRF failure.

    Every attempt counts against the client's limit, accepted or refused, so a flood of bad
    posts is limited too.
    """
    if request.method != "POST":
        return None
    usage = _count(request, group=group, key="ip", rate=rate)
    if usage is not None and usage["should_limit"]:
        seconds = max(1, usage["time_left"])
        minutes = max(1, math.ceil(seconds / 60))
        return Refusal(
            "We received several submissions from your connection in a short time, so "
            f"nothing was sent this time. Your text is kept below: please send it again in "
            f"{minutes} minute{'s' if minutes != 1 else ''}.",
            status=429,
            retry_after=seconds,
        )
    if getattr(request, "csrf_failed", False):
        return Refusal(CSRF_FAILED_MESSAGE, status=403)
    return None


def normalise_address(email):
    """One key per mailbox for limits: letter case and a ``+tag`` do not make a new address."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def address_is_limited(request, *, group, email, rate):
    """Count one use of this (normalised) address; whether it has gone over ``rate``."""
    address = normalise_address(email)
    usage = _count(request, group=group, key=lambda group, request: address, rate=rate)
    return usage is not None and usage["should_limit"]


def _count(request, *, group, key, rate):
    """Count this POST; None (not limited) when the shared cache is down, so forms answer."""
    try:
        return get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
    except Exception:  # the cache server is down: any of its client's errors
        logger.warning("Could not count a reader form post: cache unavailable", exc_info=True)
        return None


def shows_reader_form_again(view):
    """Mark a view whose CSRF failures show its form again, text kept (``csrf_failure``).

    Such a view must call ``refuse_reader_post`` before acting on a POST: on a CSRF failure it
    is called with ``request.csrf_failed`` set, and the refusal is what stops it.
    """
    view.shows_reader_form_again = True
    return view
