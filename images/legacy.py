"""Moving files uploaded before the image library into it (used by the data migrations of
events and editorial, which hand in their historical models)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .models import new_key
from .processing import clean_upload


class LegacyFiles:
    """Turns old per-article and per-author upload names into library images, once per file.

    Each file goes through the safe pipeline (so the GPS and camera data it may carry stay
    behind); one that is missing or not a safe image is dropped, not carried over.
    """

    def __init__(self, apps):
        self.image_model = apps.get_model("images", "Image")
        self.history_model = apps.get_model("images", "HistoricalImage")
        self.images = {}
        user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
        # The same inactive, password-less actor as revisions.history.system_actor("migration").
        self.actor, _ = user_model.objects.get_or_create(
            username="system.migration",
            defaults={
                "first_name": "System",
                "last_name": "migration",
                "is_active": False,
                "password": make_password(None),
            },
        )

    def image_id(self, file, *, alt="", caption="", credit="", when=None, published=False):
        name = getattr(file, "name", file)  # a FieldFile or a name
        if not name:
            return None
        if name not in self.images:
            self.images[name] = self._add(
                name, alt, caption, credit, when or timezone.now(), published
            )
        return self.images[name]

    def _add(self, name, alt, caption, credit, when, published):
        try:
            with default_storage.open(name, "rb") as legacy:
                clean = clean_upload(legacy)
        except (OSError, ValidationError):
            return None
        image = self.image_model(
            key=new_key(),
            width=clean.width,
            height=clean.height,
            alt_text=alt.strip(),
            is_decorative=not alt.strip(),
            caption=caption,
            credit=credit,
            uploaded_at=when,
            # Shown by a published version (the caller goes through those first): public.
            published_at=when if published else None,
        )
        image.file.save(clean.random_name(), ContentFile(clean.content), save=False)
        image.save()
        fields = {f.attname: getattr(image, f.attname) for f in self.image_model._meta.fields}
        self.history_model.objects.create(
            **fields,
            history_date=when,
            history_type="+",
            history_change_reason="Moved into the image library",
            history_user=self.actor,
        )
        return image.pk
