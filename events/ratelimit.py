"""Per-client rate limits for reader forms, counted in the shared cache by django-ratelimit."""

import math

from django.shortcuts import render
from django_ratelimit.core import get_usage


def limit_reader_posts(request, *, group, rate):
    """Count this POST against the client's limit; return a 429 page once it is exceeded.

    Every attempt counts, accepted or rejected, so a flood of bad posts is limited too.
    """
    if request.method != "POST":
        return None
    usage = get_usage(request, group=group, key="ip", rate=rate, method="POST", increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    minutes = max(1, math.ceil(usage["time_left"] / 60))
    response = render(request, "429.html", {"retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(max(1, usage["time_left"]))
    return response
