"""Byline order is set by dragging rows or with their Move up / Move down buttons."""

from playwright.sync_api import expect

from ..factories import AuthorFactory, EventFactory
from .test_editor_flow import log_in, save


def byline_names(event):
    event.refresh_from_db()
    return [byline.author.name for byline in event.bylines.select_related("author")]


def test_editor_reorders_the_byline_with_the_keyboard_buttons(page, live_server, editor):
    first, second, third = (AuthorFactory(name=n) for n in ("Ada Byrne", "Ben Cole", "Cy Dunn"))
    event = EventFactory(title="Three authors", authors=[first, second, third])
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    expect(page.locator("#bylines-group th.column-position")).to_be_hidden()
    page.locator("#bylines-2").get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#byline-order-status")).to_have_text("Cy Dunn is now number 1.")
    page.locator("#id_change_reason").fill("Cy led the reporting")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert byline_names(event) == ["Cy Dunn", "Ada Byrne", "Ben Cole"]


def test_editor_drags_a_byline_row_to_the_top(page, live_server, editor):
    first, second = AuthorFactory(name="Ada Byrne"), AuthorFactory(name="Ben Cole")
    event = EventFactory(title="Two authors", authors=[first, second])
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.locator("#bylines-1 .drag-handle").drag_to(page.locator("#bylines-0 .drag-handle"))
    expect(page.locator("#bylines-group tbody tr.form-row").first).to_have_id("bylines-1")
    page.locator("#id_change_reason").fill("Ben first")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert byline_names(event) == ["Ben Cole", "Ada Byrne"]
