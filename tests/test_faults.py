"""Faults degrade and lose nothing: a busy database, a cache that is down, a crashed send."""

import os
from html.parser import HTMLParser

import pytest
from django.db import OperationalError
from django.urls import reverse

from events.models import Event

from . import servers
from .factories import AuthorFactory
from .test_admin import event_form

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The name/value pairs a browser would send from a page's form."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def fields_of(html):
    parser = FormFields()
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def test_a_save_that_waits_too_long_for_the_database_keeps_the_editors_text(
    client, editor, monkeypatch
):
    """SQLite's lock wait (or PostgreSQL's lock timeout) runs out: "busy", text kept."""
    client.force_login(editor)
    author = AuthorFactory()
    body = "A long careful body.\n\nWith a second paragraph the editor typed for an hour."
    real_save = Event.save

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Event, "save", locked)
    response = client.post(reverse("admin:events_event_add"), event_form(author, body=body))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert "nothing was saved" in response.text
    assert body in response.text.replace("\r\n", "\n")
    assert not Event.objects.exists()

    # Sending it again from the busy page, once the database is free, saves every field.
    monkeypatch.setattr(Event, "save", real_save)
    again = client.post(reverse("admin:events_event_add"), fields_of(response.text))
    assert again.status_code == 302
    event = Event.objects.get()
    assert event.body == body and event.title == "Caesar is assassinated"
    assert [b.author for b in event.bylines.all()] == [author]


def test_other_database_errors_are_not_called_busy(client, editor, monkeypatch):
    client.force_login(editor)

    def broken(*args, **kwargs):
        raise OperationalError("no such table: events_event")

    monkeypatch.setattr(Event, "save", broken)
    with pytest.raises(OperationalError):
        client.post(reverse("admin:events_event_add"), event_form(AuthorFactory()))


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # the site's kept connections are cut from the server side
def test_a_database_restart_costs_a_reconnect_not_an_error_page(tmp_path, redis_server):
    """Every connection the app kept is cut (as a PostgreSQL restart does): the next request
    is answered from a new connection, not with a 500."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"history_site_faults_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    site_url = url.rsplit("/", 1)[0] + f"/{name}"
    site = servers.Site(tmp_path, redis_url=redis_server.url, database_url=site_url)
    try:
        site.env["PUBLIC_PAGE_CACHE"] = "0"  # every request goes to the database
        app = site.start_app_server()
        assert servers.get(app + "/this-day-in-history/january/15/")[0] == 200
        with psycopg.connect(url, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            ).fetchall()
        assert cut, "the app kept no connection to cut"
        status, _, page = servers.get(app + "/this-day-in-history/january/15/")
        assert status == 200, page[:500]
    finally:
        site.stop()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
