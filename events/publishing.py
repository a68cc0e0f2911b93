"""The editorial workflow: editing, review, publishing, scheduling, unpublishing, reverting.

Every operation is a plain function that checks the actor's permission itself (so no view,
action or command can skip it), works in one transaction on a locked row, and records exactly
one revision of each tracked object it changes, in a ``revision()`` block at the call site.
Every workflow rule lives here once; the admin and the commands turn input into these calls and
``ValidationError``/``PermissionDenied`` into messages. Published and Last Updated are derived
here, from the live model's history, and stored on the live row so that a public page never
scans history to show them.
"""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from history_site.page_cache import one_public_change_at_a_time, public_pages_changed
from images.library import mark_published
from images.rendering import referenced_ids
from revisions.history import is_system_actor, revision

from . import notifications, search
from .models import CONTENT_FIELDS, Event, PublishedEvent

Status = Event.Status

PUBLISH = "events.publish_event"
REVIEW = "events.review_event"
# The kinds of public version that move Last Updated.
UPDATES = {PublishedEvent.ChangeKind.SUBSTANTIVE, PublishedEvent.ChangeKind.CORRECTION}
# What was approved or scheduled (or is live) is no longer what would go live after an edit.
RESET_ON_EDIT = {Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED}
# Fields only the workflow changes: an edit never carries stale values of them.
WORKFLOW_FIELDS = [
    "status",
    "review_comment",
    "scheduled_at",
    "scheduled_is_substantive",
    "scheduled_note",
    "scheduled_by",
    "created_by",
]


def require(user, permission):
    """Refuse the operation unless ``user`` holds ``permission`` (system actors always may)."""
    if not (is_system_actor(user) or user.has_perm(permission)):
        raise PermissionDenied(f"You do not have permission to do this ({permission}).")


def lock(event):
    """Lock the event's row until the transaction ends: edits and workflow steps queue up."""
    Event.objects.select_for_update().only("pk").get(pk=event.pk)


def _locked(event):
    """Lock the event's row for this transaction and bring the caller's instance up to date."""
    lock(event)
    event.refresh_from_db()
    return event


def _save_transition(event, *, by, reason, at=None):
    event.full_clean()
    with revision(event, by=by, reason=reason, at=at) as step:
        event.save()
    return step


def public_note(*, substantive=False, correction=False, note=""):
    """The public note a version carries: required for a substantive update or a correction.

    A correction's note is the correction readers see, and always reads as one.
    """
    note = note.strip()
    if correction:
        if not note:
            raise ValidationError(
                "Write the correction readers will see, e.g. “Correction: …”.", code="note"
            )
        if not note.casefold().startswith("correction"):
            note = f"Correction: {note}"
    elif substantive and not note:
        raise ValidationError("Tell readers what this substantive update changed.", code="note")
    return note


@transaction.atomic
def save_edit(event, *, by, reason, save_relations=None, at=None):
    """Save an editor's edit of the working copy, relations included, as one revision.

    ``save_relations`` writes the relations after the row is saved (the admin's inlines and
    many-to-many fields). An edit of any content field or relation of an approved, scheduled
    or published article returns it to draft. Returns the revision, or None if nothing changed.
    """
    if event.pk is None:
        require(by, "events.add_event")
        event.created_by = by
        event.status = Status.DRAFT
    else:
        lock(event)
        # Someone may have approved or scheduled it while this edit was open.
        event.refresh_from_db(fields=WORKFLOW_FIELDS)
        if not (is_system_actor(by) or event.can_be_edited_by(by)):
            raise PermissionDenied("You may not edit this article now.")
    with revision(event, by=by, reason=reason, at=at) as edit:
        event.full_clean()
        event.save()
        if save_relations is not None:
            save_relations()
        if (
            edit.previous
            and event.status in RESET_ON_EDIT
            and event.differs_in_content(edit.previous)
        ):
            event.return_to_draft()
            event.save()
    return edit.record


def _require_status(event, allowed, action):
    if event.status not in allowed:
        raise ValidationError(
            f"“{event}” is {event.get_status_display().lower()}, so it cannot be {action}."
        )


@transaction.atomic
def submit_for_review(event, *, by):
    _locked(event)
    _require_status(event, {Status.DRAFT}, "submitted for review")
    if not event.can_be_edited_by(by):
        raise PermissionDenied("You can submit only your own drafts.")
    event.status = Status.IN_REVIEW
    _save_transition(event, by=by, reason="Submitted for review")
    notifications.article_submitted(event, by=by)


