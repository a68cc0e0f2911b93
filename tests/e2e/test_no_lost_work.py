"""Nothing an editor types is lost: not by a workflow button, a link, or a colleague's save."""

import re

from playwright.sync_api import expect

from events.models import Event, PublishedEvent
from events.publishing import publish

from ..factories import AuthorFactory, EventFactory
from .test_editor_flow import log_in

LIVE_BODY = "The bridge opens to traffic at noon."


def change_url(live_server, event):
    return f"{live_server.url}/admin/events/event/{event.pk}/change/"


def log_in_as(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def test_typing_holds_the_workflow_buttons_and_warns_before_leaving(
    page, live_server, transactional_db, editor
):
    event = EventFactory(title="The bridge opens", body=LIVE_BODY, authors=[AuthorFactory()])
    log_in(page, live_server)
    page.goto(change_url(live_server, event))
    submit = page.get_by_role("button", name="Submit for review")
    expect(submit).to_be_enabled()
    expect(page.locator("#unsaved-changes")).to_be_hidden()

    page.locator("#id_body").fill("The bridge opens to traffic at noon, a day early.")
    expect(page.locator("#unsaved-changes")).to_be_visible()
    expect(submit).to_be_disabled()
    expect(page.get_by_role("button", name="Review and publish…")).to_be_disabled()

    # Following a link asks first; staying keeps the text.
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Compare revisions").click()
    expect(page.locator("#id_body")).to_have_value(
        "The bridge opens to traffic at noon, a day early."
    )
    assert dialogs == ["beforeunload"]
    page.remove_listener("dialog", stay)

    # Saving is not held, and afterwards the buttons work again on what was saved.
    page.locator("#id_change_reason").fill("Opened a day early")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(r"/change/$"))
    expect(page.get_by_role("button", name="Submit for review")).to_be_enabled()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review.")
    event.refresh_from_db()
    assert event.status == Event.Status.IN_REVIEW
    assert event.body == "The bridge opens to traffic at noon, a day early."


def test_publishing_shows_the_difference_and_waits_for_confirmation(
    page, live_server, transactional_db, editor
):
    event = EventFactory(title="The bridge opens", body=LIVE_BODY, authors=[AuthorFactory()])
    live = publish(event, by=editor, substantive=False)
    log_in(page, live_server)
    page.goto(change_url(live_server, event))
    page.locator("#id_body").fill("The bridge opens to traffic at dawn.")
    page.locator("#id_change_reason").fill("Right hour")
    page.locator("#id_publish_change").select_option("correction")
    page.locator("#id_update_note").fill("The bridge opened at dawn, not noon.")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url(re.compile(r"/publish/\?"))
    diff = page.locator("table.diff")
    expect(diff.locator("del")).to_have_text(["noon."])
    expect(diff.locator("ins")).to_have_text(["dawn."])
    expect(page.get_by_label("Correction: shown to readers as a correction note")).to_be_checked()
    live.refresh_from_db()
    assert live.body == LIVE_BODY  # nothing is live before the editor confirms

    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published.")
    live.refresh_from_db()
    assert (live.body, live.change_kind) == ("The bridge opens to traffic at dawn.", "correction")
    assert live.change_note == "Correction: The bridge opened at dawn, not noon."


def test_two_editors_save_the_same_article_and_both_keep_their_work(
    new_page, live_server, transactional_db, editor, member_of
):
    colleague = member_of("Editor", username="colleague")
    event = EventFactory(title="The bridge opens", body=LIVE_BODY, authors=[AuthorFactory()])
    mine = new_page(viewport={"width": 1280, "height": 900})
    theirs = new_page(viewport={"width": 1280, "height": 900})
    log_in(mine, live_server)
    log_in_as(theirs, live_server, "colleague", "pw-role-1")
    mine.goto(change_url(live_server, event))
    theirs.goto(change_url(live_server, event))
    expect(theirs.locator("#editing-now")).to_contain_text("editor has had this article open")

    # They retitle and rewrite the body; I change only the body.
    theirs.locator("#id_title").fill("The great bridge opens")
    theirs.locator("#id_body").fill("Their account of the opening.")
    theirs.locator("#id_change_reason").fill("Their pass")
    theirs.get_by_role("button", name="Save", exact=True).click()
    theirs.wait_for_url(re.compile(r"/admin/events/event/$"))

    mine.locator("#id_body").fill("My account of the opening.")
    mine.locator("#id_change_reason").fill("My pass")
    mine.get_by_role("button", name="Save and continue editing").click()

    # Their title came in without a word from me; the body both changed is side by side.
    expect(mine.locator("#id_title")).to_have_value("The great bridge opens")
    expect(mine.locator("#id_body")).to_have_value("My account of the opening.")
    expect(mine.locator(".their-version")).to_have_text("Their account of the opening.")
    mine.get_by_label("Use their version instead of mine").check()
    mine.get_by_role("button", name="Save and continue editing").click()
    mine.wait_for_url(re.compile(r"/change/$"))
    expect(mine.locator(".messagelist")).to_contain_text("was changed successfully")

    event.refresh_from_db()
    assert (event.title, event.body) == ("The great bridge opens", "Their account of the opening.")
    assert colleague.pk in set(event.history.values_list("history_user", flat=True))
    assert not PublishedEvent.objects.exists()
