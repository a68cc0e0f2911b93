import logging

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Dozens of logins per test: the real hasher's slowness is the point in production only.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "right-pw-1")


def attempt(client, username, password, ip="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_after_thirty_wrong_passwords_the_right_one_does_not_log_in(client, admin_user):
    statuses = [attempt(client, "admin", f"wrong-{n}").status_code for n in range(30)]
    response = attempt(client, "admin", "right-pw-1")
    assert statuses[:4] == [200] * 4
    assert set(statuses[5:]) == {429}
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "Login locked" in response.text


def test_a_locked_username_stays_locked_from_another_address(client, admin_user):
    for n in range(5):
        attempt(client, "admin", f"wrong-{n}", ip="203.0.113.5")
    response = attempt(client, "admin", "right-pw-1", ip="198.51.100.9")
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_a_locked_client_cannot_try_other_usernames(client, admin_user, django_user_model):
    django_user_model.objects.create_user("ada", password="ada-pw-1", is_staff=True)
    for n in range(5):
        attempt(client, f"guess{n}", "wrong", ip="203.0.113.5")
    response = attempt(client, "ada", "ada-pw-1", ip="203.0.113.5")
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_lockout_is_logged(client, admin_user, caplog):
    with caplog.at_level(logging.WARNING):
        for n in range(5):
            attempt(client, "admin", f"wrong-{n}")
    assert any("Locking out" in record.getMessage() for record in caplog.records)


def test_an_administrator_can_unlock_a_username(client, admin_user):
    from axes.utils import reset

    for n in range(5):
        attempt(client, "admin", f"wrong-{n}", ip="203.0.113.5")
    reset(username="admin")
    attempt(client, "admin", "right-pw-1", ip="198.51.100.9")
    assert is_logged_in(client)


def test_administrators_see_and_can_delete_access_attempts_in_the_admin(client, admin_user):
    from axes.models import AccessAttempt

    attempt(client, "ada", "wrong", ip="203.0.113.5")
    record = AccessAttempt.objects.get(username="ada")
    client.force_login(admin_user)
    listing = client.get("/admin/axes/accessattempt/")
    assert f"/admin/axes/accessattempt/{record.pk}/change/" in listing.text
    client.post(f"/admin/axes/accessattempt/{record.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
