"""An editor sets an image's focal point by clicking it, and chooses a library image for an
author through the chooser popup, searching by its description."""

import re

from playwright.sync_api import expect

from editorial.models import Author
from images.models import Image

from ..factories import AuthorFactory, ImageFactory
from .test_editor_flow import log_in


def test_the_editor_sets_the_focal_point_by_clicking_the_image(page, live_server, editor):
    image = ImageFactory(width=1200, height=800)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/images/image/{image.pk}/change/")
    picture = page.locator(".focal-point-picker img")
    expect(picture).to_be_visible()
    page.wait_for_function("document.querySelector('.focal-point-picker img').complete")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.7})
    expect(page.locator("#id_focal_x")).to_have_value("20")
    expect(page.locator("#id_focal_y")).to_have_value("70")
    page.locator("#id_change_reason").fill("The crowd is on the left")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/images/image/$"))
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (20, 70)


def test_the_editor_chooses_an_author_photo_from_the_library_popup(page, live_server, editor):
    ImageFactory(alt_text="A rocket on the launch pad")
    portrait = ImageFactory(alt_text="Portrait of Ruth at her desk")
    author = AuthorFactory(name="Ruth Abernathy")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/editorial/author/{author.pk}/change/")
    with page.expect_popup() as opened:
        page.locator("#lookup_id_photo").click()
    popup = opened.value
    popup.locator("#searchbar").fill("portrait desk")
    popup.locator("#searchbar").press("Enter")
    # The results page, not the blank one between the two, which has no rocket either.
    popup.wait_for_url(re.compile(r"[?&]q=portrait"))
    expect(popup.get_by_text("A rocket on the launch pad")).to_have_count(0)
    popup.get_by_role("link", name="Portrait of Ruth at her desk").click()
    expect(page.locator("#id_photo")).to_have_value(str(portrait.pk))
    page.locator("#id_change_reason").fill("Added a portrait")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/editorial/author/$"))
    assert Author.objects.get(pk=author.pk).photo == portrait
    assert Image.objects.count() == 2
