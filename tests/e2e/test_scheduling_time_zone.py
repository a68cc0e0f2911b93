"""The publish step names the site's time zone and shows the editor's own time beside it."""

from playwright.sync_api import expect

from ..factories import AuthorFactory, EventFactory
from .test_editor_flow import log_in


def test_schedule_field_names_the_site_zone_and_shows_local_time(new_page, live_server, editor):
    event = EventFactory(title="Scheduled story", authors=[AuthorFactory()])
    page = new_page(viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/publish/")
    expect(page.get_by_text("Publish at, site time (America/New_York)")).to_be_visible()
    page.locator("#id_publish_at").fill("2030-07-01T09:00")
    expect(page.locator("#publish-at-local")).to_contain_text("3:00")
    expect(page.locator("#publish-at-local")).to_contain_text("your time (Europe/Paris)")
