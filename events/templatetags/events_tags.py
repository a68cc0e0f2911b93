import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from history_site import fragments

from . import typography

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no string can close the script."""
    escaped = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))  # noqa: S308


@register.simple_tag(takes_context=True)
def event_items(context, events, show_dek=False, level=3):
    """The ``<li>`` of each event in a list, each rendered once and kept (``fragments``);
    not kept on previews, whose image addresses carry a reviewer's pass.

    Everything an item shows must be on its row or a ``select_related`` row (``for_listing()``),
    since only loaded rows are in the item's key."""
    return fragments.render_each(
        "events/includes/event_item.html",
        events,
        keep=context.get("keep_fragments", True),
        show_dek=show_dek,
        level=level,
    )


@register.filter
def isoformat(value):
    """A datetime in ISO 8601 with its zone and no microseconds."""
    return value.isoformat(timespec="seconds") if value else ""


@register.simple_tag
def event_date(event):
    """The event's date as a ``<time>`` element; a BC date, which HTML cannot encode, as text."""
    if event.html_date:
        return format_html(
            '<time datetime="{}">{}</time>', event.html_date, event.full_date_display
        )
    return format_html('<span class="date">{}</span>', event.full_date_display)


# The same filter as {% load typography %}, for templates that load these tags.
register.filter("typographic", typography.typographic, is_safe=True)
