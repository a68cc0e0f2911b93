"""The privacy page says what the reader forms keep, for how long, and how to have it erased."""

import re

import pytest
from django.conf import settings


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_the_privacy_page_states_every_retention_period_and_how_to_ask_for_erasure(client):
    page = text_of(client.get("/privacy/"))
    retention = {name: period.days for name, period in settings.RETENTION.items()}
    assert f"Fact Check report: {retention['report_contact_details']} days after" in page
    assert f"delivery log: {retention['delivery_log']} days" in page
    assert f"never confirmed: {retention['unconfirmed_signups']} days" in page
    assert f"consent record: {retention['unsubscribed']} days" in page
    assert f"admin: {retention['failed_logins']} days" in page
    assert f'href="mailto:{settings.PRIVACY_CONTACT}"' in page
    assert "one-click unsubscribe" in page


@pytest.mark.django_db
def test_every_page_links_the_privacy_page_from_its_footer(client):
    assert 'href="/privacy/">Privacy</a>' in client.get("/").content.decode()


def test_editors_write_the_privacy_page_and_the_retention_facts_stay(client, editor, settings):
    """Editors write the introduction in the admin, tracked; the periods still come from the
    settings that apply them, so the page cannot promise what the site does not do."""
    from editorial.models import SitePage
    from revisions.history import revision

    page = SitePage(slug="privacy", title="Your privacy", body="We are a *small* newsroom.")
    with revision(page, by=editor, reason="Our own words"):
        page.save()
    html = client.get("/privacy/").content.decode()
    assert "<h1>Your privacy</h1>" in html and "<em>small</em> newsroom" in html
    assert f"{settings.RETENTION['delivery_log'].days} days" in text_of(client.get("/privacy/"))
    assert page.history.get().history_change_reason == "Our own words"
