"""Readers report errors from the Fact Check box; the form is open to the internet."""

import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import Client
from django.urls import reverse

from editorial.models import FactCheckReport
from events.forms import ReaderForm
from events.publishing import publish

from .factories import EventFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    settings.READER_FORM_MIN_SECONDS = 0
    settings.SITE_URL = "https://history.example.com"


@pytest.fixture
def article(published_event):
    return published_event(title="Troops sent into the capital", slug="troops-sent")


def report_url(live, version_id=None):
    url = reverse("editorial:report", args=[live.slug])
    return f"{url}?version={version_id}" if version_id else url


def report_data(**overrides):
    data = {
        "what_is_wrong": "It says 1,100 troops; the ministry's figure was 11,000.",
        "suggested_text": "About 11,000 troops were sent.",
        "source_url": "https://example.org/archive/1990-01-15",
        "name": "Ada Reader",
        "email": "",
        "website": "",
        "started": ReaderForm.new_timer(),
    }
    data.update(overrides)
    return data


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_article_has_a_fact_check_box_linking_to_the_form_for_the_version_shown(client, article):
    page = text_of(client.get(article.get_absolute_url()))
    version = article.history.latest()
    box = page[page.index('<section class="fact-check"') :]
    assert "We strive for accuracy and fairness." in box
    assert f'href="/corrections/report/troops-sent/?version={version.history_id}"' in box
    assert box.index("Fact Check") < box.index("Citation Information")
    assert page.index("About the author") < page.index("Fact Check")


def test_an_earlier_version_page_reports_that_version(client, editor, article):
    first = article.history.latest()
    article.event.body = "A rewritten body."
    article.event.save()
    publish(article.event, by=editor, substantive=True, note="Rewrote")
    page = text_of(client.get(f"{article.get_absolute_url()}versions/{first.history_id}/"))
    assert f"/corrections/report/troops-sent/?version={first.history_id}" in page


def test_report_form_says_which_version_is_reported(client, editor, article):
    first = article.history.latest()
    page = text_of(client.get(report_url(article)))
    assert "You are reporting on" in page and "“Troops sent into the capital”" in page
    assert f"versions/{first.history_id}/" in page
    assert "This is an earlier version" not in page
    assert 'name="robots" content="noindex"' in page

    publish(article.event, by=editor, substantive=True, note="Rewrote")
    page = text_of(client.get(report_url(article, first.history_id)))
    assert "This is an earlier version" in page
    assert f'action="/corrections/report/troops-sent/?version={first.history_id}"' in page


def test_report_form_refuses_versions_of_other_articles_and_drafts(
    client, article, published_event
):
    foreign = published_event().history.latest()
    assert client.get(report_url(article, foreign.history_id)).status_code == 404
    assert client.get(report_url(article, "1 OR 1=1")).status_code == 404
    draft = EventFactory(slug="a-draft")
    assert client.get(reverse("editorial:report", args=[draft.slug])).status_code == 404
    assert not FactCheckReport.objects.exists()


def test_a_report_keeps_the_version_the_reader_saw_after_the_article_changes(
    client, editor, article
):
    seen = article.history.latest()
    article.event.body = "About 11,000 troops were sent."
    article.event.save()
    publish(article.event, by=editor, substantive=False)
    response = client.post(report_url(article, seen.history_id), report_data())
    assert response.status_code == 302
    assert response["Location"] == "/corrections/report/troops-sent/sent/"
    report = FactCheckReport.objects.get()
    assert report.reported_version == seen
    assert report.event == article.event
    assert report.reported_version.body == "The first paragraph.\n\nThe second paragraph."
    assert report.status == FactCheckReport.Status.NEW
    assert report.name == "Ada Reader"
    assert report.source_url == "https://example.org/archive/1990-01-15"


def test_a_report_sent_without_a_version_is_on_the_current_one(client, article):
    client.post(report_url(article), report_data())
    assert FactCheckReport.objects.get().reported_version == article.history.latest()


def test_thank_you_page_says_what_happens_next(client, article):
    response = client.post(report_url(article), report_data(), follow=True)
    page = text_of(response)
    assert "Thank you for your report" in page
    assert "What happens next" in page
    assert 'href="/corrections/"' in page
    assert f'href="{article.get_absolute_url()}"' in page


def test_the_report_is_recorded_as_a_revision_with_its_origin(client, article):
    client.post(report_url(article), report_data())
    revision = FactCheckReport.objects.get().history.get()
    assert revision.history_change_reason == "Sent by a reader from the Fact Check form"


