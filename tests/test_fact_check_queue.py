"""Fact-checkers work the queue of reports in the admin; editors publish the corrections."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from editorial.models import FactCheckReport
from editorial.reports import assign, reopen, resolve_report
from events.models import PublishedEvent
from events.publishing import publish

from .factories import AuthorFactory, EventFactory, FactCheckReportFactory, edit

pytestmark = pytest.mark.django_db

Status = FactCheckReport.Status
SCRIPT = '<script>alert("x")</script>'
NOTE = "Correction: An earlier version of this article misstated the number of troops sent."


def reader_mail():
    """Emails to readers; the newsroom's workflow notifications ("[Site] …") are left out."""
    return [message for message in mail.outbox if not message.subject.startswith("[")]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://history.example.com"


@pytest.fixture
def article(editor):
    event = EventFactory(
        title="Troops sent into the capital",
        slug="troops-sent",
        body="About 1,100 troops were sent at dawn.",
        authors=[AuthorFactory()],
    )
    return publish(event, by=editor, substantive=False)


def correct(article, editor, body="About 11,000 troops were sent at dawn."):
    """An editor fixes the article and publishes it as a correction; returns that version."""
    article.event.body = body
    article.event.save()
    publish(article.event, by=editor, substantive=False, correction=True, note=NOTE)
    return article.history.latest()


def report_on(article, **fields):
    fields.setdefault("what_is_wrong", "It says 1,100 troops; it was 11,000.")
    return FactCheckReportFactory(reported_version=article.history.latest(), **fields)


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def change_url(report):
    return reverse("admin:editorial_factcheckreport_change", args=[report.pk])


def queue_form(report, **overrides):
    data = {
        "status": report.status,
        "assigned_to": report.assigned_to_id or "",
        "internal_notes": report.internal_notes,
        "fixed_by_version": report.fixed_by_version_id or "",
        "duplicate_of": report.duplicate_of_id or "",
        "team_reply": report.team_reply,
        "change_reason": "Checked the ministry's figures",
    }
    data.update(overrides)
    return data


def test_fact_checker_sees_the_queue_with_article_status_assignee_and_age(
    client, fact_checker, article
):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        report_on(article, assigned_to=fact_checker, status=Status.IN_REVIEW)
    client.force_login(fact_checker)
    response = client.get(reverse("admin:editorial_factcheckreport_changelist"))
    page = text_of(response)
    assert response.status_code == 200
    assert "Troops sent into the capital" in page
    assert "It says 1,100 troops; it was 11,000." in page
    assert "In review" in page
    assert "fact-checker" in page
    assert "3 days" in page


def test_queue_filters_by_status_assignee_article_and_age(client, fact_checker, article, editor):
    other = publish(EventFactory(title="A treaty is signed"), by=editor, substantive=False)
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=40)):
        old = report_on(article, what_is_wrong="Old report about the date")
    fresh = report_on(other, what_is_wrong="Fresh report about the treaty")
    mine = report_on(
        article,
        what_is_wrong="Assigned report about the troops",
        assigned_to=fact_checker,
        status=Status.IN_REVIEW,
    )
    client.force_login(fact_checker)
    url = reverse("admin:editorial_factcheckreport_changelist")

    def listed(**params):
        page = client.get(url, params).content.decode()
        return {
            report.pk
            for report in (old, fresh, mine)
            if f"/admin/editorial/factcheckreport/{report.pk}/change/" in page
        }

    assert listed() == {old.pk, fresh.pk, mine.pk}
    assert listed(status__exact="in_review") == {mine.pk}
    assert listed(assigned_to__id__exact=fact_checker.pk) == {mine.pk}
    assert listed(event__id__exact=other.event_id) == {fresh.pk}
    assert listed(age="day") == {fresh.pk, mine.pk}
    assert listed(age="older") == {old.pk}
    assert listed(age="week") == set()


def test_queue_search_finds_reader_text_article_title_and_email(client, fact_checker, article):
    by_text = report_on(article, what_is_wrong="The general's name is misspelled")
    by_email = report_on(article, email="historian@example.org")
    client.force_login(fact_checker)
    url = reverse("admin:editorial_factcheckreport_changelist")
    assert f"{by_text.pk}/change/" in client.get(url, {"q": "misspelled"}).content.decode()
    page = client.get(url, {"q": "historian@"}).content.decode()
    assert f"{by_email.pk}/change/" in page and f"{by_text.pk}/change/" not in page
    page = client.get(url, {"q": "capital"}).content.decode()
    assert f"{by_text.pk}/change/" in page and f"{by_email.pk}/change/" in page


