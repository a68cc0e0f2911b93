"""The JSON API: On This Day (Wikimedia's shape) and one article with its version log."""

import datetime

import pytest

from events.publishing import publish, unpublish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TeamFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "https://history.example.com"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def day(editor):
    """January 15: an article from 1990 (updated and corrected) and one from 44 BC."""
    team = TeamFactory(name="History Site Editors", slug="editors")
    modern = EventFactory(
        title="Troops are sent into the capital",
        slug="troops-sent",
        year=1990,
        dek="The *government* sends soldiers.",
        authors=[team],
    )
    with revision(modern, reason="Relations"):
        modern.topics.add(TopicFactory(name="Cold War", slug="cold-war"))
    publish(
        modern, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC)
    )
    modern.body += "\n\nNew findings."
    modern.save()
    publish(
        modern,
        by=editor,
        substantive=True,
        correction=True,
        note="The date was wrong.",
        at=datetime.datetime(2025, 1, 30, 15, tzinfo=UTC),
    )
    ancient = EventFactory(title="An ancient treaty", slug="ancient-treaty", year=-44)
    with revision(ancient, reason="Relations"):
        ancient.authors.add(AuthorFactory(name="Ada Park"), through_defaults={"position": 0})
    publish(ancient, by=editor, substantive=False, at=datetime.datetime(2010, 1, 1, 15, tzinfo=UTC))
    EventFactory(title="A secret draft", slug="secret-draft", authors=[AuthorFactory()])
    modern.refresh_from_db()
    return modern.live


def test_on_this_day_has_wikimedias_shape_newest_year_first_bc_negative(client, day):
    response = client.get("/api/onthisday/01/15/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    events = response.json()["events"]
    assert [(event["year"], event["text"]) for event in events] == [
        (1990, "Troops are sent into the capital"),
        (-44, "An ancient treaty"),
    ]
    (page,) = events[0]["pages"]
    url = f"{SITE}/this-day-in-history/january/15/troops-sent/"
    assert page["title"] == "troops-sent"
    assert page["displaytitle"] == "Troops are sent into the capital"
    assert page["extract"] == "The government sends soldiers."
    assert page["extract_html"] == "<p>The <em>government</em> sends soldiers.</p>"
    assert page["content_urls"]["desktop"]["page"] == url
    assert page["url"] == url
    assert page["published"] == "2009-11-13T15:00:00+00:00"
    assert page["updated"] == "2025-01-30T15:00:00+00:00"
    assert page["authors"] == [
        {"name": "History Site Editors", "type": "team", "url": f"{SITE}/authors/editors/"}
    ]
    assert events[1]["pages"][0]["date"] == "-0043-01-15"


def test_on_this_day_never_lists_a_draft_or_an_unpublished_article(client, editor, day):
    unpublish(day.event, by=editor, reason="Legal")
    body = client.get("/api/onthisday/01/15/").content.decode()
    assert "secret" not in body.lower() and "troops" not in body.lower()


def test_on_this_day_accepts_february_29_and_single_digits(client, day):
    assert client.get("/api/onthisday/02/29/").json() == {"events": []}
    assert len(client.get("/api/onthisday/1/15/").json()["events"]) == 2


@pytest.mark.parametrize("date", ["13/45", "02/30", "00/10", "04/31", "ab/cd", "1/150", "-1/5"])
def test_impossible_days_get_a_json_400(client, db, date):
    response = client.get(f"/api/onthisday/{date}/")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == 400 and response.json()["detail"]


def test_an_article_with_its_public_version_log(client, day):
    data = client.get("/api/events/troops-sent/").json()
    assert data["displaytitle"] == "Troops are sent into the capital"
    assert data["topics"] == [
        {"name": "Cold War", "slug": "cold-war", "url": f"{SITE}/topics/cold-war/"}
    ]
    ids = list(day.history.order_by("-history_id").values_list("history_id", flat=True))
    base = f"{SITE}/this-day-in-history/january/15/troops-sent/versions/"
    assert data["versions"] == [
        {
            "id": ids[0],
            "url": f"{base}{ids[0]}/",
            "date": "2025-01-30T15:00:00+00:00",
            "kind": "correction",
            "kind_label": "Correction",
            "note": "Correction: The date was wrong.",
        },
        {
            "id": ids[1],
            "url": f"{base}{ids[1]}/",
            "date": "2009-11-13T15:00:00+00:00",
            "kind": "first",
            "kind_label": "First publication",
            "note": "",
        },
    ]
    assert "New findings" in data["body_html"]


def test_unknown_slug_is_a_json_404_and_a_draft_is_unknown(client, day):
    for slug in ["no-such-article", "secret-draft"]:
        response = client.get(f"/api/events/{slug}/")
        assert response.status_code == 404
        assert response.json() == {"status": 404, "detail": "No published article has this slug."}


def test_an_unpublished_article_is_gone(client, editor, day):
    unpublish(day.event, by=editor, reason="Legal")
    response = client.get("/api/events/troops-sent/")
    assert response.status_code == 410 and response.json()["status"] == 410


@pytest.mark.parametrize("url", ["/api/onthisday/01/15/", "/api/events/troops-sent/"])
def test_etag_answers_304_when_nothing_changed_and_200_after_a_publish(client, editor, day, url):
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "public" in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    event = day.event
    event.title = "Troops enter the capital"
    event.save()
    publish(event, by=editor, substantive=False)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_any_origin_may_read_the_api(client, day):
    response = client.get("/api/onthisday/01/15/", headers={"Origin": "https://app.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/events/troops-sent/", headers={"Origin": "https://a.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_writing_methods_get_a_json_405(client, day):
    response = client.post("/api/events/troops-sent/", {"title": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["status"] == 405


def test_api_responses_set_no_cookie(client, day):
    assert not client.get("/api/onthisday/01/15/").cookies


def test_on_this_day_runs_a_constant_number_of_queries(
    client, published_event, django_assert_max_num_queries
):
    for n in range(20):
        published_event(title=f"Event {n}", authors=[AuthorFactory()])
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/onthisday/01/15/").json()["events"]) == 20
