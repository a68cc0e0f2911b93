"""Site search: runs on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL."""

import re

import pytest
from django.db import connection

from events import search, views
from events.publishing import publish, unpublish
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    page = response.content.decode()
    results = page.split('class="event-list search-results"', 1)
    if len(results) == 1:
        return []
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', results[1])


def find(client, q, **params):
    return titles(client.get("/search/", {"q": q, **params}))


@pytest.fixture
def stories(published_event, editor):
    armstrong = AuthorFactory(name="Neil Hartmann")
    space = TopicFactory(name="Space exploration", slug="space")
    moon = published_event(
        title="Eagle lands on the Moon",
        slug="eagle-lands",
        year=1969,
        month=7,
        day=20,
        dek="Two astronauts walk on the lunar surface.",
        body="Millions watched the broadcast from Tranquility Base.",
        authors=[armstrong],
    )
    with revision(moon.event, reason="Relations"):
        moon.event.topics.add(space)
    moon = publish(moon.event, by=editor, substantive=False)
    caesar = published_event(
        title="Caesar is assassinated",
        slug="caesar-assassinated",
        year=-44,
        month=3,
        day=15,
        dek="Senators stab the dictator in Pompey's theatre.",
        body="The Ides of March became a byword for betrayal.",
    )
    wall = published_event(
        title="The wall opens",
        slug="wall-opens",
        year=1989,
        month=11,
        day=9,
        dek="Crowds cross freely after a garbled announcement.",
        body="Border guards stood aside as people climbed the concrete.",
    )
    return {"moon": moon, "caesar": caesar, "wall": wall, "space": space}


def test_search_finds_a_story_by_a_word_of_its_title(client, stories):
    assert find(client, "eagle") == ["Eagle lands on the Moon"]


def test_search_finds_a_story_by_a_word_of_its_body_with_stemming(client, stories):
    assert find(client, "broadcasts") == ["Eagle lands on the Moon"]


def test_search_finds_a_story_by_its_summary(client, stories):
    assert find(client, "garbled announcement") == ["The wall opens"]


def test_search_finds_a_story_by_its_byline(client, stories):
    assert find(client, "Hartmann") == ["Eagle lands on the Moon"]


def test_search_finds_a_story_by_its_topic_name(client, stories):
    assert find(client, "exploration") == ["Eagle lands on the Moon"]


def test_a_renamed_author_or_topic_is_found_by_the_new_name_at_once(client, stories):
    from editorial.models import Author

    author = Author.objects.get(name="Neil Hartmann")
    with revision(author, reason="Name as published"):
        author.name = "Neil Armstrong-Hartley"
        author.save()
    space = stories["space"]
    with revision(space, reason="Renamed"):
        space.name = "Spaceflight"
        space.save()
    assert find(client, "Armstrong-Hartley") == ["Eagle lands on the Moon"]
    assert find(client, "Hartmann") == []
    assert find(client, "spaceflight") == ["Eagle lands on the Moon"]
    assert find(client, "exploration") == []


def test_search_understands_a_year(client, stories):
    assert find(client, "1969") == ["Eagle lands on the Moon"]
    assert find(client, "1989") == ["The wall opens"]


@pytest.mark.parametrize("q", ["44 BC", "44 B.C.", "44 bce", "44BC"])
def test_search_understands_a_bc_year(client, stories, q):
    assert find(client, q) == ["Caesar is assassinated"]


@pytest.mark.parametrize("q", ["July 20", "20 July", "jul 20th", "20th of July"])
def test_search_understands_a_day_either_way_round(client, stories, q):
    assert find(client, q) == ["Eagle lands on the Moon"]


def test_search_combines_words_with_a_date(client, stories):
    assert find(client, "moon July 20, 1969") == ["Eagle lands on the Moon"]
    assert find(client, "moon 1989") == []


def test_a_year_in_quotes_is_searched_as_a_word(client, published_event):
    published_event(title="A novel is published", year=1949, body="Its title is 1984.")
    assert find(client, '"1984"') == ["A novel is published"]
    assert find(client, "1984") == []


def test_results_rank_title_above_summary_above_body(client, published_event):
    published_event(title="Harbour news", dek="Nothing new.", body="A treaty was signed.")
    published_event(title="Port news", dek="A treaty is signed.", body="Nothing new.")
    published_event(title="The treaty", dek="Nothing new.", body="Nothing new.")
    assert find(client, "treaty") == ["The treaty", "Port news", "Harbour news"]