def test_what_is_wrong_is_required_and_the_rest_of_the_input_is_kept(client, article):
    response = client.post(report_url(article), report_data(what_is_wrong=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us what is wrong" in page
    assert "About 11,000 troops were sent.</textarea>" in page
    assert 'value="Ada Reader"' in page
    assert not FactCheckReport.objects.exists()


def test_a_filled_honeypot_is_refused_with_the_input_kept(client, article):
    response = client.post(report_url(article), report_data(website="http://spam.example"))
    page = response.content.decode()
    assert "automated submission" in page
    assert "the ministry&#x27;s figure was 11,000.</textarea>" in page
    assert not FactCheckReport.objects.exists()


def test_a_report_sent_faster_than_a_person_types_is_refused_with_the_input_kept(
    client, settings, article
):
    settings.READER_FORM_MIN_SECONDS = 3
    data = report_data()
    response = client.post(report_url(article), data)
    page = response.content.decode()
    assert "quicker than a person can type" in page
    assert 'value="Ada Reader"' in page
    # The form comes back with a new timer, so sending it again after a pause works.
    assert 'name="started"' in page and data["started"] not in page
    assert not FactCheckReport.objects.exists()


@pytest.mark.parametrize(
    "field, limit", [("what_is_wrong", 5000), ("suggested_text", 5000), ("name", 100)]
)
def test_overlong_fields_are_refused_with_the_input_kept(client, article, field, limit):
    response = client.post(report_url(article), report_data(**{field: "x" * (limit + 1)}))
    page = response.content.decode()
    assert f"Ensure this value has at most {limit} characters" in page
    assert "x" * (limit + 1) in page
    assert not FactCheckReport.objects.exists()


def test_an_overlong_source_address_is_refused(client, article):
    url = "https://example.org/" + "a" * 500
    response = client.post(report_url(article), report_data(source_url=url))
    assert "at most 500 characters" in response.content.decode()
    assert not FactCheckReport.objects.exists()


def test_more_than_three_links_in_one_report_are_refused_with_the_input_kept(client, article):
    text = "See http://a.example, https://b.example and www.c.example"
    response = client.post(report_url(article), report_data(what_is_wrong=text))
    page = response.content.decode()
    assert "at most 3 links in one report" in page
    assert "www.c.example</textarea>" in page
    assert not FactCheckReport.objects.exists()
    response = client.post(report_url(article), report_data(what_is_wrong=text, source_url=""))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/file", "not a url"],
)
def test_a_source_that_is_not_a_web_address_is_refused_with_the_input_kept(
    client, article, address
):
    response = client.post(report_url(article), report_data(source_url=address))
    page = response.content.decode()
    assert "Enter a web address starting with http:// or https://." in page
    assert "Ada Reader" in page
    assert not FactCheckReport.objects.exists()


def test_a_source_without_a_scheme_is_taken_as_https(client, article):
    client.post(report_url(article), report_data(source_url="example.org/page"))
    assert FactCheckReport.objects.get().source_url == "https://example.org/page"


def test_control_and_direction_override_characters_are_stripped(client, article):
    client.post(report_url(article), report_data(what_is_wrong="Wrong\u202e year\x07 given"))
    assert FactCheckReport.objects.get().what_is_wrong == "Wrong year given"


def test_script_tags_are_escaped_when_the_form_comes_back(client, article):
    response = client.post(report_url(article), report_data(what_is_wrong="", name=SCRIPT))
    page = response.content.decode()
    assert "<script>alert" not in page
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in page


def test_a_sixth_report_in_an_hour_is_refused_with_a_429_that_says_when_and_keeps_the_text(
    client, article
):
    statuses = [
        client.post(report_url(article), report_data()).status_code,
        *(
            client.post(report_url(article), report_data(what_is_wrong="")).status_code
            for _ in "1234"
        ),
    ]
    assert statuses == [302, 200, 200, 200, 200]
    response = client.post(report_url(article), report_data(what_is_wrong="Keep this text"))
    assert response.status_code == 429
    assert "nothing was sent this time" in response.text
    assert "please send it again in" in response.text
    assert "Keep this text</textarea>" in response.text
    assert int(response["Retry-After"]) > 0
    assert FactCheckReport.objects.count() == 1
    other_client = Client(REMOTE_ADDR="203.0.113.7")
    assert other_client.post(report_url(article), report_data()).status_code == 302


def test_the_rate_comes_from_settings_and_reading_the_form_is_not_counted(
    client, settings, article
):
    settings.FACT_CHECK_RATE = "1/h"
    for _ in range(3):
        assert client.get(report_url(article)).status_code == 200
    assert client.post(report_url(article), report_data()).status_code == 302
    assert client.post(report_url(article), report_data()).status_code == 429


def test_the_form_needs_a_csrf_token(article):
    client = Client(enforce_csrf_checks=True)
    assert client.post(report_url(article), report_data()).status_code == 403
    assert not FactCheckReport.objects.exists()


def test_asking_for_a_reply_without_an_email_is_refused_with_the_input_kept(client, article):
    response = client.post(report_url(article), report_data(wants_reply="on"))
    page = response.content.decode()
    assert "Give an email address so we can reply" in page
    assert 'name="wants_reply" id="fact-check-wants_reply" checked' in page
    assert not FactCheckReport.objects.exists()


def test_an_acknowledgment_is_emailed_only_to_a_reader_who_asked(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(article), report_data(email="quiet@example.com"))
        client.post(report_url(article), report_data())
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(article), report_data(email="reader@example.com", wants_reply="on"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.com"]
    assert message.subject == "We received your report on “Troops sent into the capital”"
    assert "https://history.example.com/corrections/" in message.body
    assert FactCheckReport.objects.filter(wants_reply=True).count() == 1


def test_the_acknowledgment_carries_nothing_the_reader_typed(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            report_url(article),
            report_data(
                what_is_wrong=f"Visit cheap-pills.example {SCRIPT}",
                name=SCRIPT,
                email="victim@example.com",
                wants_reply="on",
            ),
        )
    (message,) = mail.outbox
    assert "<script" not in message.body and "cheap-pills" not in message.body
    assert "<script" not in message.subject
    assert message.content_subtype == "plain"


class RefusingBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_server_failure_does_not_lose_the_report(
    client, settings, article, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_fact_check_form.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(article), report_data(email="reader@example.com", wants_reply="on")
        )
    assert response.status_code == 302
    assert FactCheckReport.objects.get().email == "reader@example.com"


def test_report_form_runs_a_few_queries(client, article, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(report_url(article)).status_code == 200
