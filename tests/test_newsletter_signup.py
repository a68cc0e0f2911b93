import csv
import datetime
import io
import re
import smtplib
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.forms import ReaderForm
from newsletter.models import Subscriber
from newsletter.subscriptions import unsubscribe_url

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/newsletter/"


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    settings.READER_FORM_MIN_SECONDS = 0
    settings.SITE_URL = "https://history.example.com"


def signup_data(email="reader@example.com", **overrides):
    data = {
        "email": email,
        "is_eligible": "on",
        "has_consented": "on",
        "website": "",
        "started": ReaderForm.new_timer(),
        "signup_page": "/this-day-in-history/january/15/",
    }
    data.update(overrides)
    return data


def link_in(message, kind):
    """The path of the first ``kind`` link (confirm or unsubscribe) in an email's text."""
    url = re.search(rf"https?://\S+/newsletter/{kind}/\S+/", message.body).group(0)
    return url, urlsplit(url).path


def test_signup_block_is_on_the_home_day_and_article_pages(client, published_event):
    live = published_event()
    for url in ["/", "/this-day-in-history/january/15/", live.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert 'action="/newsletter/"' in page, url
        # No token: the page is the same for every reader and sets no cookie (see
        # test_http_caching); the signup view checks the browser's Origin instead.
        assert 'name="csrfmiddlewaretoken"' not in page
        assert "History Every Day" in page
        assert f'name="signup_page" value="{urlsplit(url).path}"' in page


def test_signup_block_runs_no_queries(django_assert_num_queries):
    request = RequestFactory().get("/this-day-in-history/january/15/")
    with django_assert_num_queries(0):
        html = render_to_string("newsletter/includes/signup.html", request=request)
    assert 'type="email"' in html


def test_signup_form_labels_each_statement_from_settings_inside_a_fieldset(client, settings):
    settings.NEWSLETTER_ELIGIBILITY_TEXT = "I am 18 or older and live in <b>Canada</b>."
    settings.NEWSLETTER_CONSENT_TEXT = "I agree to the daily email & its terms."
    page = client.get(SIGNUP_URL).content.decode()
    assert "<fieldset>" in page and "<legend>" in page
    assert (
        '<label for="newsletter-is_eligible">I am 18 or older and live in '
        "&lt;b&gt;Canada&lt;/b&gt;.</label>" in page
    )
    assert '<label for="newsletter-has_consented">I agree to the daily email &amp; its terms.' in (
        page
    )
    assert '<label for="newsletter-email">Email address</label>' in page


def test_full_double_opt_in_cycle_follows_the_link_in_the_email(client, settings):
    settings.NEWSLETTER_CONSENT_TEXT = "I agree to receive the daily email."
    settings.NEWSLETTER_ELIGIBILITY_TEXT = "I am 16 or older."
    response = client.post(SIGNUP_URL, signup_data("Reader@Example.com"))
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Reader@Example.com"]
    assert "I agree to receive the daily email." in message.body
    url, path = link_in(message, "confirm")
    assert url.startswith("https://history.example.com/newsletter/confirm/")

    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert "You are subscribed" in client.get(response["Location"]).content.decode()

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consent_text == "I agree to receive the daily email."
    assert subscriber.eligibility_text == "I am 16 or older."
    assert subscriber.signup_page == "/this-day-in-history/january/15/"
    assert subscriber.consented_at <= subscriber.confirmed_at <= timezone.now()
    assert subscriber.confirmation_method == Subscriber.ConfirmationMethod.EMAIL_LINK
    reasons = list(subscriber.history.order_by("history_id").values_list("history_change_reason"))
    assert [reason for (reason,) in reasons] == [
        "Signed up from /this-day-in-history/january/15/",
        "Confirmed: Opened the emailed link and pressed Confirm",
    ]


def test_opening_the_confirmation_link_alone_does_not_confirm(client):
    client.post(SIGNUP_URL, signup_data())
    _, path = link_in(mail.outbox[0], "confirm")
    client.get(path)
    client.head(path)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_expired_confirmation_link_is_refused(client, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = 3 * 24 * 3600
    start = datetime.datetime(2025, 1, 15, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.post(SIGNUP_URL, signup_data())
    _, path = link_in(mail.outbox[0], "confirm")
    with time_machine.travel(start + datetime.timedelta(days=3, minutes=1), tick=False):
        response = client.post(path)
        page = client.get(path)
    assert response.status_code == 400
    assert page.status_code == 400
    assert "This link has expired" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_tampered_confirmation_link_is_refused(client):
    client.post(SIGNUP_URL, signup_data())
    _, path = link_in(mail.outbox[0], "confirm")
    token = path.split("/")[-2]
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in [forged, token[:-5], "1:abc:def", "x"]:
        response = client.post(reverse("newsletter:confirm", args=[bad]))
        assert response.status_code == 400, bad
        assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_unsubscribe_token_cannot_stand_in_for_a_confirmation_token(client):
    subscriber = SubscriberFactory()
    token = urlsplit(unsubscribe_url(subscriber)).path.split("/")[-2]
    assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_newer_signup_replaces_the_older_confirmation_link(client):
    client.post(SIGNUP_URL, signup_data())
    client.post(SIGNUP_URL, signup_data())
    _, old_path = link_in(mail.outbox[0], "confirm")
    _, new_path = link_in(mail.outbox[1], "confirm")
    assert client.post(old_path).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert client.post(new_path).status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_answer_is_the_same_for_new_pending_confirmed_and_unsubscribed_addresses(client):
    SubscriberFactory(email="pending@example.com")
    SubscriberFactory(email="confirmed@example.com", confirmed=True)
    SubscriberFactory(email="gone@example.com", unsubscribed=True)
    answers = set()
    for email in [
        "new@example.com",
        "pending@example.com",
        "confirmed@example.com",
        "gone@example.com",
    ]:
        response = client.post(SIGNUP_URL, signup_data(email))
        followed = client.get(response["Location"])
        answers.add(
            (response.status_code, response["Location"], followed.status_code, followed.content)
        )
    assert len(answers) == 1
    (status, location, followed_status, content) = answers.pop()
    assert (status, location, followed_status) == (302, "/newsletter/check-your-email/", 200)
    assert "Check your email" in content.decode()
    # Each address gets exactly one email, so not even the time taken differs by much.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "confirmed@example.com",
        "gone@example.com",
        "new@example.com",
        "pending@example.com",
    ]


def test_a_confirmed_address_signing_up_again_is_told_so_and_stays_confirmed(client):
    subscriber = SubscriberFactory(email="fan@example.com", confirmed=True)
    client.post(SIGNUP_URL, signup_data("FAN@example.com"))
    message = mail.outbox[0]
    assert "already subscribed" in message.body
    assert "/newsletter/confirm/" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    refreshed = Subscriber.objects.get()
    assert refreshed.status == Subscriber.Status.CONFIRMED
    assert refreshed.confirmed_at == subscriber.confirmed_at


def test_an_address_in_another_letter_case_is_the_same_subscriber(client):
    client.post(SIGNUP_URL, signup_data("Reader@Example.com"))
    client.post(SIGNUP_URL, signup_data("reader@example.COM"))
    assert Subscriber.objects.count() == 1


def test_signing_up_without_ticking_both_statements_is_refused_with_the_address_kept(client):
    data = signup_data("keep@example.com")
    del data["is_eligible"]
    del data["has_consented"]
    response = client.post(SIGNUP_URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="keep@example.com"' in page
    assert "Tick this box to agree to receive the email." in page
    # Each message is tied to its checkbox for screen readers.
    assert 'id="newsletter-has_consented_error"' in page
    assert 'aria-describedby="newsletter-has_consented_error"' in page
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_an_invalid_address_is_refused_with_the_input_kept(client):
    response = client.post(SIGNUP_URL, signup_data("not an address<script>"))
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert 'value="not an address&lt;script&gt;"' in page
    assert 'aria-invalid="true"' in page
    assert not Subscriber.objects.exists()


def test_a_filled_honeypot_is_refused_with_the_input_kept(client):
    response = client.post(
        SIGNUP_URL, signup_data("bot@example.com", website="http://spam.example")
    )
    page = response.content.decode()
    assert "automated submission" in page
    assert 'value="bot@example.com"' in page
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_faster_than_a_person_types_is_refused_with_the_input_kept(client, settings):
    settings.READER_FORM_MIN_SECONDS = 3
    response = client.post(SIGNUP_URL, signup_data("quick@example.com"))
    page = response.content.decode()
    assert "quicker than a person can type" in page
    assert 'value="quick@example.com"' in page
    assert not Subscriber.objects.exists()


def test_signups_by_someone_else_cannot_lock_an_address_owner_out(client):
    for email in ["busy@example.com", "busy+a@example.com", "BUSY@example.com"]:
        other = Client(REMOTE_ADDR="198.51.100.1")
        assert other.post(SIGNUP_URL, signup_data(email)).status_code == 302
    assert len(mail.outbox) == 3
    response = client.post(SIGNUP_URL, signup_data("Busy@example.com"))
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/check-your-email/"
    assert len(mail.outbox) == 3  # no fourth email, and the third one's link still works
    _, path = link_in(mail.outbox[-1], "confirm")
    assert client.get(path).status_code == 200
    client.post(path)
    assert Subscriber.objects.with_address("busy@example.com").get().status == "confirmed"
    assert client.post(SIGNUP_URL, signup_data("other@example.com")).status_code == 302


def test_many_signups_from_one_client_are_rate_limited(client):
    statuses = [
        client.post(SIGNUP_URL, signup_data(f"reader{n}@example.com")).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    other_client = Client(REMOTE_ADDR="203.0.113.7")
    assert other_client.post(SIGNUP_URL, signup_data("late@example.com")).status_code == 302


def test_the_signup_form_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(SIGNUP_URL, signup_data()).status_code == 403
    assert not Subscriber.objects.exists()


def test_a_forged_signup_page_is_not_recorded(client):
    client.post(SIGNUP_URL, signup_data(signup_page="https://evil.example/"))
    assert Subscriber.objects.get().signup_page == ""


class RefusingBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_server_failure_keeps_the_input_and_asks_to_try_again(client, settings):
    settings.EMAIL_BACKEND = "tests.test_newsletter_signup.RefusingBackend"
    response = client.post(SIGNUP_URL, signup_data("later@example.com"))
    page = response.content.decode()
    assert response.status_code == 503
    assert "could not send the confirmation email" in page
    assert 'value="later@example.com"' in page


def test_admin_exports_subscribers_with_their_consent_records_as_csv(client, editor):
    client.force_login(editor)
    SubscriberFactory(email="b@example.com", confirmed=True, signup_page="/")
    SubscriberFactory(email="=cmd@example.com", consent_text="I agree “fully”.")
    response = client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["email"] for row in rows] == ["'=cmd@example.com", "b@example.com"]
    assert rows[0]["consent_text"] == "I agree “fully”."
    assert rows[1]["status"] == "confirmed"
    assert rows[1]["confirmation_method"] == "email_link"
    assert rows[1]["confirmed_at"]


def test_admin_lists_subscribers_by_status_and_finds_them_by_address(client, editor):
    client.force_login(editor)
    SubscriberFactory(email="waiting@example.com")
    SubscriberFactory(email="reading@example.com", confirmed=True)
    url = reverse("admin:newsletter_subscriber_changelist")
    confirmed = client.get(url, {"status__exact": "confirmed"}).content.decode()
    assert "reading@example.com" in confirmed and "waiting@example.com" not in confirmed
    found = client.get(url, {"q": "waiting"}).content.decode()
    assert "waiting@example.com" in found and "reading@example.com" not in found


def test_admin_shows_a_consent_record_read_only_and_cannot_add_subscribers(client, editor):
    client.force_login(editor)
    subscriber = SubscriberFactory(consent_text="I agree to the daily email.")
    page = client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))
    assert page.status_code == 200
    assert "I agree to the daily email." in page.content.decode()
    assert 'name="consent_text"' not in page.content.decode()
    assert client.get(reverse("admin:newsletter_subscriber_add")).status_code == 403


def test_admin_history_shows_each_signup_confirmation_and_unsubscription(client, editor):
    client.post(SIGNUP_URL, signup_data("trail@example.com"))
    client.post(link_in(mail.outbox[0], "confirm")[1])
    subscriber = Subscriber.objects.get()
    client.post(urlsplit(unsubscribe_url(subscriber)).path, {"List-Unsubscribe": "One-Click"})
    client.force_login(editor)
    page = client.get(reverse("admin:newsletter_subscriber_history", args=[subscriber.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Signed up from /this-day-in-history/january/15/" in text
    assert "Confirmed: Opened the emailed link and pressed Confirm" in text
    assert "Unsubscribed: One-click from the mail program (List-Unsubscribe-Post)" in text
