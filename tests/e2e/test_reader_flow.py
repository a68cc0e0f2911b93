"""A reader finds an article through its day page and reads everything the article page promises."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from editorial.models import TeamMembership
from events.models import PublishedEvent
from events.publishing import publish
from revisions.history import revision

from ..factories import AuthorFactory, EventFactory, TeamFactory

FIRST_PUBLISHED_AT = datetime(2009, 11, 13, 15, 0, tzinfo=UTC)
UPDATED_AT = datetime(2025, 1, 30, 15, 0, tzinfo=UTC)
DRAFT_TITLE = "Unannounced draft about the harbor pilots"


@dataclass
class ReaderSite:
    article: PublishedEvent
    first_version_id: int
    current_version_id: int
    team_slug: str


@pytest.fixture
def reader_site(transactional_db, editor):
    team = TeamFactory(
        name="History Site Editors",
        slug="history-site-editors",
        bio="Our editors write and check every story on this site.",
    )
    with revision(team, reason="Members"):
        for position, name in enumerate(["Ada Quill", "Ben Ledger"]):
            TeamMembership.objects.create(
                team=team, member=AuthorFactory(name=name), position=position
            )

    earlier = EventFactory(
        title="Parliament debates the border question", year=1988, month=3, day=2, authors=[team]
    )
    later = EventFactory(
        title="Ceasefire talks open in the capital", year=1990, month=1, day=19, authors=[team]
    )
    draft = EventFactory(title=DRAFT_TITLE, year=1990, authors=[team])
    article = EventFactory(
        title="Troops sent into the southern republic",
        slug="troops-sent-into-the-southern-republic",
        year=1990,
        authors=[team],
        dek="Armored columns arrive after a week of unrest in the streets.",
        body="Columns of troops crossed the border at dawn.\n\nBy evening the city was quiet.",
    )
    with revision(article, reason="Timeline"):
        article.timeline.add(later, earlier, draft)
    same_day = [
        EventFactory(title="A lighthouse is lit for the first time", year=1911, authors=[team]),
        EventFactory(title="Rival cities sign a river treaty", year=-44, authors=[team]),
    ]
    for event in [earlier, later, *same_day]:
        publish(event, by=editor, substantive=False, at=FIRST_PUBLISHED_AT)
    publish(article, by=editor, substantive=False, at=FIRST_PUBLISHED_AT)
    article.body += "\n\nTalks began a week later."
    article.save()
    live = publish(
        article, by=editor, substantive=True, note="Added the talks that followed.", at=UPDATED_AT
    )
    versions = list(live.history.order_by("history_id").values_list("history_id", flat=True))
    return ReaderSite(
        article=live,
        first_version_id=versions[0],
        current_version_id=versions[-1],
        team_slug=team.slug,
    )


def test_reader_goes_from_day_page_to_article_to_author(page, live_server, reader_site):
    article = reader_site.article
    permalink = (
        f"{live_server.url}/this-day-in-history/january/15/{article.slug}"
        f"/versions/{reader_site.current_version_id}/"
    )

    page.goto(f"{live_server.url}/this-day-in-history/january/15/")
    expect(page.get_by_role("heading", level=1)).to_have_text("January 15 in history")
    day_list = page.locator(".event-list")
    expect(day_list).to_contain_text("A lighthouse is lit for the first time")
    expect(day_list).to_contain_text("44 BC")
    assert DRAFT_TITLE not in page.content()

    page.get_by_role("link", name=article.title).click()
    page.wait_for_url(f"**/this-day-in-history/january/15/{article.slug}/")

    header = page.locator(".article-header")
    expect(header.locator(".kicker")).to_have_text("1990")
    expect(header.locator(".event-date")).to_have_text("January 15, 1990")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    byline = header.locator(".byline")
    expect(byline).to_have_text("By: History Site Editors")
    expect(header.locator(".dates")).to_contain_text("Published: November 13, 2009")
    expect(header.locator(".dates")).to_contain_text("Last Updated: January 30, 2025")
    expect(page.locator(".dek")).to_have_text(article.dek)
    expect(page.locator(".body")).to_contain_text("Columns of troops crossed the border at dawn.")
    expect(page.locator(".body")).to_contain_text("Talks began a week later.")

    timeline = page.locator(".timeline")
    expect(timeline.get_by_role("heading")).to_have_text("Timeline")
    expect(timeline.locator("li")).to_have_text(
        [
            "March 2, 1988 Parliament debates the border question",
            "January 19, 1990 Ceasefire talks open in the capital",
        ]
    )

    also = page.locator(".also-on-day")
    expect(also.get_by_role("heading", level=2)).to_have_text("Also on This Day in History")
    expect(also.locator(".event-item h3")).to_have_text(
        ["Rival cities sign a river treaty", "A lighthouse is lit for the first time"]
    )

    about = page.locator(".about-author")
    expect(about.get_by_role("heading", level=2)).to_have_text("About the author")
    expect(about).to_contain_text("Our editors write and check every story on this site.")
    expect(about).to_contain_text("Members: Ada Quill, Ben Ledger.")

    citation = page.locator(".citation")
    expect(citation.get_by_role("heading", level=2)).to_have_text("Citation Information")
    expect(citation.locator("dl")).to_contain_text(article.title)
    expect(citation.get_by_role("link", name=permalink)).to_have_attribute("href", permalink)
    for style in ["MLA", "APA", "Chicago", "BibTeX"]:
        expect(citation.locator("summary", has_text=style)).to_be_visible()
    cites = citation.locator(".cite")
    expect(cites).to_have_count(4)
    for index in range(4):
        expect(cites.nth(index)).to_contain_text(permalink)
    expect(cites.nth(0)).to_contain_text(f"History Site Editors. “{article.title}.”")
    assert DRAFT_TITLE not in page.content()

    byline.get_by_role("link", name="History Site Editors").click()
    page.wait_for_url(f"**/authors/{reader_site.team_slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("History Site Editors")
    expect(page.locator("article")).to_contain_text("Ada Quill")
    stories = page.locator("section", has=page.get_by_role("heading", name="Stories by"))
    expect(stories.get_by_role("link", name=article.title)).to_be_visible()
    assert DRAFT_TITLE not in page.content()


def test_reader_following_an_old_citation_sees_the_text_that_was_cited(
    page, live_server, reader_site
):
    article = reader_site.article
    page.goto(
        f"{live_server.url}/this-day-in-history/january/15/{article.slug}"
        f"/versions/{reader_site.first_version_id}/"
    )

    expect(page.get_by_role("note")).to_contain_text("This is an earlier version of this article")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator(".body")).to_contain_text("Columns of troops crossed the border at dawn.")
    expect(page.locator(".body")).not_to_contain_text("Talks began a week later.")

    page.get_by_role("link", name="Read the current version").click()
    page.wait_for_url(f"**/this-day-in-history/january/15/{article.slug}/")
    expect(page.locator(".body")).to_contain_text("Talks began a week later.")


def test_article_reads_on_a_phone_without_javascript_and_without_sideways_scrolling(
    new_page, live_server, reader_site
):
    phone = new_page(
        viewport={"width": 375, "height": 740}, java_script_enabled=False, is_mobile=True
    )
    article_path = f"/this-day-in-history/january/15/{reader_site.article.slug}/"

    with phone.expect_response(re.compile(r"/static/css/site\.css$")) as stylesheet:
        phone.goto(live_server.url + article_path)
    assert stylesheet.value.ok, f"The site stylesheet answered {stylesheet.value.status}"
    expect(phone.get_by_role("heading", level=1)).to_have_text(reader_site.article.title)
    expect(phone.locator(".byline")).to_have_text("By: History Site Editors")
    expect(phone.locator(".body")).to_contain_text("Columns of troops crossed the border at dawn.")
    expect(phone.locator(".citation .cite").first).to_contain_text(re.compile(r"/versions/\d+/"))

    for path in [
        article_path,
        "/this-day-in-history/january/15/",
        f"/authors/{reader_site.team_slug}/",
    ]:
        phone.goto(live_server.url + path)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        widths = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{path} scrolls sideways on a phone: {widths}"