def test_results_rank_title_above_summary_above_body_with_a_word_left_out(client, published_event):
    published_event(title="Harbour news", dek="Nothing new.", body="A treaty was signed.")
    published_event(title="Port news", dek="A treaty is signed.", body="Nothing new.")
    published_event(title="The treaty", dek="Nothing new.", body="Nothing new.")
    published_event(title="Treaty of Lisbon", dek="Nothing new.", body="Nothing new.")
    assert find(client, "treaty -lisbon") == ["The treaty", "Port news", "Harbour news"]


def test_snippet_highlights_the_matched_words_and_escapes_html(client, published_event):
    published_event(
        title="Riot",
        dek="Plain summary.",
        body="Protesters **shouted** <3 & marched past the palace gates at dawn.",
    )
    page = client.get("/search/", {"q": "palace"}).content.decode()
    assert "<mark>palace</mark>" in page
    assert "<strong>shouted" not in page
    assert "shouted &lt;3 &amp; marched" in page


def test_phrases_and_exclusions(client, stories):
    assert find(client, '"lunar surface"') == ["Eagle lands on the Moon"]
    assert find(client, '"surface lunar"') == []
    assert find(client, "astronauts -tranquility") == []
    assert find(client, "astronauts -caesar") == ["Eagle lands on the Moon"]


def test_prefix_search(client, stories):
    assert find(client, "tranquil*") == ["Eagle lands on the Moon"]


def test_stop_words_alone_find_nothing_and_do_not_break_a_query(client, stories):
    assert find(client, "the") == []
    assert find(client, "the eagle and the moon") == ["Eagle lands on the Moon"]


def test_filter_by_topic(client, stories):
    assert find(client, "", topic="space") == ["Eagle lands on the Moon"]
    assert find(client, "crowds", topic="space") == []
    assert find(client, "astronauts", topic="space") == ["Eagle lands on the Moon"]


def test_filter_by_century(client, stories):
    assert find(client, "", century="20") == ["Eagle lands on the Moon", "The wall opens"]
    assert find(client, "", century="-1") == ["Caesar is assassinated"]


def test_results_are_paginated_and_pages_keep_the_query(client, published_event):
    for n in range(23):
        published_event(title=f"Comet sighting {n}", dek="A comet.")
    page = client.get("/search/", {"q": "comet"}).content.decode()
    assert "23 stories" in page
    assert len(titles(client.get("/search/", {"q": "comet"}))) == 20
    assert "?q=comet&amp;page=2" in page
    assert len(titles(client.get("/search/", {"q": "comet", "page": 2}))) == 3


def test_title_and_summary_matches_come_before_body_only_matches_which_keep_article_order(
    client, published_event
):
    for n in range(21):
        published_event(title=f"Report {n:02}", dek="Nothing new.", body="A comet was seen.")
    published_event(title="Letter", dek="A comet is seen.", body="Nothing new.")
    published_event(title="The comet", dek="Nothing new.", body="Nothing new.")
    first_page = find(client, "comet")
    assert first_page[:3] == ["The comet", "Letter", "Report 00"]
    body_only = first_page[3:] + find(client, "comet", page=2)
    assert body_only == [f"Report {n:02}" for n in range(1, 21)]


@pytest.fixture
def at_most_four_results_two_a_page(monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 4)
    monkeypatch.setattr(views, "SEARCH_RESULTS_PER_PAGE", 2)


@pytest.mark.usefixtures("at_most_four_results_two_a_page")
def test_past_the_cap_the_count_says_more_than_and_pages_stop_at_the_cap(client, published_event):
    for n in range(6):
        published_event(title=f"Comet sighting {n}")
    page = client.get("/search/", {"q": "comet"}).content.decode()
    assert "More than 4 stories matching “comet”. The first 4 are listed" in page
    assert "Page 1 of 2" in page
    second = client.get("/search/", {"q": "comet", "page": 2})
    assert titles(second) == ["Comet sighting 2", "Comet sighting 3"]
    assert titles(client.get("/search/", {"q": "comet", "page": 3})) == titles(second)


@pytest.mark.usefixtures("at_most_four_results_two_a_page")
def test_at_the_cap_the_count_is_exact(client, published_event):
    for n in range(4):
        published_event(title=f"Comet sighting {n}")
    page = client.get("/search/", {"q": "comet"}).content.decode()
    assert "4 stories matching “comet”." in page
    assert "More than" not in page


