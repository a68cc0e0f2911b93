"""Build a large, realistic benchmark database: every event revised and published many times.

    python bench/generate.py --events 100000 --revisions 10 [--same-day 200] [--most-revised 500]

Writes to ``var/bench.sqlite3`` (or ``DATABASE_URL`` if set; never the development database),
which it recreates from scratch, and describes what it built in ``var/bench.json`` for
``bench/measure.py``.

Each event has ``--revisions`` revisions in ``Event.history``: the first draft, the save that
``publish()`` makes when the status becomes published, then edits, each one published at once; so
``PublishedEvent.history`` holds one public version per revision after the first. One event on
the busy day (January 15) has ``--most-revised`` revisions instead.

A million tracked saves through the ORM would take hours, so the rows go straight into the tables
in batches, with the values ``events.publishing.publish`` would have written (published and
updated dates, change kinds, ``published_revision``, the many-to-many copies of every revision).
A sample is read back through the models and checked at the end.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import benchdb  # noqa: E402

BUSY_DAY = (1, 15)
FIRST_CREATED = datetime(2009, 11, 13, tzinfo=UTC)
LAST_CREATED = datetime(2025, 6, 30, tzinfo=UTC)
GENERATED_UNTIL = datetime(2025, 10, 31, 12, tzinfo=UTC)
BATCH_EVENTS = 2000

TOPICS = [
    ("War and conflict", 6),
    ("Politics", 5),
    ("Science and technology", 3),
    ("Exploration", 2),
    ("Arts and culture", 3),
    ("Sports", 2),
    ("Disasters", 2),
    ("Religion", 1),
    ("Business and economy", 2),
    ("Crime and law", 2),
]
PERSONS = [
    "Ada Whitcombe", "Bram Okafor", "Celia Marsh", "Dario Vence", "Edith Laurier",
    "Farid Haddad", "Greta Lindqvist", "Hugo Ferrand", "Iris Calloway", "Jonas Brekke",
    "Kamala Rao", "Leon Duchamp", "Mira Solberg", "Nils Achterberg", "Odile Fontaine",
    "Pavel Riha", "Quinn Adebayo", "Rosa Ilves", "Samir Toprak",
]  # fmt: skip
TEAM = "History Site Editors"
TEAM_MEMBERS = 6

# Titles and prose are assembled from these; plain words only, so Markdown leaves them as they are.
SUBJECTS = [
    "Rebels", "Explorers", "Engineers", "Settlers", "Scientists", "Workers", "Miners",
    "Students", "Sailors", "Delegates", "Astronomers", "Merchants", "Voters", "Soldiers",
    "Pilgrims", "Farmers", "Printers", "Surveyors", "Envoys", "Physicians",
]  # fmt: skip
VERBS = [
    "sign", "open", "launch", "seize", "abolish", "found", "discover", "defend", "cross",
    "rebuild", "survey", "proclaim", "besiege", "chart", "blockade", "dedicate", "reach",
]  # fmt: skip
OBJECTS = [
    "a new canal", "the northern pass", "the old fortress", "a trade charter",
    "the first railway", "a royal archive", "the harbor", "a bright comet", "the capital",
    "a peace treaty", "the great bridge", "an observatory", "the city mint",
    "a printing house", "the island colony", "the western frontier", "a public library",
    "the cathedral", "the silver mines", "a river delta", "the customs house",
]  # fmt: skip
PLACES = [
    "Lisbon", "Krakow", "Antwerp", "Cairo", "Valparaiso", "Kyoto", "Quebec", "Smyrna",
    "Bergen", "Calcutta", "Zanzibar", "Havana", "Riga", "Tunis", "Manila", "Odessa",
    "Seville", "Goa", "Boston", "Malacca", "Trieste", "Cusco", "Nagasaki", "Dublin",
]  # fmt: skip
CLAUSES = [
    "after months of tense negotiation", "despite a winter of heavy storms",
    "according to letters written at the time", "while crowds gathered in the square",
    "under the eyes of foreign observers", "with little money and fewer supplies",
    "as rumors spread through the markets", "before the news reached the coast",
    "against the advice of their own council", "in a ceremony that lasted two days",
    "although few expected it to last", "once the last objections were withdrawn",
    "long after the first reports had been forgotten", "with the support of the guilds",
]  # fmt: skip
OPENERS = [
    "Within a week", "By the following spring", "At first", "For many years",
    "In the decades that followed", "Soon afterward", "That same evening", "Later",
    "Historians now believe that", "Contemporary accounts suggest that", "Eventually",
]  # fmt: skip
EDIT_REASONS = [
    "Fixed a typo", "Tightened the summary", "Added detail from new sources",
    "Corrected a date", "Copy edit", "Clarified the opening paragraph",
    "Checked names against the archive", "Shortened the second paragraph",
]  # fmt: skip
UPDATE_NOTES = [
    "Added context on the aftermath.", "Corrected the number of people involved.",
    "Expanded the background section.", "Updated with newly released records.",
    "Corrected the sequence of events.",
]  # fmt: skip


def sentence(rng):
    words = [rng.choice(SUBJECTS).lower(), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        words += ["near", rng.choice(PLACES)]
    words.append(rng.choice(CLAUSES))
    if rng.random() < 0.5:
        words.insert(0, rng.choice(OPENERS))
        text = " ".join(words)
    else:
        text = " ".join(words)
        text = text[0].upper() + text[1:]
    if rng.random() < 0.4:
        text += ", and " + rng.choice(CLAUSES)
    return text + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def body_html(paragraphs):
    """What ``render_markdown`` makes of plain paragraphs (checked against it at start-up)."""
    return "\n".join(f"<p>{text}</p>" for text in paragraphs)


class Table:
    """Batched INSERTs into one model's table, with the columns listed in ``columns`` order.

    Columns left out take the field's default, so a field added later with a default does not
    break the generator; one without a default makes it stop and say so.
    """

    def __init__(self, model, columns):
        from django.db import connection

        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
        defaults = {}
        for attname, field in fields.items():
            if attname in columns:
                continue
            if field.primary_key and field.get_internal_type().endswith("AutoField"):
                continue
            if not (field.has_default() or field.null or field.empty_strings_allowed):
                raise ValueError(f"{model.__name__}.{attname} has no default: generate it.")
            defaults[attname] = field.get_db_prep_save(field.get_default(), connection)
        names = [*columns, *defaults]
        quote = connection.ops.quote_name
        self.name = model._meta.db_table
        columns = ", ".join(quote(fields[name].column) for name in names)
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from _meta)
            quote(self.name), columns, ", ".join(["%s"] * len(names))
        )
        # PostgreSQL takes rows an order of magnitude faster through COPY than through INSERTs.
        self.copy_sql = f"COPY {quote(self.name)} ({columns}) FROM STDIN"
        self.defaults = tuple(defaults.values())
        self.rows = []
        self.count = 0

    def add(self, row):
        self.rows.append(row + self.defaults if self.defaults else row)

    def flush(self, cursor):
        if not self.rows:
            return
        if cursor.db.vendor == "postgresql":
            with cursor.cursor.copy(self.copy_sql) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            cursor.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


class Clock:
    def __init__(self):
        self.started = self.lap_started = time.perf_counter()
        self.laps = {}

    def lap(self, name):
        now = time.perf_counter()
        self.laps[name] = round(now - self.lap_started, 1)
        self.lap_started = now
        print(f"  {name}: {self.laps[name]:.1f} s", flush=True)

    @property
    def total(self):
        return time.perf_counter() - self.started


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--revisions", type=int, default=10, help="revisions per event (>= 2)")
    parser.add_argument("--same-day", type=int, default=200, help="events on January 15")
    parser.add_argument(
        "--most-revised", type=int, default=500, help="revisions of one January 15 article"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.revisions < 2 or args.most_revised < 2:
        parser.error("an event needs at least 2 revisions to be published")
    if not 1 <= args.same_day <= args.events:
        parser.error("--same-day must be between 1 and --events")
    return args


def recreate_database():
    path = benchdb.sqlite_path(benchdb.database_url())
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    benchdb.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if path is None:
        call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throwaway database: trade durability for speed while it is written.
            cursor.execute("PRAGMA journal_mode=MEMORY")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
            cursor.execute("PRAGMA temp_store=MEMORY")


def create_people_and_topics(rng):
    """Editors, authors (a team with members) and topics, saved normally so they have history."""
    from django.contrib.auth import get_user_model
    from django.utils.text import slugify

    from editorial.models import Author
    from events.models import Topic
    from revisions.history import acting_as, revision

    editors = []
    for number in range(1, 6):
        user = get_user_model()(
            username=f"bench.editor{number}", first_name="Editor", last_name=str(number)
        )
        # Editors who may publish: the workflow checks permissions, and superusers hold them all.
        user.is_staff = user.is_superuser = True
        user.set_unusable_password()
        user.save()
        editors.append(user)
    with acting_as(editors[0]):
        persons = []
        for name in PERSONS:
            author = Author(
                name=name,
                slug=slugify(name),
                bio=f"{name} writes about {rng.choice(TOPICS)[0].lower()} for the site. "
                f"Before joining, {name.split()[0]} worked in archives in {rng.choice(PLACES)}.",
            )
            author.save()
            persons.append(author)
        team = Author(
            name=TEAM,
            slug=slugify(TEAM),
            kind=Author.Kind.TEAM,
            bio="Our editors write, check and update every article on the site.",
        )
        with revision(team, reason="Bench team"):
            team.save()
            for position, member in enumerate(persons[:TEAM_MEMBERS]):
                team.members.add(member, through_defaults={"position": position})
        topics = []
        for name, _weight in TOPICS:
            topic = Topic(name=name, slug=slugify(name), description=f"Articles about {name}.")
            topic.save()
            topics.append(topic)
    return editors, persons, team, topics


def plan_days(rng, events, same_day):
    """(month, day) for each event: ``same_day`` on January 15, the rest spread over 365 days."""
    from events.calendar import days_in_month

    other_days = [
        (month, day)
        for month in range(1, 13)
        for day in range(1, days_in_month(month) + 1)
        if (month, day) != BUSY_DAY
    ]
    days = [BUSY_DAY] * same_day + [rng.choice(other_days) for _ in range(events - same_day)]
    rng.shuffle(days)
    # The most revised article is the last event: make sure it falls on the busy day.
    busy = next(index for index, day in enumerate(days) if day == BUSY_DAY)
    days[busy], days[-1] = days[-1], days[busy]
    return days


def pick_year(rng, month, day):
    from events.calendar import day_exists

    while True:
        draw = rng.random()
        if draw < 0.03:
            year = -rng.randint(1, 3000)
        elif draw < 0.10:
            year = rng.randint(1, 1499)
        else:
            year = int(rng.triangular(1500, 2025, 1960))
        if day_exists(month, day, year):
            return year


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    clock = Clock()
    print(f"Bench database: {benchdb.database_url()}", flush=True)
    recreate_database()
    clock.lap("migrate")

    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils.text import slugify

    from events import search
    from events.models import (
        Byline,
        Event,
        PublishedByline,
        PublishedEvent,
        SearchDocument,
        chronology_key,
    )
    from events.rendering import plain_text, render_inline_markdown, render_markdown

    for _ in range(20):
        sample = [paragraph(rng) for _ in range(4)]
        if render_markdown("\n\n".join(sample)) != body_html(sample):
            sys.exit("render_markdown no longer matches body_html() in bench/generate.py.")
        if plain_text(body_html(sample)) != " ".join(sample):
            sys.exit("plain_text no longer matches the search body in bench/generate.py.")
        dek = " ".join(sentence(rng) for _ in range(2))
        if render_inline_markdown(dek) != dek or plain_text(dek) != dek:
            sys.exit("render_inline_markdown changes plain summaries: update bench/generate.py.")

    editors, persons, team, topics = create_people_and_topics(rng)
    editor_ids = [editor.pk for editor in editors]
    person_ids = [person.pk for person in persons]
    topic_ids = [topic.pk for topic in topics]
    topic_weights = [weight for _name, weight in TOPICS]
    clock.lap("editors, authors, topics")

    history = {model: model.history.model for model in (Event, PublishedEvent)}
    m2m_history = {
        (model, field.name): getattr(history[model], field.name).model
        for model in (Event, PublishedEvent)
        for field in history[model]._history_m2m_fields
    }
    content = [
        "title", "slug", "year", "month", "day", "dek", "body", "body_html", "is_featured",
        "dek_html", "dek_text",
    ]  # fmt: skip
    author_names = {author.pk: author.name for author in [*persons, team]}
    topic_names = {topic.pk: topic.name for topic in topics}
    live_fields = [
        "published_at", "updated_at", "change_kind", "change_note", "published_revision",
        "event_id", "chronology",
    ]  # fmt: skip
    history_fields = [
        "history_id", "history_date", "history_change_reason", "history_type", "history_user_id",
    ]  # fmt: skip

    def through_columns(model, name):
        field = model._meta.get_field(name)
        return ["id", field.m2m_column_name(), field.m2m_reverse_name()]

    event_topic_columns = through_columns(Event, "topics")
    event_timeline_columns = through_columns(Event, "timeline")
    live_topic_columns = through_columns(PublishedEvent, "topics")
    live_timeline_columns = through_columns(PublishedEvent, "timeline")
    byline_columns = ["id", "position", "event_id", "author_id"]
    tables = {
        "event": Table(Event, ["id", *content, "status", "created_at"]),
        "live": Table(PublishedEvent, ["id", *content, *live_fields]),
        "byline": Table(Byline, byline_columns),
        "live_byline": Table(PublishedByline, byline_columns),
        "event_topic": Table(Event.topics.through, event_topic_columns),
        "event_timeline": Table(Event.timeline.through, event_timeline_columns),
        "live_topic": Table(PublishedEvent.topics.through, live_topic_columns),
        "live_timeline": Table(PublishedEvent.timeline.through, live_timeline_columns),
        "event_history": Table(
            history[Event], ["id", *content, "status", "created_at", *history_fields]
        ),
        "live_history": Table(
            history[PublishedEvent], ["id", *content, *live_fields, *history_fields]
        ),
        "event_history_byline": Table(
            m2m_history[Event, "authors"], [*byline_columns, "history_id"]
        ),
        "event_history_topic": Table(
            m2m_history[Event, "topics"], [*event_topic_columns, "history_id"]
        ),
        "event_history_timeline": Table(
            m2m_history[Event, "timeline"], [*event_timeline_columns, "history_id"]
        ),
        "live_history_byline": Table(
            m2m_history[PublishedEvent, "authors"], [*byline_columns, "history_id"]
        ),
        "live_history_topic": Table(
            m2m_history[PublishedEvent, "topics"], [*live_topic_columns, "history_id"]
        ),
        "live_history_timeline": Table(
            m2m_history[PublishedEvent, "timeline"], [*live_timeline_columns, "history_id"]
        ),
        # What events.search.index writes; on SQLite the FTS5 triggers follow these inserts.
        "search": Table(SearchDocument, ["event_id", "title", "dek", "body", "names"]),
    }
    add = {name: table.add for name, table in tables.items()}

    days = plan_days(rng, args.events, args.same_day)
    span = (LAST_CREATED - FIRST_CREATED).total_seconds()
    created = sorted(
        FIRST_CREATED + timedelta(seconds=rng.random() * span) for _ in range(args.events)
    )
    adapt = connection.ops.adapt_datetimefield_value
    published = Event.Status.PUBLISHED.value
    draft = Event.Status.DRAFT.value
    kinds = PublishedEvent.ChangeKind
    slugs = set()
    by_topic = defaultdict(list)
    topic_counts = Counter()
    author_counts = Counter()
    ids = Counter()  # the last id used, per table
    most_revised_id = args.events
    clock.lap("planning")

    def next_id(name):
        ids[name] += 1
        return ids[name]

    def make_event(index):
        event_id = index + 1
        month, day = days[index]
        year = pick_year(rng, month, day)
        revisions = args.most_revised if event_id == most_revised_id else args.revisions
        title = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"in {rng.choice(PLACES)}"
        )
        slug = slugify(title)[:180]
        if slug in slugs:
            slug = f"{slug}-{abs(year)}"
        while slug in slugs:
            slug = f"{slug}-{rng.randint(2, 99)}"
        slugs.add(slug)
        dek = " ".join(sentence(rng) for _ in range(2))
        paragraphs = [paragraph(rng) for _ in range(4)]
        is_featured = rng.random() < 0.004

        draw = rng.random()
        if event_id == most_revised_id or draw < 0.05:
            authors = [rng.choice(person_ids), team.pk]
        elif draw < 0.15:
            authors = rng.sample(person_ids, 2)
        elif draw < 0.45:
            authors = [rng.choice(person_ids)]
        else:
            authors = [team.pk]
        author_counts.update(authors)
        chosen_topics = set(rng.choices(topic_ids, topic_weights, k=rng.randint(1, 2)))
        topic_counts.update(chosen_topics)
        timeline = []
        if event_id == most_revised_id or rng.random() < 0.15:
            candidates = by_topic[next(iter(chosen_topics))]
            wanted = 4 if event_id == most_revised_id else rng.randint(2, 4)
            if len(candidates) >= wanted:
                timeline = rng.sample(candidates, wanted)
        for topic_id in chosen_topics:
            by_topic[topic_id].append(event_id)

        bylines = [(next_id("byline"), pos, event_id, a) for pos, a in enumerate(authors)]
        live_bylines = [(next_id("live_byline"), p, event_id, a) for _i, p, _e, a in bylines]
        event_topics = [(next_id("event_topic"), event_id, tid) for tid in chosen_topics]
        live_topics = [(next_id("live_topic"), event_id, tid) for tid in chosen_topics]
        event_timeline = [(next_id("event_timeline"), event_id, to) for to in timeline]
        live_timeline = [(next_id("live_timeline"), event_id, to) for to in timeline]

        chronology = chronology_key(year, month, day, title, event_id)
        created_at = created[index]
        published_at = created_at + timedelta(seconds=rng.uniform(3600, 3 * 86400))
        later = sorted(
            published_at + (GENERATED_UNTIL - published_at) * rng.random()
            for _ in range(revisions - 2)
        )
        created_at_db = adapt(created_at)
        published_at_db = adapt(published_at)

        def content_row():
            return (
                title, slug, year, month, day, dek, "\n\n".join(paragraphs),
                body_html(paragraphs), is_featured, dek, dek,
            )  # fmt: skip

        def event_revision(saved_at, status, reason, kind):
            history_id = next_id("event_history")
            user = rng.choice(editor_ids)
            row = content_row()
            add["event_history"](
                (event_id, *row, status, created_at_db, history_id, adapt(saved_at), reason, kind,
                 user)
            )  # fmt: skip
            for byline in bylines:
                add["event_history_byline"]((*byline, history_id))
            for through in event_topics:
                add["event_history_topic"]((*through, history_id))
            for through in event_timeline:
                add["event_history_timeline"]((*through, history_id))
            return history_id, user, row

        def public_version(at, revision, user, row, change_kind, note, updated_at):
            history_id = next_id("live_history")
            reason = note or kinds(change_kind).label
            history_type = "+" if change_kind == kinds.FIRST else "~"
            add["live_history"](
                (event_id, *row, published_at_db, adapt(updated_at), change_kind, note, revision,
                 event_id, chronology, history_id, adapt(at), reason, history_type, user)
            )  # fmt: skip
            for byline in live_bylines:
                add["live_history_byline"]((*byline, history_id))
            for through in live_topics:
                add["live_history_topic"]((*through, history_id))
            for through in live_timeline:
                add["live_history_timeline"]((*through, history_id))

        event_revision(created_at, draft, "First draft", "+")
        revision, user, row = event_revision(published_at, published, "Published", "~")
        public_version(published_at, revision, user, row, kinds.FIRST, "", published_at)
        change_kind, note, updated_at = kinds.FIRST, "", published_at
        for saved_at in later:
            draw = rng.random()
            if draw < 0.6:
                paragraphs[rng.randrange(len(paragraphs))] = paragraph(rng)
            elif draw < 0.8:
                dek = " ".join(sentence(rng) for _ in range(2))
            else:
                spot = rng.randrange(len(paragraphs))
                paragraphs[spot] = f"{paragraphs[spot]} {sentence(rng)}"
            revision, user, row = event_revision(saved_at, published, rng.choice(EDIT_REASONS), "~")
            live_at = saved_at + timedelta(milliseconds=rng.randint(200, 900))
            if rng.random() < 0.25:
                change_kind, note, updated_at = kinds.SUBSTANTIVE, rng.choice(UPDATE_NOTES), live_at
            else:
                change_kind, note = kinds.MINOR, ""
            public_version(live_at, revision, user, row, change_kind, note, updated_at)

        add["event"]((event_id, *row, published, created_at_db))
        add["live"](
            (event_id, *row, published_at_db, adapt(updated_at), change_kind, note, revision,
             event_id, chronology)
        )  # fmt: skip
        names = [author_names[a] for a in authors] + [topic_names[t] for t in chosen_topics]
        add["search"]((event_id, title, dek, " ".join(paragraphs), " ".join(names)))
        for name, rows in (
            ("byline", bylines), ("live_byline", live_bylines), ("event_topic", event_topics),
            ("live_topic", live_topics), ("event_timeline", event_timeline),
            ("live_timeline", live_timeline),
        ):  # fmt: skip
            for through in rows:
                add[name](through)
        return slug

    print(f"Writing {args.events} events x {args.revisions} revisions ...", flush=True)
    last_report = time.perf_counter()
    most_revised_slug = None
    with connection.cursor() as cursor:
        for start in range(0, args.events, BATCH_EVENTS):
            for index in range(start, min(start + BATCH_EVENTS, args.events)):
                slug = make_event(index)
                if index + 1 == most_revised_id:
                    most_revised_slug = slug
            with transaction.atomic():
                for table in tables.values():
                    table.flush(cursor)
            done = min(start + BATCH_EVENTS, args.events)
            if time.perf_counter() - last_report > 10 or done == args.events:
                last_report = time.perf_counter()
                history_rows = tables["event_history"].count + tables["live_history"].count
                print(
                    f"  {done:>7} events, {history_rows:>9} history rows, {clock.total:6.0f} s",
                    flush=True,
                )
        clock.lap("events and their history")

        if connection.vendor == "postgresql":
            SearchDocument.objects.update(vector=search.VECTOR, rank_vector=search.RANK_VECTOR)
            clock.lap("search vectors")
            models = [
                Event, PublishedEvent, Byline, PublishedByline, Event.topics.through,
                Event.timeline.through, PublishedEvent.topics.through,
                PublishedEvent.timeline.through, *history.values(), *m2m_history.values(),
            ]  # fmt: skip
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            # What autovacuum would do soon anyway: measure with planner statistics in place.
            cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")

    check_sample(rng, args, most_revised_id)
    clock.lap("checks")

    busiest_day, busiest_count = Counter(days).most_common(1)[0]
    manifest = {
        "database": benchdb.database_url(),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "events": args.events,
        "revisions": args.revisions,
        "seed": args.seed,
        "busy_day": list(BUSY_DAY),
        "busy_day_events": days.count(BUSY_DAY),
        "busiest_day": list(busiest_day),
        "busiest_day_events": busiest_count,
        "most_revised": {"slug": most_revised_slug, "revisions": args.most_revised},
        "team": {"slug": team.slug, "events": author_counts[team.pk]},
        "largest_topic": {
            "slug": next(t.slug for t in topics if t.pk == topic_counts.most_common(1)[0][0]),
            "events": topic_counts.most_common(1)[0][1],
        },
        "rows": {table.name: table.count for table in tables.values()},
        "seconds": {**clock.laps, "total": round(clock.total, 1)},
    }
    manifest_file = benchdb.manifest_path()
    manifest_file.parent.mkdir(parents=True, exist_ok=True)  # var/ on a fresh clone
    manifest_file.write_text(json.dumps(manifest, indent=2) + "\n")
    history_rows = tables["event_history"].count + tables["live_history"].count
    m2m_rows = sum(
        table.count
        for name, table in tables.items()
        if name.startswith(("event_history_", "live_history_"))
    )
    print(
        f"Done in {clock.total:.0f} s: {args.events} events, {history_rows} history rows "
        f"(+{m2m_rows} many-to-many history rows). "
        f"{BUSY_DAY[0]}/{BUSY_DAY[1]} has {manifest['busy_day_events']} events; the busiest day, "
        f"{busiest_day[0]}/{busiest_day[1]}, has {busiest_count}.\n"
        f"Manifest: {benchdb.manifest_path()}",
        flush=True,
    )
    path = benchdb.sqlite_path(benchdb.database_url())
    if path is not None:
        print(f"Database file: {path.stat().st_size / 1e9:.2f} GB", flush=True)


def check(condition, message):
    if not condition:
        sys.exit(f"Check failed: {message}")


def check_sample(rng, args, most_revised_id):
    """Read a sample back through the models: valid rows, live equal to the latest revision."""
    from events.models import CONTENT_FIELDS, Event, PublishedEvent
    from events.rendering import render_markdown

    sample = {most_revised_id, *rng.sample(range(1, args.events + 1), min(50, args.events))}
    events = Event.objects.with_publishing_state().filter(pk__in=sample)
    for event in events:
        event.full_clean()
        live = event.live
        live.full_clean(exclude=["event", "timeline", "authors", "topics"])
        check(not event.has_unpublished_changes, f"{event.slug} has unpublished changes")
        check(event.body_html == render_markdown(event.body), f"{event.slug} body_html")
        for name in CONTENT_FIELDS:
            check(getattr(live, name) == getattr(event, name), f"{event.slug} live {name}")
        bylines = [(b.author_id, b.position) for b in event.bylines.all()]
        check(bylines == [(b.author_id, b.position) for b in live.bylines.all()], "bylines")
        versions = live.history.order_by("history_id")
        first, latest = versions.first(), versions.last()
        check(first.change_kind == PublishedEvent.ChangeKind.FIRST, "first version kind")
        check(first.history_date == live.published_at, "Published is the first version's date")
        check(latest.published_revision == live.published_revision, "latest public version")
        check(set(latest.topics.values_list("topic_id", flat=True)) == set(
            live.topics.values_list("pk", flat=True)), "topics in history")  # fmt: skip
        substantive = versions.filter(change_kind=PublishedEvent.ChangeKind.SUBSTANTIVE).last()
        expected = substantive.history_date if substantive else live.published_at
        check(live.updated_at == expected, f"{event.slug} Last Updated")
    check(len(events) == len(sample), "sample events exist")
    revisions = Event.history.filter(id=most_revised_id).count()
    check(revisions == args.most_revised, f"most revised article has {revisions} revisions")
    check_publishing(most_revised_id)


def check_publishing(event_id):
    """Editing and publishing through the app still work on the generated rows (rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from events.models import Event
    from events.publishing import publish

    editor = get_user_model().objects.get(username="bench.editor1")
    with transaction.atomic():
        event = Event.objects.get(pk=event_id)
        versions = event.live.history.count()
        event.dek += " Checked again."
        event._history_user = editor
        event._change_reason = "Bench check"
        event.save()
        live = publish(event, by=editor, substantive=True, note="Bench check.")
        latest = event.history.order_by("-history_id").values_list("history_id", flat=True)[0]
        check(live.published_revision == latest, "publish() copies the latest revision")
        check(live.history.count() == versions + 1, "publish() adds one public version")
        check(live.updated_at > live.published_at, "a substantive update moves Last Updated")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
