"""The editors' list of events: search across the text, bylines, years and dates; filters."""

import pytest

from events.publishing import publish

from .factories import AuthorFactory, EventFactory, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def events():
    caesar = EventFactory(title="Caesar killed", year=-44, month=3, day=15,
                          authors=[AuthorFactory(name="Livia Marsh")])  # fmt: skip
    moon = EventFactory(title="Eagle lands", year=1969, month=7, day=20,
                        body="Armstrong steps onto the Sea of Tranquility.")  # fmt: skip
    wall = EventFactory(title="Wall opens", year=1989, month=11, day=9, dek="Crowds cross.")
    return {"caesar": caesar, "moon": moon, "wall": wall}


def listed(staff, **params):
    response = staff.get("/admin/events/event/", params)
    assert response.status_code == 200
    return sorted(str(event) for event in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Tranquility", ["Eagle lands"]),
        ("Crowds", ["Wall opens"]),
        ("Marsh", ["Caesar killed"]),
        ("44 BC", ["Caesar killed"]),
        ("1969", ["Eagle lands"]),
        ("July 20", ["Eagle lands"]),
        ("20 July", ["Eagle lands"]),
        ("March 15, 44 BC", ["Caesar killed"]),
    ],
)
def test_search_finds_text_bylines_years_and_dates(staff, events, query, found):
    assert listed(staff, q=query) == found


def test_filters_by_era_century_author_and_unpublished_changes(staff, events, editor):
    assert listed(staff, era="bc") == ["Caesar killed"]
    assert listed(staff, century="20") == ["Eagle lands", "Wall opens"]
    assert listed(staff, century="-1") == ["Caesar killed"]
    author = events["caesar"].authors.get()
    assert listed(staff, authors__id__exact=author.pk) == ["Caesar killed"]
    for event in events.values():
        publish(event, by=editor, substantive=False)
    edit(events["wall"], title="Wall opens at night")
    assert listed(staff, unpublished="yes") == ["Wall opens at night"]
    assert listed(staff, unpublished="no") == ["Caesar killed", "Eagle lands"]


def test_timeline_chooser_names_each_event_with_its_date_and_year(staff, events):
    response = staff.get(
        "/admin/autocomplete/",
        {"term": "Caesar", "app_label": "events", "model_name": "event", "field_name": "timeline"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Caesar killed — March 15, 44 BC"]
    story = EventFactory(timeline=[events["moon"]])
    page = staff.get(f"/admin/events/event/{story.pk}/change/").content.decode()
    assert "Eagle lands — July 20, 1969</option>" in page
