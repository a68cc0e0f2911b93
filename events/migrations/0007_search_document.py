import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from events.rendering import plain_text

FTS_TABLE = "events_searchdocument_fts"

# SQLite's half of the index: an FTS5 table over the document table (external content), which
# these triggers keep equal to it on every insert, update and delete.
CREATE_FTS = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, dek, body, names,
        content='events_searchdocument', content_rowid='event_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER events_searchdocument_ai AFTER INSERT ON events_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, dek, body, names)
        VALUES (new.event_id, new.title, new.dek, new.body, new.names);
    END""",
    f"""CREATE TRIGGER events_searchdocument_ad AFTER DELETE ON events_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, dek, body, names)
        VALUES ('delete', old.event_id, old.title, old.dek, old.body, old.names);
    END""",
    f"""CREATE TRIGGER events_searchdocument_au AFTER UPDATE ON events_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, dek, body, names)
        VALUES ('delete', old.event_id, old.title, old.dek, old.body, old.names);
        INSERT INTO {FTS_TABLE}(rowid, title, dek, body, names)
        VALUES (new.event_id, new.title, new.dek, new.body, new.names);
    END""",
]
DROP_FTS = [
    "DROP TRIGGER IF EXISTS events_searchdocument_ai",
    "DROP TRIGGER IF EXISTS events_searchdocument_ad",
    "DROP TRIGGER IF EXISTS events_searchdocument_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """A GIN index exists only on PostgreSQL; the model state has it on every database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE_FTS:
            schema_editor.execute(statement)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_FTS:
            schema_editor.execute(statement)


def index_live_articles(apps, schema_editor):
    """The same documents ``events.search.index`` writes, for the articles already live."""
    PublishedEvent = apps.get_model("events", "PublishedEvent")
    PublishedByline = apps.get_model("events", "PublishedByline")
    SearchDocument = apps.get_model("events", "SearchDocument")
    for live in PublishedEvent.objects.prefetch_related("topics").iterator(chunk_size=500):
        names = [
            byline.author.name
            for byline in PublishedByline.objects.filter(event=live).select_related("author")
        ]
        names += [topic.name for topic in live.topics.all()]
        SearchDocument.objects.create(
            event=live,
            title=live.title,
            dek=live.dek_text,
            body=plain_text(live.body_html),
            names=" ".join(names),
        )
    if schema_editor.connection.vendor == "postgresql":
        SearchDocument.objects.update(
            vector=SearchVector("title", weight="A", config="english")
            + SearchVector("dek", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
            + SearchVector("names", weight="D", config="english")
        )


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0006_dek_html_and_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="events.publishedevent",
                    ),
                ),
                ("title", models.TextField()),
                ("dek", models.TextField()),
                ("body", models.TextField()),
                ("names", models.TextField(help_text="The byline authors' and the topics' names.")),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
        ),
        AddIndexOnPostgreSQL(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["vector"], name="search_document_vector_idx"
            ),
        ),
        migrations.RunPython(create_fts, drop_fts),
        migrations.RunPython(index_live_articles, migrations.RunPython.noop),
    ]
