"""Library images inside article bodies.

An editor puts ``[[image:42]]`` alone in a paragraph; the body's sanitized HTML then has
``<p>[[image:42]]</p>``, which ``expand_figures`` turns into a ``<figure>`` with the image's
responsive picture, alt text, caption and credit from the library. It runs after sanitizing, on
markup the sanitizer produced, and everything it adds comes from a template that escapes.
"""

import re

from django.template.loader import render_to_string

from .models import Image

_REFERENCE = re.compile(r"\[\[image:(\d{1,12})\]\]")
_FIGURE_PARAGRAPH = re.compile(r"<p>\s*\[\[image:(\d{1,12})\]\]\s*</p>")


def referenced_ids(text):
    """The library image ids a body refers to, in order of first appearance."""
    return list(dict.fromkeys(int(pk) for pk in _REFERENCE.findall(text or "")))


def missing_references(text):
    """Ids referred to in ``text`` that are not in the library: for the editor's form."""
    ids = referenced_ids(text)
    found = set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk not in found]


def expand_figures(html):
    """Replace each paragraph that is only an image reference by its ``<figure>``; a reference
    to an image no longer in the library is dropped."""
    ids = [int(pk) for pk in _FIGURE_PARAGRAPH.findall(html)]
    if not ids:
        return html
    images = Image.objects.in_bulk(ids)

    def figure(match):
        image = images.get(int(match[1]))
        if image is None:
            return ""
        return render_to_string(
            "images/includes/figure.html", {"image": image, "loading": "lazy"}
        ).strip()

    return _FIGURE_PARAGRAPH.sub(figure, html)
