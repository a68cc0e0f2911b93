"""Previews, share links, comparing revisions, reverting, and edits that would be lost."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, PublishedEvent
from events.publishing import publish, revert_to
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, TopicFactory, edit
from .test_admin import event_form, existing_byline

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_editor_previews_a_draft_as_the_public_would_see_it(client, editor):
    event = EventFactory(
        title="Not yet public", body="Some *draft* text.", authors=[AuthorFactory()]
    )
    client.force_login(editor)
    response = client.get(reverse("admin:events_event_preview", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Not yet public</h1>" in page
    assert "<em>draft</em>" in page
    assert "<strong>Preview</strong>" in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex">' in page
    assert not PublishedEvent.objects.exists()


def test_preview_of_a_pending_change_shows_the_change_not_the_live_text(client, editor):
    event = EventFactory(body="Live text.", authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    edit(event, body="Pending text.")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_preview", args=[event.pk])).content.decode()
    assert "Pending text." in page and "Live text." not in page


def test_preview_needs_an_editorial_login(client):
    event = EventFactory()
    response = client.get(reverse("admin:events_event_preview", args=[event.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_history_lists_who_when_why_status_and_whether_it_went_live(client, editor):
    event = EventFactory(authors=[AuthorFactory()])
    publish(event, by=editor, substantive=False)
    edit(event, title="Later draft", reason="Sharper title")
    publish(event, by=editor, substantive=True, correction=True, note="The year was wrong.")
    edit(event, title="Pending draft", reason="Another idea")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Sharper title" in page
    assert page.count("First publication") == 1
    assert page.count("“Correction: The year was wrong.”") == 1
    assert "Published" in page and "Draft" in page


def test_compare_shows_a_word_level_diff_and_changed_relations(client, editor):
    event = EventFactory(title="The treaty is signed", body="Delegates met in Paris in June.")
    first = event.latest_revision_id()
    topic = TopicFactory(name="Diplomacy")
    with revision(event, reason="Sharper"):
        event.title = "The peace treaty is signed"
        event.body = "Delegates met in Versailles in June."
        event.save()
        event.topics.add(topic)
    client.force_login(editor)
    response = client.get(
        reverse("admin:events_event_compare", args=[event.pk]),
        {"from": first, "to": event.latest_revision_id()},
    )
    page = response.content.decode()
    assert "The<ins> peace</ins> treaty is signed" in page
    assert "<del>Paris</del><ins>Versailles</ins>" in page
    assert "Added: Diplomacy" in page


def test_compare_escapes_html_in_revisions(client, editor):
    event = EventFactory(body="Safe")
    first = event.latest_revision_id()
    event.body = "<script>alert(1)</script>"
    event.save()
    client.force_login(editor)
    page = client.get(
        reverse("admin:events_event_compare", args=[event.pk]), {"from": first}
    ).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_revert_creates_a_new_revision_and_needs_publishing(editor):
    author, other = AuthorFactory(), AuthorFactory()
    event = EventFactory(title="Original", authors=[author])
    original = event.latest_revision_id()
    live = publish(event, by=editor, substantive=False)
    with revision(event, reason="Vandalised"):
        event.title = "Vandalised"
        event.save()
        event.bylines.all().delete()
        event.authors.add(other, through_defaults={"position": 0})
    count = event.history.count()

    revert_to(event, revision_id=original, by=editor)
    event.refresh_from_db()
    assert event.title == "Original"
    assert [b.author for b in event.bylines.all()] == [author]
    assert event.history.count() == count + 1
    assert "Reverted to the revision of" in event.history.first().history_change_reason
    assert event.history.filter(history_id=original).exists()
    assert event.status == Event.Status.DRAFT
    live.refresh_from_db()
    assert live.title == "Original"  # the live copy never saw the vandalism


def test_two_editors_changing_different_fields_both_keep_their_changes(client, editor, member_of):
    """Saving again after a conflict used to overwrite the colleague's fields (defect 7)."""
    author = AuthorFactory()
    event = EventFactory(title="Start", body="Old body.", authors=[author])
    other_editor = member_of("Editor", username="second-editor")
    change_url = reverse("admin:events_event_change", args=[event.pk])
    opened_at = event.latest_revision_id()

    client.force_login(other_editor)
    theirs = event_form(author, title="Their title", body="Old body.", based_on_revision=opened_at)
    assert client.post(change_url, existing_byline(event, theirs)).status_code == 302

    client.force_login(editor)
    mine = event_form(author, title="Start", body="My new body.", based_on_revision=opened_at)
    response = client.post(change_url, existing_byline(event, mine), follow=True)
    assert "Second-editor saved changes while you were editing" in response.content.decode()
    event.refresh_from_db()
    assert (event.title, event.body) == ("Their title", "My new body.")
    assert event.history.count() == 3


