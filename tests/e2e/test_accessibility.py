"""Every public page passes axe-core's WCAG 2 A/AA checks in a real browser."""

from pathlib import Path

import pytest

from events.publishing import publish

from ..factories import AuthorFactory, EventFactory, TeamFactory, TopicFactory

AXE = (
    Path(__file__).resolve().parents[2]
    / "var"
    / "node"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)


@pytest.fixture
def site(transactional_db, editor):
    team = TeamFactory(
        name="History Site Editors",
        bio="We write and check every story.",
        members=[AuthorFactory(name="Ada Quill")],
    )
    topic = TopicFactory(name="Exploration")
    related = EventFactory(title="An earlier voyage", year=1492, authors=[team])
    publish(related, by=editor, substantive=False)
    event = EventFactory(
        title="A ship reaches the far shore",
        year=1519,
        body="The crew lands at dawn.\n\n## What happened next\n\nThey *rest* for a week.",
        authors=[team],
        topics=[topic],
        timeline=[related],
    )
    live = publish(event, by=editor, substantive=False)
    event.body += "\n\nA new paragraph."
    event.save()
    publish(event, by=editor, substantive=True, note="Added a paragraph")
    return {"article": live, "team": team, "topic": topic}


@pytest.fixture
def page(new_page):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy blocks.
    return new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)


def violations(page, url):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make e2e-deps` (npm install axe-core@4)")
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


def test_public_pages_have_no_accessibility_violations(page, live_server, site):
    article = site["article"]
    version = article.history.order_by("history_id").first()
    paths = [
        "/",
        "/this-day-in-history/january/15/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}versions/{version.history_id}/",
        site["team"].get_absolute_url(),
        site["topic"].get_absolute_url(),
        "/newsletter/",
        "/this-day-in-history/january/15/no-such-article/",
        "/search/",
        "/search/?q=ship",
        "/search/?q=nothing+matches+this",
        f"{article.get_absolute_url()}versions/",
        "/corrections/",
    ]
    found = {path: violations(page, live_server.url + path) for path in paths}
    assert {path: v for path, v in found.items() if v} == {}
