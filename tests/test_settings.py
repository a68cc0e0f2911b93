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


def test_production_settings_pass_the_deployment_checklist():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 20 + "x9Q-" * 10 + "z" * 20)
    assert result.returncode == 0, result.stdout + result.stderr


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
