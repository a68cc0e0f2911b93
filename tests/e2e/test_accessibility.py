"""Every public page type passes axe-core's WCAG 2 A/AA checks in a real browser, light and dark,
and the W3C Nu HTML checker finds no error in its markup; full-page screenshots at 375 px and
1,280 px, light and dark, go to ``var/screenshots/`` for a person to look at."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from events.models import Calendar, DatePrecision
from events.publishing import publish, unpublish
from newsletter.subscriptions import confirmation_url, unsubscribe_url

from ..factories import AuthorFactory, EventFactory, SubscriberFactory, TeamFactory, TopicFactory

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "var" / "node" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "var" / "screenshots"
# Width, colour scheme and whether axe runs there: axe at both widths and in both schemes.
VIEWS = [(1280, "light", True), (1280, "dark", False), (375, "light", False), (375, "dark", True)]


@pytest.fixture
def site(transactional_db, editor):
    person = AuthorFactory(name="Ada Quill", slug="ada-quill", bio="Ada writes about the sea.")
    team = TeamFactory(
        name="History Site Editors", bio="We write and check every story.", members=[person]
    )
    topic = TopicFactory(name="Exploration", description="Journeys to the edge of the map.")
    related = EventFactory(title="An earlier voyage", year=1492, authors=[team])
    publish(related, by=editor, substantive=False)
    event = EventFactory(
        title='A ship\'s crew reaches the "far" shore',
        year=1519,
        calendar=Calendar.JULIAN,
        body="The crew lands at dawn.\n\n## What happened next\n\nThey *rest* for a week.",
        authors=[team],
        topics=[topic],
        timeline=[related],
    )
    live = publish(event, by=editor, substantive=False)
    event.body += "\n\nA new paragraph."
    event.save()
    publish(event, by=editor, substantive=True, note="Added a paragraph")
    publish(
        EventFactory(title="Caesar is killed", year=-44, month=3, day=15, authors=[person]),
        by=editor,
        substantive=False,
    )
    publish(
        EventFactory(
            title="Plague reaches the port",
            year=1347,
            month=1,
            day=1,
            date_precision=DatePrecision.MONTH,
            authors=[team],
        ),
        by=editor,
        substantive=False,
    )
    withdrawn = EventFactory(title="A story we withdrew", authors=[team])
    withdrawn_live = publish(withdrawn, by=editor, substantive=False)
    withdrawn_path = withdrawn_live.get_absolute_url()
    unpublish(withdrawn, by=editor, reason="Could not be sourced")
    subscriber = SubscriberFactory(email="reader@example.com")
    return {
        "article": live,
        "team": team,
        "person": person,
        "topic": topic,
        "withdrawn_path": withdrawn_path,
        "confirm_path": urlsplit(confirmation_url(subscriber)).path,
        "unsubscribe_path": urlsplit(unsubscribe_url(subscriber)).path,
    }


def public_pages(site):
    """{name: path} of every kind of public page."""
    article = site["article"]
    first_version = article.history.order_by("history_id").first()
    return {
        "home": "/",
        "day": "/this-day-in-history/january/15/",
        "day-empty": "/this-day-in-history/june/9/",
        "month": "/this-day-in-history/january/",
        "article": article.get_absolute_url(),
        "earlier-version": f"{article.get_absolute_url()}versions/{first_version.history_id}/",
        "versions": f"{article.get_absolute_url()}versions/",
        "team": site["team"].get_absolute_url(),
        "person": site["person"].get_absolute_url(),
        "topic": site["topic"].get_absolute_url(),
        "topics": "/topics/",
        "authors": "/authors/",
        "search": "/search/",
        "search-results": "/search/?q=ship",
        "search-nothing": "/search/?q=nothing+matches+this",
        "corrections": "/corrections/",
        "report": f"/corrections/report/{article.slug}/",
        "report-sent": f"/corrections/report/{article.slug}/sent/",
        "newsletter": "/newsletter/",
        "newsletter-check-email": "/newsletter/check-your-email/",
        "newsletter-confirm": site["confirm_path"],
        "newsletter-unsubscribe": site["unsubscribe_path"],
        "newsletter-link-invalid": "/newsletter/confirm/not-a-real-token/",
        "about": "/about/",
        "privacy": "/privacy/",
        "not-found": "/this-day-in-history/january/15/no-such-article/",
        "gone": site["withdrawn_path"],
    }


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


def overflows(page):
    """Whether the page scrolls sideways: content wider than the screen."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def test_public_pages_pass_axe_at_both_widths_in_both_schemes_and_fit_320px(
    new_page, live_server, site
):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make e2e-deps`")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = public_pages(site)
    found, too_wide = {}, []
    for width, scheme, runs_axe in VIEWS:
        # axe-core goes in as an inline script, which the site's Content-Security-Policy blocks.
        page = new_page(
            viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
        )
        for name, path in pages.items():
            page.goto(live_server.url + path)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
            if runs_axe:
                violations = axe_violations(page)
                if violations:
                    found[f"{path} at {width}px, {scheme}"] = violations
            if width == 375:
                page.set_viewport_size({"width": 320, "height": 900})
                if overflows(page):
                    too_wide.append(path)
                page.set_viewport_size({"width": 375, "height": 900})
    assert found == {}
    assert too_wide == []


def test_public_pages_have_no_html_errors_in_the_nu_checker(client, site, tmp_path):
    if not VNU.exists():
        pytest.fail(f"The Nu HTML checker is missing at {VNU}: run `make e2e-deps`")
    java = shutil.which("java")
    if java is None:
        pytest.fail("The Nu HTML checker needs Java: apt-get install default-jre-headless")
    files = {}
    for name, path in public_pages(site).items():
        response = client.get(path)
        assert response.status_code in (200, 400, 404, 410), (path, response.status_code)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[file.name] = path
    result = subprocess.run(  # noqa: S603 (our own files, a fixed command)
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, files_in(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(message.get('url', '')).name)}: {message['message']} "
        f"(line {message.get('lastLine')}: {message.get('extract', '').strip()})"
        for message in messages
    ]
    assert errors == []


def files_in(folder):
    return sorted(folder.glob("*.html"))
