"""Measure the public pages on the bench database that bench/generate.py built.

    python bench/measure.py [--requests 200] [--sql] [--load [--duration 10]]

In process, through Django's test client with DEBUG off: SQL queries per request, median and
90th-percentile time per request, and the ratio to a trivial view (``bench/trivial_urls.py``)
measured in the same run. With ``--load``, also requests per second under gunicorn (2 sync
workers on 127.0.0.1) driven by ``wrk -t2 -c16``.
"""

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import benchdb, image_weight  # noqa: E402

TRIVIAL = "trivial view"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL queries")
    parser.add_argument("--load", action="store_true", help="also load-test under gunicorn")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument(
        "--page",
        action="append",
        help="measure only pages whose label contains this (repeatable); the trivial view always",
    )
    return parser.parse_args()


def bench_today(manifest):
    """A date in the current year on the busy day, which the home page shows as "today"."""
    month, day = manifest["busy_day"]
    return date(date.today().year, month, day)


def pages(manifest):
    """(label, path, what the page lists) for each page measured, the trivial view first."""
    from django.urls import reverse

    from events.models import PublishedEvent

    busy_month, busy_day = manifest["busy_day"]
    article = PublishedEvent.objects.get(slug=manifest["most_revised"]["slug"])
    versions = article.history.order_by("history_id").values_list("history_id", flat=True)
    day_events = manifest["busy_day_events"]
    result = [
        (TRIVIAL, "/bench-trivial/", ""),
        ("home (today = busy day)", reverse("events:home"), f"{day_events} events"),
        ("day page", reverse("events:day", args=[busy_month, busy_day]), f"{day_events} events"),
        (
            "article",
            article.get_absolute_url(),
            f"{manifest['most_revised']['revisions']} revisions, {versions.count()} versions",
        ),
        (
            "oldest version of the article",
            reverse("events:version", args=[busy_month, busy_day, article.slug, versions[0]]),
            "",
        ),
    ]
    if manifest["busiest_day"] != manifest["busy_day"]:
        result.append(
            (
                "busiest day page",
                reverse("events:day", args=manifest["busiest_day"]),
                f"{manifest['busiest_day_events']} events",
            )
        )
    team, topic = manifest["team"], manifest["largest_topic"]
    team_events = PublishedEvent.objects.filter(bylines__author__slug=team["slug"])
    topic_events = PublishedEvent.objects.filter(topics__slug=topic["slug"])
    result += [
        (
            "team author page",
            reverse("editorial:author", args=[team["slug"]]),
            f"{team['events']} events, 20 a page",
        ),
        _deep_page("team author page, deep", "editorial:author", team, team_events),
        (
            "largest topic page",
            reverse("events:topic", args=[topic["slug"]]),
            f"{topic['events']} events, 20 a page",
        ),
        _deep_page("largest topic page, deep", "events:topic", topic, topic_events),
    ]
    # Site search, from a word in a twentieth of the articles to a word, a year and a day.
    search = reverse("events:search")
    result += [
        (f"search: {label}", f"{search}?{urlencode({'q': q})}", "20 a page")
        for label, q in [
            ("a common word", "comet"),
            ("two words", "treaty lisbon"),
            ("a phrase", '"bright comet"'),
            ("a prefix", "observ*"),
            ("a word and a day", "harbor January 15"),
            ("a year only", "1848"),
            ("no match", "zeppelin"),
        ]
    ]
    return result


class PageFailed(Exception):
    pass


