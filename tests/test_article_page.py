import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.html import escape

from editorial.models import Author
from events.publishing import publish, unpublish
from events.rendering import render_inline_markdown, render_markdown
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TeamFactory, edit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def article(editor):
    """A team-bylined article, published in 2009 and substantively updated in 2025."""
    team = TeamFactory(
        name="History Site Editors",
        bio="Our editors write and check every story.",
        members=[AuthorFactory(name="Ada Park"), AuthorFactory(name="Ben Ortiz")],
    )
    event = EventFactory(
        title="Troops are sent into the capital",
        slug="troops-sent",
        year=1990,
        dek="The government sends soldiers to end the fighting.",
        body="Fighting had gone on for days.\n\nThe troops arrived at night.",
        authors=[team],
    )
    publish(event, by=editor, substantive=False, at=datetime.datetime(2009, 11, 13, 15, tzinfo=UTC))
    event.body += "\n\nA later paragraph with new findings."
    event.save()
    publish(
        event,
        by=editor,
        substantive=True,
        note="Added findings",
        at=datetime.datetime(2025, 1, 30, 15, tzinfo=UTC),
    )
    event.refresh_from_db()
    return event.live


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_article_page_shows_every_block_of_the_anatomy(client, article):
    with time_machine.travel(datetime.datetime(2026, 3, 24, 15, tzinfo=UTC)):
        response = client.get(article.get_absolute_url())
    page = text_of(response)
    assert response.status_code == 200
    assert '<span class="year">1990</span>' in page
    assert "<h1>Troops are sent into the capital</h1>" in page
    assert 'By: <a href="/authors/' in page and ">History Site Editors</a>" in page
    assert 'Published: <time datetime="2009-11-13">November 13, 2009</time>' in page
    assert 'Last Updated: <time datetime="2025-01-30">January 30, 2025</time>' in page
    assert '<p class="dek">The government sends soldiers to end the fighting.</p>' in page
    assert "<p>The troops arrived at night.</p>" in page
    assert "About the author" in page and "Our editors write and check every story." in page
    assert "Ada Park" in page and "Ben Ortiz" in page
    assert "Citation Information" in page
    assert '<dt>Date Accessed</dt><dd><time datetime="2026-03-24">March 24, 2026</time>' in page
    assert "<dt>Original Published Date</dt>" in page


def test_citations_point_at_the_permanent_link_of_the_version_being_read(client, article):
    version = article.history.first()
    response = client.get(article.get_absolute_url())
    permalink = f"http://testserver/this-day-in-history/january/15/troops-sent/versions/{version.history_id}/"
    citations = response.context["citations"]
    for style in ["mla", "apa", "chicago", "bibtex"]:
        assert permalink in citations[style]
    assert citations["apa"].startswith("History Site Editors. (2025, January 30).")
    assert "url = {" + permalink + "}" in citations["bibtex"]
    assert escape(citations["mla"]) in response.content.decode()


def test_last_updated_is_hidden_until_a_substantive_update(client, published_event):
    live = published_event()
    page = text_of(client.get(live.get_absolute_url()))
    assert "Published:" in page
    assert "Last Updated:" not in page


def test_bc_years_show_as_bc_on_the_article(client, published_event):
    live = published_event(year=-44, month=3, day=15, slug="ides-of-march")
    page = text_of(client.get(live.get_absolute_url()))
    assert '<span class="year">44 BC</span>' in page


def test_team_byline_links_to_the_team_author_page(client, article):
    team = Author.objects.get(kind=Author.Kind.TEAM)
    page = text_of(client.get(article.get_absolute_url()))
    assert f'<a href="{team.get_absolute_url()}" rel="author">History Site Editors</a>' in page


def test_timeline_lists_published_related_events_oldest_first_and_hides_drafts(
    client, editor, published_event
):
    later = published_event(title="Later event", year=1995, month=6, day=1)
    earlier = published_event(title="Earlier event", year=1961, month=8, day=13)
    draft = EventFactory(title="Unpublished related event", year=1970)
    event = EventFactory(
        title="Main event", authors=[AuthorFactory()], timeline=[later.event, earlier.event, draft]
    )
    live = publish(event, by=editor, substantive=False)
    page = text_of(client.get(live.get_absolute_url()))
    assert "Timeline" in page
    assert page.index("Earlier event") < page.index("Later event")
    assert "Unpublished related event" not in page


def test_also_on_this_day_lists_other_published_events_of_the_day_oldest_first(
    client, published_event
):
    main = published_event(title="Main event", year=1950)
    published_event(title="Old same-day event", year=1801)
    published_event(title="Recent same-day event", year=2001)
    published_event(title="Other day event", month=1, day=16)
    EventFactory(title="Draft same-day event")
    page = text_of(client.get(main.get_absolute_url()))
    section = page[page.index("Also on This Day in History") :]
    assert section.index("Old same-day event") < section.index("Recent same-day event")
    assert "Main event</a>" not in section
    assert "Other day event" not in page
    assert "Draft same-day event" not in page
    assert "January 15th" in section


def test_article_at_the_wrong_date_redirects_to_its_address(client, published_event):
    live = published_event(slug="on-the-fifteenth")
    response = client.get("/this-day-in-history/march/2/on-the-fifteenth/")
    assert response.status_code == 301
    assert response["Location"] == live.get_absolute_url()


def test_unknown_slug_answers_a_helpful_404(client, published_event):
    published_event()
    response = client.get("/this-day-in-history/january/15/no-such-story/")
    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content


