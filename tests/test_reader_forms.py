import time

from django import forms
from django.test import RequestFactory

from events.forms import ReaderForm
from events.ratelimit import normalise_address, refuse_reader_post


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
    refusals = [
        refuse_reader_post(factory.post("/x/", REMOTE_ADDR="203.0.113.9"), group="t", rate="3/h")
        for _ in range(4)
    ]
    assert refusals[:3] == [None, None, None]
    assert refusals[3].status == 429
    assert refusals[3].retry_after > 0
    assert "send it again in" in refusals[3].message
    other = refuse_reader_post(
        factory.post("/x/", REMOTE_ADDR="203.0.113.10"), group="t", rate="3/h"
    )
    assert other is None


def test_a_form_token_is_accepted_once(monkeypatch):
    data = {"note": "Hi", "started": ReaderForm.new_timer(), "website": ""}
    assert post_after(data, 10, monkeypatch).is_valid()
    replayed = post_after(data, 10, monkeypatch)
    assert not replayed.is_valid()
    assert "already sent once" in replayed.non_field_errors()[0]
    assert replayed["note"].value() == "Hi"


def test_a_form_still_works_when_the_cache_is_down(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    data = {"note": "Hi", "started": ReaderForm.new_timer(), "website": ""}
    assert post_after(data, 10, monkeypatch).is_valid()


def test_addresses_are_one_key_whatever_their_case_or_plus_tag():
    assert normalise_address("Ada+News@Example.COM") == "ada@example.com"
    assert normalise_address("ada@example.com") == "ada@example.com"
    assert normalise_address("a+b+c@x.org") == "a@x.org"
