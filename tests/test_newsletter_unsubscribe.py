import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from events.forms import ReaderForm
from newsletter.models import Subscriber
from newsletter.subscriptions import unsubscribe_url

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    settings.READER_FORM_MIN_SECONDS = 0
    settings.SITE_URL = "https://history.example.com"


def path_of(url):
    return urlsplit(url).path


def signup(client, email):
    return client.post(
        "/newsletter/",
        {
            "email": email,
            "is_eligible": "on",
            "has_consented": "on",
            "started": ReaderForm.new_timer(),
        },
    )


def test_one_click_post_unsubscribes_without_a_login_or_csrf_token():
    subscriber = SubscriberFactory(confirmed=True)
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        path_of(unsubscribe_url(subscriber)), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribe_method == Subscriber.UnsubscribeMethod.ONE_CLICK
    assert subscriber.unsubscribed_at is not None


def test_every_daily_email_carries_rfc_8058_headers_and_a_link_that_unsubscribe(
    published_event,
):
    published_event()
    subscriber = SubscriberFactory(confirmed=True)
    call_command("send_daily_email", "--date", DAY.isoformat(), stdout=None)
    message = mail.outbox[0]
    headers = message.message()
    url = unsubscribe_url(subscriber)
    assert url.startswith("https://history.example.com/newsletter/unsubscribe/")
    assert headers["List-Unsubscribe"] == f"<{url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert url in message.alternatives[0].content

    response = Client(enforce_csrf_checks=True).post(
        re.search(r"<https?://[^/]+(/\S+)>", headers["List-Unsubscribe"]).group(1),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_opening_the_unsubscribe_link_shows_a_button_and_changes_nothing(client):
    subscriber = SubscriberFactory(email="stay@example.com", confirmed=True)
    response = client.get(path_of(unsubscribe_url(subscriber)))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post">' in page
    assert '<button type="submit">Unsubscribe</button>' in page
    assert "stay@example.com" in page
    assert "noindex" in page
    assert "no-cache" in response["Cache-Control"]
    client.head(path_of(unsubscribe_url(subscriber)))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_pressing_the_button_unsubscribes(client):
    subscriber = SubscriberFactory(confirmed=True)
    response = client.post(path_of(unsubscribe_url(subscriber)))
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribe_method == Subscriber.UnsubscribeMethod.PAGE


def test_a_tampered_unsubscribe_link_is_refused(client):
    subscriber = SubscriberFactory(confirmed=True)
    other = SubscriberFactory(confirmed=True)
    token = path_of(unsubscribe_url(subscriber)).split("/")[-2]
    value, signature = token.split(":", 1)
    other_value = path_of(unsubscribe_url(other)).split("/")[-2].split(":", 1)[0]
    for bad in [f"{other_value}:{signature}", token[:-3], "anything"]:
        response = client.post(
            reverse("newsletter:unsubscribe", args=[bad]), {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 400, bad
        assert "This link does not work" in response.content.decode()
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_unsubscribing_twice_is_harmless_and_keeps_the_first_time(client):
    subscriber = SubscriberFactory(confirmed=True)
    path = path_of(unsubscribe_url(subscriber))
    client.post(path, {"List-Unsubscribe": "One-Click"})
    first = Subscriber.objects.get().unsubscribed_at
    response = client.post(path)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert Subscriber.objects.get().unsubscribed_at == first
    assert Subscriber.objects.get().history.count() == 2


def test_the_link_of_an_erased_subscriber_still_answers_politely(client):
    subscriber = SubscriberFactory(confirmed=True)
    path = path_of(unsubscribe_url(subscriber))
    subscriber.delete()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "no more daily emails" in response.content.decode()


def test_resubscribing_after_unsubscribing_needs_a_new_confirmation(client, published_event):
    published_event()
    subscriber = SubscriberFactory(email="back@example.com", confirmed=True)
    client.post(path_of(unsubscribe_url(subscriber)), {"List-Unsubscribe": "One-Click"})

    signup(client, "back@example.com")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.unsubscribed_at is None
    confirmation = mail.outbox[-1]
    assert "/newsletter/confirm/" in confirmation.body

    call_command("send_daily_email", "--date", DAY.isoformat(), stdout=None)
    assert len(mail.outbox) == 1  # the confirmation only: no daily email before confirming

    path = re.search(r"https?://\S+(/newsletter/confirm/\S+/)", confirmation.body).group(1)
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_an_old_confirmation_link_cannot_resubscribe_after_unsubscribing(client):
    signup(client, "once@example.com")
    path = re.search(r"https?://\S+(/newsletter/confirm/\S+/)", mail.outbox[0].body).group(1)
    client.post(path)
    subscriber = Subscriber.objects.get()
    client.post(path_of(unsubscribe_url(subscriber)))

    response = client.post(path)
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_admin_can_unsubscribe_selected_subscribers(client, editor):
    client.force_login(editor)
    reading = SubscriberFactory(confirmed=True)
    SubscriberFactory(unsubscribed=True)
    client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "unsubscribe_selected", "_selected_action": [reading.pk]},
    )
    reading.refresh_from_db()
    assert reading.status == Subscriber.Status.UNSUBSCRIBED
    assert reading.unsubscribe_method == Subscriber.UnsubscribeMethod.ADMIN
    assert reading.history.latest().history_user == editor
