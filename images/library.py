"""Adding to the image library: the one way a file gets in, through the safe-upload pipeline."""

from django.core.files.base import ContentFile
from django.db import transaction

from revisions.history import revision

from .models import Image
from .processing import clean_upload


def store_clean_file(image, clean):
    """Put a re-encoded file into ``image`` under a random name (the row is not saved)."""
    image.file.save(clean.random_name(), ContentFile(clean.content), save=False)
    image.width, image.height = clean.width, clean.height


def mark_published(image_ids, *, by, at):
    """Record that a published article shows these images (hero or inline): from now on they
    are public. Called by publishing, in its transaction; one revision per image, once."""
    for image in Image.objects.filter(pk__in=image_ids, published_at=None).select_for_update():
        with revision(image, by=by, reason="Shown by a published article", at=at):
            image.published_at = at
            image.save()


@transaction.atomic
def add_image(*, upload, by, reason="Uploaded", at=None, **details):
    """Add an uploaded file to the library with its ``details`` (alt text, caption, credit…).

    Raises ``ValidationError`` for a file that is not a safe image, or missing alt text.
    """
    clean = clean_upload(upload)
    image = Image(uploaded_by=by, **details)
    if at is not None:
        image.uploaded_at = at
    store_clean_file(image, clean)
    try:
        image.full_clean()
        with revision(image, by=by, reason=reason, at=at):
            image.save()
    except Exception:
        image.file.delete(save=False)
        raise
    return image
