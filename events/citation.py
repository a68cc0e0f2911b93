"""Ready-to-copy citations (MLA 9, APA 7, Chicago 17, BibTeX) pointing at one exact version.

Each follows its guide's pattern for an article on a website:

- MLA 9: ``Last, First. "Title." Website, Publisher, 13 Nov. 2009, URL. Accessed 30 Jan. 2025.``
  Two authors "Last, First, and First Last"; three or more "Last, First, et al."; months of
  more than four letters abbreviated (Sept.).
- APA 7: ``Last, F. M. (2009, November 13). Title. Website. URL``. Up to 20 authors, "&"
  before the last; the site is left out when it is the (group) author. No retrieval date: the
  link is to a version that does not change.
- Chicago 17 (bibliography): ``Last, First. "Title." Website. Publisher, November 13, 2009.
  Last modified January 30, 2025. URL.`` Later authors "First Last", "and" before the last.

A team (or organisation) is cited by its name as it is, in every style. A person's family name
is taken as the last word of the name.
"""

import re

from django.conf import settings
from django.utils import timezone

MLA_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
LONG_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def split_name(name):
    """(given names, family name) of a person's name as written: "Ruth Abernathy"."""
    given, _, family = name.strip().rpartition(" ")
    return given, family


def inverted(author):
    """ "Abernathy, Ruth" for a person; a team as itself."""
    given, family = split_name(author.name)
    return f"{family}, {given}" if given and not author.is_team else author.name


def initials(given):
    """ "Ruth Ann" is "R. A."; "Jean-Paul" is "J.-P."."""
    return " ".join(
        "-".join(f"{part[0]}." for part in word.split("-") if part) for word in given.split()
    )


def apa_name(author):
    given, family = split_name(author.name)
    return f"{family}, {initials(given)}" if given and not author.is_team else author.name


def _end(text):
    """A name followed by the element's period, without doubling one ("Jr.", "F.")."""
    return text if text.endswith(".") else f"{text}."


def _mla_names(authors):
    if len(authors) == 1:
        return inverted(authors[0])
    if len(authors) == 2:
        return f"{inverted(authors[0])}, and {authors[1].name}"
    return f"{inverted(authors[0])}, et al"


def _apa_names(authors):
    names = [apa_name(author) for author in authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _chicago_names(authors):
    names = [inverted(authors[0])] + [author.name for author in authors[1:]]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def mla_date(day):
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


def long_date(day):
    return f"{LONG_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _bibtex_escape(text):
    for char in "\\{}%&$#_^~":
        text = text.replace(char, "\\" + char)
    return text


def _bibtex_names(authors):
    """BibTeX's "Family, Given and …"; a team in braces, so it is never split into names."""
    return " and ".join(
        f"{{{_bibtex_escape(author.name)}}}" if author.is_team else _bibtex_escape(inverted(author))
        for author in authors
    )


class _Publisher:
    """The site's publisher standing in as the author of an article without a byline."""

    is_team = True

    def __init__(self, name):
        self.name = name


def citations(*, event, authors, url, accessed_on):
    site = settings.SITE_NAME
    publisher = settings.SITE_PUBLISHER
    authors = list(authors) or [_Publisher(publisher)]
    updated = timezone.localtime(event.updated_at).date()
    published = timezone.localtime(event.published_at).date()
    title = event.title
    # A title that ends in its own question or exclamation mark takes no period after it.
    title_end = "" if title.endswith(("?", "!")) else "."
    key = re.sub(r"[^a-z0-9]", "", split_name(authors[0].name)[1].lower()) or "article"
    apa_site = "" if len(authors) == 1 and authors[0].name == site else f" {site}."
    chicago_dates = f"{long_date(published)}"
    if updated != published:
        chicago_dates += f". Last modified {long_date(updated)}"
    return {
        "mla": (
            f"{_end(_mla_names(authors))} “{title}{title_end}” {site}, {publisher}, "
            f"{mla_date(updated)}, {url}. Accessed {mla_date(accessed_on)}."
        ),
        "apa": (
            f"{_end(_apa_names(authors))} ({updated.year}, {LONG_MONTHS[updated.month - 1]} "
            f"{updated.day}). {title}{title_end}{apa_site} {url}"
        ),
        "chicago": (
            f"{_end(_chicago_names(authors))} “{title}{title_end}” {site}. {publisher}, "
            f"{chicago_dates}. {url}."
        ),
        "bibtex": (
            f"@misc{{{key}{updated.year}{event.slug.replace('-', '')[:24]},\n"
            f"  author = {{{_bibtex_names(authors)}}},\n"
            f"  title = {{{{{_bibtex_escape(title)}}}}},\n"
            f"  howpublished = {{{_bibtex_escape(site)}}},\n"
            f"  organization = {{{_bibtex_escape(publisher)}}},\n"
            f"  year = {{{updated.year}}},\n"
            f"  month = {BIBTEX_MONTHS[updated.month - 1]},\n"
            f"  url = {{{url}}},\n"
            f"  urldate = {{{accessed_on:%Y-%m-%d}}},\n"
            f"  note = {{Published {published:%Y-%m-%d}; last updated {updated:%Y-%m-%d}; "
            f"accessed {accessed_on:%Y-%m-%d}}}\n"
            f"}}"
        ),
    }
