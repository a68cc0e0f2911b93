"""Text hygiene shared by every app: plain line endings, no invisible control characters.

A right-to-left override pasted from another document makes a title read differently from
what was typed; nothing an editor or a reader writes needs one, Markdown included. Browsers send
textareas with CRLF line endings: stored as sent, saving an article unchanged would record a
change nobody can see.
"""

import re

from django.db import models

_CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def strip_control_characters(text):
    """Remove control and bidirectional-override characters; keep newlines and tabs."""
    return _CONTROL_CHARACTERS.sub("", text)


def clean_text(text):
    """``\\n`` line endings only, and no control characters."""
    return strip_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"))


class CleanText:
    """A model mixin: every text field is saved as ``clean_text`` makes it."""

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, clean_text(value))
        super().save(*args, **kwargs)
