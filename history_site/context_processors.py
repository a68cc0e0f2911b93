import functools

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import timezone

# Retention periods in days, for the privacy notes beside the reader forms.
RETENTION_DAYS = {name: period.days for name, period in settings.RETENTION.items()}
SITE_DESCRIPTION = (
    "Events that happened on this day in history, written and checked by our editors."
)


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "RETENTION_DAYS": RETENTION_DAYS,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": SITE_DESCRIPTION,
        "site_links": _site_links(get_script_prefix(), timezone.localdate().month),
    }


@functools.lru_cache(maxsize=64)
def _site_links(script_prefix, month):
    """The addresses in every page's header and footer, reversed once per process (each
    ``reverse()`` costs ~30 µs; ``script_prefix`` keys the cache as it starts each address).
    The header's Calendar link opens this month."""
    names = {
        "home": "events:home",
        "search": "events:search",
        "topics": "events:topics",
        "authors": "editorial:authors",
        "about": "editorial:about",
        "signup": "newsletter:signup",
        "corrections": "events:corrections",
        "privacy": "privacy",
        "feed": "events:feed_latest_rss",
    }
    links = {name: reverse(view) for name, view in names.items()}
    links["calendar"] = reverse("events:month", args=[month])
    return links
