"""The admin's front page: what needs each person, by role, in a bounded number of queries."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from editorial.models import FactCheckReport
from events.models import Event
from events.publishing import approve, schedule, send_back, submit_for_review
from revisions.history import revision

from .factories import AuthorFactory, EventFactory, FactCheckReportFactory, edit

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 7, 1, 14, 0, tzinfo=datetime.UTC)


def section(page, key):
    start = page.index(f'id="dashboard-{key}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def newsroom(member_of, editor):
    """A round of work: drafts, a send-back, a review, a schedule, a live edit, reports."""
    writer = member_of("Writer")
    checker = member_of("Fact-checker")
    author = AuthorFactory()
    with time_machine.travel(NOW - datetime.timedelta(days=3), tick=False):
        draft = EventFactory(title="Draft about Caesar", created_by=writer, authors=[author])
        returned = EventFactory(title="Needs sources", created_by=writer, authors=[author])
        waiting = EventFactory(title="Ready to read", created_by=writer, authors=[author])
        scheduled = EventFactory(title="Goes out Friday", created_by=writer, authors=[author])
        for event in (returned, waiting, scheduled):
            submit_for_review(event, by=writer)
        send_back(returned, by=editor, comment="Add a source for the troop numbers.")
        approve(scheduled, by=editor)
        schedule(
            scheduled,
            by=editor,
            publish_at=NOW + datetime.timedelta(days=2),
            substantive=False,
            now=NOW - datetime.timedelta(days=3),
        )
        mine = FactCheckReportFactory(what_is_wrong="Wrong year.")
        nobodys = FactCheckReportFactory(what_is_wrong="Wrong name.")
        with revision(mine, by=editor, reason="Assigned"):
            mine.assigned_to = checker
            mine.status = FactCheckReport.Status.IN_REVIEW
            mine.save()
        live_event = nobodys.event
        edit(live_event, title="A live article, edited")
    return {
        "writer": writer,
        "checker": checker,
        "draft": draft,
        "returned": returned,
        "waiting": waiting,
        "scheduled": scheduled,
        "mine": mine,
        "nobodys": nobodys,
        "edited": live_event,
    }


def dashboard(client, user, django_assert_max_num_queries):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(16):
        response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_writer_sees_drafts_and_what_was_sent_back_with_the_comment(
    client, newsroom, django_assert_max_num_queries
):
    page = dashboard(client, newsroom["writer"], django_assert_max_num_queries)
    sent_back = section(page, "sent_back")
    assert "Needs sources" in sent_back
    assert "Add a source for the troop numbers." in sent_back
    assert f"/admin/events/event/{newsroom['returned'].pk}/change/" in sent_back
    assert "Draft about Caesar" in section(page, "my_drafts")
    assert "Needs sources" not in section(page, "my_drafts")
    assert "Ready to read" in section(page, "in_review")
    assert 'id="dashboard-ready"' not in page  # publishing is not a writer's job
    assert 'id="dashboard-reports_mine"' not in page


def test_editor_sees_review_queue_schedule_in_site_zone_live_changes_and_reports(
    client, newsroom, editor, django_assert_max_num_queries
):
    page = dashboard(client, editor, django_assert_max_num_queries)
    assert "Ready to read" in section(page, "in_review")
    ready = section(page, "ready")
    assert "Goes out Friday" in ready
    # 2026-07-03 14:00 UTC is 10:00 in New York, the site's zone.
    assert "3 Jul 2026, 10:00 EDT" in ready
    assert "A live article, edited" in section(page, "unpublished_changes")
    unassigned = section(page, "reports_unassigned")
    assert "3\xa0days old" in unassigned
    assert f"/admin/editorial/factcheckreport/{newsroom['nobodys'].pk}/change/" in unassigned
    assert f"/{newsroom['mine'].pk}/change/" not in unassigned
    activity = section(page, "activity")
    assert "editor: Sent back: Add a source for the troop numbers." in activity


def test_fact_checker_sees_reports_assigned_to_them_and_those_nobody_took(
    client, newsroom, django_assert_max_num_queries
):
    page = dashboard(client, newsroom["checker"], django_assert_max_num_queries)
    assert f"/admin/editorial/factcheckreport/{newsroom['mine'].pk}/change/" in section(
        page, "reports_mine"
    )
    assert f"/{newsroom['nobodys'].pk}/change/" in section(page, "reports_unassigned")
    assert 'id="dashboard-my_drafts"' not in page


def test_dashboard_queries_do_not_grow_with_the_newsroom(
    client, newsroom, editor, django_assert_max_num_queries
):
    for n in range(15):
        EventFactory(title=f"Extra {n}", created_by=editor, status=Event.Status.IN_REVIEW)
    page = dashboard(client, editor, django_assert_max_num_queries)
    assert section(page, "in_review").count("<li>") == 10


def test_admin_header_and_title_carry_the_site_name_and_a_favicon(client, editor, settings):
    settings.SITE_NAME = "On This Day"
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "On This Day: newsroom</a>" in page
    assert "<title>What needs you | On This Day newsroom</title>" in page
    assert 'rel="icon" type="image/png" href="/static/img/favicon.png"' in page
    assert "Django administration" not in page
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_fact_checker_sees_the_articles_reports_where_others_see_workflow(
    client, member_of, editor
):
    checker = member_of("Fact-checker")
    report = FactCheckReportFactory()
    client.force_login(checker)
    url = f"/admin/events/event/{report.event.pk}/change/"
    page = client.get(url).content.decode()
    assert "Reader reports on this article" in page
    assert f"/admin/editorial/factcheckreport/{report.pk}/change/" in page
    assert "nobody has taken it" in page
    assert 'id="workflow-heading"' not in page
    client.force_login(editor)
    assert 'id="workflow-heading"' in client.get(url).content.decode()
