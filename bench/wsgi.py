"""WSGI entry point for the load test: the project's site plus the trivial view.

``BENCH_TODAY`` (e.g. ``2026-01-15``) makes "today" that date, so the home page shows the busy day.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "history_site.settings")
settings.ROOT_URLCONF = "bench.trivial_urls"
if os.environ.get("BENCH_TODAY"):
    noon = datetime.fromisoformat(os.environ["BENCH_TODAY"]).replace(hour=12)
    time_machine.travel(noon.replace(tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=True).start()

application = get_wsgi_application()
