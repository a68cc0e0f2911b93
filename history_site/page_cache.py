"""Public pages: rendered once per change, cacheable by browsers and CDNs, never stale.

A view decorated with ``public_page`` shows every reader the same page. Its response is kept
in the shared cache (Redis in production) under the request's address and the local date, with
the *generation* it was rendered in. ``public_pages_changed()`` starts a new generation after
the transaction commits, so every process serves the change at once, and asks the front cache
(``FRONT_CACHE_PURGE_URL``) to drop the addresses named. The publishing operations and the
models readers see (topics, authors) call it; nothing expires by time.

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
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
# A page is kept while its generation is current; this only bounds what a lost invalidation
# (the cache down during a publish, then back with its old data) could leave behind.
SAFETY_TIMEOUT = 24 * 60 * 60
PURGE_TIMEOUT_SECONDS = 2
CACHED_STATUSES = {200}


def public_page(view):
    """Serve ``view`` from the page cache, with validators and public Cache-Control.

    A response that set a cookie or read the session is personal: it is sent as rendered,
    ``private, no-store``, and never kept.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _page_key(request) if settings.PUBLIC_PAGE_CACHE else None
        generation, cached = _cached(key) if key else (current_generation(), None)
        if cached is not None:
            response = _rebuild(cached)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if _is_personal(request, response):
                patch_cache_control(response, private=True, no_store=True)
                return response
            if response.status_code in CACHED_STATUSES and not response.streaming:
                _set_validators(response, generation)
                if key:
                    _keep(key, generation, response)
        if response.status_code in CACHED_STATUSES:
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=_last_modified_timestamp(response),
                response=response,
            )
        _patch_public_cache_control(response)
        return response

    return wrapper


def public_pages_changed(*paths):
    """What readers see has changed: after commit, every cached page is out of date and the
    front cache is asked to drop ``paths`` (the addresses known to show the change)."""
    transaction.on_commit(functools.partial(_new_generation, paths))


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


@functools.cache
def code_version():
    """A digest of the templates and code, so a deployment never serves pages made by the last."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for app in sorted(("history_site", "events", "editorial", "newsletter", "revisions")):
        for path in sorted((root / app).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".xml"} and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _page_key(request):
    """One entry per address and local date: what changes by the day never outlives it."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    today = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{code_version()}|{today}|{address}".encode()).hexdigest()
    return f"public-page:{digest}"


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


def _keep(key, generation, response):
    if generation is None:
        return
    page = {
        "generation": generation,
        "status": response.status_code,
        "headers": list(response.items()),
        "content": response.content,
    }
    try:
        cache.set(key, page, timeout=SAFETY_TIMEOUT)
    except Exception:
        logger.warning("Page cache unavailable: page not kept", exc_info=True)


def _rebuild(page):
    response = HttpResponse(page["content"], status=page["status"])
    for name, value in page["headers"]:
        response[name] = value
    return response


def _set_validators(response, generation):
    """ETag from the bytes; Last-Modified from the last change readers can see, or midnight
    (the citation's Date Accessed changes then), whichever is later."""
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    changed = generation / 1e9 if generation else time.time()
    response["Last-Modified"] = http_date(max(changed, midnight.timestamp()))


def _last_modified_timestamp(response):
    return parse_http_date_safe(response.get("Last-Modified", ""))


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
