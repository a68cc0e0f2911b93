"""The image library: every picture the site shows, with what readers and the law need to know
about it (alt text, caption, credit, source, licence), and the renditions made from it.

Files live in the ``images`` storage (``STORAGES["images"]``), which no static or media handler
serves: the public reaches only renditions, through ``images.views.rendition``, and only of
images that something public shows (see docs/decisions, image embargo).
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from history_site.page_cache import one_public_change_at_a_time, public_pages_changed
from history_site.text import CleanText
from revisions.history import RevisionRecords


class _ImageStorage(LazyObject):
    """``STORAGES["images"]``, looked up when first used (and again after the setting changes),
    not when the model class is built."""

    def _setup(self):
        self._wrapped = storages["images"]


_image_storage = _ImageStorage()


def _forget_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _image_storage._wrapped = empty


setting_changed.connect(_forget_storage)


def image_storage():
    """The named storage for library files; production points it at a private bucket."""
    return _image_storage


def new_key():
    return secrets.token_urlsafe(12)


def inline_reference(pk):
    """How an article body refers to a library image, alone in its paragraph."""
    return f"[[image:{pk}]]"


class ImageQuerySet(models.QuerySet):
    def search(self, query):
        terms = Q()
        for word in query.split():
            terms &= (
                Q(alt_text__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(source__icontains=word)
            )
        return self.filter(terms)


class Image(CleanText, models.Model):
    """One picture in the library, reusable by any article (hero or inline) and author."""

    class Licence(models.TextChoices):
        OWN = "own", "Our own work"
        PUBLIC_DOMAIN = "public-domain", "Public domain"
        CC0 = "cc0", "CC0"
        CC_BY = "cc-by", "CC BY"
        CC_BY_SA = "cc-by-sa", "CC BY-SA"
        LICENSED = "licensed", "Licensed from the agency (see source)"
        PERMISSION = "permission", "Used with permission"

    key = models.CharField(
        max_length=32, unique=True, default=new_key, editable=False,
        help_text="The random part of the image's public addresses.",
    )  # fmt: skip
    file = models.FileField(storage=image_storage, max_length=200, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it: “Soldiers on a tank "
        "in a city square”, not “image of…”. Required unless the image is decorative.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only if the image adds nothing a reader would miss: screen readers "
        "then skip it.",
    )
    caption = models.CharField(
        max_length=500, blank=True, help_text="Shown under the image in articles."
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who made it, as the licence asks, e.g. “Jane Doe / Example Agency”; pages "
        "put “Credit:” before it.",
    )
    source = models.URLField(
        max_length=500, blank=True, help_text="Where it came from (archive or agency page)."
    )
    licence = models.CharField(max_length=20, choices=Licence.choices, blank=True)
    focal_x = models.PositiveSmallIntegerField(
        default=50, validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in percent from the left: crops keep it in view.",
    )  # fmt: skip
    focal_y = models.PositiveSmallIntegerField(
        default=50, validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in percent from the top.",
    )  # fmt: skip
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a published article first showed it: from then on anyone may see it "
        "(every published version keeps its permanent link).",
    )

    objects = ImageQuerySet.as_manager()
    history = RevisionRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""),
                name="image_described_or_decorative",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__lte=100, focal_y__lte=100), name="image_focal_point_inside"
            ),
        ]

    def __str__(self):
        return self.alt_text or self.caption or f"Decorative image #{self.pk}"

    def save(self, *args, **kwargs):
        if self.published_at:  # its alt text, caption or crop is on public pages
            one_public_change_at_a_time()
        super().save(*args, **kwargs)
        if self.published_at:
            public_pages_changed()

    def get_absolute_url(self):
        return reverse("admin:images_image_change", args=[self.pk])

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Describe the image for readers who cannot see it, "
                    "or tick “decorative”."
                }
            )

    @property
    def alt(self):
        """The ``alt`` attribute: empty for a decorative image, so screen readers skip it."""
        return "" if self.is_decorative else self.alt_text

    @property
    def reference(self):
        return inline_reference(self.pk)

    # Where the image is used ----------------------------------------------------------------
    # Articles and authors point here, not the other way round (events and editorial depend
    # on images), so their models are looked up by name.

    def _articles(self, rows):
        return rows.filter(Q(hero_image=self) | Q(body__contains=inline_reference(self.pk)))

    def articles(self):
        """Working copies that show it, as hero or inline."""
        return self._articles(apps.get_model("events", "Event").objects.all())

    def authors(self):
        return apps.get_model("editorial", "Author").objects.filter(photo=self)

    def is_public(self):
        """Whether the public may see it: shown by an article ever published (set by
        ``images.library.mark_published``, so no request scans article bodies), or an author's
        photo. Until then it is embargoed."""
        return self.published_at is not None or self.authors().exists()

    def is_in_use(self):
        """Whether any article (working copy, live copy, any revision or version) or author
        shows it, or did: such an image is kept, so every revision can still be restored."""
        from .cleanup import used_image_ids

        return self.pk in used_image_ids(only=[self.pk])


class Rendition(models.Model):
    """A resized or cropped copy of a library image, made once on first request and reused.

    Not tracked: it is derived from the image and can always be made again.
    """

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40, help_text="e.g. w800.webp, card-f50-40.jpg")
    file = models.FileField(storage=image_storage, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["image", "spec"], name="rendition_once_per_spec")
        ]

    def __str__(self):
        return f"{self.image_id}/{self.spec}"
