"""The editor's live preview endpoint: renders unsaved text, saves nothing, respects roles."""

import pytest
from django.urls import reverse

from .factories import AuthorFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_preview_renders_unsaved_text_as_the_public_page_and_names_refused_syntax(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_live_preview"),
        {
            "title": "Caesar -- assassinated",
            "year": "44",
            "era": "-1",
            "month": "3",
            "day": "15",
            "dek": "Senators *strike*.",
            "body": "Body text.\r\n\r\n<b>raw</b>",
        },
    )
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "<h1>Caesar – assassinated</h1>" in page
    assert '<p class="kicker">March 15, 44 BC</p>' in page
    assert "Senators <em>strike</em>." in page
    assert "<p>Body text.</p>" in page and "<b>raw</b>" not in page
    assert "This Markdown is not supported here: raw HTML" in page


def test_preview_is_post_only_and_a_writer_cannot_preview_someone_elses_article(client, member_of):
    writer = member_of("Writer")
    client.force_login(writer)
    other = EventFactory(authors=[AuthorFactory()])
    url = reverse("admin:events_event_live_preview", args=[other.pk])
    assert client.get(reverse("admin:events_event_live_preview")).status_code == 405
    assert client.post(url, {"body": "x"}).status_code == 403
    own = client.post(reverse("admin:events_event_live_preview"), {"body": "Mine."})
    assert own.status_code == 200
