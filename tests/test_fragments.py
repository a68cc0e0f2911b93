"""Parts of pages kept in the cache (history_site.fragments): rendered once, never stale.

A kept list item or article part is found by a digest of what it shows, so these tests change
what an item shows through the product's operations and read the page again, with the page
cache off (as in every test) and the fragments of the first reading still in the cache.
"""

import pytest
from django.core.cache import cache
from django.test.signals import template_rendered

from events.publishing import publish
from revisions.history import revision

from .factories import AuthorFactory, ImageFactory, edit

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
