"""Ready-to-copy citations (MLA 9, APA 7, Chicago 17, BibTeX) pointing at one exact version."""

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format


def _names(authors):
    return " and ".join(author.name for author in authors) or settings.SITE_PUBLISHER


def _bibtex_escape(text):
    for char in "\\{}%&$#_^~":
        text = text.replace(char, "\\" + char)
    return text


def citations(*, event, authors, url, accessed_on):
    site = settings.SITE_NAME
    publisher = settings.SITE_PUBLISHER
    names = _names(authors)
    updated = timezone.localtime(event.updated_at).date()
    published = timezone.localtime(event.published_at).date()
    key = "".join(ch for ch in event.slug if ch.isalnum())[:40] or "article"
    return {
        "mla": (
            f"{names}. “{event.title}.” {site}, {publisher}, "
            f"{date_format(updated, 'j N Y')}, {url}. Accessed {date_format(accessed_on, 'j N Y')}."
        ),
        "apa": (
            f"{names}. ({date_format(updated, 'Y, F j')}). {event.title}. {site}. "
            f"Retrieved {date_format(accessed_on, 'F j, Y')}, from {url}"
        ),
        "chicago": (
            f"{names}. “{event.title}.” {site}. {publisher}, "
            f"{date_format(published, 'F j, Y')}. "
            f"Last modified {date_format(updated, 'F j, Y')}. {url}."
        ),
        "bibtex": (
            f"@misc{{{key}{updated:%Y},\n"
            f"  author = {{{{{_bibtex_escape(names)}}}}},\n"
            f"  title = {{{_bibtex_escape(event.title)}}},\n"
            f"  howpublished = {{{_bibtex_escape(site)}}},\n"
            f"  publisher = {{{_bibtex_escape(publisher)}}},\n"
            f"  year = {{{updated:%Y}}},\n"
            f"  url = {{{url}}},\n"
            f"  note = {{Accessed {accessed_on:%Y-%m-%d}}}\n"
            f"}}"
        ),
    }
