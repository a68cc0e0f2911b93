import datetime
import re

import pytest
import time_machine
from django.core.cache import cache

from events.models import PublishedEvent
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


def walk(client, url, rel):
    """Follow an author or topic page's ``rel`` link to the end: the titles of each page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([item.title for item in response.context["page"].object_list])
        link = re.search(rf'<a href="([^"]+)" rel="{rel}">', response.content.decode())
        url = link and link.group(1).replace("&amp;", "&")
        if url and url.startswith("?"):
            url = response.request["PATH_INFO"] + url
    return pages


@pytest.mark.parametrize("small_list", [True, False], ids=["small list", "large list"])
def test_author_and_topic_pages_page_through_every_story_oldest_first(
    client, editor, monkeypatch, small_list
):
    from events import pagination

    if not small_list:  # what an author with thousands of stories gets
        monkeypatch.setattr(pagination, "SMALL_LIST", 10)
    author, topic = AuthorFactory(), TopicFactory(name="Industry")
    for n in range(45):
        event = EventFactory(title=f"Mill {n:02d}", year=1800 + n % 9, authors=[author])
        with revision(event, reason="Topic"):
            event.topics.set([topic])
        publish(event, by=editor, substantive=False)
    expected = [f"Mill {n:02d}" for n in sorted(range(45), key=lambda n: (n % 9, n))]
    for url in (author.get_absolute_url(), topic.get_absolute_url()):
        pages = walk(client, url, "next")
        assert [len(page) for page in pages] == [20, 20, 5]
        assert [title for page in pages for title in page] == expected
        page = text_of(client.get(url))
        assert "45 stories, oldest first" in page and "Earlier stories" not in page
        fortieth = PublishedEvent.objects.get(title=expected[40]).slug
        back = walk(client, f"{url}?before={fortieth}", "prev")
        assert [len(page) for page in back] == [20, 20]
        assert [title for page in reversed(back) for title in page] == expected[:40]


def test_a_deep_page_runs_the_queries_of_the_first(client, editor, django_assert_num_queries):
    """Rendered from nothing kept, the page after the 20th story runs one query more than the
    first (finding that story); kept, either is one statement of stamps."""
    author = AuthorFactory()
    for n in range(30):
        publish(EventFactory(year=1900 + n, authors=[author]), by=editor, substantive=False)
    url = author.get_absolute_url()
    client.get(url)
    cache.clear()
    first = client.get(url).context["page"]
    cache.clear()
    with django_assert_num_queries(6) as first_page:
        client.get(url)
    cache.clear()
    with django_assert_num_queries(len(first_page.captured_queries) + 1):  # finding the slug
        deep = client.get(url, {"after": first.later})
    with django_assert_num_queries(1):
        assert client.get(url, {"after": first.later}).content == deep.content
    assert len(first.object_list) == 20 and len(deep.context["page"].object_list) == 10


def test_a_page_from_a_story_no_longer_there_leads_to_the_first_page(client, editor):
    author = AuthorFactory()
    publish(EventFactory(authors=[author]), by=editor, substantive=False)
    url = author.get_absolute_url()
    for cursor in ({"after": "withdrawn-since"}, {"before": "x' OR 1=1"}):
        response = client.get(url, cursor)
        assert response.status_code == 302 and response["Location"] == url


def test_page_links_carry_only_where_the_page_starts(client, editor):
    author = AuthorFactory()
    for n in range(25):
        publish(EventFactory(year=1900 + n, authors=[author]), by=editor, substantive=False)
    first = client.get(author.get_absolute_url(), {"utm_source": "newsletter"})
    later = first.context["page"].later
    page = first.content.decode()
    assert f'href="?after={later}" rel="next"' in page
    assert "utm_source" not in page


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


def test_the_chronology_key_sorts_as_the_years_do_even_far_back():
    from events.models import chronology_key

    years = [-12000, -11000, -10000, -44, -1, 1, 1969, 2026]
    keys = [chronology_key(year, 1, 1, "A story", 7) for year in years]
    assert sorted(keys) == keys
    assert chronology_key(1969, 7, 20, "B", 1) < chronology_key(1969, 7, 20, "C", 1)
    assert chronology_key(1969, 7, 20, "B", 1) < chronology_key(1969, 7, 21, "A", 1)
