import os
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from pytest_django.plugin import blocking_manager_key

from events.audit import findings
from events.publishing import publish

from .factories import AuthorFactory, EventFactory


def pytest_collection_modifyitems(config, items):
    """On SQLite, tests marked ``postgresql`` are left out and said to be, not skipped: they
    are not run, so they cannot pass; ``make test`` runs them again on PostgreSQL."""
    if connection.vendor == "postgresql":
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
        config.hook.pytest_deselected(items=left_out)


def pytest_report_header(config):
    if connection.vendor != "postgresql":
        return "tests marked postgresql are deselected: they run when DATABASE_URL names PostgreSQL"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush, which removes the newsroom roles the migrations
    made; they are put back for whichever test this process runs next (tests run in parallel
    processes, so a plain test may follow a browser test)."""
    result = yield
    if nextitem is None:  # the last test: the test database is gone with the session
        return result
    marker = item.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(item.fixturenames):
        with item.config.stash[blocking_manager_key].unblock():
            restore_newsroom_roles()
    return result


def restore_newsroom_roles():
    """The role groups and their permissions, as the migrations make them."""
    from django.contrib.auth.models import Group, Permission

    roles = import_module("editorial.migrations.0002_roles").ROLES
    report_roles = import_module("editorial.migrations.0004_fact_check_roles").REPORT_PERMISSIONS
    image_roles = import_module("images.migrations.0001_initial").ROLE_PERMISSIONS
    for name, codes in roles.items():
        codes = [
            *codes,
            *(f"editorial.{action}_factcheckreport" for action in report_roles.get(name, [])),
            *(f"images.{codename}" for codename in image_roles.get(name, [])),
        ]
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def _worker_redis_url(url, worker_id):
    """Each parallel test process (pytest-xdist) its own Redis database: tests clear it."""
    if worker_id == "master":
        return url
    return urlsplit(url)._replace(path=f"/{int(worker_id.removeprefix('gw')) + 1}").geturl()


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path, worker_id):
    settings.MEDIA_ROOT = tmp_path / "media"
    if os.environ.get("REDIS_URL"):  # CI's PostgreSQL run: the shared cache production uses
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _worker_redis_url(os.environ["REDIS_URL"], worker_id),
            }
        }
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Tests run inside a transaction that never commits, so the page cache would never hear of
    # a publish; tests/test_page_cache.py turns it on with committed data.
    settings.PUBLIC_PAGE_CACHE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "images": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "images"},
        },
    }
    # Rate-limit counts live in the cache, which one process shares across tests.
    cache.clear()


@pytest.fixture(autouse=True)
def _history_stays_consistent(request):
    """After every test that touches the database, ``audit_history`` finds nothing: whatever
    a test does through the product's operations leaves a truthful history."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if not (marker or {"db", "transactional_db", "live_server"} & set(names)):
        yield
        return
    if request.node.get_closest_marker("inconsistent_history"):
        yield
        return
    transactional = (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(names)
    # Requested here so that this check runs before the database is emptied.
    request.getfixturevalue("transactional_db" if transactional else "db")
    yield
    if not connection.needs_rollback:  # a test that ended on a database error on purpose
        assert list(findings()) == []


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-1")


@pytest.fixture
def published_event(db, editor):
    """A factory: make an event with a byline and publish it."""

    def make(*, by=None, **fields):
        fields.setdefault("authors", [AuthorFactory()])
        event = EventFactory(**fields)
        publish(event, by=by or editor, substantive=False)
        event.refresh_from_db()
        return event.live

    return make


@pytest.fixture
def member_of(db, django_user_model):
    """A factory: a staff user in one of the newsroom roles (Writer, Editor, Fact-checker)."""
    from django.contrib.auth.models import Group

    def make(role, username=None):
        user = django_user_model.objects.create_user(
            username or role.lower(), f"{role.lower()}@example.com", "pw-role-1", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def writer(member_of):
    return member_of("Writer")


@pytest.fixture
def staff_editor(member_of):
    return member_of("Editor")


@pytest.fixture
def fact_checker(member_of):
    return member_of("Fact-checker")


@pytest.fixture
def redis_server():
    """A real Redis of the test's own, stopped at the end (or earlier, by the test)."""
    from .servers import RedisServer

    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The site's cache on that Redis, as production configures it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return redis_server