def test_report_page_shows_the_reader_text_beside_the_version_seen_and_a_diff_to_now(
    client, fact_checker, editor, article
):
    report = report_on(article, suggested_text="About 11,000 troops.")
    correct(article, editor)
    client.force_login(fact_checker)
    page = text_of(client.get(change_url(report)))
    reader = page[page.index("What the reader wrote") :]
    assert "It says 1,100 troops; it was 11,000." in reader
    assert "About 11,000 troops." in reader
    seen = page[page.index("The article as the reader saw it") :]
    assert "<p>About 1,100 troops were sent at dawn.</p>" in seen
    version = report.reported_version.history_id
    assert f"/this-day-in-history/january/15/troops-sent/versions/{version}/" in seen
    diff = page[page.index("Changes since the reader") :]
    assert "About <del>1,100</del><ins>11,000</ins> troops" in diff


def test_reader_text_is_escaped_in_the_queue_and_on_the_report_page(client, fact_checker, article):
    report = report_on(
        article,
        what_is_wrong=f"Wrong {SCRIPT}",
        suggested_text=SCRIPT,
        name=SCRIPT,
        source_url='https://example.org/"><script>x</script>',
    )
    client.force_login(fact_checker)
    for url in [reverse("admin:editorial_factcheckreport_changelist"), change_url(report)]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<script>x" not in page, url
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_accepting_needs_the_version_that_fixed_it(editor, article):
    report = report_on(article)
    with pytest.raises(ValidationError, match="Choose the published version that corrected"):
        resolve_report(report, by=editor, status=Status.ACCEPTED)
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_the_fix_must_be_a_later_version_of_the_same_article(editor, article, published_event):
    report = report_on(article)
    with pytest.raises(ValidationError, match="version of another article"):
        resolve_report(
            report,
            by=editor,
            status=Status.ACCEPTED,
            fixed_by_version=published_event().history.latest(),
        )
    with pytest.raises(ValidationError, match="published after the one the reader saw"):
        resolve_report(
            report, by=editor, status=Status.ACCEPTED, fixed_by_version=report.reported_version
        )


def test_the_database_refuses_an_accepted_report_without_a_fix_or_a_duplicate_without_original(
    article,
):
    report = report_on(article)
    for status in [Status.ACCEPTED, Status.DUPLICATE]:
        report.status = status
        report.resolved_at = timezone.now()
        with pytest.raises(IntegrityError), transaction.atomic():
            report.save()


def test_accepting_emails_the_reader_who_asked_a_link_to_the_corrected_version(
    fact_checker, editor, article, django_capture_on_commit_callbacks
):
    report = report_on(article, email="reader@example.com", wants_reply=True)
    fix = correct(article, editor)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(report, by=fact_checker, status=Status.ACCEPTED, fixed_by_version=fix)
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert report.resolved_at is not None
    (message,) = reader_mail()
    assert message.to == ["reader@example.com"]
    assert message.subject == "We corrected “Troops sent into the capital”"
    permalink = (
        "https://history.example.com/this-day-in-history/january/15/troops-sent/"
        f"versions/{fix.history_id}/"
    )
    assert permalink in message.body
    assert NOTE in message.body


def test_resolving_emails_nobody_who_did_not_ask(
    fact_checker, editor, article, django_capture_on_commit_callbacks
):
    silent = report_on(article, email="reader@example.com", wants_reply=False)
    anonymous = report_on(article)
    fix = correct(article, editor)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(silent, by=fact_checker, status=Status.ACCEPTED, fixed_by_version=fix)
        resolve_report(anonymous, by=fact_checker, status=Status.DECLINED)
    assert reader_mail() == []


