"""An editor writes, publishes and revises an article in the admin; readers see only live text."""

import re
from datetime import timedelta

import time_machine
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from events.models import PublishedEvent

from ..factories import AuthorFactory

TITLE = "Julian calendar takes effect"
SLUG = "julian-calendar-takes-effect"
ARTICLE_URL = "{}/this-day-in-history/january/1/julian-calendar-takes-effect/"
FIRST_BODY = "The new calendar counts a year of 365 days, with a leap day every fourth year."
REVISED_BODY = "Rome starts counting years of 365 days and adds a leap day every fourth year."


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_url("**/admin/login/?next=/admin/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("pw-editor-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def open_change_form(page, live_server):
    page.goto(f"{live_server.url}/admin/events/event/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/admin/events/event/\d+/change/$"))


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()


def live_state(page):
    """The "On the site" cell of the article's row in the admin's list of events."""
    return page.get_by_role("row", name=re.compile(TITLE)).locator("td.field-live_state")


def choose_byline_author(page, name):
    """Pick the author in the inline's autocomplete (select2) the way an editor does."""
    page.locator("#bylines-0 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name.split()[0])
    page.locator(".select2-results__option", has_text=name).click()


def add_article(page, *, author_name, publish_as):
    """Fill the admin's Add event form for a 45 BC article with one byline and save it."""
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_year").fill("45")
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_era").select_option(label="BC")
    page.locator("#id_month").select_option(label="January")
    page.locator("#id_day").fill("1")
    page.locator("#id_dek").fill("Rome switches to a solar calendar of twelve months.")
    page.locator("#id_body").fill(FIRST_BODY)
    choose_byline_author(page, author_name)
    page.locator("#id_change_reason").fill("First draft")
    page.locator("#id_publish_change").select_option(label=publish_as)
    save(page)
    confirm_publish(page)


def confirm_publish(page):
    """The publish step: what goes live is shown first; publishing needs a click."""
    page.wait_for_url(re.compile(r"/admin/events/event/\d+/publish/"))
    expect(page.locator(".publish-step")).to_be_visible()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_url(re.compile(r"/admin/events/event/\d+/change/$"))


def test_editor_publishes_a_new_article_from_the_admin(page, live_server, transactional_db, editor):
    author = AuthorFactory(name="Clio Marsh")
    log_in(page, live_server)
    page.locator("tr.model-event").get_by_role("link", name="Add").click()
    page.wait_for_url("**/admin/events/event/add/")

    add_article(
        page,
        author_name=author.name,
        publish_as="Review and publish as a minor change (typo, formatting): Last Updated stays",
    )

    expect(page.locator(".messagelist")).to_contain_text(
        "Published. The public page now shows this version."
    )
    page.goto(f"{live_server.url}/admin/events/event/")
    expect(live_state(page)).to_have_text("Live")

    page.goto(ARTICLE_URL.format(live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".article-header .kicker")).to_have_text("45 BC")
    # Entered in the default (Gregorian) calendar, so the Julian date is shown beside it.
    expect(page.locator(".article-header .event-date")).to_have_text(
        "January 1, 45 BC (Julian: January 3)"
    )
    expect(page.locator(".byline")).to_have_text("By: Clio Marsh")
    expect(page.locator(".byline").get_by_role("link")).to_have_attribute(
        "href", author.get_absolute_url()
    )
    expect(page.locator(".dates")).to_contain_text("Published: ")
    expect(page.locator(".dates")).not_to_contain_text("Last Updated")
    expect(page.locator(".body")).to_have_text(FIRST_BODY)


def test_editor_keeps_a_revision_private_until_publishing_it_as_a_substantive_update(
    page, live_server, transactional_db, editor
):
    author = AuthorFactory(name="Clio Marsh")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/add/")
    add_article(
        page,
        author_name=author.name,
        publish_as="Review and publish as a minor change (typo, formatting): Last Updated stays",
    )
    first_published_at = PublishedEvent.objects.get(slug=SLUG).published_at
    published_on = date_format(timezone.localtime(first_published_at), "F j, Y")

    open_change_form(page, live_server)
    expect(page.locator("#id_body")).to_have_value(FIRST_BODY)
    page.locator("#id_body").fill(REVISED_BODY)
    page.locator("#id_change_reason").fill("Reworded the opening")
    expect(page.locator("#id_publish_change")).to_have_value("")
    save(page)
    page.wait_for_url(f"{live_server.url}/admin/events/event/")
    expect(live_state(page)).to_have_text("Live, with unpublished changes")

    page.goto(ARTICLE_URL.format(live_server.url))
    expect(page.locator(".body")).to_have_text(FIRST_BODY)
    expect(page.locator("main")).not_to_contain_text(REVISED_BODY)

    # The editor comes back three days later, so Last Updated differs from Published.
    later = timezone.now() + timedelta(days=3)
    with time_machine.travel(later):
        open_change_form(page, live_server)
        expect(page.locator("#id_body")).to_have_value(REVISED_BODY)
        page.locator("#id_change_reason").fill("Publishing the reworded opening")
        page.locator("#id_publish_change").select_option("substantive")
        save(page)
        expect(page.locator(".errorlist")).to_contain_text(
            "Tell readers what this substantive update changed."
        )
        page.locator("#id_update_note").fill("Reworded the opening paragraph.")
        save(page)
        page.wait_for_url(re.compile(r"/publish/"))
        expect(page.locator("table.diff ins").first).to_have_text("Rome")
        expect(page.get_by_label("Public note")).to_have_value("Reworded the opening paragraph.")
        confirm_publish(page)
        expect(page.locator(".messagelist")).to_contain_text("Published.")
        page.goto(f"{live_server.url}/admin/events/event/")
        expect(live_state(page)).to_have_text("Live")

        page.goto(ARTICLE_URL.format(live_server.url))
        expect(page.locator(".body")).to_have_text(REVISED_BODY)
        dates = page.locator(".dates")
        expect(dates).to_contain_text(f"Published: {published_on}")
        expect(dates).to_contain_text(
            f"Last Updated: {date_format(timezone.localtime(later), 'F j, Y')}"
        )