def test_script_in_markdown_body_never_reaches_the_page(client, published_event):
    live = published_event(body="Hello [bad](javascript:alert(1)) **bold**")
    page = client.get(live.get_absolute_url()).content.decode()
    assert "javascript:" not in page
    assert "<strong>bold</strong>" in page


def test_raw_html_in_a_body_is_refused_and_never_rendered(published_event):
    body = 'Hello <script>alert("x")</script> <img src=x onerror="alert(2)"> **bold**'
    with pytest.raises(ValidationError, match="raw HTML"):
        published_event(body=body)
    html = render_markdown(body)
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "<strong>bold</strong>" in html


def test_html_in_titles_is_escaped_and_in_deks_refused(client, published_event):
    live = published_event(title="<b>Bold</b> move")
    page = client.get(live.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; move" in page
    with pytest.raises(ValidationError, match="raw HTML"):
        published_event(dek="<script>x()</script>")
    assert "<script>" not in render_inline_markdown("<script>x()</script>")


def test_json_ld_describes_the_article_with_its_dates(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert '"@type": "NewsArticle"' in page
    assert '"datePublished": "2009-11-13T15:00:00+00:00"' in page
    assert '"dateModified": "2025-01-30T15:00:00+00:00"' in page


def test_earlier_version_shows_its_own_text_marked_as_earlier(client, article):
    first = article.history.order_by("history_id").first()
    url = f"{article.get_absolute_url()}versions/{first.history_id}/"
    page = text_of(client.get(url))
    assert "This is an earlier version of this article" in page
    assert "A later paragraph with new findings." not in page
    assert f'<a href="{article.get_absolute_url()}">Read the current version</a>' in page
    assert 'name="robots" content="noindex"' in page


def test_current_version_permalink_is_not_marked_earlier(client, article):
    latest = article.history.first()
    page = text_of(client.get(f"{article.get_absolute_url()}versions/{latest.history_id}/"))
    assert "A later paragraph with new findings." in page
    assert "earlier version" not in page


def test_version_of_another_article_is_not_found(client, article, published_event):
    other = published_event()
    foreign = other.history.first()
    response = client.get(f"{article.get_absolute_url()}versions/{foreign.history_id}/")
    assert response.status_code == 404


def test_a_versions_permanent_link_follows_its_article_and_tells_when_it_is_withdrawn(
    client, editor, published_event
):
    live = published_event(slug="bridge-opens")
    first = live.history.get().history_id
    old = f"/this-day-in-history/january/15/bridge-opens/versions/{first}/"
    assert client.get(old).status_code == 200
    edit(live.event, slug="bridge-opens-to-traffic", month=2, day=3)
    publish(live.event, by=editor, substantive=True, note="The right date and name")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == (
        f"/this-day-in-history/february/3/bridge-opens-to-traffic/versions/{first}/"
    )
    assert client.get(response["Location"]).status_code == 200
    unpublish(live.event, by=editor, reason="Under review")
    assert client.get(response["Location"]).status_code == 410


def make_busy_article(editor, *, revisions, same_day):
    author = AuthorFactory()
    for n in range(same_day):
        publish(EventFactory(year=1000 + n, authors=[author]), by=editor, substantive=False)
    event = EventFactory(authors=[TeamFactory(), author])
    for n in range(revisions):
        event.body = f"Revision {n}"
        event.save()
        if n % 5 == 0:  # every fifth revision goes live, so both histories grow
            publish(event, by=editor, substantive=n % 2 == 0, note="Update")
    with revision(event, reason="Timeline"):
        event.timeline.add(*EventFactory._meta.model.objects.exclude(pk=event.pk)[:5])
    return publish(event, by=editor, substantive=False)


@pytest.mark.parametrize("revisions, same_day", [(1, 1), (500, 200)])
def test_article_page_runs_a_constant_number_of_queries(
    client, editor, django_assert_max_num_queries, revisions, same_day
):
    live = make_busy_article(editor, revisions=revisions, same_day=same_day)
    with django_assert_max_num_queries(10):
        response = client.get(live.get_absolute_url())
    assert response.status_code == 200


def test_article_links_its_topics(client, editor):
    from .factories import TopicFactory

    topic = TopicFactory(name="Exploration")
    event = EventFactory(authors=[AuthorFactory()], topics=[topic])
    live = publish(event, by=editor, substantive=False)
    page = text_of(client.get(live.get_absolute_url()))
    assert f'<a href="{topic.get_absolute_url()}" rel="tag">Exploration</a>' in page


def test_article_lists_its_substantive_updates_with_their_notes(client, article):
    page = text_of(client.get(article.get_absolute_url()))
    log = page[page.index("Updates to this article") :]
    assert "January 30, 2025</time></a>: Added findings" in log
    assert "November 13, 2009</time></a>: First published." in log
    first = article.history.order_by("history_id").first()
    assert f"versions/{first.history_id}/" in log


def test_long_update_log_shows_the_latest_ten_and_links_to_every_version(client, editor):
    event = EventFactory(authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    for n in range(12):
        event.body = f"Update {n}"
        event.save()
        publish(event, by=editor, substantive=True, note=f"Update number {n}")
    event.body = "Typo fixed"
    event.save()
    live = publish(event, by=editor, substantive=False)
    page = text_of(client.get(live.get_absolute_url()))
    log = page[page.index("Updates to this article") : page.index("About the author")]
    assert "Update number 11" in log and "Update number 2" in log
    assert "Update number 1<" not in log and "First published." not in log
    assert "All 13 updates</a>" in log

    versions = text_of(client.get(f"{live.get_absolute_url()}versions/"))
    assert versions.count("/versions/") >= 14
    assert "Minor change" in versions and "First publication" in versions
    assert "Update number 0" in versions
