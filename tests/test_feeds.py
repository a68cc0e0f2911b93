"""RSS and Atom feeds: latest, per topic, per author, corrections."""

import datetime

import feedparser
import pytest

from events.publishing import publish, unpublish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "https://history.example.com"
FEEDS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/corrections.rss",
    "/feeds/corrections.atom",
]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def story(editor):
    author = AuthorFactory(name="Ada Park", slug="ada-park")
    topic = TopicFactory(name="Space", slug="space")
    event = EventFactory(
        title="Eagle lands <on> the Moon",
        slug="eagle-lands",
        year=1969,
        month=7,
        day=20,
        dek="The *Eagle* lands & two men walk on the Moon.",
        authors=[author],
    )
    with revision(event, reason="Relations"):
        event.topics.add(topic)
    publish(event, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC))
    event.body += "\n\nMore."
    event.save()
    publish(
        event,
        by=editor,
        substantive=True,
        note="Added more",
        at=datetime.datetime(2025, 1, 30, 15, tzinfo=UTC),
    )
    event.refresh_from_db()
    return event.live


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    "url",
    [
        *FEEDS,
        "/feeds/topics/space.rss",
        "/feeds/topics/space.atom",
        "/feeds/authors/ada-park.rss",
        "/feeds/authors/ada-park.atom",
    ],
)
def test_every_feed_parses_without_a_warning(client, story, url):
    parse(client, url)


@pytest.mark.parametrize("url", ["/feeds/latest.rss", "/feeds/latest.atom"])
def test_latest_feed_items_carry_title_link_plain_summary_author_and_dates(client, story, url):
    (entry,) = parse(client, url).entries
    assert entry.title == "Eagle lands <on> the Moon"
    assert entry.link == f"{SITE}/this-day-in-history/july/20/eagle-lands/"
    assert entry.summary == "The Eagle lands & two men walk on the Moon."
    assert entry.author == "Ada Park"
    assert entry.published_parsed[:3] == (2009, 11, 13)
    if url.endswith(".atom"):
        assert entry.updated_parsed[:3] == (2025, 1, 30)
    assert [tag.term for tag in entry.tags] == ["Space"]


def test_atom_feed_gives_published_and_last_updated_separately(client, story):
    raw = client.get("/feeds/latest.atom").content.decode()
    assert "<published>2009-11-13T15:00:00+00:00</published>" in raw
    assert "<updated>2025-01-30T15:00:00+00:00</updated>" in raw


def test_latest_feed_lists_newest_published_first_and_no_drafts(client, editor, story):
    EventFactory(title="A secret draft", authors=[AuthorFactory()])
    newer = EventFactory(title="Published later", authors=[AuthorFactory()])
    publish(newer, by=editor, substantive=False, at=datetime.datetime(2026, 1, 1, tzinfo=UTC))
    titles = [entry.title for entry in parse(client, "/feeds/latest.rss").entries]
    assert titles == ["Published later", "Eagle lands <on> the Moon"]


def test_an_unpublished_article_leaves_the_feeds(client, editor, story):
    unpublish(story.event, by=editor, reason="Legal review")
    assert parse(client, "/feeds/latest.rss").entries == []
    assert parse(client, "/feeds/topics/space.rss").entries == []
    assert parse(client, "/feeds/authors/ada-park.rss").entries == []


def test_topic_and_author_feeds_list_only_their_articles(client, editor, story):
    publish(
        EventFactory(title="Elsewhere", authors=[AuthorFactory()]), by=editor, substantive=False
    )
    for url in ["/feeds/topics/space.atom", "/feeds/authors/ada-park.atom"]:
        assert [entry.title for entry in parse(client, url).entries] == [story.title]
    assert parse(client, "/feeds/topics/space.rss").feed.title.endswith("Space")


def test_unknown_topic_or_author_feed_is_404(client, db):
    assert client.get("/feeds/topics/nothing.rss").status_code == 404
    assert client.get("/feeds/authors/nobody.atom").status_code == 404


def test_corrections_feed_links_each_corrected_version(client, editor, story):
    event = story.event
    event.body = "Fixed."
    event.save()
    live = publish(
        event,
        by=editor,
        substantive=True,
        correction=True,
        note="The landing time was wrong.",
        at=datetime.datetime(2025, 2, 1, tzinfo=UTC),
    )
    version = live.history.latest()
    (entry,) = parse(client, "/feeds/corrections.atom").entries
    assert entry.title == "Correction to “Eagle lands <on> the Moon”"
    assert entry.summary == "Correction: The landing time was wrong."
    assert entry.link == f"{SITE}{live.get_absolute_url()}versions/{version.history_id}/"


def test_pages_point_feed_readers_at_their_feeds(client, story):
    home = client.get("/").content.decode()
    assert (
        'type="application/rss+xml" title="This Day in History: latest stories" '
        f'href="{SITE}/feeds/latest.rss"' in home
    )
    assert f'href="{SITE}/feeds/topics/space.atom"' in client.get("/topics/space/").content.decode()
    assert (
        f'href="{SITE}/feeds/authors/ada-park.rss"'
        in client.get("/authors/ada-park/").content.decode()
    )