def test_declining_a_report_whose_reader_asked_needs_a_reply_which_is_emailed(
    fact_checker, article, django_capture_on_commit_callbacks
):
    report = report_on(article, email="reader@example.com", wants_reply=True)
    with pytest.raises(ValidationError, match="tell them why it was declined"):
        resolve_report(report, by=fact_checker, status=Status.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(
            report,
            by=fact_checker,
            status=Status.DECLINED,
            reply="The ministry's own report gives 1,100 <troops>; we keep that figure.",
        )
    (message,) = reader_mail()
    assert message.subject == "About your report on “Troops sent into the capital”"
    assert "The ministry's own report gives 1,100 <troops>; we keep that figure." in message.body
    assert "&lt;" not in message.body and "&#x27;" not in message.body


def test_resolution_emails_never_carry_the_readers_text(
    fact_checker, editor, article, django_capture_on_commit_callbacks
):
    report = report_on(
        article, what_is_wrong=SCRIPT, name=SCRIPT, email="reader@example.com", wants_reply=True
    )
    fix = correct(article, editor)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(report, by=fact_checker, status=Status.ACCEPTED, fixed_by_version=fix)
    (message,) = reader_mail()
    assert "<script" not in message.body and "alert" not in message.body


def test_a_duplicate_needs_its_original_and_its_reader_hears_the_originals_outcome(
    fact_checker, editor, article, django_capture_on_commit_callbacks
):
    original = report_on(article)
    duplicate = report_on(article, email="second@example.com", wants_reply=True)
    with pytest.raises(ValidationError, match="Choose the report this one duplicates"):
        resolve_report(duplicate, by=fact_checker, status=Status.DUPLICATE)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(duplicate, by=fact_checker, status=Status.DUPLICATE, duplicate_of=original)
    assert reader_mail() == []  # nothing decided yet
    fix = correct(article, editor)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(original, by=fact_checker, status=Status.ACCEPTED, fixed_by_version=fix)
    (message,) = reader_mail()
    assert message.to == ["second@example.com"]
    assert f"versions/{fix.history_id}/" in message.body


def test_a_duplicate_of_a_report_already_decided_hears_the_outcome_at_once(
    fact_checker, article, django_capture_on_commit_callbacks
):
    original = report_on(article)
    resolve_report(original, by=fact_checker, status=Status.DECLINED, reply="Our figure stands.")
    late = report_on(article, email="late@example.com", wants_reply=True)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_report(late, by=fact_checker, status=Status.DUPLICATE, duplicate_of=original)
    (message,) = reader_mail()
    assert message.to == ["late@example.com"]
    assert "Our figure stands." in message.body


def test_duplicates_never_chain(fact_checker, article):
    first, second, third = report_on(article), report_on(article), report_on(article)
    resolve_report(third, by=fact_checker, status=Status.DUPLICATE, duplicate_of=second)
    resolve_report(second, by=fact_checker, status=Status.DUPLICATE, duplicate_of=first)
    third.refresh_from_db()
    assert third.duplicate_of == first
    with pytest.raises(ValidationError, match="is itself a duplicate"):
        resolve_report(
            report_on(article), by=fact_checker, status=Status.DUPLICATE, duplicate_of=second
        )


def test_a_duplicate_is_a_report_on_the_same_article(fact_checker, article, published_event):
    elsewhere = FactCheckReportFactory(reported_version=published_event().history.latest())
    with pytest.raises(ValidationError, match="same article"):
        resolve_report(
            report_on(article), by=fact_checker, status=Status.DUPLICATE, duplicate_of=elsewhere
        )


def test_status_history_records_who_changed_it_and_why(fact_checker, editor, article):
    report = report_on(article)
    assign(report, to=fact_checker, by=fact_checker)
    fix = correct(article, editor)
    resolve_report(
        report,
        by=fact_checker,
        status=Status.ACCEPTED,
        fixed_by_version=fix,
        reason="Ministry archive confirms 11,000.",
    )
    reopen(report, by=editor, reason="Second source disagrees")
    rows = list(report.history.order_by("history_id"))
    assert [(row.status, row.history_user) for row in rows[1:]] == [
        (Status.IN_REVIEW, fact_checker),
        (Status.ACCEPTED, fact_checker),
        (Status.IN_REVIEW, editor),
    ]
    assert rows[1].history_change_reason == "Assigned to fact-checker"
    assert rows[2].history_change_reason.startswith("Accepted: fixed by the version of")
    assert rows[2].history_change_reason.endswith("Ministry archive confirms 11,000.")
    assert rows[3].history_change_reason == "Reopened: Second source disagrees"
    assert report.resolved_at is None


def test_fact_checker_resolves_a_report_in_the_admin_and_the_history_page_shows_it(
    client, fact_checker, editor, article, django_capture_on_commit_callbacks
):
    report = report_on(article, email="reader@example.com", wants_reply=True)
    fix = correct(article, editor)
    client.force_login(fact_checker)
    page = client.get(change_url(report)).content.decode()
    choices = re.search(r'<select name="fixed_by_version".*?</select>', page, re.S).group(0)
    assert f'<option value="{fix.history_id}">' in choices
    assert NOTE[:40] in choices
    assert f'<option value="{report.reported_version_id}">' not in choices

    response = client.post(change_url(report), queue_form(report, status="accepted"))
    assert "Choose the published version that corrected the error" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(report),
            queue_form(report, status="accepted", fixed_by_version=fix.history_id),
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.fixed_by_version) == (Status.ACCEPTED, fix)
    assert len(reader_mail()) == 1

    history = client.get(
        reverse("admin:editorial_factcheckreport_history", args=[report.pk])
    ).content.decode()
    assert "Checked the ministry&#x27;s figures" in history
    assert "fact-checker" in history


