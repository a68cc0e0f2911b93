"""Editors' text is saved without invisible control or direction-override characters."""

import pytest

from events.publishing import publish

from .factories import AuthorFactory, EventFactory, FactCheckReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # right-to-left override: "abc" then shows reversed


def test_an_articles_text_fields_are_saved_without_control_characters(editor):
    event = EventFactory(
        title=f"Treaty{RLO} signed\x07",
        dek=f"A summary\u200b with a hidden{RLO} override.",
        body="First\u2066 paragraph.\n\n\tSecond\x00 paragraph.",
        authors=[AuthorFactory()],
    )
    event.refresh_from_db()
    assert event.title == "Treaty signed"
    assert event.dek == "A summary with a hidden override."
    assert event.body == "First paragraph.\n\n\tSecond paragraph."
    assert RLO not in event.body_html
    assert event.history.latest().title == "Treaty signed"
    live = publish(event, by=editor, substantive=False)
    assert live.title == "Treaty signed" and RLO not in live.history.latest().dek


def test_topic_author_and_report_texts_are_saved_without_control_characters():
    topic = TopicFactory(name=f"War{RLO}s")
    author = AuthorFactory(name=f"Ada{RLO} Lovelace", bio="Wrote\x1b notes.")
    report = FactCheckReportFactory()
    report.team_reply = f"Thanks{RLO}, fixed."
    report.internal_notes = "Checked\x0c the archive."
    report.save()
    for obj in (topic, author, report):
        obj.refresh_from_db()
    assert topic.name == "Wars"
    assert (author.name, author.bio) == ("Ada Lovelace", "Wrote notes.")
    assert (report.team_reply, report.internal_notes) == ("Thanks, fixed.", "Checked the archive.")
