"""Shared set-up for the benchmark scripts: their own database, never the development one.

The settings read ``DATABASE_URL``; unless it is already set, the benchmarks point it at
``var/bench.sqlite3``. ``var/db.sqlite3`` (the development database) is refused either way.
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var"
DEFAULT_DB = VAR_DIR / "bench.sqlite3"
STATIC_ROOT = VAR_DIR / "bench-static"
DEV_DB = VAR_DIR / "db.sqlite3"


def database_url():
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"


def sqlite_path(url):
    """The file behind a sqlite URL, or None for any other database."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if "sqlite" not in config["ENGINE"]:
        return None
    return Path(config["NAME"]).resolve()


def manifest_path():
    """Where generate.py describes what it built: next to a sqlite file, else in var/."""
    url = database_url()
    path = sqlite_path(url)
    if path is not None:
        return path.with_suffix(".json")
    import dj_database_url

    config = dj_database_url.parse(url)
    name = "-".join(str(config.get(key) or "") for key in ("HOST", "PORT", "NAME"))
    return VAR_DIR / f"bench-{config['ENGINE'].rsplit('.', 1)[-1]}-{name}.json"


def bench_environment(*, production):
    """Environment variables for the bench database; ``production`` turns DEBUG off."""
    env = {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "history_site.settings",
        # Debug is off unless asked for, and then the settings require a real key.
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(64),
    }
    path = sqlite_path(env["DATABASE_URL"])
    if path is not None and path == DEV_DB.resolve():
        sys.exit(f"Refusing to benchmark against the development database {path}.")
    if production:
        env.update(
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                # No TLS proxy in front of the benchmark: answer plain HTTP instead of redirecting.
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_STATIC_ROOT": str(STATIC_ROOT),
                "DJANGO_LOG_LEVEL": os.environ.get("DJANGO_LOG_LEVEL", "ERROR"),
            }
        )
    return env


def setup(*, production=False):
    """Point the settings at the bench database and start Django."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.update(bench_environment(production=production))
    import django

    django.setup()


def read_manifest():
    path = manifest_path()
    if not path.exists():
        sys.exit(f"{path} is missing: run bench/generate.py first.")
    manifest = json.loads(path.read_text())
    if manifest["database"] != database_url():
        sys.exit(
            f"{path} describes {manifest['database']}, not {database_url()}: "
            "run bench/generate.py against this database first."
        )
    return manifest