def test_editing_notes_on_a_resolved_report_sends_no_second_email(
    client, fact_checker, editor, article, django_capture_on_commit_callbacks
):
    report = report_on(article, email="reader@example.com", wants_reply=True)
    fix = correct(article, editor)
    resolve_report(report, by=fact_checker, status=Status.ACCEPTED, fixed_by_version=fix)
    client.force_login(fact_checker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(report), queue_form(report, internal_notes="Filed the source."))
    report.refresh_from_db()
    assert report.internal_notes == "Filed the source."
    assert reader_mail() == []


def test_only_queue_workers_can_be_assigned(client, fact_checker, writer, article):
    report = report_on(article)
    client.force_login(fact_checker)
    page = client.get(change_url(report)).content.decode()
    assert f'<option value="{fact_checker.pk}">fact-checker</option>' in page
    assert f'<option value="{writer.pk}">' not in page
    response = client.post(change_url(report), queue_form(report, assigned_to=writer.pk))
    assert "Select a valid choice" in response.content.decode()


def test_assign_to_me_action_puts_new_reports_in_review(client, fact_checker, article):
    reports = [report_on(article), report_on(article)]
    client.force_login(fact_checker)
    client.post(
        reverse("admin:editorial_factcheckreport_changelist"),
        {"action": "assign_to_me", "_selected_action": [r.pk for r in reports]},
    )
    for report in reports:
        report.refresh_from_db()
        assert (report.assigned_to, report.status) == (fact_checker, Status.IN_REVIEW)


def test_fact_checker_works_the_queue_but_cannot_publish(client, fact_checker, article):
    report = report_on(article)
    client.force_login(fact_checker)
    assert client.get(change_url(report)).status_code == 200
    assert client.get(reverse("admin:editorial_factcheckreport_add")).status_code == 403
    delete = reverse("admin:editorial_factcheckreport_delete", args=[report.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403

    event = article.event
    edit(event, body="About 11,000 troops were sent at dawn.")
    before = article.history.count()
    publish_url = reverse("admin:events_event_publish", args=[event.pk])
    response = client.post(
        publish_url,
        {"kind": "correction", "note": NOTE, "revision": event.latest_revision_id(), "publish": 1},
    )
    assert response.status_code == 403
    assert article.history.count() == before
    assert PublishedEvent.objects.get(event=event).body == "About 1,100 troops were sent at dawn."
    with pytest.raises(PermissionDenied):
        publish(event, by=fact_checker, substantive=False, correction=True, note=NOTE)


def test_people_outside_the_queue_cannot_resolve_reports(writer, article):
    report = report_on(article)
    with pytest.raises(PermissionDenied):
        resolve_report(report, by=writer, status=Status.DECLINED)
    with pytest.raises(PermissionDenied):
        assign(report, to=writer, by=writer)


def test_roles_migration_lets_fact_checkers_work_reports_and_editors_do_everything():
    def codenames(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(codename__endswith="factcheckreport")
            .values_list("codename", flat=True)
        )

    assert codenames("Fact-checker") == {"view_factcheckreport", "change_factcheckreport"}
    assert codenames("Editor") == {
        "add_factcheckreport",
        "change_factcheckreport",
        "delete_factcheckreport",
        "view_factcheckreport",
    }
    assert codenames("Writer") == set()
    assert (
        not Group.objects.get(name="Fact-checker")
        .permissions.filter(codename="publish_event")
        .exists()
    )
