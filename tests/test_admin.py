import pytest
from django.urls import reverse

from events.models import Event, PublishedEvent
from events.publishing import publish

from .factories import AuthorFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db


def event_form(author, **overrides):
    data = {
        "title": "Caesar is assassinated",
        "slug": "caesar-assassinated",
        "year": "44",
        "era": "-1",
        "month": "3",
        "day": "15",
        "calendar": "gregorian",
        "date_precision": "day",
        "dek": "Senators kill the dictator in Rome.",
        "body": "It happened at the theatre of Pompey.",
        "hero_image": "",
        "change_reason": "First draft",
        "publish_change": "",
        "update_note": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": str(author.pk),
        "bylines-0-position": "0",
    }
    data.update(overrides)
    return data


def publish_step(client, event, *, kind="minor", note="", schedule_at=None, revision=None):
    """Confirm the publish step for ``event``, as shown with its latest revision."""
    data = {
        "kind": kind,
        "note": note,
        "revision": revision or event.latest_revision_id(),
        "publish_at": schedule_at or "",
        "schedule" if schedule_at else "publish": "yes",
    }
    return client.post(reverse("admin:events_event_publish", args=[event.pk]), data)


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def existing_byline(event, data):
    byline = event.bylines.get()
    data.update(
        {
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": str(byline.pk),
            "bylines-0-event": str(event.pk),
        }
    )
    return data


def test_editor_adds_a_bc_event_with_its_byline_as_one_revision(admin_client, editor):
    author = AuthorFactory()
    response = admin_client.post(reverse("admin:events_event_add"), event_form(author))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.year == -44
    assert event.year_display == "44 BC"
    assert [b.author for b in event.bylines.all()] == [author]
    revisions = list(event.history.all())
    assert len(revisions) == 1
    assert revisions[0].history_user == editor
    assert revisions[0].history_change_reason == "First draft"
    assert [row.author_id for row in revisions[0].authors.all()] == [author.pk]
    assert not PublishedEvent.objects.exists()


def test_impossible_date_is_refused_in_the_admin_with_input_kept(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_add"), event_form(AuthorFactory(), month="2", day="30")
    )
    assert response.status_code == 200
    assert "February 30 does not exist." in response.content.decode()
    assert "Senators kill the dictator in Rome." in response.content.decode()
    assert not Event.objects.exists()


def test_a_blank_change_reason_is_written_from_what_changed(admin_client):
    author = AuthorFactory()
    event = EventFactory(authors=[author], body="Old body.")
    data = existing_byline(
        event,
        event_form(author, change_reason="", title="New title", body="New body.", year="45"),
    )
    data.update({"slug": event.slug, "era": "1", "month": "1", "day": "15"})
    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302
    latest = event.history.latest()
    assert latest.title == "New title"
    assert latest.history_change_reason == "Edited title, year, summary and body"


def test_a_typed_change_reason_is_kept(admin_client):
    author = AuthorFactory()
    event = EventFactory(authors=[author])
    data = existing_byline(event, event_form(author, change_reason="Fixed the date"))
    data.update({"slug": event.slug})
    admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert event.history.latest().history_change_reason == "Fixed the date"


def test_saving_without_publishing_leaves_the_public_page_unchanged(admin_client, editor):
    author = AuthorFactory()
    event = EventFactory(title="Live title", authors=[author])
    publish(event, by=editor, substantive=False)
    data = existing_byline(event, event_form(author, title="Draft title", change_reason="Retitle"))
    admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    event.refresh_from_db()
    assert event.title == "Draft title"
    assert event.live.title == "Live title"
    changelist = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "Live, with unpublished changes" in changelist


def test_publishing_from_the_admin_makes_the_change_live(admin_client, editor):
    author = AuthorFactory()
    event = EventFactory(authors=[author])
    publish(event, by=editor, substantive=False)
    data = existing_byline(
        event,
        event_form(
            author,
            title="Corrected title",
            change_reason="Fact fix",
            publish_change="substantive",
            update_note="Corrected the place of the killing",
        ),
    )
    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    # Saved first; then the publish step shows what goes live, with the choices carried over.
    publish_page = reverse("admin:events_event_publish", args=[event.pk])
    assert response.status_code == 302
    assert response["Location"].startswith(publish_page)
    assert PublishedEvent.objects.get().title != "Corrected title"
    step = admin_client.get(response["Location"]).content.decode()
    assert "<del>Something</del><ins>Corrected</ins>" in step
    assert 'value="substantive" required id="id_kind_1" checked' in step
    publish_step(admin_client, event, kind="substantive", note="Corrected the place of the killing")
    live = PublishedEvent.objects.get()
    assert live.title == "Corrected title"
    assert live.change_kind == PublishedEvent.ChangeKind.SUBSTANTIVE
    assert live.change_note == "Corrected the place of the killing"
    assert live.history.first().history_user == editor


def test_substantive_publication_needs_a_public_note(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_add"),
        event_form(AuthorFactory(), publish_change="substantive"),
    )
    assert response.status_code == 200
    assert "Tell readers what this substantive update changed." in response.content.decode()
    assert not Event.objects.exists()


def test_event_history_lists_who_when_and_why(admin_client, editor):
    author = AuthorFactory()
    admin_client.post(reverse("admin:events_event_add"), event_form(author))
    event = Event.objects.get()
    response = admin_client.get(reverse("admin:events_event_history", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "First draft" in page
    assert editor.username in page


def test_admin_filters_by_status_month_and_topic(admin_client, editor):
    topic = TopicFactory(name="Exploration")
    EventFactory(title="Voyage", month=7, topics=[topic])
    EventFactory(title="Treaty", month=3)
    url = reverse("admin:events_event_changelist")
    assert "Voyage" in admin_client.get(url, {"month": 7}).content.decode()
    assert "Treaty" not in admin_client.get(url, {"month": 7}).content.decode()
    assert "Treaty" not in admin_client.get(url, {"topics__id__exact": topic.pk}).content.decode()
    assert "Voyage" in admin_client.get(url, {"q": "voy"}).content.decode()
    assert "Voyage" in admin_client.get(url, {"status__exact": "draft"}).content.decode()


def test_author_changes_in_the_admin_are_recorded_with_reason(admin_client, editor):
    response = admin_client.post(
        reverse("admin:editorial_author_add"),
        {
            "name": "Dana Reyes",
            "slug": "dana-reyes",
            "kind": "person",
            "bio": "Writes about exploration.",
            "change_reason": "New staff writer",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    from editorial.models import Author

    revision = Author.objects.get(slug="dana-reyes").history.get()
    assert (revision.history_user, revision.history_change_reason) == (editor, "New staff writer")