def test_a_field_both_editors_changed_is_shown_side_by_side_and_nothing_is_lost(
    client, editor, member_of
):
    author = AuthorFactory()
    event = EventFactory(title="Start", body="Old body.", authors=[author])
    other_editor = member_of("Editor", username="second-editor")
    change_url = reverse("admin:events_event_change", args=[event.pk])
    opened_at = event.latest_revision_id()

    client.force_login(other_editor)
    theirs = event_form(
        author, title="Start", body="Their careful paragraph.", based_on_revision=opened_at
    )
    assert client.post(change_url, existing_byline(event, theirs)).status_code == 302

    client.force_login(editor)
    mine = event_form(
        author,
        title="My sharper title",
        body="My carefully written paragraph.",
        change_reason="Rewrite",
        based_on_revision=opened_at,
    )
    response = client.post(change_url, existing_byline(event, mine))
    page = response.content.decode()
    assert response.status_code == 200
    assert "second-editor also changed this" in page
    assert "Their careful paragraph." in page  # theirs, beside the field
    assert "My carefully written paragraph." in page  # mine, in the field
    assert "My sharper title" in page
    event.refresh_from_db()
    assert event.body == "Their careful paragraph."

    # Choosing their version of the body keeps my title: nothing either typed is lost.
    resubmitted = response.context["adminform"].form.data.copy()
    resubmitted.setlist("take_theirs", ["body"])
    assert client.post(change_url, resubmitted).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.body) == ("My sharper title", "Their careful paragraph.")


def test_saving_again_after_a_conflict_keeps_my_version_of_that_field(client, editor, member_of):
    author = AuthorFactory()
    event = EventFactory(title="Start", authors=[author])
    change_url = reverse("admin:events_event_change", args=[event.pk])
    opened_at = event.latest_revision_id()
    client.force_login(member_of("Editor", username="second-editor"))
    client.post(
        change_url,
        existing_byline(event, event_form(author, title="Theirs", based_on_revision=opened_at)),
    )
    client.force_login(editor)
    response = client.post(
        change_url,
        existing_byline(event, event_form(author, title="Mine", based_on_revision=opened_at)),
    )
    assert response.status_code == 200
    assert client.post(change_url, response.context["adminform"].form.data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Mine"


def test_history_shows_the_whole_changed_text_never_a_count_of_characters(client, editor):
    long_body = "The first long paragraph of the article. " * 40
    event = EventFactory(authors=[AuthorFactory()], body=long_body + "Old ending.")
    edit(event, body=long_body + "New ending.")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "chars]" not in page
    assert "Old ending." in page and "New ending." in page


def test_compare_opens_on_a_pair_that_differs_not_on_a_workflow_step(client, editor):
    from events.publishing import submit_for_review

    event = EventFactory(created_by=editor, body="Delegates met in Paris.")
    first = event.latest_revision_id()
    edit(event, body="Delegates met in Versailles.")
    submit_for_review(event, by=editor)  # a revision whose text equals the one before
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_compare", args=[event.pk])).content.decode()
    assert f'<option value="{first}" selected>' in page
    assert "<del>Paris.</del><ins>Versailles.</ins>" in page


def test_compare_opens_on_the_live_version_against_the_working_copy(client, editor):
    event = EventFactory(authors=[AuthorFactory()], body="Alpha.")
    publish(event, by=editor, substantive=False)
    live_revision = event.live.published_revision
    edit(event, body="Beta.")
    edit(event, body="Gamma.")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_compare", args=[event.pk])).content.decode()
    assert f'<option value="{live_revision}" selected>' in page
    assert "<del>Alpha.</del><ins>Gamma.</ins>" in page
