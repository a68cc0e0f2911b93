"""The site's own settings, in development mode: tests run as a developer's machine does.

Debug is off unless asked for, and pytest-django reads the settings before any conftest runs,
so the request for development mode lives here. (pytest-django still runs tests with DEBUG off.)
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from history_site.settings import *  # noqa: E402, F403
