"""Site search over the published articles: PostgreSQL full-text search, or FTS5 on SQLite.

The index is one ``SearchDocument`` per live article, written by ``index(live)``, which the
publishing operations call after every publish and correction; unpublishing deletes the live row
and its document with it. A reader's query is parsed here, once, into words, phrases, exclusions
and a date (a year, a BC year, a day of the year), and the same parsed query is turned into an
FTS5 expression or a PostgreSQL ``tsquery``, so both engines answer the same question and the
results page is the same on both. Words reach either engine only as quoted tokens of letters and
digits, so no input can be read as query syntax.
"""

import dataclasses
import re
import unicodedata
from functools import cached_property, reduce
from operator import and_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.cache import cache
from django.db import connection
from django.db.models import F, FloatField, Max, Min, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .calendar import MONTH_NAMES, day_exists, format_year
from .models import PublishedByline, PublishedEvent, SearchDocument, Topic
from .rendering import plain_text

MAX_QUERY_LENGTH = 200
# A search lists at most this many results; past it, the page says "more than".
MAX_RESULTS = 1000
MAX_TERMS = 12
CONFIG = "english"
FTS_TABLE = "events_searchdocument_fts"
# bm25 weights for FTS5's columns (title, dek, body, names), in the order PostgreSQL weighs its
# A, B, C, D: a word in the title counts most, then the summary, then the body.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 0.5)
# What ranking reads: title, summary and names, small and stored inline (ranking by the whole
# vector meant reading each article's large, TOASTed one back). Only the articles matching the
# query in it are ranked; body-only matches follow them.
RANK_VECTOR = (
    SearchVector("title", weight="A", config=CONFIG)
    + SearchVector("dek", weight="B", config=CONFIG)
    + SearchVector("names", weight="D", config=CONFIG)
)
# What matching reads: the same, then the body. The body comes last so that every word keeps
# its position from RANK_VECTOR, and a phrase found there is found here too, without reading
# this vector back to check it.
VECTOR = RANK_VECTOR + SearchVector("body", weight="C", config=CONFIG)
# Highlight markers from Unicode's private use area: stripped from indexed text, so every one
# in a snippet comes from the engine, and swapped for <mark> after escaping.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 30
# PostgreSQL's English stop words. Dropped from queries on both engines, so that "the moon
# landing" means the same on FTS5 (which indexes every word) as on PostgreSQL (which ignores them).
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own s same she should so some such t than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with you your yours yourself yourselves""".split()  # noqa: SIM905
)

_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)", re.IGNORECASE),
]
_BC_YEAR = re.compile(r"\b(?P<year>\d{1,4})\s*(?:B\.?C\.?E?\.?)(?!\w)", re.IGNORECASE)
_AD_YEAR = re.compile(
    r"(?:\b(?:A\.?D\.?|C\.?E\.?)\s*(?P<year>\d{1,4})\b)|(?:\b(?P<year2>\d{1,4})\s*(?:A\.?D\.?|C\.?E\.?)(?!\w))",
    re.IGNORECASE,
)
_PLAIN_YEAR = re.compile(r"(?<![\w-])(?P<year>\d{3,4})(?!\w)")
_PHRASE = re.compile(r'"([^"]*)"?')
_WORD = re.compile(r"[^\W_]+")


@dataclasses.dataclass
class Query:
    """A reader's query, understood: what to match in the text, and which date to keep."""

    words: list = dataclasses.field(default_factory=list)
    prefixes: list = dataclasses.field(default_factory=list)
    phrases: list = dataclasses.field(default_factory=list)
    excluded: list = dataclasses.field(default_factory=list)
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def has_text(self):
        return bool(self.words or self.prefixes or self.phrases)

    @property
    def has_date(self):
        return self.year is not None or self.month is not None

    def fts5(self):
        """The query as an FTS5 expression: every token double-quoted, so never syntax."""
        units = [f'"{word}"' for word in self.words]
        units += [f'"{word}"*' for word in self.prefixes]
        units += ['"' + " ".join(phrase) + '"' for phrase in self.phrases]
        expression = " AND ".join(units)
        for phrase in self.excluded:
            expression = f'({expression}) NOT "{" ".join(phrase)}"'
        return expression

    def tsquery(self, *, with_exclusions=True):
        """The query as PostgreSQL ``SearchQuery`` objects combined with & and ~."""
        parts = [SearchQuery(word, search_type="plain", config=CONFIG) for word in self.words]
        # A prefix goes in raw tsquery syntax; the word is letters and digits only.
        parts += [
            SearchQuery(f"{word}:*", search_type="raw", config=CONFIG) for word in self.prefixes
        ]
        parts += [
            SearchQuery(" ".join(phrase), search_type="phrase", config=CONFIG)
            for phrase in self.phrases
        ]
        query = reduce(and_, parts)
        for phrase in self.excluded if with_exclusions else []:
            query &= ~SearchQuery(" ".join(phrase), search_type="phrase", config=CONFIG)
        return query


