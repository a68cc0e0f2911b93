import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
# Inline styles in the events admin templates, which are being rewritten elsewhere; the
# policy blocks them until they move to a stylesheet (these tests then pass and must be unmarked).
INLINE = re.compile(
    r"<style|\sstyle=|\son[a-z]+=|javascript:|<script(?![^>]*\s(src=|type=\"application/ld\+json\"))",
    re.IGNORECASE,
)


def web_templates():
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if "/email/" in relative:  # emails are not served to browsers
            continue
        yield pytest.param(relative, id=relative)


def header_values(response):
    return response["Content-Security-Policy"], response["Permissions-Policy"]


@pytest.mark.parametrize("relative", list(web_templates()))
def test_no_template_has_an_inline_script_style_or_event_handler(relative):
    text = (ROOT / relative).read_text()
    assert not INLINE.search(text), INLINE.search(text).group(0)


def test_public_pages_send_a_policy_without_inline_script(client, published_event):
    live = published_event()
    for url in ["/", live.get_absolute_url(), "/newsletter/", "/no-such-page/"]:
        policy, permissions = header_values(client.get(url))
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
        assert "camera=()" in permissions and "geolocation=()" in permissions


def test_admin_pages_send_the_same_policy(client, editor):
    assert "script-src 'self'" in header_values(client.get("/admin/login/"))[0]
    client.force_login(editor)
    for url in ["/admin/", "/admin/events/event/", "/admin/events/event/add/"]:
        policy, permissions = header_values(client.get(url))
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "microphone=()" in permissions
