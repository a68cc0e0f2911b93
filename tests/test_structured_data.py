"""schema.org JSON-LD, extracted from the pages' HTML and checked field by field."""

import datetime
import json
import re

import pytest
import time_machine

from events.publishing import publish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, ImageFactory, TeamFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "https://history.example.com"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def json_ld(response):
    """Every JSON-LD block of the page, by @type."""
    assert response.status_code == 200
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    data = [json.loads(block) for block in blocks]
    for item in data:
        assert item["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data}


@pytest.fixture
def article(editor):
    team = TeamFactory(
        name="History Site Editors",
        slug="editors",
        members=[
            AuthorFactory(name=name, slug=name.lower().replace(" ", "-"))
            for name in ["Ada Park", "Ben Ortiz"]
        ],
    )
    person = AuthorFactory(name="Cy Young", slug="cy-young")
    event = EventFactory(
        title="Caesar is assassinated",
        slug="caesar",
        year=-44,
        month=3,
        day=15,
        dek="Senators stab the *dictator* & flee.",
        authors=[team, person],
    )
    with revision(event, reason="Relations"):
        event.topics.add(TopicFactory(name="Rome", slug="rome"))
    publish(event, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC))
    event.body += "\n\nMore."
    event.save()
    publish(
        event,
        by=editor,
        substantive=True,
        correction=True,
        note="The place was wrong.",
        at=datetime.datetime(2025, 1, 30, 15, tzinfo=UTC),
    )
    event.refresh_from_db()
    return event.live


def test_article_is_a_news_article_with_every_field(client, article):
    data = json_ld(client.get(article.get_absolute_url()))["NewsArticle"]
    url = f"{SITE}/this-day-in-history/march/15/caesar/"
    version = article.history.latest()
    assert data["headline"] == "Caesar is assassinated"
    assert data["description"] == "Senators stab the dictator & flee."
    assert data["image"] == [f"{SITE}/static/img/social-card.png"]
    assert data["datePublished"] == "2009-11-13T15:00:00+00:00"
    assert data["dateModified"] == "2025-01-30T15:00:00+00:00"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["url"] == url
    assert data["author"] == [
        {
            "@type": "Organization",
            "name": "History Site Editors",
            "url": f"{SITE}/authors/editors/",
            "member": [
                {"@type": "Person", "name": "Ada Park", "url": f"{SITE}/authors/ada-park/"},
                {"@type": "Person", "name": "Ben Ortiz", "url": f"{SITE}/authors/ben-ortiz/"},
            ],
        },
        {"@type": "Person", "name": "Cy Young", "url": f"{SITE}/authors/cy-young/"},
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "History Site Editors",
        "url": f"{SITE}/",
        "logo": {
            "@type": "ImageObject",
            "url": f"{SITE}/static/img/logo.png",
            "width": 600,
            "height": 60,
        },
    }
    assert data["about"] == {
        "@type": "Event",
        "name": "Caesar is assassinated",
        "startDate": "-0043-03-15",
    }
    assert data["articleSection"] == ["Rome"]
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Correction: The place was wrong.",
            "datePublished": "2025-01-30T15:00:00+00:00",
            "url": f"{url}versions/{version.history_id}/",
        }
    ]


def test_article_image_is_its_own_social_card_when_it_has_one(client, published_event):
    image = ImageFactory(alt_text="A crowd")
    live = published_event(hero_image=image)
    data = json_ld(client.get(live.get_absolute_url()))["NewsArticle"]
    assert data["image"] == [f"{SITE}/images/{image.key}/card-f50-50.jpg"]


@pytest.mark.parametrize(
    ("year", "iso"),
    [(1990, "1990-01-15"), (476, "0476-01-15"), (-1, "0000-01-15"), (-753, "-0752-01-15")],
)
def test_the_event_date_is_iso_8601_with_astronomical_bc_years(client, published_event, year, iso):
    live = published_event(year=year)
    assert json_ld(client.get(live.get_absolute_url()))["NewsArticle"]["about"]["startDate"] == iso


def test_article_breadcrumbs_go_home_day_article(client, article):
    crumbs = json_ld(client.get(article.get_absolute_url()))["BreadcrumbList"]
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "This Day in History", f"{SITE}/"),
        (2, "March 15", f"{SITE}/this-day-in-history/march/15/"),
        (3, "Caesar is assassinated", f"{SITE}/this-day-in-history/march/15/caesar/"),
    ]


def test_an_earlier_version_describes_itself_but_names_the_live_article(client, article):
    first = article.history.order_by("history_id").first()
    url = f"{article.get_absolute_url()}versions/{first.history_id}/"
    data = json_ld(client.get(url))["NewsArticle"]
    assert data["url"] == f"{SITE}{url}"
    assert data["mainEntityOfPage"]["@id"] == f"{SITE}{article.get_absolute_url()}"
    assert data["dateModified"] == "2009-11-13T15:00:00+00:00"
    assert "correction" not in data


def test_day_page_carries_an_item_list_of_its_articles_in_order(client, published_event):
    older = published_event(title="Older", year=1800)
    newer = published_event(title="Newer", year=1900)
    data = json_ld(client.get("/this-day-in-history/january/15/"))
    assert data["ItemList"]["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "url": f"{SITE}{older.get_absolute_url()}",
            "name": "Older",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "url": f"{SITE}{newer.get_absolute_url()}",
            "name": "Newer",
        },
    ]
    assert "BreadcrumbList" in data


def test_team_author_page_is_an_organization_with_its_members(client, article):
    data = json_ld(client.get("/authors/editors/"))
    team = data["Organization"]
    assert team["name"] == "History Site Editors"
    assert team["url"] == f"{SITE}/authors/editors/"
    assert [member["name"] for member in team["member"]] == ["Ada Park", "Ben Ortiz"]
    assert "BreadcrumbList" in data


def test_person_author_page_is_a_person(client, article):
    data = json_ld(client.get("/authors/cy-young/"))
    assert data["Person"]["name"] == "Cy Young"


def test_home_page_is_a_website_with_a_search_action(client, published_event):
    published_event()
    with time_machine.travel(datetime.datetime(2026, 1, 15, 17, tzinfo=UTC)):
        data = json_ld(client.get("/"))
    site = data["WebSite"]
    assert site["url"] == f"{SITE}/"
    assert (
        site["potentialAction"]["target"]["urlTemplate"]
        == f"{SITE}/search/?q={{search_term_string}}"
    )
    assert site["potentialAction"]["query-input"] == "required name=search_term_string"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/this-day-in-history/march/15/",
        "/this-day-in-history/march/15/caesar/",
        "/this-day-in-history/march/15/caesar/versions/",
        "/authors/editors/",
        "/topics/rome/",
        "/corrections/",
        "/search/?q=caesar",
    ],
)
def test_every_public_page_has_a_breadcrumb_list(client, article, url):
    crumbs = json_ld(client.get(url))["BreadcrumbList"]["itemListElement"]
    assert crumbs[0]["item"] == f"{SITE}/"


def test_json_ld_cannot_be_closed_by_an_article_title(client, published_event):
    live = published_event(title="</script><script>alert(1)</script>")
    page = client.get(live.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert json_ld(client.get(live.get_absolute_url()))["NewsArticle"]["headline"] == live.title
