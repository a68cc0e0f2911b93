"""Removing what nothing uses any more, safely from cron (``manage.py remove_unused_images``).

An image counts as used while any row that can be shown or restored refers to it: a working
copy, a live article, any revision or published version (each has a permanent link or can be
reverted to), or an author. Only images unused that way, and older than a grace period (so an
editor can upload first and use later), are removed; then files in the image storage that no
row names, and renditions of crops whose focal point has moved.
"""

import datetime
import functools
import operator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from .models import Image, Rendition, inline_reference
from .rendering import referenced_ids
from .renditions import UnknownSpec, parse

# Files younger than this may belong to an upload whose row is not committed yet.
ORPHAN_FILE_MIN_AGE = datetime.timedelta(hours=1)
FOLDERS = ("originals", "renditions")


def _users():
    """(model, field) for every table that can point at a library image, history included."""
    event = apps.get_model("events", "Event")
    published = apps.get_model("events", "PublishedEvent")
    author = apps.get_model("editorial", "Author")
    return [
        (event, "hero_image"),
        (event.history.model, "hero_image"),
        (published, "hero_image"),
        (published.history.model, "hero_image"),
        (author, "photo"),
        (author.history.model, "photo"),
    ]


def used_image_ids(only=None):
    """Ids of library images that something refers to (limited to ``only`` if given)."""
    used = set()
    for model, name in _users():
        rows = model._base_manager.exclude(**{f"{name}__isnull": True})
        if only is not None:
            rows = rows.filter(**{f"{name}__in": only})
        used.update(rows.values_list(f"{name}_id", flat=True).distinct())
        if name == "hero_image":  # articles also show images inline in their bodies
            bodies = model._base_manager.filter(body__contains="[[image:")
            if only is not None:
                bodies = bodies.filter(
                    functools.reduce(
                        operator.or_, (Q(body__contains=inline_reference(pk)) for pk in only)
                    )
                )
            for body in bodies.values_list("body", flat=True).iterator():
                used.update(referenced_ids(body))
    return used if only is None else used & set(only)


@dataclass
class Cleanup:
    images: list = field(default_factory=list)
    renditions: list = field(default_factory=list)
    files: list = field(default_factory=list)


def remove_unused(*, now, grace, by, dry_run=False):
    """Remove unused images older than ``grace``, stale renditions and orphaned files."""
    done = Cleanup()
    used = used_image_ids()
    # Filtered here, not in SQL: the used ids can be more than SQLite takes as parameters.
    old_enough = Image.objects.filter(uploaded_at__lt=now - grace)
    for image in old_enough.iterator():
        if image.pk in used:
            continue
        done.images.append(f"#{image.pk} {image}")
        if not dry_run:
            _remove_image(image, by=by)
    for rendition in Rendition.objects.select_related("image").iterator():
        try:
            parse(rendition.image, rendition.spec)
        except UnknownSpec:
            done.renditions.append(rendition.file.name)
            if not dry_run:
                rendition.file.delete(save=False)
                rendition.delete()
    storage = Image._meta.get_field("file").storage
    known = set(Image.objects.values_list("file", flat=True))
    known |= set(Rendition.objects.values_list("file", flat=True))
    for name in _stored_files(storage):
        if name in known or storage.get_modified_time(name) > now - ORPHAN_FILE_MIN_AGE:
            continue
        done.files.append(name)
        if not dry_run:
            storage.delete(name)
    return done


@transaction.atomic
def _remove_image(image, *, by):
    locked = Image.objects.select_for_update().filter(pk=image.pk).first()
    if locked is None or locked.is_in_use():  # used since the list was made
        return
    names = [locked.file.name, *locked.renditions.values_list("file", flat=True)]
    locked._history_user = by
    locked._change_reason = "Removed: unused"
    locked.delete()
    storage = Image._meta.get_field("file").storage
    # Files go only once the row's removal is committed.
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _stored_files(storage):
    for folder in FOLDERS:
        yield from _walk(storage, folder)


def _walk(storage, folder):
    if not storage.exists(folder):
        return
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")
