"""The server-side cache of rendered public pages: kept once, served without queries,
invalidated by the operations themselves (never by time), on every process at once, and no
worse than uncached when Redis is down."""

import datetime
import http.server
import threading

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.utils import timezone

from editorial.models import Author
from events.forms import ReaderForm
from events.models import Topic
from events.publishing import publish, unpublish
from history_site.page_cache import public_page

from . import servers
from .factories import AuthorFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the operations leave for after commit, as a real commit would."""

    def run(operation, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return operation(*args, **kwargs)

    return run


@pytest.fixture
def live(committed, editor):
    author = AuthorFactory(name="Ada Writer", slug="ada-writer")
    topic = TopicFactory(name="Exploration", slug="exploration")
    from .factories import EventFactory

    event = EventFactory(title="The first crossing", authors=[author], topics=[topic])
    return committed(publish, event, by=editor, substantive=False)


def test_a_page_is_rendered_once_then_served_without_a_query(
    client, live, django_assert_num_queries
):
    url = live.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_tracking_parameters_share_the_kept_page_and_real_ones_do_not(
    client, live, django_assert_num_queries
):
    client.get("/topics/exploration/")
    with django_assert_num_queries(0):
        client.get("/topics/exploration/?utm_source=newsletter&fbclid=x1")
        client.get("/topics/exploration/?fbclid=x2")
    later = client.get(f"/topics/exploration/?after={live.slug}")
    assert later.status_code == 200
    with django_assert_num_queries(0):
        assert client.get(f"/topics/exploration/?after={live.slug}").content == later.content


def test_a_publish_is_seen_at_once(client, live, committed, editor):
    url = live.get_absolute_url()
    client.get(url)
    client.get("/")
    edit(live.event, title="The first crossing, retold")
    committed(publish, live.event, by=editor, substantive=True, note="Retold.")
    assert "The first crossing, retold" in client.get(url).text
    assert "The first crossing, retold" in client.get("/feeds/latest.rss").text


def test_an_unpublished_article_is_gone_at_once(client, live, committed, editor):
    url = live.get_absolute_url()
    assert client.get(url).status_code == 200
    committed(unpublish, live.event, by=editor, reason="Withdrawn")
    assert client.get(url).status_code == 410
    assert "The first crossing" not in client.get("/this-day-in-history/january/15/").text


def test_a_renamed_topic_or_author_is_seen_at_once(client, live, committed):
    client.get("/topics/exploration/")
    client.get(live.get_absolute_url())
    topic = Topic.objects.get(slug="exploration")
    topic.name = "Voyages"
    committed(topic.save)
    assert "Voyages" in client.get("/topics/exploration/").text
    author = Author.objects.get(slug="ada-writer")
    author.name = "Ada Lovelace-Writer"
    committed(author.save)
    assert "Ada Lovelace-Writer" in client.get(live.get_absolute_url()).text


def test_what_changes_by_the_day_is_never_a_day_old(client, live):
    url = live.get_absolute_url()
    with time_machine.travel(NOON, tick=False):
        assert "January 15, 2026" in client.get(url).text  # the citation's Date Accessed
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        page = client.get(url).text
    assert "January 16, 2026" in page and "January 15, 2026" not in page


def test_a_response_that_sets_a_cookie_is_private_and_never_kept(settings):
    calls = []

    @public_page
    def personal(request):
        from django.http import HttpResponse

        calls.append(1)
        response = HttpResponse("for you only")
        response.set_cookie("seen", "1")
        return response

    for _ in range(2):
        response = personal(RequestFactory().get("/personal/"))
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert len(calls) == 2


def test_publishing_asks_the_front_cache_to_purge_the_pages_that_changed(
    settings, committed, editor
):
    purged = []

    class PurgeHandler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            purged.append((self.path, self.headers["Host"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONT_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}"
    settings.SITE_URL = "https://history.example.com"
    try:
        from .factories import EventFactory

        event = EventFactory(authors=[AuthorFactory(slug="ada")], topics=[TopicFactory()])
        live = committed(publish, event, by=editor, substantive=False)
    finally:
        server.shutdown()
    paths = [path for path, _ in purged]
    assert live.get_absolute_url() in paths
    assert "/this-day-in-history/january/15/" in paths and "/" in paths
    assert "/feeds/latest.rss" in paths and "/authors/ada/" in paths
    assert {host for _, host in purged} == {"history.example.com"}


def test_a_front_cache_that_is_down_never_stops_a_publish(settings, committed, editor):
    settings.FRONT_CACHE_PURGE_URL = f"http://127.0.0.1:{servers.free_port()}"
    from .factories import EventFactory

    live = committed(publish, EventFactory(authors=[AuthorFactory()]), by=editor, substantive=False)
    assert Client().get(live.get_absolute_url()).status_code == 200


def test_pages_come_from_redis_and_keep_answering_when_it_stops(
    redis_cache, live, django_assert_num_queries, settings
):
    settings.READER_FORM_MIN_SECONDS = 0
    client = Client()
    url = live.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    redis_cache.stop()
    # Rendered afresh, as if nothing were cached; and the reader forms still take posts.
    page = client.get(url)
    assert page.status_code == 200 and "The first crossing" in page.text
    signup = client.post(
        "/newsletter/",
        {"email": "reader@example.com", "is_eligible": "on", "has_consented": "on"},
        HTTP_ORIGIN="http://testserver",
    )
    assert signup.status_code == 302
    report_page = client.get(f"/corrections/report/{live.slug}/")
    report = client.post(
        f"/corrections/report/{live.slug}/",
        {
            "what_is_wrong": "The year is 1991, not 1990.",
            "started": ReaderForm.new_timer(),
            "csrfmiddlewaretoken": report_page.context["csrf_token"],
        },
    )
    assert report.status_code == 302, report.text


@pytest.mark.django_db(transaction=True)
def test_two_app_processes_share_one_cache_and_see_a_publish_at_once(tmp_path, redis_server):
    """Two gunicorn processes on one database and one Redis; a third process publishes."""
    site = servers.Site(tmp_path, redis_url=redis_server.url)
    try:
        site.run(PUBLISH_FIRST_VERSION)
        first, second = site.start_app_server(), site.start_app_server()
        url = "/this-day-in-history/january/15/the-first-crossing/"
        # One public address in front of both, as behind a load balancer.
        host = {"Host": "localhost"}
        status, headers, page = servers.get(first + url, **host)
        assert status == 200 and "The first crossing" in page
        status, cached_headers, _ = servers.get(second + url, **host)
        assert cached_headers["ETag"] == headers["ETag"]  # the page the first process kept
        site.run(PUBLISH_SECOND_VERSION)
        for server in (first, second):
            status, _, page = servers.get(server + url, **host)
            assert "The first crossing, retold" in page, server
        redis_server.stop()
        status, _, page = servers.get(second + url, **host)
        assert status == 200 and "The first crossing, retold" in page
    finally:
        site.stop()


PUBLISH_FIRST_VERSION = """
from events.publishing import publish
from revisions.history import system_actor
from tests.factories import AuthorFactory, EventFactory
event = EventFactory(title="The first crossing", slug="the-first-crossing",
                     authors=[AuthorFactory()])
publish(event, by=system_actor("tests"), substantive=False)
"""

PUBLISH_SECOND_VERSION = """
from events.models import Event
from events.publishing import publish
from revisions.history import system_actor
from tests.factories import edit
event = Event.objects.get(slug="the-first-crossing")
edit(event, title="The first crossing, retold")
publish(event, by=system_actor("tests"), substantive=True, note="Retold.")
"""


def test_the_local_date_decides_the_day(live):
    """Keys follow the site's time zone, not UTC: late evening in New York is still today."""
    late = datetime.datetime(2026, 1, 16, 3, tzinfo=datetime.UTC)  # 22:00 on the 15th there
    with time_machine.travel(late, tick=False):
        assert timezone.localdate() == datetime.date(2026, 1, 15)
        assert "January 15, 2026" in Client().get(live.get_absolute_url()).text
