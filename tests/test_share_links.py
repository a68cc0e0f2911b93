"""Share links: pinned to the shared revision, expiring, revocable, dead once unpublished."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from events.publishing import publish, save_edit, unpublish

from .factories import AuthorFactory, EventFactory, TopicFactory, edit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def sharing():
    # Imported by the tests that call it directly; the others go through the admin's button.
    from events import sharing

    return sharing


def share_from_admin(client, event):
    """Press the article's Share button as a logged-in editor; the link from the message."""
    response = client.post(
        reverse("admin:events_event_workflow", args=[event.pk, "share"]), follow=True
    )
    client.logout()
    return re.search(r"http://testserver(/preview/[^\s<\"]+/)", response.text).group(1)


def test_a_share_link_shows_the_shared_revision_not_later_edits(client, editor, writer):
    event = EventFactory(
        title="As sent",
        body="The writer’s text.",
        authors=[AuthorFactory()],
        topics=[TopicFactory(name="Treaties")],
    )
    client.force_login(editor)
    path = share_from_admin(client, event)
    later = TopicFactory(name="Added later")
    event.title = "Edited later"
    event.body = "The editor's later text."
    save_edit(event, by=editor, reason="Later", save_relations=lambda: event.topics.add(later))
    page = client.get(path).text
    assert "As sent" in page and "The writer’s text." in page
    assert "Edited later" not in page and "later text" not in page
    assert "Treaties" in page and "Added later" not in page


def test_a_share_link_is_labelled_with_the_date_of_the_shared_version(client, editor, sharing):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 15, tzinfo=UTC), tick=False):
        event = EventFactory(authors=[AuthorFactory()])
        _, path = sharing.share(event, by=editor)
    with time_machine.travel(datetime.datetime(2026, 5, 2, tzinfo=UTC), tick=False):
        page = client.get(path).text
    assert re.search(r"Preview</strong> of the version saved on <time[^>]*>May 1, 2026", page)


def test_a_share_link_works_without_an_account_for_seven_days(client, editor, sharing):
    event = EventFactory(title="Shared draft", authors=[AuthorFactory()])
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        _, path = sharing.share(event, by=editor)
    with time_machine.travel(datetime.datetime(2026, 5, 7, 23, tzinfo=UTC), tick=False):
        response = client.get(path)
    assert response.status_code == 200
    assert "Shared draft" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    with time_machine.travel(datetime.datetime(2026, 5, 8, 1, tzinfo=UTC), tick=False):
        expired = client.get(path)
    assert expired.status_code == 410
    assert "Shared draft" not in expired.text


def test_an_unknown_or_altered_share_link_is_not_found(client, editor, sharing):
    event = EventFactory(title="Secret draft")
    _, path = sharing.share(event, by=editor)
    token = path.rstrip("/").rsplit("/", 1)[1]
    for bad in [token[:-2] + "xx", "1:forged", str(event.pk)]:
        response = client.get(reverse("events:shared_preview", args=[bad]))
        assert response.status_code == 404
        assert "secret" not in response.text.lower()


def test_only_a_hash_of_the_link_is_stored(editor, sharing):
    link, path = sharing.share(EventFactory(), by=editor)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in link.token_hash and len(token) >= 40


def test_a_revoked_share_link_stops_working(client, editor, sharing):
    event = EventFactory(title="Pulled draft", authors=[AuthorFactory()])
    link, path = sharing.share(event, by=editor)
    sharing.revoke(link, by=editor)
    response = client.get(path)
    assert response.status_code == 410
    assert "withdrawn it" in response.text and "Pulled draft" not in response.text


def test_a_share_link_dies_once_the_article_is_unpublished(client, editor):
    event = EventFactory(title="Was live", authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    event.refresh_from_db()
    edit(event, body="A pending change.")
    client.force_login(editor)
    path = share_from_admin(client, event)
    assert client.get(path).status_code == 200
    unpublish(event, by=editor, reason="Legal review")
    response = client.get(path)
    assert response.status_code == 410
    assert "A pending change." not in response.text


def test_a_link_made_after_unpublishing_works(client, editor, sharing):
    event = EventFactory(title="Back in draft", authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    event.refresh_from_db()
    unpublish(event, by=editor, reason="Rework")
    event.refresh_from_db()
    _, path = sharing.share(event, by=editor)
    assert client.get(path).status_code == 200


def test_editor_makes_a_share_link_from_the_admin(client, editor, sharing):
    event = EventFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_workflow", args=[event.pk, "share"]), follow=True
    )
    assert "Share this preview link" in response.text
    assert re.search(r"http://testserver/preview/[\w-]{40,}/", response.text)
    link = sharing.ShareLink.objects.get()
    assert link.revision == event.latest_revision_id() and link.created_by == editor


def test_the_admin_lists_an_articles_links_with_maker_and_expiry(client, editor, sharing):
    event = EventFactory(title="Listed article")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=UTC), tick=False):
        sharing.share(event, by=editor)
    other = EventFactory(title="Another article")
    sharing.share(other, by=editor)
    client.force_login(editor)
    response = client.get(
        reverse("admin:events_sharelink_changelist") + f"?event__id__exact={event.pk}"
    )
    assert response.status_code == 200
    rows = response.text.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    assert "Listed article" in rows and "Another article" not in rows
    assert "editor" in rows and "May 8, 2026" in rows


def test_an_editor_revokes_links_from_the_admin_list(client, editor, sharing):
    link, path = sharing.share(EventFactory(), by=editor)
    client.force_login(editor)
    client.post(
        reverse("admin:events_sharelink_changelist"),
        {"action": "revoke_selected", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_by == editor and link.revoked_at is not None
    assert client.get(path).status_code == 410


def test_a_writer_cannot_revoke_someone_elses_link_to_another_writers_draft(
    editor, writer, member_of, sharing
):
    other = member_of("Writer", username="other-writer")
    link, _ = sharing.share(EventFactory(created_by=other), by=other)
    with pytest.raises(sharing.PermissionDenied):
        sharing.revoke(link, by=writer)
