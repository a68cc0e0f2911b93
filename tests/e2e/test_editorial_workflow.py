"""An editor revises a live article, previews it, and publishes it as a substantive update."""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from events.publishing import publish

from ..factories import AuthorFactory, EventFactory
from .test_editor_flow import log_in

LIVE_BODY = "The wall opens at midnight and crowds cross freely."
NEW_BODY = "Guards open the checkpoints shortly before midnight, and crowds cross freely."


def test_editor_previews_and_publishes_a_substantive_update(
    page, live_server, transactional_db, editor
):
    event = EventFactory(
        title="The wall opens", slug="the-wall-opens", body=LIVE_BODY, authors=[AuthorFactory()]
    )
    first = datetime.datetime(2019, 11, 9, 18, tzinfo=datetime.UTC)
    live = publish(event, by=editor, substantive=False, at=first)
    public_url = f"{live_server.url}{live.get_absolute_url()}"

    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.locator("#id_body").fill(NEW_BODY)
    page.locator("#id_change_reason").fill("Checkpoint timing")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".workflow-status")).to_contain_text(
        "This article has changes the public does not see yet."
    )

    page.goto(public_url)
    expect(page.locator(".body")).to_have_text(LIVE_BODY)

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    preview_href = page.get_by_role("link", name="Preview").get_attribute("href")
    page.goto(f"{live_server.url}{preview_href}")
    expect(page.locator(".preview-banner")).to_contain_text("Preview")
    expect(page.locator(".body")).to_have_text(NEW_BODY)

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    workflow = page.locator("section.workflow")
    publish_form = workflow.locator(
        "form", has=page.get_by_role("group", name="Publish or schedule")
    )
    publish_form.get_by_label("Substantive update (Last Updated moves)").check()
    publish_form.get_by_role("button", name="Review and publish…").click()
    # The publish step shows the word diff of what goes live before anything does.
    expect(page.locator("table.diff ins").first).to_be_visible()
    expect(page.locator("table.diff")).to_contain_text("checkpoints")
    page.goto(public_url)
    expect(page.locator(".body")).to_have_text(LIVE_BODY)
    page.go_back()
    page.get_by_label("Public note").fill("Corrected when the checkpoints opened.")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published.")

    page.goto(public_url)
    expect(page.locator(".body")).to_have_text(NEW_BODY)
    today = date_format(timezone.localdate(), "F j, Y")
    expect(page.locator(".dates")).to_contain_text(
        f"Published: {date_format(timezone.localtime(first), 'F j, Y')}"
    )
    expect(page.locator(".dates")).to_contain_text(f"Last Updated: {today}")
    expect(page.locator(".version-log")).to_contain_text("Corrected when the checkpoints opened.")
    assert re.search(r"/versions/\d+/", page.locator(".version-log a").first.get_attribute("href"))
