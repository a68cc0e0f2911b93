"""Parts of pages that are the same for every reader, rendered once and then kept.

A list of twenty or two hundred articles is mostly the same items, page after page: each item
is rendered once, kept in the shared cache under a digest of everything it shows, and a list is
then a single ``get_many`` and a join. Nothing is invalidated: an edit changes what an item
shows, so it looks for a new key, and the old entry ages out. Only the items changed since the
last render are rendered again, so the first reader after a publish does not pay for the whole
page either (the page cache, in front, is emptied by every publish).

When the cache server is down, every item is rendered: slower, never an error.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import models
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from .page_cache import code_version, page_address

logger = logging.getLogger(__name__)

# Entries are found by what they show, so this only bounds how long an unused one is kept.
FRAGMENT_TIMEOUT = 7 * 24 * 60 * 60


def render_each(template_name, objects, *, keep=True, **context):
    """``template_name`` rendered for each object (as ``item``, with ``context``), joined.

    An item's key is a digest of its row's loaded fields and those of the rows it has loaded
    with it (``select_related``), so it changes whenever anything the item can show changes.
    ``keep=False`` (previews) renders each item without keeping it.
    """
    objects = list(objects)
    if not objects:
        return ""
    template = get_template(template_name)
    kind = (code_version(), template_name, sorted(context.items()))
    keys = [_key(kind, item) for item in objects]
    kept = _kept(keys) if keep else None
    parts, rendered = [], {}
    for key, item in zip(keys, objects, strict=True):
        html = kept.get(key) if kept else None
        if html is None:
            html = rendered.get(key) or template.render({"item": item, **context})
            rendered[key] = html
        parts.append(html)
    if rendered and kept is not None:
        _keep(rendered)
    return mark_safe("".join(parts))  # noqa: S308 (each part is a rendered, escaped template)


def render_once(name, dependencies, render, *, keep=True):
    """The HTML ``render()`` makes, kept under ``name`` and a digest of ``dependencies``, which
    must include everything the HTML shows (the ``{% fragment %}`` tag names them in place).
    ``keep=False`` (previews of unsaved text) renders without keeping."""
    if not keep:
        return render()
    key = _key((code_version(), name), dependencies)
    kept = _kept([key])
    if kept and key in kept:
        return kept[key]
    html = render()
    if kept is not None:
        _keep({key: html})
    return html


def render_page(request, name, stamps, describe, *, keep=True):
    """A public page whose head and content are rendered once per distinct ``stamps`` and
    kept; only the site's shell (header, navigation, footer) is rendered on every request.

    ``stamps`` are cheap values the view reads on every request that change whenever anything
    the page shows changes (``events.stamps``, and the local date for what changes by the
    day); the page's address (``page_cache.page_address``: pages carry absolute addresses,
    forms name the page they were sent from, lists read their query parameters) keys it too.
    ``describe()`` runs only when nothing is kept: it does the page's queries and returns
    (content template, context with the page's ``title`` and ``meta``). ``keep=False``
    (previews) renders without keeping.
    """

    def render_parts():
        template_name, context = describe()
        return {
            "title": context["title"],
            "head": render_to_string("includes/page_meta.html", context, request),
            "content": render_to_string(template_name, context, request),
        }

    parts = render_once(name, (page_address(request), *stamps), render_parts, keep=keep)
    return render(request, "page.html", {"kept": parts})


def _kept(keys):
    """The kept entries among ``keys``, or None when the cache server is down."""
    try:
        return cache.get_many(keys)
    except Exception:  # the cache server is down: any of its client's errors
        logger.warning("Fragment cache unavailable: rendering", exc_info=True)
        return None


def _keep(entries):
    try:
        cache.set_many(entries, timeout=FRAGMENT_TIMEOUT)
    except Exception:
        logger.warning("Fragment cache unavailable: not kept", exc_info=True)


def _key(kind, value):
    shown = repr((kind, _shown_values(value)))
    return "fragment:" + hashlib.sha256(shown.encode()).hexdigest()[:40]


def _shown_values(value):
    """What a value can show: a row's loaded fields and the rows loaded with it, each item of
    a list or query (which this evaluates, as the template would), or the value itself."""
    if isinstance(value, models.Model):
        deferred = value.get_deferred_fields()
        values = [value._meta.label, value.pk]
        for field in value._meta.concrete_fields:
            if field.attname in deferred:
                continue
            values.append(getattr(value, field.attname))
            if field.is_relation and field.is_cached(value):
                related = field.get_cached_value(value)
                values.append(_shown_values(related) if related is not None else None)
        return values
    if isinstance(value, (list, tuple, models.QuerySet)):
        return [_shown_values(item) for item in value]
    return value
