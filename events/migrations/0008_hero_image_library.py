"""Article images move into the image library: ``hero_image`` points to a library image, which
carries the alt text, caption and credit. Each old file is re-encoded into the library (its
metadata dropped) for the working copies, live copies and every revision that showed it."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["event", "publishedevent", "historicalevent", "historicalpublishedevent"]
HELP = (
    "The article's lead image, from the image library: its alt text, caption and credit come "
    "with it."
)


def move_into_library(apps, schema_editor):
    from images.legacy import LegacyFiles

    legacy = LegacyFiles(apps)
    # Published rows first: an image a published version showed is public from the start.
    for name in ["PublishedEvent", "HistoricalPublishedEvent", "Event", "HistoricalEvent"]:
        model = apps.get_model("events", name)
        rows = model.objects.exclude(legacy_hero_file="").exclude(legacy_hero_file__isnull=True)
        if name.startswith("Historical"):
            rows = rows.order_by("-history_id")
        for row in rows.iterator():
            row.hero_image_id = legacy.image_id(
                row.legacy_hero_file,
                alt=row.hero_alt,
                caption=row.hero_caption,
                credit=row.hero_credit,
                when=getattr(row, "history_date", None),
                published="Published" in name,
            )
            row.save(update_fields=["hero_image"])


def field(historical):
    if historical:
        return models.ForeignKey(
            blank=True, db_constraint=False, help_text=HELP, null=True,
            on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
            to="images.image", verbose_name="image",
        )  # fmt: skip
    return models.ForeignKey(
        blank=True, help_text=HELP, null=True, on_delete=django.db.models.deletion.PROTECT,
        related_name="+", to="images.image", verbose_name="image",
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_search_document"),
        ("images", "0001_initial"),
    ]

    operations = [
        *[
            migrations.RenameField(
                model_name=name, old_name="hero_image", new_name="legacy_hero_file"
            )
            for name in MODELS
        ],
        *[
            migrations.AddField(
                model_name=name, name="hero_image", field=field(name.startswith("historical"))
            )
            for name in MODELS
        ],
        migrations.RunPython(move_into_library, migrations.RunPython.noop),
        *[
            migrations.RemoveField(model_name=name, name=old)
            for name in MODELS
            for old in ["legacy_hero_file", "hero_alt", "hero_caption", "hero_credit"]
        ],
    ]