def clean_query(text):
    """The query with control characters dropped and spaces collapsed, cut to a sane length."""
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cs", "Co", "Zl", "Zp"} else char
        for char in text[: MAX_QUERY_LENGTH * 4]
    )
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def parse(text):
    """Read words, "phrases", -exclusions, prefix* and a date out of a cleaned query."""
    query = Query()
    phrases = [match.group(1) for match in _PHRASE.finditer(text)]
    rest = _PHRASE.sub(" ", text)
    rest = _take_date(query, rest)
    for phrase in phrases:
        words = _words(phrase)
        if words:
            query.phrases.append(words)
    for chunk in rest.split():
        is_excluded = chunk.startswith("-")
        is_prefix = chunk.endswith("*")
        words = _words(chunk, keep_stop_words=len(_WORD.findall(chunk)) > 1)
        if not words:
            continue
        if is_excluded:
            query.excluded.append(words)
        elif len(words) > 1:
            query.phrases.append(words)
        elif is_prefix:
            query.prefixes.append(words[0])
        else:
            query.words.append(words[0])
    # Long queries are cut to a number of terms either engine answers quickly.
    budget = MAX_TERMS
    for name in ["phrases", "words", "prefixes", "excluded"]:
        items = getattr(query, name)[:budget]
        setattr(query, name, items)
        budget -= len(items)
    return query


def _words(text, *, keep_stop_words=True):
    words = [word.casefold() for word in _WORD.findall(text)]
    if not keep_stop_words or len(words) == 1:
        words = [word for word in words if word not in STOP_WORDS]
    return words


def _take_date(query, text):
    """Move a day ("July 20", "20 July") and a year ("1969", "44 BC", "AD 79") into ``query``."""
    for pattern in _DAY_PATTERNS:
        match = pattern.search(text)
        if match:
            month = _MONTHS[match.group("month").casefold()]
            day = int(match.group("day"))
            if day_exists(month, day):
                query.month, query.day = month, day
                text = text[: match.start()] + " " + text[match.end() :]
                break
    for pattern, sign in [(_BC_YEAR, -1), (_AD_YEAR, 1), (_PLAIN_YEAR, 1)]:
        match = pattern.search(text)
        if match:
            year = int(match.group("year") or match.group("year2"))
            if year > 0:
                query.year = sign * year
                text = text[: match.start()] + " " + text[match.end() :]
                break
    return text


def century_range(century):
    """The years of a century: 20 is 1901-2000, -1 (1st century BC) is 100 BC-1 BC."""
    if century > 0:
        return (century - 1) * 100 + 1, century * 100
    return century * 100, (century + 1) * 100 - 1


def century_label(century):
    number = abs(century)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} century{' BC' if century < 0 else ''}"


def century_of(year):
    return (year + 99) // 100 if year > 0 else -((-year + 99) // 100)


def centuries():
    """(number, label) for every century that has a published article, newest first."""
    span = cache.get("events.search.centuries")
    if span is None:
        bounds = PublishedEvent.objects.aggregate(first=Min("year"), last=Max("year"))
        span = (bounds["first"], bounds["last"])
        cache.set("events.search.centuries", span, 3600)
    if span[0] is None:
        return []
    first, last = century_of(span[0]), century_of(span[1])
    return [(c, century_label(c)) for c in range(last, first - 1, -1) if c != 0]


@dataclasses.dataclass
class Hit:
    event: PublishedEvent
    snippet_html: str


