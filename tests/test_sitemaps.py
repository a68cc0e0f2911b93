"""The sitemap index, its sections, and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from events.publishing import publish, unpublish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "https://history.example.com"
# lastmod is a date in the site's time zone (New York), as the page shows Last Updated.
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        node.find("s:loc", NS).text: getattr(node.find("s:lastmod", NS), "text", None)
        for node in root
    }


@pytest.fixture
def site(editor):
    author = AuthorFactory(slug="ada-park")
    topic = TopicFactory(slug="space")
    first = EventFactory(slug="first", month=7, day=20, authors=[author])
    with revision(first, reason="Relations"):
        first.topics.add(topic)
    publish(first, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC))
    first.body += " More."
    first.save()
    publish(
        first,
        by=editor,
        substantive=True,
        note="More",
        at=datetime.datetime(2025, 1, 30, 15, tzinfo=UTC),
    )
    second = EventFactory(slug="second", month=1, day=15, authors=[AuthorFactory(slug="ben")])
    publish(second, by=editor, substantive=False, at=datetime.datetime(2020, 5, 1, 15, tzinfo=UTC))
    # A minor change is published but does not move Last Updated, nor lastmod.
    second.body += " Typo."
    second.save()
    publish(second, by=editor, substantive=False, at=datetime.datetime(2024, 1, 1, 15, tzinfo=UTC))
    withdrawn = EventFactory(slug="withdrawn", authors=[AuthorFactory(slug="gone")])
    publish(withdrawn, by=editor, substantive=False)
    unpublish(withdrawn, by=editor, reason="Legal")
    EventFactory(slug="a-draft", month=2, day=2, authors=[AuthorFactory(slug="drafter")])
    return {"first": first, "second": second}


def test_index_lists_every_section_on_the_site_address(client, site):
    assert set(entries(client, "/sitemap.xml")) == {
        f"{SITE}/sitemap-{section}.xml" for section in ["articles", "days", "topics", "authors"]
    }


def test_article_sitemap_lists_exactly_the_live_articles_with_last_updated(client, site):
    assert entries(client, "/sitemap-articles.xml") == {
        f"{SITE}/this-day-in-history/july/20/first/": "2025-01-30",
        f"{SITE}/this-day-in-history/january/15/second/": "2020-05-01",
    }


def test_day_sitemap_lists_days_with_live_articles(client, site):
    assert entries(client, "/sitemap-days.xml") == {
        f"{SITE}/this-day-in-history/january/15/": "2020-05-01",
        f"{SITE}/this-day-in-history/july/20/": "2025-01-30",
    }


def test_topic_and_author_sitemaps_list_only_those_with_live_articles(client, site):
    assert entries(client, "/sitemap-topics.xml") == {f"{SITE}/topics/space/": "2025-01-30"}
    assert set(entries(client, "/sitemap-authors.xml")) == {
        f"{SITE}/authors/ada-park/",
        f"{SITE}/authors/ben/",
    }


def test_no_draft_preview_version_or_unpublished_article_in_any_sitemap(client, site):
    every = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode()
        for section in ["articles", "days", "topics", "authors"]
    )
    for absent in [
        "a-draft",
        "withdrawn",
        "/versions/",
        "/preview/",
        "drafter",
        "/gone/",
        "february",
    ]:
        assert absent not in every


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_pages(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    for path in ["/admin/", "/preview/"]:
        assert f"Disallow: {path}" in text
