import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_check(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key():
    result = run_check(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="django-insecure-development-only-key-never-use-in-production",
    )
    assert result.returncode != 0


PRODUCTION_KEY = "k" * 20 + "x9Q-" * 10 + "z" * 20


def test_production_settings_pass_the_deployment_checklist():
    """The README's production settings, Redis included, pass with no warning."""
    result = run_check(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=PRODUCTION_KEY, REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_shared_cache_is_warned_of():
    """Rate limits and the page cache would be per worker process."""
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**environment, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": PRODUCTION_KEY},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "history_site.W001" in result.stderr and "Set REDIS_URL" in result.stderr


def test_emails_can_be_written_to_files_for_staging(tmp_path):
    result = read_setting(
        "EMAIL_BACKEND", DJANGO_SECRET_KEY=PRODUCTION_KEY, EMAIL_FILE_PATH=str(tmp_path)
    )
    assert result.stdout.strip() == "django.core.mail.backends.filebased.EmailBackend"


def test_the_image_library_can_live_on_an_s3_compatible_store():
    result = read_setting(
        'STORAGES["images"]',
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        MEDIA_S3_BUCKET="history-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.com",
    )
    assert "storages.backends.s3.S3Storage" in result.stdout
    assert "'bucket_name': 'history-media'" in result.stdout
    assert "'default_acl': 'private'" in result.stdout


def test_database_connections_are_checked_before_reuse():
    result = read_setting(
        'DATABASES["default"]["CONN_HEALTH_CHECKS"]',
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DATABASE_URL="postgres://u@127.0.0.1:5432/x",
    )
    assert result.stdout.strip() == "True"


def read_setting(name, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="history_site.settings")
    return subprocess.run(  # noqa: S603 (names come from these tests)
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_site_started_with_no_settings_is_not_in_debug_mode_and_wants_a_real_key():
    result = run_check()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
    assert read_setting("DEBUG", DJANGO_SECRET_KEY="k" * 60).stdout.strip() == "False"


def test_development_uses_a_random_key_kept_per_checkout(tmp_path):
    first = read_setting("SECRET_KEY", DJANGO_DEBUG="1", HISTORY_SITE_VAR_DIR=str(tmp_path / "a"))
    again = read_setting("SECRET_KEY", DJANGO_DEBUG="1", HISTORY_SITE_VAR_DIR=str(tmp_path / "a"))
    other = read_setting("SECRET_KEY", DJANGO_DEBUG="1", HISTORY_SITE_VAR_DIR=str(tmp_path / "b"))
    key = first.stdout.strip()
    assert len(key) >= 50 and not key.startswith("django-insecure")
    assert again.stdout.strip() == key
    assert other.stdout.strip() != key
    assert (tmp_path / "a" / "secret-key.txt").stat().st_mode & 0o077 == 0


def test_make_run_asks_for_debug_mode_explicitly():
    makefile = (ROOT / "Makefile").read_text()
    assert "migrate demo superuser run bench: export DJANGO_DEBUG ?= 1" in makefile