class Search:
    """One search request: the query as typed, what it was understood as, and its results."""

    def __init__(self, params):
        self.query_text, self.was_shortened = clean_query(params.get("q", ""))
        self.query = parse(self.query_text)
        slug = params.get("topic", "")
        self.topic = (
            Topic.objects.filter(slug=slug).first() if re.fullmatch(r"[-\w]{1,100}", slug) else None
        )
        century = params.get("century", "")
        self.century = int(century) if re.fullmatch(r"-?\d{1,2}", century) else None
        if self.century == 0:
            self.century = None

    @property
    def scope_display(self):
        """What the results are limited to, as words: " on July 20 in 44 BC about War"."""
        parts = []
        if self.query.month is not None:
            parts.append(f" on {MONTH_NAMES[self.query.month - 1].capitalize()} {self.query.day}")
        if self.query.year is not None:
            parts.append(f" in {format_year(self.query.year)}")
        if self.topic:
            parts.append(f" about {self.topic.name}")
        if self.century:
            parts.append(f" from the {century_label(self.century)}")
        if self.query.has_text:
            parts.append(f" matching “{self.query_text}”")
        return "".join(parts)

    @property
    def is_empty(self):
        return not (self.query.has_text or self.query.has_date or self.topic or self.century)

    @property
    def is_filtered(self):
        return bool(self.topic or self.century or self.query.has_date)

    def filtered(self):
        """The live articles the filters and the query's date allow."""
        events = PublishedEvent.objects.all()
        if self.topic:
            events = events.filter(topics=self.topic)
        if self.century:
            first, last = century_range(self.century)
            events = events.filter(year__gte=first, year__lte=last)
        if self.query.year is not None:
            events = events.filter(year=self.query.year)
        if self.query.month is not None:
            events = events.filter(month=self.query.month, day=self.query.day)
        return events

    def results(self):
        if self.is_empty:
            return []
        if not self.query.has_text:
            return DateResults(self.filtered())
        if connection.vendor == "postgresql":
            return PostgresResults(self.query, self.filtered(), is_filtered=self.is_filtered)
        return SqliteResults(self.query, self.filtered(), is_filtered=self.is_filtered)


def _listing(ids):
    events = PublishedEvent.objects.for_listing().with_byline().in_bulk(ids)
    return [events[pk] for pk in ids if pk in events]


def _highlight(text):
    return mark_safe(  # noqa: S308 - escaped first; only our markers become tags
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


class Results:
    """What the paginator reads: at most ``MAX_RESULTS`` matches, and whether there are more.

    Counting every match of a word in most articles cost as much as ranking them, and any page
    of them could be asked for; no reader pages through 1,000 results, so counting and paging
    stop there, and the page says "more than".
    """

    @cached_property
    def _total(self):
        return self._count_up_to(MAX_RESULTS + 1)

    def count(self):
        return min(self._total, MAX_RESULTS)

    @property
    def has_more(self):
        return self._total > MAX_RESULTS


class DateResults(Results):
    """Everything on a date, century or topic, oldest first, each with its summary."""

    def __init__(self, events):
        self.events = events.chronological()

    def _count_up_to(self, limit):
        return self.events.values("pk")[:limit].count()

    def __getitem__(self, page):
        ids = list(self.events.values_list("pk", flat=True)[page])
        return [Hit(event, mark_safe(event.dek_html)) for event in _listing(ids)]  # noqa: S308


class SqliteResults(Results):
    """FTS5 over the document table: ranked by bm25 with the column weights above."""

    def __init__(self, query, events, *, is_filtered):
        self.expression = query.fts5()
        self.events = events
        self.is_filtered = is_filtered

    def _where(self):
        # "+rowid" keeps the filter away from FTS5, which would otherwise run the full-text
        # query once for every candidate row instead of once in all.
        if not self.is_filtered:
            return f"{FTS_TABLE} MATCH %s", [self.expression]
        ids_sql, ids_params = self.events.values("pk").query.sql_with_params()
        return (
            f"{FTS_TABLE} MATCH %s AND +rowid IN ({ids_sql})",
            [self.expression, *ids_params],
        )

    def _count_up_to(self, limit):
        where, params = self._where()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {where} LIMIT %s)",  # noqa: S608
                [*params, limit],
            )
            return cursor.fetchone()[0]

    def __getitem__(self, page):
        where, params = self._where()
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {where} "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}, {weights}), rowid LIMIT %s OFFSET %s",
                [*params, page.stop - page.start, page.start],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                return []
            marks = f"'{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS}"
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, 1, {marks}), "  # noqa: S608
                f"snippet({FTS_TABLE}, 2, {marks}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({', '.join(['%s'] * len(ids))})",
                [self.expression, *ids],
            )
            snippets = {row[0]: _best_snippet(row[1], row[2]) for row in cursor.fetchall()}
        return [Hit(event, _highlight(snippets.get(event.pk, ""))) for event in _listing(ids)]


