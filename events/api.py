"""The read-only JSON API: what happened on a day (in the shape of Wikimedia's On This Day feed)
and one article with its public version log. Published articles only, like every public page.

Responses are cacheable, carry an ``ETag`` (a matching ``If-None-Match`` gets 304), and may be
read from any origin (CORS). Errors are JSON too, with the HTTP status in the body.
"""

import functools
import hashlib
import re

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from images.renditions import WIDTHS, fitting

from .calendar import day_exists
from .models import PublishedEvent
from .page_meta import absolute_url, iso_datetime

MAX_AGE = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class ApiError(Exception):
    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def api_view(view):
    """JSON in and out, CORS for reading, ETag and 304, and JSON errors instead of HTML."""

    @csrf_exempt  # Nothing here changes state; a POST is answered 405, not 403.
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in {"GET", "HEAD"}:
            response = _error(405, f"Only {ALLOWED_METHODS} are allowed here.")
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                response = _json(view(request, *args, **kwargs))
            except ApiError as error:
                response = _error(error.status, error.detail)
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    return wrapper


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status, detail):
    return _json({"status": status, "detail": detail}, status=status)


@api_view
def onthisday(request, month, day):
    """``{"events": [{"text", "year", "pages": [...]}]}``, newest year first; BC years negative."""
    if not (re.fullmatch(r"\d{1,2}", month) and re.fullmatch(r"\d{1,2}", day)):
        raise ApiError(400, "Give the day as /api/onthisday/MM/DD/, e.g. /api/onthisday/01/15/.")
    month, day = int(month), int(day)
    if not day_exists(month, day):
        raise ApiError(400, f"{month:02d}/{day:02d} is not a day of the year.")
    events = PublishedEvent.objects.on_day(month, day).newest_first().for_listing().with_byline()
    return {
        "events": [
            {"text": event.title, "year": event.year, "pages": [_page(event)]} for event in events
        ]
    }


@api_view
def event_detail(request, slug):
    """One live article, its authors and topics, and every public version's permanent link."""
    event = (
        PublishedEvent.objects.with_author_details().prefetch_related("topics").filter(slug=slug)
    ).first()
    if event is None:
        if PublishedEvent.history.filter(slug=slug, history_type="-").exists():
            raise ApiError(410, "This article has been withdrawn.")
        raise ApiError(404, "No published article has this slug.")
    versions = (
        event.history.exclude(history_type="-")
        .only("history_id", "history_date", "change_kind", "change_note")
        .order_by("-history_date", "-history_id")
    )
    return {
        **_page(event),
        "body_html": event.body_html,
        "topics": [
            {"name": topic.name, "slug": topic.slug, "url": absolute_url(topic.get_absolute_url())}
            for topic in event.topics.all()
        ],
        "versions": [
            {
                "id": version.history_id,
                "url": absolute_url(
                    reverse(
                        "events:version",
                        args=[event.month, event.day, event.slug, version.history_id],
                    )
                ),
                "date": iso_datetime(version.history_date),
                "kind": version.change_kind,
                "kind_label": PublishedEvent.ChangeKind(version.change_kind).label,
                "note": version.change_note,
            }
            for version in versions
        ],
    }


def _page(event):
    """An article as a page of Wikimedia's feed, plus its dates and authors."""
    url = absolute_url(event.get_absolute_url())
    urls = {
        "page": url,
        "revisions": absolute_url(
            reverse("events:version_list", args=[event.month, event.day, event.slug])
        ),
    }
    page = {
        "type": "standard",
        "title": event.slug,
        "displaytitle": event.title,
        "normalizedtitle": event.title,
        "pageid": event.pk,
        "extract": event.dek_text,
        "extract_html": f"<p>{event.dek_html}</p>",
        "content_urls": {"desktop": urls, "mobile": urls},
        "url": url,
        "api_url": absolute_url(reverse("events:api_event", args=[event.slug])),
        "date": event.iso_date,
        "year": event.year,
        "timestamp": iso_datetime(event.updated_at),
        "published": iso_datetime(event.published_at),
        "updated": iso_datetime(event.updated_at),
        "authors": [
            {
                "name": byline.author.name,
                "type": byline.author.kind,
                "url": absolute_url(byline.author.get_absolute_url()),
            }
            for byline in event.bylines.all()
        ],
    }
    if event.hero_image:
        for name, width in [("thumbnail", 320), ("originalimage", WIDTHS[-1])]:
            address, width, height = fitting(event.hero_image, width)
            page[name] = {
                "source": absolute_url(address),
                "width": width,
                "height": height,
                "alt": event.hero_image.alt,
            }
    return page
