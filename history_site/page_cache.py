"""Public pages: rendered once per change, cacheable by browsers and CDNs, never stale.

A view decorated with ``public_page`` shows every reader the same page. Its response is kept
in the shared cache (Redis in production) under the request's address and the local date, with
the *generation* it was rendered in. ``public_pages_changed()`` starts a new generation after
the transaction commits, so every process serves the change at once, and asks the front cache
(``FRONT_CACHE_PURGE_URL``) to drop the addresses named. The publishing operations and the
models readers see (topics, authors, teams, site pages: ``ShownOnPublicPages``) call it;
nothing expires by time.

When the cache server is down the pages are rendered as if nothing were cached: slower, never
an error. See docs/decisions/0008-public-page-caching.md.
"""

import functools
import hashlib
import logging
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import compression

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
# A page is kept while its generation is current; this only bounds what a lost invalidation
# (the cache down during a publish, then back with its old data) could leave behind.
SAFETY_TIMEOUT = 24 * 60 * 60
PURGE_TIMEOUT_SECONDS = 2
CACHED_STATUSES = {200}
# The query parameters public views read. Others (utm_source, fbclid…) do not change the page,
# so they do not make a new cache entry either: a shared link hits the kept page, and made-up
# parameters cannot fill the cache. A public view that reads a new parameter must add it here.
PAGE_PARAMETERS = ("page", "p", "q", "topic", "century", "after", "before")
_UNKNOWN = object()
# The key of the PostgreSQL advisory lock changes readers see take (one_public_change_at_a_time).
PUBLIC_CHANGES_LOCK = 0x48495354


def public_page(view):
    """Mark ``view`` as showing every reader the same page: validators, public Cache-Control,
    and (through ``PublicPageCacheMiddleware``) kept in the page cache.

    A response that set a cookie or read the session is personal: it is sent as rendered,
    ``private, no-store``, and never kept.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if _is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.status_code in CACHED_STATUSES and not response.streaming:
            generation = getattr(request, "page_generation", _UNKNOWN)
            if generation is _UNKNOWN:  # no middleware asked the cache (it is turned off)
                generation = current_generation()
            _set_validators(response, generation)
            request.keep_public_page = generation
            response = _conditional(request, response)
        _patch_public_cache_control(response)
        return response

    return wrapper


class PublicPageCacheMiddleware:
    """Serves kept public pages before the rest of the stack runs, and keeps new ones.

    Only pages whose view is decorated with ``public_page`` are kept, with the headers the
    whole stack gave them (security policies included) and their compressed bodies, so a
    kept page costs one cache read. Requests with a session (editors) always go through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = _page_key(request)
        generation, page = _cached(key)
        if page is not None:
            return _respond(request, page)
        request.page_generation = generation
        response = self.get_response(request)
        if (
            generation is not None
            and getattr(request, "keep_public_page", None) == generation
            and response.status_code in CACHED_STATUSES
            and not response.streaming
            and not response.cookies
        ):
            page = _page(response, generation)
            _keep(key, page)
            return _respond(request, page)
        return response

    @staticmethod
    def _may_use_cache(request):
        return (
            settings.PUBLIC_PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        )


def public_pages_changed(*paths):
    """What readers see has changed: after commit, every cached page is out of date and the
    front cache is asked to drop ``paths`` (the addresses known to show the change)."""
    transaction.on_commit(functools.partial(_new_generation, paths))


def one_public_change_at_a_time():
    """Make this transaction's change to what readers see (a publish, an unpublish, an edit
    of an author, topic or image) wait until any other such change has committed.

    Kept pages are found by stamps that read the highest ids of history tables
    (``events.stamps``), so those ids must grow in the order the changes commit. PostgreSQL
    hands out an id when a row is inserted, not when it commits: of two overlapping changes
    the later id could commit first, and a page rendered between the two commits would be
    kept under a stamp that already counts the missing one. Taken before any row is written,
    this transaction-wide advisory lock puts them in order. SQLite lets one transaction write
    at a time anyway. Outside a transaction it orders nothing: callers hold one.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLIC_CHANGES_LOCK])


class ShownOnPublicPages(models.Model):
    """A model readers see: saving or deleting a row calls ``public_pages_changed()`` with the
    addresses that show it, ``public_paths()`` (its own page unless the model says more), after
    taking its turn among public changes (``one_public_change_at_a_time``)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        one_public_change_at_a_time()
        super().save(*args, **kwargs)
        public_pages_changed(*self.public_paths())

    def delete(self, *args, **kwargs):
        one_public_change_at_a_time()
        paths = self.public_paths()  # while the row, and what it points to, still exist
        result = super().delete(*args, **kwargs)
        public_pages_changed(*paths)
        return result

    def public_paths(self):
        return [self.get_absolute_url()]


