"""The reader's ways in: a home that is never empty, month pages, indexes and the About page."""

import datetime
import re

import pytest
import time_machine

from editorial.models import SitePage
from events.calendar import nearest_days
from revisions.history import revision

from .factories import AuthorFactory, TeamFactory, TopicFactory

pytestmark = pytest.mark.django_db

# A day of the year with no story in these tests: the home must still lead somewhere.
EMPTY_DAY = datetime.datetime(2026, 11, 30, 17, tzinfo=datetime.UTC)


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_nearest_days_look_both_ways_round_the_year_and_list_them_in_calendar_order():
    counts = {(1, 2): 1, (12, 29): 2, (6, 1): 1, (1, 3): 1}
    days = nearest_days(counts, 12, 31, limit=3)
    assert [(d.month, d.day, d.offset) for d in days] == [(12, 29, -2), (1, 2, 2), (1, 3, 3)]
    assert [d.when for d in days] == ["2 days ago", "in 2 days", "in 3 days"]


def test_home_on_a_day_without_stories_shows_this_week_recent_stories_and_ways_to_browse(
    client, published_event
):
    with time_machine.travel(EMPTY_DAY):
        published_event(title="Two days later", month=12, day=2, year=1804)
        published_event(title="Three days before", month=11, day=27, year=1095)
        published_event(title="Far away in spring", month=4, day=12, year=1961)
        page = text_of(client.get("/"))
    assert "No story is published for November 30 yet" in page
    week = page[page.index("This week in history") : page.index("Recently published")]
    assert week.index("November 27") < week.index("Three days before") < week.index("December 2")
    assert "3 days ago" in week and "in 2 days" in week and "Two days later" in week
    assert "Far away in spring" not in week
    assert "April 12" not in week
    recent = page[page.index("Recently published") : page.index("Ways to browse")]
    assert "Far away in spring" in recent
    assert 'href="/this-day-in-history/january/"' in page
    assert 'href="/topics/"' in page and 'href="/authors/"' in page


def test_home_falls_back_to_the_nearest_days_when_this_week_has_none(client, published_event):
    with time_machine.travel(EMPTY_DAY):
        published_event(title="Far away in spring", month=4, day=12, year=1961)
        page = text_of(client.get("/"))
    nearest = page[page.index("The nearest days with stories") : page.index("Recently published")]
    assert "April 12" in nearest and "Far away in spring" in nearest


def test_home_runs_a_constant_number_of_queries(
    client, published_event, django_assert_max_num_queries
):
    with time_machine.travel(EMPTY_DAY):
        for day in range(1, 20):
            published_event(month=12, day=day, year=1900 + day)
            published_event(month=12, day=day, year=1800 + day)
        with django_assert_max_num_queries(8):
            client.get("/")


def test_an_empty_day_page_points_to_the_nearest_days_with_stories(client, published_event):
    published_event(title="A story of the 18th", month=3, day=18)
    page = text_of(client.get("/this-day-in-history/march/15/"))
    assert "No story is published for March 15 yet" in page
    assert "A story of the 18th" in page and "3 days after" in page


def test_previous_and_next_links_name_their_days(client, db):
    page = text_of(client.get("/this-day-in-history/march/1/"))
    assert "Previous day: February 29" in page
    assert "Next day: March 2" in page


def test_month_page_is_a_calendar_with_the_number_of_stories_per_day(client, published_event):
    published_event(month=2, day=29, year=1504)
    published_event(month=2, day=29, year=1940)
    published_event(month=2, day=3)
    published_event(month=3, day=3)
    page = text_of(client.get("/this-day-in-history/february/"))
    assert "February in history" in page
    assert "3 stories this month" in page
    assert re.search(
        r'february/29/"><span class="day-number">29</span> <span [^>]+>2 stories', page
    )
    assert re.search(
        r'february/3/"><span class="day-number">3</span> <span class="day-count">1 story', page
    )
    assert 'href="/this-day-in-history/february/30/"' not in page
    assert 'href="/this-day-in-history/march/" rel="next"' in page
    assert 'href="/this-day-in-history/january/" rel="prev"' in page


def test_topics_index_lists_topics_with_their_published_story_counts(client, published_event):
    exploration = TopicFactory(name="Exploration")
    TopicFactory(name="Unused topic")
    published_event(topics=[exploration])
    published_event(topics=[exploration])
    page = text_of(client.get("/topics/"))
    assert "Exploration" in page and "2 stories" in page
    assert "Unused topic" not in page


def test_authors_index_lists_people_and_teams_with_members_and_story_counts(
    client, published_event
):
    member = AuthorFactory(name="Ada Quill")
    team = TeamFactory(name="The Desk", members=[member])
    published_event(authors=[team])
    page = text_of(client.get("/authors/"))
    assert "The Desk" in page and "Team · 1 story" in page and "Members: Ada Quill" in page
    assert "Ada Quill</a>" in page and "Member of The Desk" in page


def test_about_page_shows_the_editors_text_once_written(client, editor):
    assert "About This Day in History" in text_of(client.get("/about/"))
    page = SitePage(slug="about", title="About us", body="We are *historians*.")
    with revision(page, by=editor, reason="First About page"):
        page.save()
    text = text_of(client.get("/about/"))
    assert "About us" in text and "<em>historians</em>" in text
    assert page.history.get().history_change_reason == "First About page"


def test_every_page_links_the_ways_in_from_its_header(client, db):
    page = text_of(client.get("/privacy/"))
    for path in ("/topics/", "/authors/", "/about/", "/privacy/", "/search/"):
        assert f'"{path}"' in page


def test_titles_get_typographic_quotes_and_dashes_and_stay_escaped(client, published_event):
    live = published_event(title='Caesar\'s "last" day, 1914-1918 <b>')
    page = client.get(live.get_absolute_url()).content.decode()
    assert "<h1>Caesar’s “last” day, 1914–1918 &lt;b&gt;</h1>" in page
    day = client.get("/this-day-in-history/january/15/").content.decode()
    assert "Caesar’s “last” day" in day
