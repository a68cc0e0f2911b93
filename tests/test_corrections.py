"""Public corrections: a correction is a published version with a note readers can see."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import PublishedEvent
from events.publishing import publish, unpublish
from events.views import render_preview

from .factories import AuthorFactory, EventFactory
from .test_admin import publish_step

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PUBLISHED = datetime.datetime(2009, 11, 13, 15, tzinfo=UTC)
CORRECTED = datetime.datetime(2025, 1, 30, 15, tzinfo=UTC)
NOTE = "Correction: An earlier version of this article misstated the number of troops sent."


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def json_ld(response):
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1))


@pytest.fixture
def corrected(editor):
    """An article published in 2009 whose troop count was corrected in 2025."""
    event = EventFactory(
        title="Troops sent into the capital",
        slug="troops-sent",
        body="About 1,100 troops were sent.",
        authors=[AuthorFactory()],
    )
    publish(event, by=editor, substantive=False, at=PUBLISHED)
    event.body = "About 11,000 troops were sent."
    event.save()
    return publish(event, by=editor, substantive=False, correction=True, note=NOTE, at=CORRECTED)


def test_a_correction_is_a_substantive_version_that_moves_last_updated(corrected):
    assert (corrected.published_at, corrected.updated_at) == (PUBLISHED, CORRECTED)
    assert corrected.was_updated
    version = corrected.history.latest()
    assert (version.change_kind, version.change_note) == ("correction", NOTE)
    assert list(corrected.corrections()) == [version]


def test_a_correction_needs_the_text_readers_will_see(editor, published_event):
    live = published_event()
    with pytest.raises(ValidationError, match="Write the correction readers will see"):
        publish(live.event, by=editor, substantive=True, correction=True, note="  ")
    assert not live.corrections().exists()


def test_a_correction_note_always_reads_as_a_correction(editor, published_event):
    live = published_event()
    live = publish(
        live.event, by=editor, substantive=False, correction=True, note="The year was 1990."
    )
    assert live.change_note == "Correction: The year was 1990."


def test_an_article_never_published_has_nothing_to_correct(editor):
    event = EventFactory()
    with pytest.raises(ValidationError, match="nothing to correct"):
        publish(event, by=editor, substantive=False, correction=True, note=NOTE)
    assert not PublishedEvent.objects.exists()


def test_correction_note_shows_above_the_fact_check_box_with_its_date_and_permalink(
    client, corrected
):
    response = client.get(corrected.get_absolute_url())
    page = text_of(response)
    version = corrected.history.latest()
    assert 'Last Updated: <time datetime="2025-01-30">January 30, 2025</time>' in page
    notes = page[page.index('<section class="corrections"') :]
    assert notes.index(NOTE) < notes.index("Fact Check") < notes.index("Citation Information")
    assert '<time datetime="2025-01-30">January 30, 2025</time>: ' + NOTE in notes
    assert f'href="{corrected.get_absolute_url()}versions/{version.history_id}/"' in notes


def test_the_version_log_lists_the_correction(client, corrected):
    page = text_of(client.get(corrected.get_absolute_url()))
    log = page[page.index("Updates to this article") :]
    assert f"January 30, 2025</time></a>: {NOTE}" in log
    assert "November 13, 2009</time></a>: First published." in log


def test_json_ld_carries_each_correction_as_a_correction_comment(client, corrected, settings):
    settings.SITE_URL = "https://history.example.com"
    version = corrected.history.latest()
    data = json_ld(client.get(corrected.get_absolute_url()))
    assert data["dateModified"] == "2025-01-30T15:00:00+00:00"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": NOTE,
            "datePublished": "2025-01-30T15:00:00+00:00",
            "url": f"https://history.example.com{corrected.get_absolute_url()}"
            f"versions/{version.history_id}/",
        }
    ]


def test_json_ld_has_no_correction_key_without_corrections(client, published_event):
    live = published_event()
    assert "correction" not in json_ld(client.get(live.get_absolute_url()))


def test_an_earlier_version_says_it_was_corrected_later(client, corrected):
    first = corrected.history.earliest()
    response = client.get(f"{corrected.get_absolute_url()}versions/{first.history_id}/")
    page = text_of(response)
    assert "About 1,100 troops were sent." in page
    assert "This version was corrected later:" in page
    assert NOTE in page
    assert "correction" not in json_ld(response)


def test_corrections_page_lists_every_correction_newest_first_with_links(client, editor, corrected):
    other = EventFactory(title="A treaty is signed", slug="treaty", authors=[AuthorFactory()])
    publish(other, by=editor, substantive=False, at=PUBLISHED)
    later = publish(
        other,
        by=editor,
        substantive=False,
        correction=True,
        note="Correction: The treaty was signed in Paris, not Vienna.",
        at=CORRECTED + datetime.timedelta(days=2),
    )
    page = text_of(client.get(reverse("events:corrections")))
    assert page.index("signed in Paris") < page.index("misstated the number of troops")
    for live in (later, corrected):
        version = live.history.latest()
        assert f'<a href="{live.get_absolute_url()}">{live.title}</a>' in page
        assert f'href="{live.get_absolute_url()}versions/{version.history_id}/"' in page


def test_corrections_page_links_the_articles_current_address_after_a_rename(
    client, editor, corrected
):
    event = corrected.event
    event.slug = "troops-enter-the-capital"
    event.title = "Troops enter the capital"
    event.save()
    publish(event, by=editor, substantive=False)
    page = text_of(client.get(reverse("events:corrections")))
    version = corrected.history.get(change_kind="correction")
    path = "/this-day-in-history/january/15/troops-enter-the-capital/"
    assert f'<a href="{path}">Troops enter the capital</a>' in page
    assert f'href="{path}versions/{version.history_id}/"' in page
    assert "published as “Troops sent into the capital”" in page
    assert client.get(f"{path}versions/{version.history_id}/").status_code == 200


def test_corrections_of_an_unpublished_article_leave_the_page_and_come_back_with_it(
    client, editor, corrected
):
    unpublish(corrected.event, by=editor, reason="Legal review")
    assert "misstated" not in text_of(client.get(reverse("events:corrections")))
    publish(corrected.event, by=editor, substantive=False)
    assert NOTE in text_of(client.get(reverse("events:corrections")))


def test_corrections_and_permalinks_survive_unpublishing_and_republishing(
    client, editor, corrected
):
    versions = list(corrected.history.exclude(history_type="-").values_list("history_id"))
    unpublish(corrected.event, by=editor, reason="Checking a source")
    live = publish(corrected.event, by=editor, substantive=False)
    assert (live.published_at, live.updated_at) == (PUBLISHED, CORRECTED)
    assert [c.change_note for c in live.corrections()] == [NOTE]
    for (history_id,) in versions:
        url = f"{live.get_absolute_url()}versions/{history_id}/"
        assert client.get(url).status_code == 200, url
    assert NOTE in text_of(client.get(live.get_absolute_url()))


def test_a_republished_article_can_come_back_as_a_correction(client, editor, published_event):
    live = published_event()
    unpublish(live.event, by=editor, reason="A wrong date")
    live = publish(live.event, by=editor, substantive=False, correction=True, note=NOTE)
    assert live.change_kind == PublishedEvent.ChangeKind.CORRECTION
    assert live.updated_at > live.published_at
    assert live.corrections().get().change_note == NOTE


def test_corrections_page_is_paginated(client, editor, published_event, monkeypatch):
    monkeypatch.setattr("events.views.CORRECTIONS_PER_PAGE", 2)
    live = published_event()
    for n in range(3):
        publish(live.event, by=editor, substantive=False, correction=True, note=f"Fix {n}.")
    first = text_of(client.get(reverse("events:corrections")))
    second = text_of(client.get(reverse("events:corrections"), {"page": 2}))
    assert "Correction: Fix 2." in first and "Correction: Fix 1." in first
    assert "Correction: Fix 0." in second and "Page 2 of 2" in second


def test_corrections_page_is_linked_from_the_footer(client):
    assert f'href="{reverse("events:corrections")}"' in text_of(client.get("/"))


def test_corrections_page_runs_a_constant_number_of_queries(
    client, editor, published_event, django_assert_max_num_queries
):
    for n in range(5):
        live = published_event()
        publish(live.event, by=editor, substantive=False, correction=True, note=f"Fix {n}.")
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:corrections"))
    assert response.status_code == 200


def test_article_with_corrections_keeps_its_query_count(
    client, editor, corrected, django_assert_max_num_queries
):
    for n in range(5):
        publish(corrected.event, by=editor, substantive=False, correction=True, note=f"Fix {n}.")
    with django_assert_max_num_queries(10):
        response = client.get(corrected.get_absolute_url())
    assert text_of(response).count("See the corrected version") == 6


def test_preview_shows_published_corrections_but_no_fact_check_box(rf, editor, corrected):
    request = rf.get("/preview/")
    request.user = editor
    page = text_of(render_preview(request, corrected.event))
    assert NOTE in page
    assert "Fact Check" not in page


def test_editor_publishes_a_correction_from_the_workflow_panel(client, editor, corrected):
    client.force_login(editor)
    event = corrected.event
    change_page = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert "Correction (shown to readers as a correction note)" in change_page.content.decode()
    response = publish_step(client, event, kind="correction", note="")
    assert "Write the correction readers will see" in response.content.decode()
    assert corrected.corrections().count() == 1

    publish_step(client, event, kind="correction", note="The march began on Monday.")
    live = PublishedEvent.objects.get(event=event)
    assert live.change_kind == "correction"
    assert live.change_note == "Correction: The march began on Monday."
    assert live.updated_at > CORRECTED
    assert live.history.latest().history_user == editor


def test_editor_publishes_a_correction_from_the_save_form(client, editor, published_event):
    from .test_admin import event_form, existing_byline

    live = published_event()
    event = live.event
    client.force_login(editor)
    data = existing_byline(
        event,
        event_form(
            event.authors.get(),
            title=event.title,
            slug=event.slug,
            year="1990",
            era="1",
            month="1",
            day="15",
            body="Corrected body.",
            change_reason="Fixed the count",
            publish_change="correction",
            update_note=NOTE,
            based_on_revision=str(event.latest_revision_id()),
        ),
    )
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302
    publish_step(client, event, kind="correction", note=NOTE)
    live = PublishedEvent.objects.get(event=event)
    assert (live.change_kind, live.change_note, live.body) == (
        "correction",
        NOTE,
        "Corrected body.",
    )


def test_a_correction_cannot_be_scheduled(client, editor, published_event):
    live = published_event()
    client.force_login(editor)
    response = publish_step(
        client, live.event, kind="correction", note=NOTE, schedule_at="2099-01-01T09:00"
    )
    assert "corrections are not scheduled" in response.content.decode()
    live.event.refresh_from_db()
    assert live.event.scheduled_at is None
