import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.rendering import typographic_html

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no string can close the script."""
    escaped = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))  # noqa: S308


@register.filter
def isoformat(value):
    """A datetime in ISO 8601 with its zone and no microseconds."""
    return value.isoformat(timespec="seconds") if value else ""


@register.filter
def typographic(text):
    """Plain text such as a title with curly quotes, dashes and ellipses, escaped for HTML."""
    return typographic_html(text) if text else ""
