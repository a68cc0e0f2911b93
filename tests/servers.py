"""Real servers the cache and fault tests start and stop themselves: Redis and gunicorn."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, *, process, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Nothing listens on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    """A private redis-server on a free 127.0.0.1 port, keeping nothing on disk."""

    def __init__(self):
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError(
                "The cache tests need Redis: apt-get install redis-server (make test does)."
            )
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(  # noqa: S603
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Site:
    """The site in its own processes: a migrated SQLite file, Redis, and gunicorn workers.

    ``manage(code)`` runs Python in yet another process of the same site (as cron or an
    editor's request would), so nothing is shared with the test but the database and Redis.
    """

    def __init__(self, tmp_path, *, redis_url, database_url=None):
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "history_site.settings",
            "HISTORY_SITE_VAR_DIR": str(tmp_path),
            "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'site.sqlite3'}",
            "REDIS_URL": redis_url,
            "READER_FORM_MIN_SECONDS": "0",
        }
        self.servers = []
        self.manage("migrate", "-v0")

    def manage(self, *args):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True
        )

    def run(self, code):
        self.manage("shell", "-c", code)

    def start_app_server(self):
        port = free_port()
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "history_site.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["-w", "1", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        self.servers.append(process)
        wait_for_port(port, process=process)
        return f"http://127.0.0.1:{port}"

    def stop(self):
        for process in self.servers:
            process.terminate()
            process.wait(timeout=10)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