def current_generation():
    """The generation pages are rendered in now, or None when the cache cannot be reached."""
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            generation = cache.get(GENERATION_KEY)
        return generation
    except Exception:  # the cache server is down: any of its client's errors
        logger.warning("Page cache unavailable: rendering without it", exc_info=True)
        return None


def _new_generation(paths):
    try:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.error("Could not invalidate the page cache: cache unavailable", exc_info=True)
    purge_front_cache(paths)


def purge_front_cache(paths):
    """Send HTTP PURGE for each path to ``FRONT_CACHE_PURGE_URL`` (nginx, Varnish), if set.

    A front cache that does not answer stops the purge (logged) rather than the publisher.
    """
    base = settings.FRONT_CACHE_PURGE_URL
    if not base or not paths:
        return
    host = urlsplit(settings.SITE_URL).netloc
    for path in dict.fromkeys(paths):
        request = urllib.request.Request(  # noqa: S310 (an http(s) URL from settings)
            base.rstrip("/") + path, method="PURGE", headers={"Host": host}
        )
        try:
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310
                pass
        except urllib.error.HTTPError as error:
            if error.code != 404:  # 404: the front cache did not hold that page
                logger.warning("Front cache refused to purge %s: %s", path, error)
        except OSError:
            logger.error("Front cache unreachable: purge stopped at %s", path, exc_info=True)
            return


# Settings whose values pages show: a deployment that changes one renders everything anew.
SHOWN_SETTINGS = (
    "SITE_NAME",
    "SITE_PUBLISHER",
    "SITE_URL",
    "TIME_ZONE",
    "RETENTION",
    "NEWSLETTER_CONSENT_TEXT",
    "NEWSLETTER_ELIGIBILITY_TEXT",
)


@functools.cache
def code_version():
    """A digest of the templates, the code, the static files (kept pages name them by their
    hashed addresses) and the site settings pages show, so a deployment never serves pages
    (or fragments) made by the last."""
    digest = hashlib.sha256()
    digest.update(repr([getattr(settings, name) for name in SHOWN_SETTINGS]).encode())
    root = Path(settings.BASE_DIR)
    for app in sorted(("history_site", "events", "editorial", "images", "newsletter", "revisions")):
        for path in sorted((root / app).rglob("*")):
            shown = path.suffix in {".py", ".html", ".txt", ".xml"} or "static" in path.parts
            if shown and path.is_file() and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_address(request):
    """Which public page a request asks for: its scheme, host and path, and the query
    parameters public views read (``PAGE_PARAMETERS``), whatever else the address carries."""
    parameters = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in PAGE_PARAMETERS
        for value in values
    )
    return f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"


def _page_key(request):
    """One entry per address and local date: what changes by the day never outlives it."""
    today = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{code_version()}|{today}|{page_address(request)}".encode())
    return f"public-page:{digest.hexdigest()}"


def _cached(key):
    """(current generation, the kept page if rendered in it); (None, None) if the cache is down."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception:
        logger.warning("Page cache unavailable: rendering without it", exc_info=True)
        return None, None
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return current_generation(), None
    page = found.get(key)
    if page is None or page["generation"] != generation:
        return generation, None
    return generation, page


def _page(response, generation):
    """What is kept of a complete public response: its headers and each encoding's body."""
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in {"content-length", "content-encoding", "set-cookie"}
    ]
    return {
        "generation": generation,
        "status": response.status_code,
        "headers": headers,
        "bodies": compression.encodings(response),
    }


def _keep(key, page):
    try:
        cache.set(key, page, timeout=SAFETY_TIMEOUT)
    except Exception:
        logger.warning("Page cache unavailable: page not kept", exc_info=True)


def _respond(request, page):
    encoding = compression.negotiate(request, page["bodies"])
    response = HttpResponse(page["bodies"][encoding], status=page["status"])
    for name, value in page["headers"]:
        response[name] = value
    if encoding != "identity":
        compression.mark_encoded(response, encoding)
    patch_vary_headers(response, ("Accept-Encoding",))
    return _conditional(request, response)


def _conditional(request, response):
    """304 Not Modified when the client's copy is current (ETag or Last-Modified)."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _set_validators(response, generation):
    """ETag from the bytes; Last-Modified from the last change readers can see, or midnight
    (the citation's Date Accessed changes then), whichever is later."""
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    changed = generation / 1e9 if generation else time.time()
    response["Last-Modified"] = http_date(max(changed, midnight.timestamp()))


def _is_personal(request, response):
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
    )


def _patch_public_cache_control(response):
    if response.has_header("Cache-Control") and "private" in response["Cache-Control"]:
        return
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        s_maxage=settings.PUBLIC_PAGE_S_MAXAGE,
        stale_while_revalidate=settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE,
    )
