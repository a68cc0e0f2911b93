"""After a round of work, each person's dashboard at /admin/ says what needs them."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from editorial.reports import assign
from events.publishing import approve, publish, schedule, send_back, submit_for_review

from ..factories import AuthorFactory, EventFactory, FactCheckReportFactory


def log_in_as(new_page, live_server, username, password):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def section(page, title):
    return page.get_by_role("region", name=title)


def test_dashboards_of_a_writer_an_editor_and_a_fact_checker(
    new_page, live_server, editor, member_of
):
    writer = member_of("Writer")
    checker = member_of("Fact-checker")
    author = AuthorFactory()
    EventFactory(title="Draft on the Berlin airlift", created_by=writer, authors=[author])
    returned = EventFactory(title="Wall comes down", created_by=writer, authors=[author])
    waiting = EventFactory(title="Moon landing", created_by=writer, authors=[author])
    later = EventFactory(title="Treaty of Rome", created_by=writer, authors=[author])
    for event in (returned, waiting, later):
        submit_for_review(event, by=writer)
    send_back(returned, by=editor, comment="Which checkpoint opened first?")
    approve(later, by=editor)
    schedule(
        later,
        by=editor,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        substantive=False,
    )
    report = FactCheckReportFactory()
    assign(report, to=checker, by=editor)
    unassigned = FactCheckReportFactory()
    publish(unassigned.event, by=editor, substantive=False)

    page = log_in_as(new_page, live_server, "writer", "pw-role-1")
    expect(page.locator("#site-name")).to_have_text("This Day in History: newsroom")
    expect(section(page, "Sent back to me")).to_contain_text("Which checkpoint opened first?")
    expect(section(page, "My drafts")).to_contain_text("Draft on the Berlin airlift")
    expect(section(page, "My articles in review")).to_contain_text("Moon landing")
    expect(section(page, "Approved and scheduled")).to_have_count(0)
    section(page, "Sent back to me").get_by_role("link", name="Wall comes down").click()
    expect(page).to_have_url(f"{live_server.url}/admin/events/event/{returned.pk}/change/")

    page = log_in_as(new_page, live_server, "editor", "pw-editor-1")
    expect(section(page, "Waiting for review")).to_contain_text("Moon landing")
    expect(section(page, "Approved and scheduled")).to_contain_text("Treaty of Rome")
    expect(section(page, "Reader reports nobody has taken")).to_contain_text(str(unassigned.event))
    expect(section(page, "Recent activity")).to_contain_text("editor: Sent back")

    page = log_in_as(new_page, live_server, "fact-checker", "pw-role-1")
    mine = section(page, "Reader reports assigned to me")
    expect(mine).to_contain_text(f"Report on “{report.event}”")
    expect(section(page, "My drafts")).to_have_count(0)
    mine.get_by_role("link").first.click()
    expect(page).to_have_url(
        f"{live_server.url}/admin/editorial/factcheckreport/{report.pk}/change/"
    )