@pytest.mark.usefixtures("at_most_four_results_two_a_page")
def test_a_date_search_past_the_cap_says_more_than(client, published_event):
    for n in range(5):
        published_event(title=f"Comet sighting {n}", year=1910)
    assert "More than 4 stories in 1910." in client.get("/search/", {"q": "1910"}).content.decode()


def test_a_draft_is_never_found(client, published_event):
    EventFactory(title="Secret zeppelin draft", authors=[AuthorFactory()])
    published_event(title="Public zeppelin story")
    assert find(client, "zeppelin") == ["Public zeppelin story"]


def test_an_unpublished_article_leaves_the_results(client, editor, stories):
    unpublish(stories["wall"].event, by=editor, reason="Legal review")
    assert find(client, "crowds") == []
    assert find(client, "1989") == []


def test_a_published_change_or_correction_updates_the_index(client, editor, stories):
    event = stories["caesar"].event
    event.body = "Twenty-three stab wounds, the historians say."
    event.save()
    publish(event, by=editor, substantive=False, correction=True, note="Wound count")
    assert find(client, "wounds") == ["Caesar is assassinated"]
    assert find(client, "betrayal") == []


def test_an_unpublished_change_is_not_searchable(client, editor, stories):
    event = stories["caesar"].event
    edit(event, body="A secret rewrite about gladiators.")
    assert find(client, "gladiators") == []


def test_the_index_follows_the_live_table_on_this_database(stories):
    assert search.SearchDocument.objects.count() == 3
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")  # noqa: S608
            assert cursor.fetchone()[0] == 3


def test_rebuild_indexes_every_live_article(stories):
    search.SearchDocument.objects.all().delete()
    assert search.rebuild() == 3
    assert search.SearchDocument.objects.count() == 3


HOSTILE = [
    '"',
    '"""',
    '"unterminated phrase',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "eagle AND",
    "OR eagle",
    "NOT eagle",
    "eagle NOT",
    "NEAR(eagle moon)",
    "eagle NEAR/2 moon",
    "*",
    "**",
    "eagle*",
    "*eagle",
    "-",
    "--",
    "-eagle",
    "- -",
    "(",
    ")",
    "(eagle",
    "eagle)",
    "((()))",
    "title:eagle",
    "{title dek}: eagle",
    "^eagle",
    "eagle:*",
    "eagle & moon | !wall",
    "'); DROP TABLE events_publishedevent; --",
    "1 OR 1=1",
    '" OR ""="',
    "\x00",
    "eagle\x00moon",
    "\x00" * 50,
    "🦅🌕",
    "eagle 🦅",
    "ـــ",
    "_",
    "__init__",
    "a" * 5000,
    "eagle " * 1000,
    "x" * 250 + " eagle",
    "\u202e\u200b\ufeff",
    "\ue000eagle\ue001",
    "0 BC",
    "9999",
    "February 30",
    "February 29",
    "%",
    "%%",
    "\\",
    "<script>alert(1)</script>",
    "&amp;",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_get_a_results_page(client, stories, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "\x00"},
        {"topic": "no-such-topic"},
        {"topic": "a" * 500},
        {"century": "abc"},
        {"century": "0"},
        {"century": "99999999999999999999"},
        {"page": "-1"},
        {"page": "\x00"},
        {"page": "9999"},
    ],
)
def test_hostile_filters_get_a_results_page(client, stories, params):
    assert client.get("/search/", {"q": "eagle", **params}).status_code == 200


def test_a_long_query_is_shortened_with_a_note(client, stories):
    page = client.get("/search/", {"q": "eagle " + "x" * 5000}).content.decode()
    assert "first 200 characters" in page


def test_every_page_has_a_search_box_in_its_header(client, stories):
    for url in ["/", "/this-day-in-history/july/20/", stories["moon"].get_absolute_url()]:
        page = client.get(url).content.decode()
        header = page[page.index('<header class="site-header">') : page.index("</header>")]
        assert 'role="search"' in header and 'name="q"' in header


def test_search_pages_ask_not_to_be_indexed(client, stories):
    assert b'<meta name="robots" content="noindex, follow">' in client.get("/search/?q=x").content


def test_empty_search_explains_what_can_be_searched(client, stories):
    page = client.get("/search/").content.decode()
    assert "44 BC" in page and "search-results" not in page


def test_search_runs_a_constant_number_of_queries(
    client, published_event, django_assert_max_num_queries
):
    for n in range(25):
        published_event(title=f"Volcano {n}", authors=[AuthorFactory()])
    with django_assert_max_num_queries(8):
        assert len(find(client, "volcano")) == 20
