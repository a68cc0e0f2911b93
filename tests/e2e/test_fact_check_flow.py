"""A reader reports an error from the Fact Check box; a fact-checker finds it in the queue."""

import re

from playwright.sync_api import expect

from events.publishing import publish

from ..factories import AuthorFactory, EventFactory

TITLE = "Troops sent into the southern republic"
REPORT = "The article says 1,100 troops; the ministry's own figure was 11,000."


def test_reader_reports_an_error_and_a_fact_checker_finds_it_in_the_queue(
    new_page, live_server, editor, member_of, settings
):
    settings.READER_FORM_MIN_SECONDS = 0
    member_of("Fact-checker")
    event = EventFactory(
        title=TITLE,
        slug="troops-sent-south",
        body="About 1,100 troops crossed the border at dawn.",
        authors=[AuthorFactory(name="Ada Quill")],
    )
    live = publish(event, by=editor, substantive=False)
    version_id = live.history.latest().history_id

    reader = new_page(viewport={"width": 1280, "height": 900})
    reader.goto(f"{live_server.url}{live.get_absolute_url()}")
    fact_check = reader.locator(".fact-check")
    expect(fact_check.get_by_role("heading", level=2)).to_have_text("Fact Check")
    expect(fact_check).to_contain_text("We strive for accuracy and fairness.")
    fact_check.get_by_role("link", name="report an error in this article").click()
    reader.wait_for_url(f"**/corrections/report/troops-sent-south/?version={version_id}")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Report an error")
    expect(reader.locator(".reported-version")).to_contain_text(f"“{TITLE}”")

    reader.get_by_label("What is wrong?").fill(REPORT)
    reader.get_by_label("What should it say? (optional)").fill("About 11,000 troops.")
    reader.get_by_label("A source or evidence (optional)").fill("https://example.org/ministry")
    reader.get_by_role("button", name="Send report").click()
    reader.wait_for_url("**/corrections/report/troops-sent-south/sent/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    expect(reader.locator("article")).to_contain_text("What happens next")

    checker = new_page(viewport={"width": 1280, "height": 900})
    checker.goto(f"{live_server.url}/admin/")
    checker.locator("#id_username").fill("fact-checker")
    checker.locator("#id_password").fill("pw-role-1")
    checker.get_by_role("button", name="Log in").click()
    checker.wait_for_url(f"{live_server.url}/admin/")
    checker.get_by_role("link", name="Fact-check reports").click()
    checker.wait_for_url("**/admin/editorial/factcheckreport/")
    row = checker.get_by_role("row", name=re.compile(TITLE))
    expect(row).to_contain_text("New")
    row.get_by_role("link", name=re.compile("1,100 troops")).click()
    checker.wait_for_url(re.compile(r"/admin/editorial/factcheckreport/\d+/change/$"))
    expect(checker.locator(".reader-report")).to_contain_text(REPORT)
    expect(checker.locator(".reported-version")).to_contain_text(
        "About 1,100 troops crossed the border at dawn."
    )