class PostgresResults(Results):
    """``tsvector @@ tsquery`` on the GIN-indexed vector; title and summary matches ranked.

    Ranking every match of a common word meant ``ts_rank`` over tens of thousands of rows. Only
    the articles whose title, summary or names match the whole query are ranked (found through
    the GIN index on ``rank_vector``); the body-only matches, which ``ts_rank`` scored alike and
    so ordered by id anyway, follow them by id, read from the primary key until the page is full.
    """

    def __init__(self, query, events, *, is_filtered):
        self.tsquery = query.tsquery()
        # ts_rank scores "a & !b" by pairs of its words, b among them, and b is never there:
        # every article scored alike. What is ranked is what the reader asked to find.
        self.rank_tsquery = query.tsquery(with_exclusions=False)
        # A document exists only for a live article: without a filter, no join to the live table.
        documents = SearchDocument.objects.all()
        if is_filtered:
            documents = documents.filter(event__in=events)
        self.matches = documents.filter(vector=self.tsquery)
        # RANK_VECTOR is the start of VECTOR, so what matches in it matches in all, unless the
        # body holds a word the reader left out.
        self.ranked_matches = documents.filter(rank_vector=self.tsquery)
        if query.excluded:
            self.ranked_matches = self.ranked_matches.filter(vector=self.tsquery)

    def _count_up_to(self, limit):
        return self.matches.values("pk")[:limit].count()

    def _ranked(self, page):
        if page.stop <= page.start:  # the paginator's first page when nothing matches
            return []
        ranked = (
            self.ranked_matches.annotate(
                tier=Value(1), rank=SearchRank(F("rank_vector"), self.rank_tsquery)
            )
            .order_by("-rank", "pk")
            .values_list("pk", "tier", "rank")[: page.stop]
        )
        body_only = (
            self.matches.exclude(rank_vector=self.tsquery)
            .annotate(tier=Value(2), rank=Value(0.0, output_field=FloatField()))
            .order_by("pk")
            .values_list("pk", "tier", "rank")[: page.stop]
        )
        rows = ranked.union(body_only, all=True).order_by("tier", "-rank", "pk")[page]
        return [pk for pk, _tier, _rank in rows]

    def __getitem__(self, page):
        ids = self._ranked(page)
        if not ids:
            return []
        options = {
            "config": CONFIG,
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
            "max_words": SNIPPET_WORDS,
            "min_words": SNIPPET_WORDS // 2,
            "max_fragments": 1,
        }
        snippets = {
            row["pk"]: _best_snippet(row["dek_snippet"], row["body_snippet"])
            for row in SearchDocument.objects.filter(pk__in=ids)
            .annotate(
                dek_snippet=SearchHeadline("dek", self.tsquery, **options),
                body_snippet=SearchHeadline("body", self.tsquery, **options),
            )
            .values("pk", "dek_snippet", "body_snippet")
        }
        return [Hit(event, _highlight(snippets.get(event.pk, ""))) for event in _listing(ids)]


def _best_snippet(dek, body):
    """The summary if the query matched it, else the body's best passage, else the summary."""
    if MARK_START in (dek or ""):
        return dek
    if MARK_START in (body or ""):
        return body
    return dek or ""


# Keeping the index in step: called by the publishing operations.


def index(live):
    """Write (or rewrite) the search document of a live article, after a publish or correction."""
    names = [byline.author.name for byline in live.bylines.select_related("author")]
    names += [topic.name for topic in live.topics.all()]
    SearchDocument.objects.update_or_create(
        event=live,
        defaults={
            "title": _indexable(live.title),
            "dek": _indexable(live.dek_text),
            "body": _indexable(plain_text(live.body_html)),
            "names": _indexable(" ".join(names)),
        },
    )
    if connection.vendor == "postgresql":
        # SearchDocument is not a tracked model: update() records nothing and needs nothing.
        SearchDocument.objects.filter(pk=live.pk).update(vector=VECTOR, rank_vector=RANK_VECTOR)
    cache.delete("events.search.centuries")


def index_names(events, *, chunk=500):
    """Rewrite the byline and topic names in the documents of ``events`` (live articles), after
    an author or a topic is renamed: in chunks, names only, without reading the bodies."""
    ids = list(events.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        batch = ids[start : start + chunk]
        names = {pk: [] for pk in batch}
        bylines = PublishedByline.objects.filter(event__in=batch).order_by(
            "event", "position", "id"
        )
        for event_id, name in bylines.values_list("event_id", "author__name"):
            names[event_id].append(name)
        topics = PublishedEvent.topics.through.objects.filter(publishedevent__in=batch)
        for event_id, name in topics.order_by("topic__name").values_list(
            "publishedevent_id", "topic__name"
        ):
            names[event_id].append(name)
        documents = list(SearchDocument.objects.filter(pk__in=batch).only("pk"))
        for document in documents:
            document.names = _indexable(" ".join(names[document.pk]))
        SearchDocument.objects.bulk_update(documents, ["names"])
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk__in=batch).update(
                vector=VECTOR, rank_vector=RANK_VECTOR
            )


def rebuild():
    """Index every live article again (after a bulk load)."""
    SearchDocument.objects.exclude(event__in=PublishedEvent.objects.all()).delete()
    count = 0
    for live in PublishedEvent.objects.prefetch_related("topics").iterator(chunk_size=500):
        index(live)
        count += 1
    return count


def _indexable(text):
    return text.replace(MARK_START, "").replace(MARK_END, "")
