"""Typographic quotes and dashes for plain-text titles (the Markdown fields get them on render)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

_RULES = [
    (re.compile(r"---"), "\u2014"),
    (re.compile(r"(?<=\d)-(?=\d)"), "\u2013"),
    (re.compile(r"--"), "\u2013"),
    (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),
    # An apostrophe before a decade or a clipped word: ’60s, ’tis.
    (re.compile(r"'(?=\d0s\b|tis\b|twas\b)"), "\u2019"),
    (re.compile(r"(^|[\s(\[\u2014\u2013-])'"), "\\1\u2018"),
    (re.compile(r"'"), "\u2019"),
    (re.compile(r'(^|[\s(\[\u2014\u2013-])"'), "\\1\u201c"),
    (re.compile(r'"'), "\u201d"),
]


def smarten(text):
    """“Curly” quotes, ’ apostrophes, – between numbers and — for three hyphens."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


@register.filter(is_safe=True)
def typographic(value):
    """Escape as usual, with typographic quotes and dashes; the stored text stays as typed."""
    return mark_safe(conditional_escape(smarten(str(value))))  # noqa: S308
