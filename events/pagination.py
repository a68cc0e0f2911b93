"""Oldest-first lists of live articles that cost the same on every page (keyset pagination).

A page is found from the article just before it (``?after=<slug>``) or just after it
(``?before=<slug>``) through ``PublishedEvent.chronology``, never by counting past the pages
before it, so the 500th page of a 60,000-article author costs what the first does.

How the rows are found depends on how many the list holds. A large list (most articles carry
the team's byline) walks the articles in ``chronology`` order and keeps its own, stopping after
a page: the denser the list, the fewer it reads. A small list takes its own rows, at most
``SMALL_LIST`` of them, and sorts them. Either way no page reads more than a few thousand rows.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef

from .models import PublishedEvent

PER_PAGE = 20
SMALL_LIST = 2000


@dataclass
class Page:
    object_list: list
    count: int
    earlier: str | None  # the slug to ask ``before=`` for, when there are earlier articles
    later: str | None  # the slug to ask ``after=`` for, when there are later ones
    is_first: bool
    query: str  # this page's own query string: "" on the first page

    def has_other_pages(self):
        return bool(self.earlier or self.later)


def chronological_page(memberships, event_field, *, count, request, per_page=PER_PAGE):
    """One page of the articles ``memberships`` points to by ``event_field`` (e.g. an
    author's bylines by ``event``), oldest first; ``count`` is their number. Raises
    ``UnknownStory`` when the story to page from is not live: the view sends the reader to the
    first page (an old link still leads somewhere)."""
    after, before = request.GET.get("after"), request.GET.get("before")
    events = _events(memberships, event_field, count=count).for_listing()
    if before:
        rows = list(
            events.filter(chronology__lt=_chronology_of(before)).order_by("-chronology")[
                : per_page + 1
            ]
        )
        has_earlier, has_later = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        if after:
            events = events.filter(chronology__gt=_chronology_of(after))
        rows = list(events.order_by("chronology")[: per_page + 1])
        has_earlier, has_later = bool(after), len(rows) > per_page
        rows = rows[:per_page]
    return Page(
        object_list=rows,
        count=count,
        earlier=rows[0].slug if rows and has_earlier else None,
        later=rows[-1].slug if rows and has_later else None,
        is_first=not has_earlier,
        query=urlencode({"before": before} if before else {"after": after} if after else {}),
    )


def _events(memberships, event_field, *, count):
    if count <= SMALL_LIST:
        return PublishedEvent.objects.filter(pk__in=memberships.values(event_field))
    return PublishedEvent.objects.filter(
        Exists(memberships.filter(**{event_field: OuterRef("pk")}))
    )


class UnknownStory(Exception):
    """The story a page was asked to start from is not live (withdrawn, renamed, made up)."""


def _chronology_of(slug):
    chronology = (
        PublishedEvent.objects.filter(slug=slug).values_list("chronology", flat=True).first()
    )
    if chronology is None:
        raise UnknownStory(slug)
    return chronology
