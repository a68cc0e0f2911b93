import django.contrib.postgres.indexes
from django.contrib.postgres.search import SearchVector
from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """A GIN index exists only on PostgreSQL; the model state has it on every database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def body_last(apps, schema_editor):
    """What events.search.VECTOR now writes: the body after the names (PostgreSQL)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    SearchDocument = apps.get_model("events", "SearchDocument")
    SearchDocument.objects.update(
        vector=SearchVector("title", weight="A", config="english")
        + SearchVector("dek", weight="B", config="english")
        + SearchVector("names", weight="D", config="english")
        + SearchVector("body", weight="C", config="english")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0012_published_chronology"),
    ]

    operations = [
        AddIndexOnPostgreSQL(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["rank_vector"], name="search_document_rank_idx"
            ),
        ),
        migrations.RunPython(body_last, migrations.RunPython.noop),
    ]
