"""Publishing: copying an editor's working copy to the live site as a new public version.

Published and Last Updated are derived here, from the live model's history, and stored on the
live row so that a public page never scans history to show them.
"""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone

from .history import one_revision
from .models import CONTENT_FIELDS, Event, PublishedEvent


@transaction.atomic
def publish(event, *, by, substantive, note="", at=None):
    """Make the event's current working copy the public version and return the live row.

    ``substantive`` moves Last Updated; a minor change (typo, formatting) does not. The first
    publication is neither: it sets Published, and Last Updated equals it.
    """
    at = at or timezone.now()
    Event.objects.select_for_update().only("pk").get(pk=event.pk)
    event.refresh_from_db()
    live = PublishedEvent.objects.filter(event=event).first()
    old_path = live.get_absolute_url() if live else None

    if live is None:
        live, change_kind = _restored_or_new_live(event, at)
    else:
        change_kind = (
            PublishedEvent.ChangeKind.SUBSTANTIVE
            if substantive
            else PublishedEvent.ChangeKind.MINOR
        )
        if substantive:
            live.updated_at = at

    if event.status != Event.Status.PUBLISHED:
        event.status = Event.Status.PUBLISHED
        event._history_user = by
        event._history_date = at
        event._change_reason = "Published"
        event.save()

    for name in CONTENT_FIELDS:
        setattr(live, name, getattr(event, name))
    live.change_kind = change_kind
    live.change_note = note
    live.published_revision = event.history.order_by("-history_id").values_list(
        "history_id", flat=True
    )[0]
    live.full_clean(exclude=["event", "timeline", "authors", "topics"])
    live._history_user = by
    live._history_date = at
    live._change_reason = note or live.get_change_kind_display()
    with one_revision(live, created=live.pk is None):
        live.save()
        _copy_relations(event, live)
    _redirect_old_address(old_path, live.get_absolute_url())
    return live


def _restored_or_new_live(event, at):
    """A live row for an event with none: republishing keeps the original Published date."""
    earlier_versions = PublishedEvent.history.filter(event_id=event.pk)
    first = earlier_versions.order_by("history_date").first()
    if first is None:
        return PublishedEvent(event=event, published_at=at, updated_at=at), (
            PublishedEvent.ChangeKind.FIRST
        )
    last_update = (
        earlier_versions.filter(change_kind=PublishedEvent.ChangeKind.SUBSTANTIVE)
        .order_by("-history_date")
        .first()
    )
    updated_at = last_update.history_date if last_update else first.published_at
    live = PublishedEvent(event=event, published_at=first.published_at, updated_at=updated_at)
    return live, PublishedEvent.ChangeKind.MINOR


def _copy_relations(event, live):
    bylines = [(b.author_id, b.position) for b in event.bylines.all()]
    if bylines != [(b.author_id, b.position) for b in live.bylines.all()]:
        live.authors.clear()
        for author_id, position in bylines:
            live.authors.add(author_id, through_defaults={"position": position})
    live.topics.set(event.topics.all())
    live.timeline.set(event.timeline.all())


def _redirect_old_address(old_path, new_path):
    """After a slug or date change, the old address (and any that pointed to it) answers 301."""
    if old_path is None or old_path == new_path:
        return
    site = Site.objects.get_current()
    Redirect.objects.filter(site=site, old_path=new_path).delete()
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})
