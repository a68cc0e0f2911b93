"""Share links: an editor shows one revision of an article to a reviewer without an account.

A link is pinned to the revision that was current when it was made, lasts
``PREVIEW_LINK_MAX_AGE_SECONDS``, and dies early when revoked or when the article is
unpublished after it was made. Its secret is random (not derived from the site's key) and only
its hash is stored, so neither the code nor a copy of the database gives a working link.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import ShareLink
from .publishing import REVIEW


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def may_share(user, event):
    """Only someone who may edit or review the article hands it to outsiders."""
    return event.can_be_edited_by(user) or user.has_perm(REVIEW)


@transaction.atomic
def share(event, *, by, now=None):
    """Make a link to the article's current revision; return the link and its address (path).

    The address is shown once: only a hash of its secret is kept.
    """
    if not may_share(by, event):
        raise PermissionDenied
    revision = event.latest_revision_id()
    if revision is None:
        raise ValidationError("Save the article before sharing it.")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    link = ShareLink(
        event=event,
        revision=revision,
        token_hash=_hash(token),
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE_SECONDS),
    )
    link.full_clean()
    link.save()
    return link, reverse("events:shared_preview", args=[token])


@transaction.atomic
def revoke(link, *, by, now=None):
    """Stop the link from opening; its record stays, with who revoked it and when."""
    if not (link.created_by_id == by.pk or may_share(by, link.event)):
        raise PermissionDenied
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def link_for(token):
    """The share link with this secret, or None."""
    return ShareLink.objects.select_related("event").filter(token_hash=_hash(token)).first()