class QueryLog:
    """Every SQL statement a request runs, with its own duration (finer than DEBUG's log)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, time.perf_counter() - started))


def _deep_page(label, url_name, owner, events):
    """The page after the 10,000th story (page 501 at 20 a page), or the middle one if fewer."""
    from django.urls import reverse

    position = min(10_000, owner["events"] // 2)
    after = events.order_by("chronology").values_list("slug", flat=True)[position - 1]
    url = f"{reverse(url_name, args=[owner['slug']])}?{urlencode({'after': after})}"
    return (label, url, f"after story {position:,}")


def measure_in_process(client, path, requests):
    """(queries of one request, its SQL seconds (median of 5), timings, response)."""
    from django.db import connection

    response = client.get(path)
    if response.status_code != 200:
        raise PageFailed(f"answered {response.status_code}")
    logs = []
    for _ in range(5):
        log = QueryLog()
        with connection.execute_wrapper(log):
            client.get(path)
        logs.append(log)
    sql_time = statistics.median(sum(seconds for _sql, seconds in log.queries) for log in logs)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - started)
    return logs[-1].queries, sql_time, timings, response


def sent_bytes(client, path):
    """(bytes sent with brotli, whether a conditional repeat got 304)."""
    response = client.get(path, headers={"Accept-Encoding": "br, gzip"})
    repeat = client.get(path, headers={"If-None-Match": response.get("ETag", "")})
    return len(response.content), repeat.status_code == 304


def measure_cold(client, path, requests):
    """(queries, timings) of requests made with nothing kept: the cache is emptied before
    each (outside the timing), so the page and every part of it are rendered from the
    database, as for the first reader after a change to what the page shows."""
    from django.core.cache import cache
    from django.db import connection

    timings, log = [], QueryLog()
    for number in range(requests):
        cache.clear()
        started = time.perf_counter()
        if number == 0:
            with connection.execute_wrapper(log):
                client.get(path)
        else:
            client.get(path)
        timings.append(time.perf_counter() - started)
    return log.queries, timings


def in_process(manifest, page_list, args):
    import time_machine
    from django.conf import settings
    from django.test import Client, override_settings

    print(
        f"\nIn process (Django test client, DEBUG off, {args.requests} requests a page, "
        f"median after 6 warm-up requests). 'cold': nothing kept (the cache emptied before each "
        "request: the first reader after a change);\n'rendered': page cache off "
        "(PUBLIC_PAGE_CACHE=0), the page's kept parts found by its stamps; 'cached': served "
        "from the page cache.\n'÷' columns: the trivial view's median time "
        "over the page's (1.0 = as fast as the trivial view; higher is better).\n"
    )
    header = (
        f"{'page':30} {'lists':28} {'cold q':>6} {'cold ms':>7} {'queries':>7} {'SQL ms':>6} "
        f"{'rendered ms':>11} "
        f"{'p90 ms':>7} {'÷ rendered':>10} {'cached ms':>9} {'÷ cached':>8} {'KB':>6} "
        f"{'KB br':>6} {'304':>4}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    noon = datetime.combine(bench_today(manifest), datetime.min.time()).replace(hour=12)
    client = Client()
    with (
        override_settings(ROOT_URLCONF="bench.trivial_urls"),
        time_machine.travel(noon.replace(tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=True),
    ):
        for label, path, lists in page_list:
            try:
                with override_settings(PUBLIC_PAGE_CACHE=False):
                    cold_queries, cold_timings = measure_cold(
                        client, path, max(5, args.requests // 5)
                    )
                    queries, sql_time, timings, response = measure_in_process(
                        client, path, args.requests
                    )
                with override_settings(PUBLIC_PAGE_CACHE=True):
                    _, _, cached_timings, _ = measure_in_process(client, path, args.requests)
                    compressed, answers_304 = sent_bytes(client, path)
            except Exception as error:  # A broken page is reported; the others are measured.
                print(f"{label:30} FAILED: {path}: {type(error).__name__}: {error}", flush=True)
                continue
            median = statistics.median(timings)
            cached = statistics.median(cached_timings)
            cold = statistics.median(cold_timings)
            p90 = statistics.quantiles(timings, n=10)[-1]
            results[label] = median
            trivial = results[TRIVIAL]
            print(
                f"{label:30} {lists:28} {len(cold_queries):>6} {cold * 1000:>7.1f} "
                f"{len(queries):>7} {sql_time * 1000:>6.1f} "
                f"{median * 1000:>11.2f} {p90 * 1000:>7.2f} {trivial / median:>10.2f} "
                f"{cached * 1000:>9.2f} {trivial / cached:>8.2f} "
                f"{len(response.content) / 1024:>6.1f} {compressed / 1024:>6.1f} "
                f"{'yes' if answers_304 else 'no':>4}",
                flush=True,
            )
            if args.sql:
                for sql, seconds in queries:
                    print(f"      {seconds * 1000:7.2f} ms  {sql[:400]}")
    return results


def free_port():
    """A free 127.0.0.1 port below the ephemeral range, which a load test can fill up."""
    rng = random.Random()
    for _ in range(100):
        port = rng.randint(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit("No free port between 20000 and 32000.")


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited before serving; see its log.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url} within {timeout} s.")


def run_wrk(wrk, url, duration):
    """(requests per second, non-2xx/3xx responses, socket errors line or '')."""
    completed = subprocess.run(
        [wrk, "-t2", "-c16", f"-d{duration}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    )
    output = completed.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    return rate, int(non_2xx.group(1)) if non_2xx else 0, errors.group(0) if errors else ""


def load_test(manifest, page_list, args):
    wrk = shutil.which("wrk")
    if wrk is None:
        print("\n--load: wrk is not installed (apt-get install -y wrk); skipped.")
        return
    for page_cache in ("0", "1"):
        load_test_once(manifest, page_list, args, page_cache=page_cache, wrk=wrk)


def load_test_once(manifest, page_list, args, *, page_cache, wrk):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = benchdb.VAR_DIR / "bench-gunicorn.log"
    env = {
        **os.environ,
        "BENCH_TODAY": bench_today(manifest).isoformat(),
        "PUBLIC_PAGE_CACHE": page_cache,
    }
    command = [
        sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--workers", "2",
        "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    cache = "page cache on" if page_cache == "1" else "page cache off"
    store = os.environ.get("REDIS_URL") or "local memory"
    print(
        f"\nUnder load, {cache} (gunicorn, 2 sync workers, {base}; "
        f"wrk -t2 -c16 -d{args.duration}s; cache: {store})\n"
    )
    header = f"{'page':30} {'req/s':>8} {'page / trivial':>14}  notes"
    print(header)
    print("-" * len(header))
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            wait_until_serving(f"{base}/bench-trivial/", server)
            rates = {}
            for label, path, _lists in page_list:
                try:
                    for _ in range(3):
                        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
                            response.read()
                except OSError as error:
                    print(f"{label:30} FAILED: {path}: {error}", flush=True)
                    continue
                rate, non_2xx, errors = run_wrk(wrk, base + path, args.duration)
                rates[label] = rate
                notes = "; ".join(
                    note for note in (f"{non_2xx} non-2xx" if non_2xx else "", errors) if note
                )
                print(
                    f"{label:30} {rate:>8.0f} {rate / rates[TRIVIAL]:>14.2f}  {notes}", flush=True
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(f"\ngunicorn's log: {log_path}")


def code_version():
    completed = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return completed.stdout.strip() or "unknown"


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    args = parse_args()
    benchdb.setup(production=True)
    from django.core.management import call_command

    manifest = benchdb.read_manifest()
    print(
        f"Bench database: {manifest['database']} ({manifest['events']} events x "
        f"{manifest['revisions']} revisions, generated {manifest['generated_at']})\n"
        f"Code: {code_version()}; load average: {load_average()} on {os.cpu_count()} CPUs"
    )
    # DEBUG off serves hashed static names from a manifest: build it where the settings look.
    call_command("collectstatic", interactive=False, verbosity=0)
    page_list = [
        page
        for page in pages(manifest)
        if page[0] == TRIVIAL or not args.page or any(part in page[0] for part in args.page)
    ]
    in_process(manifest, page_list, args)
    image_weight.report(manifest["most_revised"]["slug"])
    if args.load:
        load_test(manifest, page_list, args)
    print(f"Load average at the end: {load_average()} (other work on the machine skews timings)")


if __name__ == "__main__":
    main()
