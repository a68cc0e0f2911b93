import time

from django import forms
from django.test import RequestFactory

from events.forms import ReaderForm
from events.ratelimit import limit_reader_posts


class NoteForm(ReaderForm):
    note = forms.CharField(max_length=50)


def post_after(data, seconds, monkeypatch):
    real_time = time.time()
    monkeypatch.setattr(time, "time", lambda: real_time + seconds)
    return NoteForm(data)


def test_a_person_taking_a_few_seconds_gets_through(monkeypatch):
    data = {"note": "A note", "started": ReaderForm.new_timer(), "website": ""}
    form = post_after(data, 10, monkeypatch)
    assert form.is_valid(), form.errors


def test_a_form_sent_instantly_is_refused_with_the_text_kept(monkeypatch):
    data = {"note": "Keep me", "started": ReaderForm.new_timer(), "website": ""}
    form = NoteForm(data)
    assert not form.is_valid()
    assert "quicker than a person can type" in form.non_field_errors()[0]
    assert form["note"].value() == "Keep me"


def test_a_filled_honeypot_is_refused(monkeypatch):
    data = {"note": "Hi", "started": ReaderForm.new_timer(), "website": "http://spam.example"}
    form = post_after(data, 10, monkeypatch)
    assert not form.is_valid()
    assert "automated" in form.non_field_errors()[0]


def test_a_forged_start_time_is_refused(monkeypatch):
    data = {"note": "Hi", "started": "1:forged", "website": ""}
    form = post_after(data, 10, monkeypatch)
    assert not form.is_valid()
    assert "send it again" in form.non_field_errors()[0]


def test_control_and_direction_override_characters_are_stripped(monkeypatch):
    data = {"note": "a\x07b\u202ec\nd", "started": ReaderForm.new_timer(), "website": ""}
    form = post_after(data, 10, monkeypatch)
    assert form.is_valid()
    assert form.cleaned_data["note"] == "abc\nd"


def test_restarting_the_timer_keeps_the_readers_text():
    form = NoteForm({"note": "Keep me", "started": "old", "website": ""})
    form.restart_timer()
    assert form.data["note"] == "Keep me"
    assert form.data["started"] != "old"


def test_rate_limit_counts_every_post_and_answers_429_with_when_to_retry(db):
    factory = RequestFactory()
    responses = [
        limit_reader_posts(factory.post("/x/", REMOTE_ADDR="203.0.113.9"), group="t", rate="3/h")
        for _ in range(4)
    ]
    assert responses[:3] == [None, None, None]
    assert responses[3].status_code == 429
    assert int(responses[3]["Retry-After"]) > 0
    assert b"Please try again in" in responses[3].content
    other = limit_reader_posts(
        factory.post("/x/", REMOTE_ADDR="203.0.113.10"), group="t", rate="3/h"
    )
    assert other is None
