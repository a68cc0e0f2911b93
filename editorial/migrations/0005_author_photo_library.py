"""Author photos move into the image library; each old file is re-encoded into it (its
metadata dropped), described as a portrait of the author."""

import django.db.models.deletion
from django.db import migrations, models

HELP = "A portrait from the image library, shown on the author page and in About the author."


def move_into_library(apps, schema_editor):
    from images.legacy import LegacyFiles

    legacy = LegacyFiles(apps)
    for name in ["Author", "HistoricalAuthor"]:
        model = apps.get_model("editorial", name)
        rows = model.objects.exclude(legacy_photo="").exclude(legacy_photo__isnull=True)
        if name == "HistoricalAuthor":
            rows = rows.order_by("-history_id")
        for row in rows.iterator():
            row.photo_id = legacy.image_id(
                row.legacy_photo,
                alt=f"Portrait of {row.name}",
                when=getattr(row, "history_date", None),
            )
            row.save(update_fields=["photo"])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_fact_check_roles"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="author", old_name="photo", new_name="legacy_photo"),
        migrations.RenameField(
            model_name="historicalauthor", old_name="photo", new_name="legacy_photo"
        ),
        migrations.AddField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),  # fmt: skip
        ),
        migrations.AddField(
            model_name="historicalauthor",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="images.image",
            ),  # fmt: skip
        ),
        migrations.RunPython(move_into_library, migrations.RunPython.noop),
        migrations.RemoveField(model_name="author", name="legacy_photo"),
        migrations.RemoveField(model_name="historicalauthor", name="legacy_photo"),
    ]
