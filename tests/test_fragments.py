"""Parts of pages kept in the cache (history_site.fragments): rendered once, never stale.

A kept list item or article part is found by a digest of what it shows, so these tests change
what an item shows through the product's operations and read the page again, with the page
cache off (as in every test) and the fragments of the first reading still in the cache.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test.signals import template_rendered

from events.publishing import publish, unpublish
from revisions.history import revision

from .factories import AuthorFactory, ImageFactory, TeamFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db

DAY = "/this-day-in-history/january/15/"
ITEM = "events/includes/event_item.html"


@pytest.fixture
def renders():
    """The names of the templates rendered since the test started, in order."""
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def test_a_list_renders_each_item_once_then_joins_kept_items(client, published_event, renders):
    for year in (1805, 1815, 1825):
        published_event(title=f"A treaty of {year}", year=year)
    first = client.get(DAY).content
    assert renders.count(ITEM) == 3
    renders.clear()
    second = client.get(DAY).content
    assert renders.count(ITEM) == 0
    assert second == first


def test_a_published_edit_shows_at_once_and_only_its_item_is_rendered_again(
    client, published_event, editor, renders
):
    published_event(title="Bridge opened", year=1883)
    live = published_event(title="Canal dug", year=1869)
    client.get(DAY)
    edit(live.event, title="Canal opened")
    publish(live.event, by=editor, substantive=False)
    renders.clear()
    page = client.get(DAY).content.decode()
    assert "Canal opened" in page
    assert "Canal dug" not in page
    assert "Bridge opened" in page
    assert renders.count(ITEM) == 1


def test_an_image_described_anew_shows_its_new_alt_text_in_lists(client, published_event):
    image = ImageFactory(alt_text="A ship at anchor")
    published_event(title="Harbour built", hero_image=image)
    assert 'alt="A ship at anchor"' in client.get(DAY).content.decode()
    with revision(image, reason="Better description"):
        image.alt_text = "A steamship at anchor in a busy harbour"
        image.save()
    page = client.get(DAY).content.decode()
    assert 'alt="A steamship at anchor in a busy harbour"' in page
    assert 'alt="A ship at anchor"' not in page


def test_the_article_shows_a_correction_and_a_renamed_author_at_once(
    client, published_event, editor
):
    author = AuthorFactory(name="Ada Writer")
    live = published_event(title="Lighthouse lit", body="It was lit in 1801.", authors=[author])
    assert "It was lit in 1801." in client.get(live.get_absolute_url()).content.decode()
    edit(live.event, body="It was lit in 1810.")
    publish(live.event, by=editor, substantive=True, correction=True, note="The year was 1810.")
    page = client.get(live.get_absolute_url()).content.decode()
    assert "It was lit in 1810." in page
    assert "It was lit in 1801." not in page
    assert "The year was 1810." in page
    with revision(author, reason="Married name"):
        author.name = "Ada Lovelace-Writer"
        author.save()
    page = client.get(live.get_absolute_url()).content.decode()
    assert "By: <a" in page and "Ada Lovelace-Writer</a>" in page
    assert "Ada Writer</a>" not in page


def test_a_preview_of_unsaved_text_is_never_kept(admin_client, published_event, renders):
    live = published_event(title="Mill built")
    published_event(title="Bridge built")  # listed under "Also on this day"
    preview = f"/admin/events/event/{live.event_id}/preview/"
    for _ in range(2):
        assert admin_client.get(preview).status_code == 200
    assert renders.count("events/includes/byline.html") == 2
    assert renders.count(ITEM) == 2
    renders.clear()
    for _ in range(2):
        client_page = admin_client.get(live.get_absolute_url())
        assert client_page.status_code == 200
    assert renders.count("events/includes/byline.html") == 1


def test_pages_render_every_item_when_the_cache_server_is_down(
    client, published_event, settings, caplog
):
    published_event(title="Observatory founded", year=1675)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get(DAY)
    assert response.status_code == 200
    assert "Observatory founded" in response.content.decode()
    assert "Fragment cache unavailable" in caplog.text
    cache.close()


def test_article_addresses_match_the_url_patterns(published_event):
    from django.urls import reverse

    live = published_event(title="Dam completed", month=3, day=9)
    assert live.get_absolute_url() == reverse(
        "events:article", kwargs={"month": 3, "day": 9, "slug": live.slug}
    )


# Kept pages (history_site.fragments.render_page): the head and content of the article, day,
# home, topic and author pages are kept under stamps the view reads on every request
# (events.stamps). Each test keeps a page, changes one thing it shows through the product's
# operations, and reads the page again.

ARTICLE = "events/publishedevent_detail.html"


def test_a_kept_page_is_one_statement_of_stamps_and_the_shell(
    client, published_event, renders, django_assert_num_queries
):
    live = published_event(title="Canal opened")
    published_event(title="Bridge opened")
    first = client.get(live.get_absolute_url())
    assert ARTICLE in renders
    renders.clear()
    with django_assert_num_queries(1):  # where the article is, with its stamps
        again = client.get(live.get_absolute_url())
    assert ARTICLE not in renders
    assert again.content == first.content
    client.get(DAY)
    with django_assert_num_queries(1):
        client.get(DAY)


def test_a_timeline_story_published_again_shows_its_new_title_on_the_article(
    client, published_event, editor
):
    earlier = published_event(title="Treaty signed", year=1801, month=7, day=4)
    live = published_event(title="Treaty ratified", year=1802, timeline=[earlier.event])
    version = live.history.get().history_id
    pages = (live.get_absolute_url(), f"{live.get_absolute_url()}versions/{version}/")
    for path in pages:
        assert "Treaty signed" in client.get(path).content.decode()
    edit(earlier.event, title="Treaty of Amiens signed")
    publish(earlier.event, by=editor, substantive=False)
    for path in pages:
        assert "Treaty of Amiens signed" in client.get(path).content.decode()


def test_a_story_published_or_withdrawn_on_the_day_shows_on_its_pages(
    client, published_event, editor
):
    live = published_event(title="Comet sighted", year=1680)
    client.get(live.get_absolute_url()), client.get(DAY), client.get("/authors/")
    other = published_event(title="Observatory opened", year=1675)
    for path in (live.get_absolute_url(), DAY):  # Also on This Day; the day's list
        assert "Observatory opened" in client.get(path).content.decode()
    unpublish(other.event, by=editor, reason="Withdrawn for checking")
    for path in (live.get_absolute_url(), DAY):
        assert "Observatory opened" not in client.get(path).content.decode()


def test_a_story_moved_to_another_day_leaves_the_first(client, published_event, editor):
    live = published_event(title="Harbour opened", year=1850)
    published_event(title="Lock built", year=1851)
    assert "Harbour opened" in client.get(DAY).content.decode()
    edit(live.event, month=3, day=2)
    publish(live.event, by=editor, substantive=True, note="The date was March 2.")
    assert "Harbour opened" not in client.get(DAY).content.decode()
    assert "Harbour opened" in client.get("/this-day-in-history/march/2/").content.decode()


def test_the_citation_is_accessed_today_on_a_kept_article(client, published_event):
    live = published_event(title="Bell cast")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        assert "May 1, 2026" in client.get(live.get_absolute_url()).content.decode()
    with time_machine.travel(datetime.datetime(2026, 5, 2, 12, tzinfo=datetime.UTC)):
        page = client.get(live.get_absolute_url()).content.decode()
    assert "May 2, 2026" in page and "May 1, 2026" not in page


def test_an_earlier_version_kept_tells_of_a_correction_published_since(
    client, published_event, editor
):
    live = published_event(title="Dam finished", body="It was finished in 1902.")
    first_version = live.history.order_by("history_id").first()
    url = f"{live.get_absolute_url()}versions/{first_version.history_id}/"
    assert "earlier version" not in client.get(url).content.decode()
    edit(live.event, body="It was finished in 1903.")
    publish(live.event, by=editor, substantive=True, correction=True, note="It was 1903.")
    page = client.get(url).content.decode()
    assert "earlier version" in page and "It was 1903." in page


def test_topic_author_and_home_pages_show_a_new_story_and_a_renamed_topic(client, published_event):
    author, topic = AuthorFactory(name="Cy Young"), TopicFactory(name="Rivers")
    published_event(title="Dam finished", authors=[author], topics=[topic])
    pages = (topic.get_absolute_url(), author.get_absolute_url(), "/")
    with time_machine.travel(datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)):
        for path in pages:
            assert "Dam finished" in client.get(path).content.decode()
        published_event(title="Weir rebuilt", authors=[author], topics=[topic])
        for path in pages:
            assert "Weir rebuilt" in client.get(path).content.decode()
        with revision(topic, reason="Broader"):
            topic.name = "Rivers and canals"
            topic.save()
        assert "Rivers and canals" in client.get(topic.get_absolute_url()).content.decode()


def test_a_member_added_to_a_team_shows_on_its_kept_page(client, published_event):
    team, member = TeamFactory(name="The Desk"), AuthorFactory(name="Dee Reporter")
    published_event(title="Strike ends", authors=[team])
    assert "Dee Reporter" not in client.get(team.get_absolute_url()).content.decode()
    with revision(team, reason="New member"):
        team.memberships.create(member=member)
    assert "Dee Reporter" in client.get(team.get_absolute_url()).content.decode()


def test_a_kept_page_never_names_another_address_it_was_asked_by(client, published_event):
    published_event(title="Comet seen")
    assert client.get("/this-day-in-history/january/0015/").status_code == 200
    page = client.get(DAY).content.decode()
    assert 'value="/this-day-in-history/january/0015/"' not in page
    assert f'value="{DAY}"' in page  # the signup block returns the reader here