@transaction.atomic
def approve(event, *, by):
    require(by, REVIEW)
    _locked(event)
    _require_status(event, {Status.DRAFT, Status.IN_REVIEW}, "approved")
    event.status = Status.APPROVED
    event.review_comment = ""
    _save_transition(event, by=by, reason="Approved")
    notifications.article_approved(event, by=by)


@transaction.atomic
def send_back(event, *, by, comment):
    require(by, REVIEW)
    if not comment.strip():
        raise ValidationError("Say what needs to change when sending an article back.")
    _locked(event)
    _require_status(event, {Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED}, "sent back")
    event.return_to_draft()
    event.review_comment = comment.strip()
    _save_transition(event, by=by, reason=f"Sent back: {comment.strip()}")
    notifications.article_sent_back(event, by=by, comment=event.review_comment)


@transaction.atomic
def schedule(
    event, *, by, publish_at, substantive, note="", correction=False, now=None,
    expected_revision=None,
):  # fmt: skip
    """Publish the working copy at ``publish_at`` (done by ``manage.py publish_scheduled``).

    Corrections are never scheduled: readers are owed them at once.
    """
    require(by, PUBLISH)
    if correction:
        raise ValidationError("Publish a correction now: corrections are not scheduled.")
    now = now or timezone.now()
    if publish_at is None:
        raise ValidationError("Choose when to publish.")
    if publish_at <= now:
        raise ValidationError("Choose a time in the future, or publish now.")
    note = public_note(substantive=substantive, note=note)
    _locked(event)
    _require_revision(event, expected_revision)
    event.status = Status.SCHEDULED
    event.scheduled_at = publish_at
    event.scheduled_is_substantive = substantive
    event.scheduled_note = note
    event.scheduled_by = by
    when = date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")
    _save_transition(event, by=by, reason=f"Scheduled for {when}")


@transaction.atomic
def cancel_schedule(event, *, by):
    require(by, PUBLISH)
    _locked(event)
    _require_status(event, {Status.SCHEDULED}, "unscheduled")
    event.status = Status.APPROVED
    event.clear_schedule()
    _save_transition(event, by=by, reason="Schedule cancelled")


def publish_due(*, by, now=None):
    """Publish every scheduled event whose time has come; safe to run from cron every minute.

    Each event is published in its own transaction on a locked row and re-checked there, so two
    runs at once never publish the same event twice.
    """
    now = now or timezone.now()
    due = Event.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now)
    published = []
    for event_id in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                event = (
                    Event.objects.select_for_update(skip_locked=True)
                    .filter(pk=event_id, status=Status.SCHEDULED, scheduled_at__lte=now)
                    .first()
                )
                if event is None:
                    continue
                published.append(
                    publish(
                        event,
                        by=by,
                        substantive=event.scheduled_is_substantive,
                        note=event.scheduled_note,
                        at=now,
                    )
                )
        except (ValidationError, IntegrityError) as error:
            # One article that cannot go live must not hold back the others, minute after minute.
            _hand_back_failed_schedule(event_id, by=by, error=error)
    return published


@transaction.atomic
def _hand_back_failed_schedule(event_id, *, by, error):
    event = Event.objects.select_for_update().get(pk=event_id)
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    scheduled_by = event.scheduled_by
    event.status = Status.APPROVED
    event.clear_schedule()
    event.review_comment = "Scheduled publication failed: " + " ".join(messages)
    _save_transition(event, by=by, reason=event.review_comment)
    notifications.schedule_failed(event, scheduled_by=scheduled_by, reasons=" ".join(messages))


@transaction.atomic
def unpublish(event, *, by, reason):
    """Take the article off every public surface; its address then answers 410 Gone."""
    require(by, PUBLISH)
    if not reason.strip():
        raise ValidationError("Say why the article is being unpublished.")
    one_public_change_at_a_time()
    _locked(event)
    live = PublishedEvent.objects.filter(event=event).first()
    if live is None:
        raise ValidationError(f"“{event}” is not published.")
    live._history_user = by
    live._change_reason = reason.strip()
    public_pages_changed(*live.public_paths())
    live.delete()  # simple-history records the deletion as the article's last public version
    event.return_to_draft()
    _save_transition(event, by=by, reason=f"Unpublished: {reason.strip()}")


@transaction.atomic
def revert_to(event, *, revision_id, by):
    """Make the working copy equal an earlier revision, as a new revision; publish it to go live."""
    require(by, PUBLISH)
    _locked(event)
    earlier = event.history.filter(history_id=revision_id).first()
    if earlier is None:
        raise ValidationError("That revision does not belong to this article.")
    for name in CONTENT_FIELDS:
        setattr(event, name, getattr(earlier, name))
    event.return_to_draft()
    when = date_format(timezone.localtime(earlier.history_date), "DATETIME_FORMAT")
    event.full_clean(validate_unique=True)
    reason = f"Reverted to the revision of {when} (#{revision_id})"
    with revision(event, by=by, reason=reason):
        event.save()
        event.authors.clear()
        for row in earlier.authors.order_by("position"):
            event.authors.add(row.author_id, through_defaults={"position": row.position})
        event.topics.set([row.topic_id for row in earlier.topics.all()])
        event.timeline.set([row.to_event_id for row in earlier.timeline.all()])
    return event


