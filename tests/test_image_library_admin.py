"""The image library in the admin: upload through the safe pipeline, describe, set the focal
point, choose an image for an article or author, find it again by search."""

import pytest
from django.urls import reverse

from events.models import Event
from images.models import Image

from . import images_files as files
from .factories import AuthorFactory, EventFactory, ImageFactory
from .test_admin import event_form

pytestmark = pytest.mark.django_db


def library_form(**overrides):
    data = {
        "alt_text": "Crowds on the wall at the Brandenburg Gate",
        "caption": "The night the crossings opened",
        "credit": "Photo: Example Agency",
        "source": "https://archive.example.org/123",
        "licence": "licensed",
        "change_reason": "",
    }
    data.update(overrides)
    return data


def test_an_editor_uploads_an_image_which_is_stored_clean_under_a_random_name(client, editor):
    client.force_login(editor)
    upload = files.upload(files.gps_tagged_jpeg(), "IMG_2041_home.jpg")
    response = client.post(reverse("admin:images_image_add"), library_form(upload=upload))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert "IMG_2041" not in image.file.name
    with image.file.open("rb") as stored:
        assert b"SecretCam" not in stored.read()
    assert image.history.get().history_change_reason == "Uploaded"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.PDF, "scan.jpg", "not a JPEG, PNG, WebP or GIF"),
        (files.SVG_WITH_SCRIPT, "logo.svg", "not a JPEG, PNG, WebP or GIF"),
        (files.png_with_header(100_000, 100_000), "huge.png", "megapixel"),
    ],
)
def test_a_refused_upload_says_why_and_keeps_the_rest_of_the_form(
    client, editor, content, name, message
):
    client.force_login(editor)
    data = library_form(upload=files.upload(content, name))
    response = client.post(reverse("admin:images_image_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Crowds on the wall at the Brandenburg Gate"' in html
    assert 'value="Photo: Example Agency"' in html
    assert Image.objects.count() == 0


def test_an_image_without_alt_text_must_be_marked_decorative(client, editor):
    client.force_login(editor)
    data = library_form(alt_text="", upload=files.jpeg_upload())
    response = client.post(reverse("admin:images_image_add"), data)
    assert "or tick “decorative”" in response.content.decode()
    data = library_form(alt_text="", is_decorative="on", upload=files.jpeg_upload())
    assert client.post(reverse("admin:images_image_add"), data).status_code == 302


def test_the_focal_point_picker_sets_the_point_crops_keep_in_view(client, editor):
    image = ImageFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert 'class="focal-point-picker"' in page and "focal_point.js" in page
    data = library_form(alt_text=image.alt_text, focal_x="15", focal_y="70", change_reason="Crop")
    response = client.post(reverse("admin:images_image_change", args=[image.pk]), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (15, 70)
    assert image.history.latest().history_change_reason == "Crop"


def test_the_library_list_searches_and_shows_thumbnails_also_in_the_chooser_popup(client, editor):
    wall = ImageFactory(alt_text="The Berlin Wall at night", credit="Agency A")
    ImageFactory(alt_text="A rocket on the launch pad")
    client.force_login(editor)
    url = reverse("admin:images_image_changelist")
    response = client.get(url, {"q": "berlin night", "_popup": "1", "_to_field": "id"})
    html = response.content.decode()
    assert "The Berlin Wall at night" in html and "rocket" not in html
    assert f"/images/{wall.key}/sq160-f50-50.jpg" in html
    assert 'data-popup-opener="' in html
    assert "_popup=1" in html.split('class="addlink"')[0].rsplit("href=", 1)[-1]


def test_the_article_form_chooses_a_library_image_and_shows_its_thumbnail(client, editor):
    image = ImageFactory(alt_text="Senators in the theatre")
    author = AuthorFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"), event_form(author, hero_image=str(image.pk))
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.hero_image == image
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert f"/images/{image.key}/sq160-f50-50.jpg" in page
    assert "Senators in the theatre" in page


def test_the_library_shows_where_an_image_is_used_and_protects_it(client, editor):
    image = ImageFactory()
    event = EventFactory(hero_image=image)
    author = AuthorFactory(photo=image)
    client.force_login(editor)
    page = client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert f"Article: {event}" in page and f"Author photo: {author}" in page
    assert f"[[image:{image.pk}]]" in page
    response = client.get(reverse("admin:images_image_delete", args=[image.pk]))
    assert response.status_code == 403


def test_a_writer_can_upload_to_the_library_and_a_fact_checker_only_look(client, member_of):
    client.force_login(member_of("Writer"))
    data = library_form(upload=files.jpeg_upload())
    assert client.post(reverse("admin:images_image_add"), data).status_code == 302
    image = Image.objects.get()
    client.force_login(member_of("Fact-checker"))
    assert client.get(reverse("admin:images_image_add")).status_code == 403
    assert client.get(reverse("admin:images_image_change", args=[image.pk])).status_code == 200
