"""Uploaded files, served by the site itself in production as in development.

Whitenoise serves the static files it finds at start-up; uploads arrive while the site runs,
so they come through this view, from the ``default`` storage, with validators and a day of
caching. A site with its media on object storage (MEDIA_S3_BUCKET) links there instead.
"""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

MEDIA_MAX_AGE = 24 * 60 * 60


@require_safe
def serve_media(request, path):
    try:
        if not default_storage.exists(path):
            raise Http404("No such file")
        modified = default_storage.get_modified_time(path).timestamp()
        size = default_storage.size(path)
    except (SuspiciousFileOperation, ValueError, OSError) as error:
        raise Http404("No such file") from error
    etag = f'"{int(modified)}-{size}"'
    response = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if response is None:
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        response = FileResponse(default_storage.open(path), content_type=content_type)
        response["Content-Length"] = str(size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    # An upload is shown as what it is, never sniffed into something a browser would run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def media_urlpatterns():
    """/media/<path> when uploads live on this server's filesystem."""
    from django.urls import re_path

    if settings.MEDIA_S3_BUCKET or not settings.MEDIA_URL.startswith("/"):
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
