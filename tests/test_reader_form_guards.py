"""Reader forms never lose the reader's text, and their guards cannot be turned on others."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from editorial.models import FactCheckReport
from events.forms import ReaderForm
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/newsletter/"


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    settings.READER_FORM_MIN_SECONDS = 0


@pytest.fixture
def report_url(published_event):
    live = published_event(slug="troops-sent")
    return reverse("editorial:report", args=[live.slug])


def report_data(**overrides):
    data = {
        "what_is_wrong": "It says 1,100 troops; the figure was 11,000.",
        "website": "",
        "started": ReaderForm.new_timer(),
    }
    data.update(overrides)
    return data


def signup_data(email="reader@example.com", **overrides):
    data = {
        "email": email,
        "is_eligible": "on",
        "has_consented": "on",
        "website": "",
        "started": ReaderForm.new_timer(),
    }
    data.update(overrides)
    return data


def test_one_form_token_files_one_report(client, report_url):
    data = report_data()
    statuses = [client.post(report_url, data).status_code for _ in range(3)]
    assert statuses == [302, 200, 200]
    assert FactCheckReport.objects.count() == 1
    again = client.post(report_url, data)
    assert "already sent once" in again.text
    assert "It says 1,100 troops" in again.text


def test_a_csrf_failure_shows_the_report_form_again_with_the_text(report_url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(report_url, report_data(what_is_wrong="My careful report"))
    assert response.status_code == 403
    assert "My careful report</textarea>" in response.text
    assert "nothing was sent" in response.text
    assert not FactCheckReport.objects.exists()
    # The page it comes back on carries a fresh token and cookie: sending again works.
    token = client.cookies["csrftoken"].value
    retry = client.post(
        report_url, report_data(what_is_wrong="My careful report", csrfmiddlewaretoken=token)
    )
    assert retry.status_code == 302
    assert FactCheckReport.objects.get().what_is_wrong == "My careful report"


def test_a_csrf_failure_shows_the_signup_form_again_with_the_address():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGNUP_URL, signup_data("kept@example.com"))
    assert response.status_code == 403
    assert 'value="kept@example.com"' in response.text
    assert not Subscriber.objects.exists() and not mail.outbox


def test_the_embedded_signup_block_posts_from_our_own_pages_without_a_token():
    """The block on every article carries no token; a browser's Origin proves the post ours."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        SIGNUP_URL, signup_data("block@example.com"), HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "block@example.com"


def test_a_browser_that_says_same_origin_without_origin_is_ours_too():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        SIGNUP_URL, signup_data("fetch@example.com"), HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302


def test_a_signup_posted_from_another_site_is_refused_with_the_address_kept():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        SIGNUP_URL,
        signup_data("victim@example.com"),
        HTTP_ORIGIN="https://attacker.example",
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    assert 'value="victim@example.com"' in response.text
    assert not Subscriber.objects.exists() and not mail.outbox
    # The page it comes back on has a token: the reader can still send it from there.
    token = client.cookies["csrftoken"].value
    retry = client.post(SIGNUP_URL, signup_data("victim@example.com", csrfmiddlewaretoken=token))
    assert retry.status_code == 302


def test_other_csrf_failures_get_djangos_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.text


def test_too_many_signups_from_a_client_show_the_form_again_with_the_address(client):
    for n in range(20):
        client.post(SIGNUP_URL, signup_data(f"reader{n}@example.com"))
    response = client.post(SIGNUP_URL, signup_data("kept@example.com"))
    assert response.status_code == 429
    assert 'value="kept@example.com"' in response.text
    assert "nothing was sent this time" in response.text


def test_bare_domains_count_as_links(client, report_url):
    text = "See example.com, evil.ru/page, spam.example.org and more.example.net/x"
    response = client.post(report_url, report_data(what_is_wrong=text))
    assert response.status_code == 200
    assert "at most 3 links" in response.text
    assert not FactCheckReport.objects.exists()


def test_ordinary_abbreviations_are_not_links(client, report_url):
    text = "E.g. the U.S. sent 11.5 thousand, i.e. more; Mr. Smith said so."
    assert client.post(report_url, report_data(what_is_wrong=text)).status_code == 302


def test_acknowledgement_emails_to_one_address_are_limited_whoever_sends(
    report_url, django_capture_on_commit_callbacks
):
    addresses = ["victim@example.com", "Victim@Example.com", "victim+1@example.com"]
    addresses += ["victim+2@example.com", "victim+3@example.com"]
    for n, email in enumerate(addresses):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        data = report_data(email=email, wants_reply="on")
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(report_url, data).status_code == 302
    assert FactCheckReport.objects.count() == 5
    assert len(mail.outbox) == 3


def test_the_forms_still_answer_when_the_shared_cache_is_down(settings, report_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    client = Client()
    assert client.post(report_url, report_data()).status_code == 302
    assert client.post(SIGNUP_URL, signup_data()).status_code == 302
