"""System checks for a deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits and the page cache need one cache that every worker process shares."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("RedisCache", "MemcacheCache", "PyLibMCCache")):
        return []
    return [
        checks.Warning(
            f"The default cache ({backend}) is kept by each worker process on its own: rate "
            "limits would count per process, and a publish would reach only the cached pages "
            "of the process that made it.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
            id="history_site.W001",
        )
    ]
