"""Every public page's head (canonical, description, OpenGraph, Twitter) and the plain-text dek."""

import datetime
import re
from html import unescape

import pytest
import time_machine

from events.publishing import publish
from newsletter.sending import daily_edition
from revisions.history import revision

from .factories import EventFactory, ImageFactory, SubscriberFactory, TeamFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "https://history.example.com"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def head(response):
    """The page's <meta> and <link> values by name or property (the last of each)."""
    assert response.status_code == 200
    page = response.content.decode()
    head = page[: page.index("</head>")]
    tags = {}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head):
        tags[key] = unescape(value)
    for rel, href in re.findall(r'<link rel="(canonical)" href="([^"]*)"', head):
        tags[rel] = href
    return tags


@pytest.fixture
def article(editor):
    team = TeamFactory(name="History Site Editors", slug="editors", bio="We write every story.")
    topic = TopicFactory(name="Space", slug="space", description="Rockets, moons and stations.")
    event = EventFactory(
        title="Eagle lands on the Moon",
        slug="eagle-lands",
        year=1969,
        month=7,
        day=20,
        dek="The *Eagle* lands & two men walk on the **Moon**.",
        authors=[team],
    )
    with revision(event, reason="Relations"):
        event.topics.add(topic)
    publish(event, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC))
    event.refresh_from_db()
    return event.live


def test_article_head_has_canonical_description_opengraph_and_twitter(client, article):
    tags = head(client.get(article.get_absolute_url()))
    url = f"{SITE}/this-day-in-history/july/20/eagle-lands/"
    assert tags["canonical"] == url
    assert tags["description"] == "The Eagle lands & two men walk on the Moon."
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Eagle lands on the Moon"
    assert tags["og:description"] == tags["description"]
    assert tags["og:url"] == url
    assert tags["og:image"] == f"{SITE}/static/img/social-card.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["article:published_time"] == "2009-11-13T15:00:00+00:00"
    assert tags["article:author"] == f"{SITE}/authors/editors/"
    assert tags["article:tag"] == "Space"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:title"] == "Eagle lands on the Moon"
    assert tags["twitter:image"] == tags["og:image"]


def test_og_image_is_the_articles_social_card_with_its_alt_text(client, published_event):
    image = ImageFactory(alt_text="Astronaut on the lunar surface", focal_x=30, focal_y=60)
    live = published_event(hero_image=image)
    tags = head(client.get(live.get_absolute_url()))
    assert tags["og:image"] == f"{SITE}/images/{image.key}/card-f30-60.jpg"
    assert tags["og:image:alt"] == "Astronaut on the lunar surface"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")


def test_each_page_has_its_own_description(client, article):
    with time_machine.travel(datetime.datetime(2026, 7, 20, 17, tzinfo=UTC)):
        home = head(client.get("/"))
    descriptions = {
        "home": home["description"],
        "day": head(client.get("/this-day-in-history/july/20/"))["description"],
        "article": head(client.get(article.get_absolute_url()))["description"],
        "author": head(client.get("/authors/editors/"))["description"],
        "topic": head(client.get("/topics/space/"))["description"],
        "corrections": head(client.get("/corrections/"))["description"],
    }
    assert len(set(descriptions.values())) == len(descriptions)
    assert "Eagle lands on the Moon" in descriptions["home"]
    assert "July 20" in descriptions["day"] and "Eagle lands" in descriptions["day"]
    assert descriptions["author"] == "We write every story."
    assert descriptions["topic"] == "Rockets, moons and stations."


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/this-day-in-history/july/20/", "/this-day-in-history/july/20/"),
        ("/topics/space/", "/topics/space/"),
        ("/authors/editors/", "/authors/editors/"),
        ("/corrections/", "/corrections/"),
        ("/search/?q=eagle", "/search/"),
        ("/this-day-in-history/july/20/?utm_source=x", "/this-day-in-history/july/20/"),
    ],
)
def test_canonical_links_are_absolute_and_drop_stray_parameters(client, article, url, canonical):
    assert head(client.get(url))["canonical"] == f"{SITE}{canonical}"


def test_an_earlier_version_is_not_indexed_and_points_at_the_live_article(client, editor, article):
    event = article.event
    event.body += " More."
    event.save()
    live = publish(event, by=editor, substantive=True, note="More")
    first = live.history.order_by("history_id").first()
    tags = head(client.get(f"{live.get_absolute_url()}versions/{first.history_id}/"))
    assert tags["robots"] == "noindex"
    assert tags["canonical"] == f"{SITE}{live.get_absolute_url()}"


def test_descriptions_are_cut_at_a_word_to_a_meta_descriptions_length(client, published_event):
    live = published_event(dek="word " * 200)
    description = head(client.get(live.get_absolute_url()))["description"]
    assert len(description) <= 160 and description.endswith("…")


def test_dek_is_inline_html_on_pages_with_no_asterisks(client, article):
    with time_machine.travel(datetime.datetime(2026, 7, 20, 17, tzinfo=UTC)):
        pages = [
            client.get("/"),
            client.get("/this-day-in-history/july/20/"),
            client.get(article.get_absolute_url()),
            client.get("/topics/space/"),
            client.get("/authors/editors/"),
        ]
    for response in pages:
        page = response.content.decode()
        assert "<em>Eagle</em> lands &amp; two men walk on the <strong>Moon</strong>." in page
        assert "*Eagle*" not in page


def test_dek_markdown_cannot_inject_markup_or_blocks(client, published_event):
    live = published_event(dek='1990. The [x](javascript:alert(1)) "wall"')
    page = client.get(live.get_absolute_url()).content.decode()
    assert "javascript:" not in page
    assert "<ol" not in page.split('class="dek"')[1][:200]
    assert live.dek_text.startswith("1990. The") and "<" not in live.dek_text


def test_daily_email_shows_the_dek_as_plain_text_and_html(article):
    edition = daily_edition(datetime.date(2026, 7, 20))
    message = edition.message_to(SubscriberFactory(confirmed=True))
    text = message.body
    html = message.alternatives[0][0]
    assert "The Eagle lands & two men walk on the Moon." in text and "*" not in text
    assert "<em>Eagle</em>" in html


def test_the_article_links_all_its_versions_and_the_list_links_each(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{article.get_absolute_url()}versions/">All versions</a>' in page
    versions = client.get(f"{article.get_absolute_url()}versions/").content.decode()
    for version in article.history.all():
        assert f"versions/{version.history_id}/" in versions


def test_pages_without_their_own_head_still_have_a_description_and_canonical(client, db):
    tags = head(client.get("/newsletter/"))
    assert tags["description"] and tags["canonical"] == f"{SITE}/newsletter/"
