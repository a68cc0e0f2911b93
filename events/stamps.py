# ruff: noqa: S608 (statements built from the models' table and column names; values are parameters)
"""Stamps of what a public page shows, read in one statement on every request.

A kept page (``history_site.fragments.render_page``) is found by stamps that change whenever
anything it shows changes, so nothing has to be invalidated and every process sees a publish
at once. They are read on every request, so they are plain SQL over indexes: the ORM takes ten
times as long to build these statements as the database takes to run them.

- A set of live articles: how many, and the latest revision published among them (as one
  number; 0 for none). Revisions only grow, so publishing one again raises it, and
  unpublishing one (or moving it to another day) lowers the count.
- One article: its latest public version (and, read with the stamps, where it is now).
- Authors, topics, images, or every live article: the latest row of their history (every
  change, deletions included, is recorded there).

    Stamps().stories_on_day(1, 15).beside_stories().read()
    Stamps(article="moon-landing").latest_version().timeline().read()  # (id, month, day, …)
"""

import functools

from django.db import connection

from editorial.models import Author
from images.models import Image

from .models import DatePrecision, PublishedEvent, Topic

SET_SIZE_BOUND = 1_000_000


def quote(name):
    return connection.ops.quote_name(name)


class Stamps:
    def __init__(self, article=None):
        """``article``: the slug of a live article the stamps are about (``latest_version``,
        ``timeline``). ``read()`` then starts with where it is now: its id, month and day
        (None if there is none)."""
        self._columns, self._params = [], []
        self._article = article
        if article is not None:
            self._columns += [_of_article(name) for name in ("id", "month", "day")]

    def stories_on_day(self, month, day):
        """The live articles of a day of the year (the day page's list)."""
        return self._stories(
            f"{_column('month')} = %s AND {_column('day')} = %s "
            f"AND {_column('date_precision')} = %s",
            [month, day, DatePrecision.DAY],
        )

    def timeline(self):
        """The live articles on the article's timeline."""
        through = PublishedEvent.timeline.through._meta
        return self._stories(
            f"{_column('event')} IN (SELECT {quote(through.get_field('event').column)} "
            f"FROM {quote(through.db_table)} "
            f"WHERE {quote(through.get_field('publishedevent').column)} = {_of_article('id')})",
            [],
        )

    def stories_of_events(self, event_pks):
        """The live articles of the working copies a query selects (an earlier version's
        timeline), given as a query of their primary keys."""
        sql, params = event_pks.query.sql_with_params()
        return self._stories(f"{_column('event')} IN ({sql})", params)

    def latest_version(self):
        """The article's latest public version."""
        self._columns.append(
            f"(SELECT MAX({quote('history_id')}) FROM {quote(_history_table(PublishedEvent))} "
            f"WHERE {quote('id')} = {_of_article('id')})"
        )
        return self

    def any_story(self):
        """Every live article: any publish, correction or unpublish anywhere."""
        return self.latest_changes(PublishedEvent)

    def beside_stories(self):
        """What lists and articles show beside the stories: bylines and teams (with their
        members, bios and photos), topic names and descriptions, images."""
        return self.latest_changes(Author, Topic, Image)

    def latest_changes(self, *models):
        """The latest history row of each model: it moves with any change to any of its rows."""
        for model in models:
            self._columns.append(
                f"(SELECT MAX({quote('history_id')}) FROM {quote(_history_table(model))})"
            )
        return self

    def read(self):
        """The stamps, in the order they were asked for."""
        sql, params = f"SELECT {', '.join(self._columns)}", self._params
        if self._article is not None:  # one row, whether or not the article exists
            sql += (
                f" FROM (SELECT 1) AS {quote('here')} LEFT JOIN {_table()} AS {quote('article')}"
                f" ON {_of_article('slug')} = %s"
            )
            params = [*params, self._article]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    def _stories(self, condition, params):
        # One number, so the set is read once: the latest revision, then how many in the last
        # six digits (a day or a timeline holds far fewer than a million stories).
        latest = f"COALESCE(MAX({_column('published_revision')}), 0)"
        self._columns.append(
            f"(SELECT {latest} * {SET_SIZE_BOUND} + COUNT(*) FROM {_table()} WHERE {condition})"
        )
        self._params.extend(params)
        return self


def _table():
    return quote(PublishedEvent._meta.db_table)


def _of_article(name):
    """A column of the article the stamps are about (``Stamps(article=…)``)."""
    return f"{quote('article')}.{_column(name)}"


def _column(name):
    return quote(PublishedEvent._meta.get_field(name).column)


@functools.cache
def _history_table(model):
    # Once per model: each access to ``model.history`` builds a manager.
    return getattr(model, model._meta.simple_history_manager_attribute).model._meta.db_table