@transaction.atomic
def publish(event, *, by, substantive, note="", at=None, correction=False, expected_revision=None):
    """Make the event's current working copy the public version and return the live row.

    ``substantive`` moves Last Updated; a minor change (typo, formatting) does not. The first
    publication is neither: it sets Published, and Last Updated equals it. ``correction`` makes
    the version a public correction: always substantive, and ``note`` is the correction text
    readers see on the article, in its JSON-LD and on the corrections page.
    ``expected_revision`` is the working-copy revision the publisher was shown: if the article
    changed since, nothing is published.
    """
    require(by, PUBLISH)
    at = at or timezone.now()
    note = public_note(substantive=substantive, correction=correction, note=note)
    one_public_change_at_a_time()  # its ids commit in order: events.stamps
    _locked(event)
    _require_revision(event, expected_revision)
    live = PublishedEvent.objects.filter(event=event).first()
    old_path = live.get_absolute_url() if live else None

    if live is None:
        live, change_kind = _restored_or_new_live(event, at)
        if correction and change_kind == PublishedEvent.ChangeKind.FIRST:
            raise ValidationError(
                f"“{event}” has never been published, so there is nothing to correct yet."
            )
        if substantive and change_kind == PublishedEvent.ChangeKind.REPUBLISHED:
            change_kind = PublishedEvent.ChangeKind.SUBSTANTIVE
    elif substantive:
        change_kind = PublishedEvent.ChangeKind.SUBSTANTIVE
    else:
        change_kind = PublishedEvent.ChangeKind.MINOR
    if correction:
        change_kind = PublishedEvent.ChangeKind.CORRECTION
    if change_kind in UPDATES:
        live.updated_at = at

    event.status = Status.PUBLISHED
    event.clear_schedule()
    event.review_comment = ""
    _save_transition(event, by=by, reason="Published", at=at)

    for name in CONTENT_FIELDS:
        setattr(live, name, getattr(event, name))
    live.change_kind = change_kind
    live.change_note = note
    live.published_revision = event.latest_revision_id()
    live.full_clean(exclude=["event", "timeline", "authors", "topics"])
    with revision(live, by=by, reason=note or live.get_change_kind_display(), at=at):
        live.save()
        mark_published([live.hero_image_id, *referenced_ids(live.body)], by=by, at=at)
        _copy_relations(event, live)
    _redirect_old_address(old_path, live.get_absolute_url())
    search.index(live)
    notifications.article_published(event, by=by)
    public_pages_changed(*live.public_paths(), *([old_path] if old_path else []))
    return live


def _require_revision(event, expected_revision):
    """Refuse to act on a working copy that changed since the person acting was shown it."""
    if expected_revision is None:
        return
    latest = event.history.order_by("-history_id").select_related("history_user").first()
    if latest.history_id != expected_revision:
        raise ValidationError(
            f"“{event}” changed since you reviewed it ({latest.history_user}: "
            f"{latest.history_change_reason or 'no reason given'}). Review it again.",
            code="stale",
        )


def _restored_or_new_live(event, at):
    """A live row for an event with none: republishing keeps the original Published date.

    A republished article gets back the id it had, so its history (the version log, every
    version's permanent link, its corrections) carries on across the unpublished spell.
    """
    earlier_versions = PublishedEvent.history.filter(event_id=event.pk)
    first = earlier_versions.order_by("history_date").first()
    if first is None:
        return PublishedEvent(event=event, published_at=at, updated_at=at), (
            PublishedEvent.ChangeKind.FIRST
        )
    # The row that records the unpublishing repeats the last version's kind: it is no update.
    last_update = (
        earlier_versions.filter(change_kind__in=UPDATES)
        .exclude(history_type="-")
        .order_by("-history_date")
        .first()
    )
    updated_at = last_update.history_date if last_update else first.published_at
    latest = earlier_versions.order_by("-history_date", "-history_id").first()
    live = PublishedEvent(
        pk=latest.id, event=event, published_at=first.published_at, updated_at=updated_at
    )
    return live, PublishedEvent.ChangeKind.REPUBLISHED


def _copy_relations(event, live):
    """Make the live row's byline, topics and timeline equal the working copy's."""
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
