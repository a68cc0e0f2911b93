"""Every kind of page, public and admin, runs under the Content-Security-Policy in a real
browser without a single violation: no inline script or style anywhere."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from editorial.models import FactCheckReport
from events import sharing
from events.publishing import publish

from ..factories import (
    AuthorFactory,
    EventFactory,
    FactCheckReportFactory,
    SubscriberFactory,
    TeamFactory,
    TopicFactory,
    edit,
)
from .test_editor_flow import log_in

# Collected in the page itself (init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ${event.sample || ""}`
  );
});
"""


@pytest.fixture
def site(transactional_db, editor):
    team = TeamFactory(
        name="History Site Editors",
        bio="We write and check every story.",
        members=[AuthorFactory(name="Ada Quill")],
    )
    topic = TopicFactory(name="Exploration")
    event = EventFactory(
        title="A ship reaches the far shore", year=1519, authors=[team], topics=[topic]
    )
    live = publish(event, by=editor, substantive=False)
    edit(event, body=event.body + "\n\nA pending paragraph.")
    _, share_path = sharing.share(event, by=editor)
    report = FactCheckReportFactory(reported_version=live.history.latest(), event=event)
    SubscriberFactory(email="reader@example.com")
    return {
        "event": event,
        "live": live,
        "team": team,
        "topic": topic,
        "share_path": share_path,
        "report": report,
    }


@pytest.fixture
def page(new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


def violations_on(page, url):
    response = page.goto(url)
    assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
    page.wait_for_load_state("load")
    return page.evaluate("window.__cspViolations") + page.csp_console


def all_violations(page, base, paths):
    found = {}
    for path in paths:
        seen = violations_on(page, base + path)
        page.csp_console.clear()
        if seen:
            found[path] = seen
    return found


def test_public_pages_run_without_a_policy_violation(page, live_server, site):
    live = site["live"]
    version = live.history.latest()
    paths = [
        "/",
        "/this-day-in-history/january/",
        "/this-day-in-history/january/15/",
        live.get_absolute_url(),  # carries a JSON-LD block
        f"{live.get_absolute_url()}versions/{version.history_id}/",
        f"{live.get_absolute_url()}versions/",
        site["team"].get_absolute_url(),
        site["topic"].get_absolute_url(),
        "/newsletter/",
        reverse("editorial:report", args=[live.slug]),
        "/corrections/",
        site["share_path"],
        "/this-day-in-history/january/15/no-such-article/",
    ]
    assert all_violations(page, live_server.url, paths) == {}


def test_the_article_page_keeps_its_json_ld_under_the_policy(page, live_server, site):
    assert violations_on(page, live_server.url + site["live"].get_absolute_url()) == []
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["headline"] == "A ship reaches the far shore"


def test_admin_pages_run_without_a_policy_violation(page, live_server, site, editor):
    assert violations_on(page, live_server.url + "/admin/login/") == []
    log_in(page, live_server)
    event, report = site["event"], site["report"]
    paths = [
        "/admin/",
        "/admin/events/event/",
        "/admin/events/event/add/",
        f"/admin/events/event/{event.pk}/history/",
        "/admin/events/topic/add/",
        f"/admin/events/topic/{site['topic'].pk}/history/",
        f"/admin/editorial/author/{site['team'].pk}/change/",
        "/admin/editorial/factcheckreport/",
        f"/admin/editorial/factcheckreport/{report.pk}/change/",
        "/admin/newsletter/subscriber/",
        "/admin/events/sharelink/",
        "/admin/axes/accessattempt/",
        "/admin/auth/user/",
    ]
    assert all_violations(page, live_server.url, paths) == {}
    assert FactCheckReport.objects.count() == 1


def test_the_admin_forms_widgets_work_under_the_policy(page, live_server, site, editor):
    log_in(page, live_server)
    violations_on(page, f"{live_server.url}/admin/events/topic/add/")
    page.locator("#id_name").press_sequentially("Maritime history")
    # The slug is filled in by the admin's prepopulate script, which must be allowed to run.
    expect(page.locator("#id_slug")).to_have_value("maritime-history")
    violations_on(page, f"{live_server.url}/admin/editorial/author/{site['team'].pk}/change/")
    page.locator(".select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("Ada")
    page.locator(".select2-results__option", has_text="Ada Quill").first.wait_for()
    assert page.evaluate("window.__cspViolations") + page.csp_console == []


def test_the_event_editing_pages_run_without_a_policy_violation(page, live_server, site):
    log_in(page, live_server)
    event = site["event"]
    paths = [
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/compare/",
        f"/admin/events/event/{event.pk}/publish/",
    ]
    assert all_violations(page, live_server.url, paths) == {}
