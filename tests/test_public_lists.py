import datetime
import re

import pytest
import time_machine

from events.publishing import publish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TeamFactory, TopicFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_day_page_lists_the_days_published_events_oldest_first(client, published_event):
    published_event(title="Modern event", year=1990)
    published_event(title="Ancient event", year=-44)
    published_event(title="Medieval event", year=1215)
    published_event(title="Next day event", day=16)
    page = text_of(client.get("/this-day-in-history/january/15/"))
    assert "January 15 in history" in page
    assert page.index("Ancient event") < page.index("Medieval event") < page.index("Modern event")
    assert "44 BC" in page
    assert "Next day event" not in page


def test_day_page_links_wrap_around_the_year(client, db):
    page = text_of(client.get("/this-day-in-history/december/31/"))
    assert 'href="/this-day-in-history/december/30/" rel="prev"' in page
    assert 'href="/this-day-in-history/january/1/" rel="next"' in page
    page = text_of(client.get("/this-day-in-history/january/1/"))
    assert 'href="/this-day-in-history/december/31/" rel="prev"' in page


def test_february_29_always_has_a_day_page_between_its_neighbours(client, db):
    assert client.get("/this-day-in-history/february/29/").status_code == 200
    page = text_of(client.get("/this-day-in-history/february/28/"))
    assert 'href="/this-day-in-history/february/29/" rel="next"' in page
    page = text_of(client.get("/this-day-in-history/march/1/"))
    assert 'href="/this-day-in-history/february/29/" rel="prev"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/this-day-in-history/february/30/",
        "/this-day-in-history/april/31/",
        "/this-day-in-history/june/0/",
        "/this-day-in-history/smarch/1/",
    ],
)
def test_impossible_days_answer_404(client, db, path):
    assert client.get(path).status_code == 404


def test_home_leads_with_the_roundest_anniversary_and_says_how_long_ago(client, published_event):
    with time_machine.travel(datetime.datetime(2026, 1, 15, 17, tzinfo=UTC)):
        published_event(title="Thirty-one years", year=1995)
        published_event(title="Fifty years", year=1976)
        published_event(title="Thirty years", year=1996)
        published_event(title="Other day", day=16, year=1926)
        page = text_of(client.get("/"))
    featured = page[page.index('class="featured"') : page.index("More from")]
    assert "Fifty years" in featured
    assert "50 years ago today" in featured
    rest = page[page.index("More from") : page.index("This week in history")]
    assert "Thirty-one years" in rest and "Thirty years" in rest
    assert "Other day" not in rest


def test_editors_featured_pick_leads_the_home_page(client, published_event):
    with time_machine.travel(datetime.datetime(2026, 1, 15, 17, tzinfo=UTC)):
        published_event(title="Century", year=1926)
        published_event(title="Editors pick", year=1999, is_featured=True)
        page = text_of(client.get("/"))
    featured = page[page.index('class="featured"') : page.index("More from")]
    assert "Editors pick" in featured


def test_home_uses_today_in_the_sites_time_zone(client, published_event, settings):
    settings.TIME_ZONE = "America/New_York"
    published_event(title="January fifteenth", day=15)
    # 03:00 UTC on January 16 is still January 15 in New York.
    with time_machine.travel(datetime.datetime(2026, 1, 16, 3, tzinfo=UTC)):
        page = text_of(client.get("/"))
    assert "January fifteenth" in page


def test_author_page_shows_bio_members_and_published_stories(client, editor):
    member = AuthorFactory(name="Cleo Smith")
    team = TeamFactory(name="The Desk", bio="We write the stories.", members=[member])
    publish(EventFactory(title="Team story", authors=[team]), by=editor, substantive=False)
    EventFactory(title="Team draft", authors=[team])
    page = text_of(client.get(team.get_absolute_url()))
    assert "We write the stories." in page
    assert "Cleo Smith" in page
    assert "Team story" in page
    assert "Team draft" not in page
    member_page = text_of(client.get(member.get_absolute_url()))
    assert "Member of" in member_page and "The Desk" in member_page


def test_author_page_is_paginated(client, editor):
    author = AuthorFactory()
    for n in range(25):
        publish(EventFactory(year=1900 + n, authors=[author]), by=editor, substantive=False)
    first = client.get(author.get_absolute_url())
    second = client.get(author.get_absolute_url() + "?page=2")
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert "Page 2 of 2" in second.content.decode()


def test_topic_page_lists_published_stories_only(client, editor):
    topic = TopicFactory(name="Exploration", description="Journeys to the edge of the map.")
    live = EventFactory(title="Published voyage", authors=[AuthorFactory()], topics=[topic])
    publish(live, by=editor, substantive=False)
    EventFactory(title="Draft voyage", topics=[topic])
    page = text_of(client.get(topic.get_absolute_url()))
    assert "Journeys to the edge of the map." in page
    assert "Published voyage" in page
    assert "Draft voyage" not in page


def test_unknown_author_and_topic_answer_404(client, db):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/topics/nothing/").status_code == 404


def test_a_draft_appears_on_no_public_page(client, editor):
    author = AuthorFactory()
    topic = TopicFactory()
    publish(EventFactory(title="Visible story", authors=[author]), by=editor, substantive=False)
    EventFactory(title="Secret draft story", slug="secret-draft", authors=[author], topics=[topic])
    with time_machine.travel(datetime.datetime(2026, 1, 15, 17, tzinfo=UTC)):
        pages = [
            client.get("/"),
            client.get("/this-day-in-history/january/15/"),
            client.get(author.get_absolute_url()),
            client.get(topic.get_absolute_url()),
        ]
    for response in pages:
        assert response.status_code == 200
        assert b"Secret draft story" not in response.content
    assert client.get("/this-day-in-history/january/15/secret-draft/").status_code == 404


def test_day_page_runs_a_constant_number_of_queries(
    client, published_event, django_assert_max_num_queries
):
    for n in range(30):
        published_event(year=1900 + n)
    with django_assert_max_num_queries(4):
        assert client.get("/this-day-in-history/january/15/").status_code == 200


def test_a_draft_reaches_no_search_feed_sitemap_or_api(client, editor):
    author = AuthorFactory(slug="ada")
    topic = TopicFactory(slug="space")
    visible = EventFactory(title="Visible story", authors=[author], month=1, day=15)
    with revision(visible, reason="Relations"):
        visible.topics.add(topic)
    publish(visible, by=editor, substantive=False)
    draft = EventFactory(
        title="Secret draft story", slug="secret-draft", authors=[author], month=1, day=15
    )
    with revision(draft, reason="Relations"):
        draft.topics.add(topic)
    urls = [
        "/search/?q=story",
        "/search/?q=secret",
        "/search/?q=January+15",
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        "/feeds/topics/space.rss",
        "/feeds/authors/ada.atom",
        "/feeds/corrections.rss",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-days.xml",
        "/api/onthisday/01/15/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Secret draft" not in response.content and b"secret-draft" not in response.content
    assert client.get("/api/events/secret-draft/").status_code == 404
    assert b"Visible story" in client.get("/search/?q=story").content
