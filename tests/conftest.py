import pytest
from django.core.cache import cache

from events.publishing import publish

from .factories import AuthorFactory, EventFactory


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Rate-limit counts live in the cache, which one process shares across tests.
    cache.clear()


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
