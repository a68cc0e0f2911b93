"""Revision recording shared by every tracked model.

django-simple-history writes a row on every save, even when nothing changed, writes one more
row for every many-to-many change, and names no user for saves made outside a request. Editors
need one revision per real change, with who made it. ``RevisionRecords`` gives that:

- a save that changes no tracked field adds no revision;
- many-to-many changes made right after a save on the same instance (the admin's
  ``save_related``, including inline rows of an explicit through model such as a byline) are
  folded into that save's revision instead of adding revisions of their own;
- a save outside a request is attributed to the actor set with ``acting_as`` or, failing that, to
  the named system actor ``system``.
"""

import contextlib
import contextvars
from functools import partial

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import post_delete, post_save
from simple_history.models import HistoricalRecords

_actor = contextvars.ContextVar("history_actor", default=None)

SYSTEM_ACTOR_PREFIX = "system."


def system_actor(name):
    """The inactive user that stands for a command or job, e.g. ``system.publish_scheduled``."""
    user, created = get_user_model().objects.get_or_create(
        username=f"{SYSTEM_ACTOR_PREFIX}{name}",
        defaults={"first_name": "System", "last_name": name, "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def is_system_actor(user):
    """System actors stand for commands: inactive, without a password, so no login reaches one."""
    return (
        user is not None
        and user.username.startswith(SYSTEM_ACTOR_PREFIX)
        and not user.is_active
        and not user.has_usable_password()
    )


@contextlib.contextmanager
def acting_as(user):
    """Attribute every revision saved inside the block to ``user`` (a person or a system actor)."""
    token = _actor.set(user)
    try:
        yield user
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def one_revision(instance, *, created):
    """Record the saves and relation changes made inside the block as a single revision."""
    instance.skip_history_when_saving = True
    try:
        yield instance
    finally:
        del instance.skip_history_when_saving
    type(instance)._revision_records.create_historical_record(instance, "+" if created else "~")


class RevisionRecords(HistoricalRecords):
    def __init__(self, *args, indexes=(), **kwargs):
        # Reasons are written by people and can be long; the default column holds 100 characters.
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        self.extra_indexes = list(indexes)
        super().__init__(*args, **kwargs)

    def get_meta_options(self, model):
        """The history table's options, plus the indexes its public queries need."""
        options = super().get_meta_options(model)
        if self.extra_indexes:
            options["indexes"] = (*options.get("indexes", ()), *self.extra_indexes)
        return options

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is not self.cls:
            return
        sender._revision_records = self
        # Rows of an explicit through model are often saved one by one (admin inlines), which
        # sends no m2m_changed: treat their saves and deletes as changes of the relation.
        for field in self.get_m2m_fields_from_model(sender):
            through = field.remote_field.through
            if through._meta.auto_created:
                continue
            handler = partial(self._through_row_changed, field=field)
            post_save.connect(handler, sender=through, weak=False)
            post_delete.connect(handler, sender=through, weak=False)

    def _through_row_changed(self, sender, instance, field, **kwargs):
        if kwargs.get("raw") or self._is_deleting_owner(kwargs.get("origin")):
            return
        owner = getattr(instance, field.m2m_field_name())
        self.m2m_changed(owner, action="post_add", attr=field.name, pk_set=None, reverse=False)

    def _is_deleting_owner(self, origin):
        """Whether rows go because their owner is deleted, which its own "-" revision records."""
        if isinstance(origin, models.QuerySet):
            return issubclass(origin.model, self.cls)
        return isinstance(origin, self.cls)

    def get_history_user(self, instance):
        user = getattr(instance, "_history_user", None)
        if user is not None:
            return user
        request = getattr(self.context, "request", None)
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            return request_user
        return _actor.get() or system_actor("system")

    def post_save(self, instance, created, using=None, **kwargs):
        instance._revision = None
        if hasattr(instance, "skip_history_when_saving") or kwargs.get("raw", False):
            return
        if not created and not self._fields_changed(instance):
            return
        self.create_historical_record(instance, "+" if created else "~", using=using)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if hasattr(instance, "skip_history_when_saving") or reverse:
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        revision = getattr(instance, "_revision", None)
        if revision is None:
            self.create_historical_record(instance, "~")
        else:
            # Same save, later step: refresh that revision's copy of the relations.
            for field in revision._history_m2m_fields:
                self.m2m_models[field].objects.filter(history=revision).delete()
            self.create_historical_record_m2ms(revision, instance)

    def create_historical_record_m2ms(self, history_instance, instance):
        instance._revision = history_instance
        super().create_historical_record_m2ms(history_instance, instance)

    def _fields_changed(self, instance):
        latest = getattr(instance, self.manager_name).order_by("-history_id").first()
        if latest is None:
            return True
        return any(
            getattr(latest, field.attname) != getattr(instance, field.attname)
            for field in self.fields_included(instance)
        )
