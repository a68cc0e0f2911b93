"""``manage.py remove_unused_images``: removes what nothing uses, never what a published
version (or any revision) still shows, and is safe to run again and again."""

import datetime
import io
import os

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.publishing import publish, save_edit
from images.models import Image, Rendition
from images.renditions import rendition_for

from .factories import AuthorFactory, EventFactory, ImageFactory

pytestmark = pytest.mark.django_db

UPLOADED = datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


def run(*args):
    out = io.StringIO()
    call_command("remove_unused_images", *args, stdout=out)
    return out.getvalue()


def storage():
    return Image._meta.get_field("file").storage


def test_an_unused_image_is_removed_after_the_grace_period_with_its_files(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(UPLOADED, tick=False):
        image = ImageFactory()
        made = rendition_for(image, "w400.webp")
    names = [image.file.name, made.file.name]
    with time_machine.travel(UPLOADED + datetime.timedelta(days=3), tick=False):
        assert "Removed 0 unused images" in run()
    assert Image.objects.filter(pk=image.pk).exists()
    with (
        time_machine.travel(LATER, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert "Removed 1 unused images" in run()
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not any(storage().exists(name) for name in names)
    assert Image.history.filter(id=image.pk, history_type="-").exists()


def test_an_image_a_published_version_shows_is_never_removed(client, editor):
    with time_machine.travel(UPLOADED, tick=False):
        old, new = ImageFactory(), ImageFactory()
        event = EventFactory(hero_image=old, authors=[AuthorFactory()])
        publish(event, by=editor, substantive=False)
        event.refresh_from_db()
        event.hero_image = new
        save_edit(event, by=editor, reason="A better picture")
        publish(event, by=editor, substantive=False)
    with time_machine.travel(LATER, tick=False):
        assert "Removed 0 unused images" in run()
    assert client.get(reverse("images:rendition", args=[old.key, "w800.jpg"])).status_code == 200


def test_images_shown_inline_or_as_author_photos_are_kept():
    with time_machine.travel(UPLOADED, tick=False):
        inline, photo = ImageFactory(), ImageFactory()
        EventFactory(body=f"Text.\n\n[[image:{inline.pk}]]")
        AuthorFactory(photo=photo)
    with time_machine.travel(LATER, tick=False):
        run()
    assert Image.objects.filter(pk__in=[inline.pk, photo.pk]).count() == 2


def test_orphaned_files_and_stale_crops_are_removed_but_fresh_files_are_not(editor):
    from revisions.history import revision

    image = ImageFactory()
    AuthorFactory(photo=image)
    stale = rendition_for(image, "card-f50-50.jpg")
    with revision(image, by=editor, reason="Subject on the left"):
        image.focal_x = 10
        image.save()
    orphan = storage().save("originals/left-behind.jpg", io.BytesIO(b"x"))
    fresh = storage().save("originals/upload-in-progress.jpg", io.BytesIO(b"x"))
    hours_ago = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(storage().path(orphan), (hours_ago, hours_ago))
    output = run()
    assert "Removed 1 stale renditions" in output and "Removed 1 orphaned files" in output
    assert not storage().exists(orphan) and not storage().exists(stale.file.name)
    assert storage().exists(fresh) and storage().exists(image.file.name)
    assert not Rendition.objects.filter(pk=stale.pk).exists()
    assert "Removed 0 unused images" in run()


def test_a_dry_run_lists_and_removes_nothing():
    with time_machine.travel(UPLOADED, tick=False):
        image = ImageFactory()
    with time_machine.travel(LATER, tick=False):
        assert "Would remove 1 unused images" in run("--dry-run")
    assert storage().exists(image.file.name) and Image.objects.filter(pk=image.pk).exists()
