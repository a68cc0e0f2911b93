from django.db import migrations, models

BATCH = 2000


def chronology_key(year, month, day, title, event_id):
    # A copy of events.models.chronology_key as it was when this migration was written.
    date = f"{year + 100_000_000:09d}{month:02d}{day:02d}"  # no sign: years sort as numbers
    return f"{date} {title.casefold()[:150]} {event_id or 0:010d}"


def fill(apps, schema_editor):
    """Every live article, and every public version of one, gets its place in lists."""
    for name in ("PublishedEvent", "HistoricalPublishedEvent"):
        model = apps.get_model("events", name)
        pending = []
        rows = model.objects.only("year", "month", "day", "title", "event_id").iterator(BATCH)
        for row in rows:
            row.chronology = chronology_key(row.year, row.month, row.day, row.title, row.event_id)
            pending.append(row)
            if len(pending) == BATCH:
                model.objects.bulk_update(pending, ["chronology"])
                pending = []
        model.objects.bulk_update(pending, ["chronology"])


class Migration(migrations.Migration):
    dependencies = [("events", "0011_search_rank_vector")]

    operations = [
        migrations.AddField(
            model_name="publishedevent",
            name="chronology",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="The article's place in every oldest-first list: date, title, then "
                "id. Lists page through it from an article to the next (see events.pagination).",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalpublishedevent",
            name="chronology",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="The article's place in every oldest-first list: date, title, then "
                "id. Lists page through it from an article to the next (see events.pagination).",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(model_name="publishedevent", name="published_day_idx"),
        migrations.AddIndex(
            model_name="publishedevent",
            index=models.Index(
                fields=["month", "day", "date_precision", "chronology"], name="published_day_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="publishedevent",
            index=models.Index(fields=["year", "chronology"], name="published_year_idx"),
        ),
        migrations.AddIndex(
            model_name="publishedevent",
            index=models.Index(fields=["published_at", "id"], name="published_recent_idx"),
        ),
        migrations.AddIndex(
            model_name="publishedevent",
            index=models.Index(fields=["updated_at", "id"], name="published_updated_idx"),
        ),
    ]
