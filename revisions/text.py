"""Text as stored by every tracked model."""

from django.db import models


def normalize_line_endings(instance):
    """Store text with ``\\n`` line endings only.

    Browsers send textareas with CRLF; without this, saving an article unchanged would record a
    change nobody can see.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))
