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
