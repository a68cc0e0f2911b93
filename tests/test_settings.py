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
