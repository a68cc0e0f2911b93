"""The live preview beside the editor follows the unsaved text, for a new article and an edit."""

import re

from playwright.sync_api import expect

from events.models import Event

from ..factories import AuthorFactory, EventFactory
from .test_editor_flow import log_in


def preview(page):
    return page.frame_locator("#live-preview-frame")


def test_live_preview_of_a_new_article_follows_typing_without_a_save(page, live_server, editor):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator("#id_title").fill('The "Iron Curtain" speech')
    page.locator("#id_year").fill("1946")
    page.locator("#id_month").select_option(label="March")
    page.locator("#id_day").fill("5")
    page.locator("#id_body").fill(
        "Churchill speaks at Fulton -- in Missouri.\n\n| Place | Year |\n|---|---|\n"
        "| Fulton | 1946 |\n\nA note.[^1]\n\n[^1]: Westminster College."
    )
    frame = preview(page)
    expect(frame.locator("h1")).to_have_text("The “Iron Curtain” speech")
    expect(frame.locator(".kicker")).to_have_text("March 5, 1946")
    expect(frame.locator(".body p").first).to_have_text("Churchill speaks at Fulton – in Missouri.")
    expect(frame.locator(".body table td").first).to_have_text("Fulton")
    expect(frame.locator(".body section.footnotes")).to_contain_text("Westminster College.")
    page.locator("#id_body").fill("Now with an image: ![map](https://example.org/map.png)")
    expect(frame.locator("#preview-problems")).to_contain_text("images")
    assert Event.objects.count() == 0  # nothing was saved


def test_live_preview_of_an_edit_shows_the_unsaved_change(page, live_server, editor):
    event = EventFactory(title="Treaty signed", body="The first text.", authors=[AuthorFactory()])
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    frame = preview(page)
    expect(frame.locator(".body")).to_have_text("The first text.")
    page.locator("#id_body").fill("The *second* text.")
    expect(frame.locator(".body em")).to_have_text("second")
    event.refresh_from_db()
    assert event.body == "The first text."
    expect(page.locator("#live-preview-state")).to_have_text(re.compile("unsaved"))
