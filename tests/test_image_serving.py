"""Renditions and embargo: pages send responsive pictures, each rendition is made once, and an
image only unpublished content uses is not reachable by the public."""

import re

import pytest
from django.urls import reverse

from events.publishing import publish, save_edit, unpublish
from images.models import Rendition
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, ImageFactory

pytestmark = pytest.mark.django_db


def image_addresses(html):
    """Every /images/ address in a page's srcset and src attributes."""
    return sorted(set(re.findall(r"(/images/[\w-]+/[\w.-]+)", html)))


def test_an_image_of_a_draft_answers_404_to_the_public_until_the_article_is_published(
    client, editor
):
    image = ImageFactory()
    event = EventFactory(hero_image=image, authors=[AuthorFactory()])
    address = reverse("images:rendition", args=[image.key, "w800.jpg"])
    assert client.get(address).status_code == 404
    publish(event, by=editor, substantive=False)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


def test_editors_see_an_embargoed_image_without_it_being_cached(client, editor):
    image = ImageFactory()
    client.force_login(editor)
    response = client.get(reverse("images:rendition", args=[image.key, "w400.webp"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "no-store" in response["Cache-Control"]


def test_an_image_stays_public_while_a_published_version_shows_it(client, editor):
    """Every published version has a permanent link; its image must keep working."""
    image = ImageFactory()
    event = EventFactory(hero_image=image, authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    event.refresh_from_db()
    event.hero_image = ImageFactory()
    save_edit(event, by=editor, reason="A better picture")
    publish(event, by=editor, substantive=False)
    unpublish(event, by=editor, reason="Checking")
    assert client.get(reverse("images:rendition", args=[image.key, "w400.jpg"])).status_code == 200


def test_an_author_photo_is_public(client):
    photo = ImageFactory(alt_text="A portrait")
    AuthorFactory(photo=photo)
    spec = f"sq160-f{photo.focal_x}-{photo.focal_y}.webp"
    assert client.get(reverse("images:rendition", args=[photo.key, spec])).status_code == 200


def test_an_image_used_inline_only_in_a_draft_body_is_embargoed(client, editor):
    image = ImageFactory()
    event = EventFactory(body=f"Intro.\n\n[[image:{image.pk}]]\n\nMore.", authors=[AuthorFactory()])
    address = reverse("images:rendition", args=[image.key, "w400.jpg"])
    assert client.get(address).status_code == 404
    publish(event, by=editor, substantive=False)
    assert client.get(address).status_code == 200


def test_made_up_sizes_and_old_focal_points_are_not_renditions(client, editor):
    image = ImageFactory(width=1000, height=500, focal_x=20, focal_y=30)
    AuthorFactory(photo=image)
    for spec in ["w1600.jpg", "w799.jpg", "card-f50-50.jpg", "sq161-f20-30.jpg", "w800.png"]:
        response = client.get(reverse("images:rendition", args=[image.key, spec]))
        assert response.status_code == 404, spec
    assert client.get(reverse("images:rendition", args=[image.key, "w1000.jpg"])).status_code == 200


def test_the_article_page_sends_a_responsive_picture_with_its_size(client, published_event):
    image = ImageFactory(
        width=2000, height=1000, caption="The crowd at the gate", credit="Photo: A"
    )
    live = published_event(hero_image=image)
    html = client.get(live.get_absolute_url()).content.decode()
    picture = re.search(r"<figure class=\"hero\">.*?</figure>", html, re.S)[0]
    assert '<source type="image/webp"' in picture
    for width in (400, 800, 1200, 1600):
        assert f"/images/{image.key}/w{width}.webp {width}w" in picture
        assert f"/images/{image.key}/w{width}.jpg {width}w" in picture
    assert 'width="2000" height="1000"' in picture
    assert 'loading="eager"' in picture
    assert f'alt="{image.alt_text}"' in picture
    assert "The crowd at the gate" in picture and "Photo: A" in picture


def test_renditions_are_made_once_and_a_second_page_view_makes_none(client, published_event):
    live = published_event(hero_image=ImageFactory(width=1700, height=900))
    addresses = image_addresses(client.get(live.get_absolute_url()).content.decode())
    assert len(addresses) == 9  # four widths in two formats, and the social card
    first = [client.get(address) for address in addresses]
    assert all(response.status_code == 200 for response in first)
    made = set(Rendition.objects.values_list("pk", "file"))
    assert len(made) == 9
    again = image_addresses(client.get(live.get_absolute_url()).content.decode())
    second = [client.get(address) for address in again]
    assert [b"".join(r.streaming_content) for r in second] == [
        b"".join(r.streaming_content) for r in first
    ]
    assert set(Rendition.objects.values_list("pk", "file")) == made


def test_a_body_image_becomes_a_lazy_figure_with_caption_and_credit(editor):
    image = ImageFactory(
        alt_text="The treaty's first page", caption="The first page", credit="Archive X"
    )
    event = EventFactory(
        body=f"Before.\n\n[[image:{image.pk}]]\n\nAfter.", authors=[AuthorFactory()]
    )
    assert "[[image:" not in event.body_html
    figure = re.search(r"<figure class=\"figure\">.*?</figure>", event.body_html, re.S)[0]
    assert 'alt="The treaty&#x27;s first page"' in figure
    assert 'loading="lazy"' in figure
    assert '<figcaption>The first page <span class="credit">Archive X</span></figcaption>' in figure


def test_a_body_cannot_refer_to_an_image_not_in_the_library():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(body="Text.\n\n[[image:999]]")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "[[image:999]]" in error.value.message_dict["body"][0]


def test_a_decorative_image_has_empty_alt_text(client, published_event):
    image = ImageFactory(alt_text="", is_decorative=True)
    live = published_event(hero_image=image)
    html = client.get(live.get_absolute_url()).content.decode()
    assert re.search(r'<img src="/images/[^"]+" [^>]*alt=""', html)


def test_lists_of_articles_with_images_need_no_query_per_image(
    client, published_event, django_assert_max_num_queries
):
    for _ in range(5):
        published_event(hero_image=ImageFactory())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:day", args=[1, 15]))
    assert response.status_code == 200


def test_changing_the_focal_point_gives_the_crops_new_addresses(client, editor):
    image = ImageFactory(focal_x=50, focal_y=50)
    AuthorFactory(photo=image)
    client.get(reverse("images:rendition", args=[image.key, "card-f50-50.jpg"]))
    with revision(image, by=editor, reason="Subject is on the left"):
        image.focal_x = 10
        image.save()
    assert (
        client.get(reverse("images:rendition", args=[image.key, "card-f50-50.jpg"])).status_code
        == 404
    )
    response = client.get(reverse("images:rendition", args=[image.key, "card-f10-50.jpg"]))
    assert response.status_code == 200


def test_a_share_link_reviewer_sees_the_drafts_embargoed_image_and_nobody_else_does(
    client, editor, settings
):
    from events import sharing

    image = ImageFactory()
    event = EventFactory(hero_image=image, authors=[AuthorFactory()])
    _, path = sharing.share(event, by=editor)
    html = client.get(path).content.decode()
    addresses = re.findall(r'src="(/images/[^"]+\?pass=[^"]+)"', html)
    assert addresses
    response = client.get(addresses[0].replace("&amp;", "&"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    bare = addresses[0].split("?")[0]
    assert client.get(bare).status_code == 404
    other = ImageFactory()
    forged = f"/images/{other.key}/w800.jpg?{addresses[0].split('?')[1]}"
    assert client.get(forged).status_code == 404
    settings.PREVIEW_LINK_MAX_AGE_SECONDS = -1
    assert client.get(addresses[0]).status_code == 404


def test_a_rendition_carries_validators_and_answers_304_when_unchanged(client):
    photo = ImageFactory()
    AuthorFactory(photo=photo)
    address = reverse("images:rendition", args=[photo.key, "w400.jpg"])
    first = client.get(address)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_api_gives_a_thumbnail_and_a_large_image_with_their_sizes(
    client, published_event, settings
):
    settings.SITE_URL = "https://history.example.com"
    image = ImageFactory(width=2000, height=1000, alt_text="Crowds at the gate")
    live = published_event(hero_image=image)
    data = client.get(reverse("events:api_event", args=[live.slug])).json()
    assert data["thumbnail"] == {
        "source": f"https://history.example.com/images/{image.key}/w400.jpg",
        "width": 400,
        "height": 200,
        "alt": "Crowds at the gate",
    }
    assert data["originalimage"]["source"].endswith("/w1600.jpg")
    assert (data["originalimage"]["width"], data["originalimage"]["height"]) == (1600, 800)
