"""When the database is too busy to take a write, say so and keep what the person sent.

SQLite lets one writer in at a time and others wait (``timeout`` in settings); PostgreSQL can
give up waiting for a row lock. Past the wait, instead of an error page that throws away an
editor's article or a reader's report, the person gets "busy, try again" (503) with every
field they sent in a form that sends it again.
"""

import logging

from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")
# PostgreSQL: lock_not_available, deadlock_detected.
POSTGRESQL_BUSY_STATES = {"55P03", "40P01"}
RETRY_AFTER_SECONDS = 5


def is_database_busy(error):
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    message = str(error).lower()
    return state in POSTGRESQL_BUSY_STATES or any(m in message for m in SQLITE_BUSY_MESSAGES)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy: %s %s answered 503", request.method, request.path)
        is_post = request.method == "POST"
        response = render(
            request,
            "busy.html",
            {
                "fields": _fields(request.POST) if is_post else [],
                "file_names": [f.name for f in request.FILES.values()] if is_post else [],
                "is_post": is_post,
            },
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_cache_control(response, private=True, no_store=True)
        return response


def _fields(data):
    """(name, value, shown) for each value sent; what a person typed is shown to copy or edit."""
    fields = []
    for name, values in data.lists():
        for value in values:
            shown = not name.startswith(("_", "csrf")) and (" " in value or "\n" in value)
            fields.append((name, value, shown))
    return fields
