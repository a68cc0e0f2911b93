"""HTTP caching of public pages: validators and 304s, public Cache-Control, no cookies, and
compression only where no secret can leak; editor-only and personal pages stay private."""

import gzip

import brotli
import pytest
from django.test import Client
from django.urls import reverse

from events import sharing
from events.publishing import publish

from .factories import AuthorFactory, EventFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls(published_event):
    """One address of every public page type, feed, sitemap and API answer."""
    author = AuthorFactory(name="Ada Writer", slug="ada-writer")
    topic = TopicFactory(name="Exploration", slug="exploration")
    live = published_event(authors=[author], topics=[topic])
    version_id = live.history.latest("history_id").history_id
    return [
        "/",
        "/this-day-in-history/january/15/",
        live.get_absolute_url(),
        f"{live.get_absolute_url()}versions/",
        f"{live.get_absolute_url()}versions/{version_id}/",
        "/topics/exploration/",
        "/authors/ada-writer/",
        "/corrections/",
        "/search/?q=history",
        "/privacy/",
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        "/feeds/topics/exploration.rss",
        "/feeds/authors/ada-writer.atom",
        "/feeds/corrections.rss",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
        "/api/onthisday/01/15/",
        f"/api/events/{live.slug}/",
    ]


def test_every_public_page_is_cacheable_with_validators_and_no_cookie(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "s-maxage=" in cache_control, url
        assert "stale-while-revalidate=" in cache_control, url
        assert response.has_header("ETag") and response.has_header("Last-Modified"), url
        assert not response.cookies, (url, response.cookies)
        assert "Cookie" not in response.get("Vary", ""), url


def test_a_conditional_repeat_gets_304_with_no_body(client, public_urls):
    for url in public_urls:
        first = client.get(url)
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b"", url
        since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304, url


def test_a_publish_changes_the_etag(client, published_event, editor):
    live = published_event()
    first = client.get(live.get_absolute_url())
    edit(live.event, title="A different headline")
    publish(live.event, by=editor, substantive=True, note="A new headline.")
    changed = client.get(live.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert "A different headline" in changed.text


def test_previews_and_share_links_are_private_and_never_stored(client, editor):
    event = EventFactory(authors=[AuthorFactory()])
    _, path = sharing.share(event, by=editor)
    assert "no-store" in Client().get(path)["Cache-Control"]
    client.force_login(editor)
    preview = client.get(reverse("admin:events_event_preview", args=[event.pk]))
    assert preview.status_code == 200
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]


def test_form_pages_with_a_token_are_not_public(client, published_event):
    live = published_event()
    for url in ["/newsletter/", reverse("editorial:report", args=[live.slug])]:
        response = client.get(url)
        assert "public" not in response.get("Cache-Control", ""), url
        assert "csrfmiddlewaretoken" in response.text


def test_public_html_and_json_are_compressed(client, public_urls):
    for url in ["/", public_urls[2], "/feeds/latest.rss", "/api/onthisday/01/15/"]:
        plain = client.get(url)
        with_br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert with_br["Content-Encoding"] == "br", url
        assert brotli.decompress(with_br.content) == plain.content, url
        assert len(with_br.content) < len(plain.content) / 2, url
        with_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert with_gzip["Content-Encoding"] == "gzip", url
        assert gzip.decompress(with_gzip.content) == plain.content, url
        assert "Accept-Encoding" in with_gzip["Vary"], url
        # A compressed page is still answered 304 by its (now weak) validator.
        again = client.get(url, headers={"If-None-Match": with_gzip["ETag"]})
        assert again.status_code == 304, url


def test_pages_that_carry_a_secret_are_never_compressed(client, editor, published_event):
    """BREACH: a CSRF token or an editor's data next to text an attacker can choose."""
    live = published_event()
    signup = client.get("/newsletter/?email=chosen", headers={"Accept-Encoding": "gzip, br"})
    assert "csrfmiddlewaretoken" in signup.text
    assert not signup.has_header("Content-Encoding")
    client.force_login(editor)
    admin_page = client.get(
        reverse("admin:events_event_change", args=[live.event_id]),
        headers={"Accept-Encoding": "gzip, br"},
    )
    assert admin_page.status_code == 200
    assert not admin_page.has_header("Content-Encoding")
