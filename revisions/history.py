"""Explicit revisions for every tracked model, on top of django-simple-history.

An operation says where its revision is made::

    with revision(event, by=editor, reason="Fixed the treaty's date"):
        event.save()
        event.topics.set(topics)

Everything saved inside the block (the row and its relations, by any Python instance of that
row) becomes one revision, written when the block ends, and only if something changed. A plain
``save()`` outside a block is one revision of its own. A relation of a tracked model changed
outside a block is refused with ``RevisionRequired``: nothing guesses which save it belongs to.

The actor is ``by``, else the instance's ``_history_user``, else the actor set with
``acting_as``, else the request's user, else the named system actor ``system.system``.
"""

import contextlib
import contextvars
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, router
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from simple_history.models import HistoricalRecords

SYSTEM_ACTOR_PREFIX = "system."

_actor = contextvars.ContextVar("revision_actor", default=None)
_open_revisions = contextvars.ContextVar("open_revisions", default=())


class RevisionRequired(RuntimeError):
    """A tracked model's relation changed outside a ``revision()`` block."""


def system_actor(name):
    """The inactive user that stands for a command or job, e.g. ``system.publish_scheduled``.

    Created in one statement, already without a usable password, so a second process that
    reads it a moment later sees a complete system actor.
    """
    user, _ = get_user_model().objects.get_or_create(
        username=f"{SYSTEM_ACTOR_PREFIX}{name}",
        defaults={
            "first_name": "System",
            "last_name": name,
            "is_active": False,
            "password": make_password(None),
        },
    )
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
    """Attribute every revision made inside the block without a ``by`` to ``user``."""
    token = _actor.set(user)
    try:
        yield user
    finally:
        _actor.reset(token)


@dataclass
class Revision:
    """One open ``revision()`` block; ``record`` is the history row it wrote (None: no change)."""

    instance: models.Model
    by: object = None
    reason: str = ""
    at: object = None
    previous: object = None
    record: object = None
    nested: list = field(default_factory=list)

    def covers(self, model, pk):
        instance = self.instance
        return type(instance)._meta.concrete_model is model._meta.concrete_model and (
            pk is not None and pk == instance.pk
        )


def _open_revision(model, pk):
    return next((r for r in _open_revisions.get() if r.covers(model, pk)), None)


@contextlib.contextmanager
def revision(instance, *, by=None, reason="", at=None):
    """Record what the block saves of ``instance`` (fields and relations) as one revision.

    A block for an object whose block is already open joins it: the outer block records.
    """
    records = type(instance)._revision_records
    outer = next((r for r in _open_revisions.get() if r.instance is instance), None)
    if outer is None and instance.pk is not None:
        outer = _open_revision(type(instance), instance.pk)
    if outer is not None:
        yield outer
        return
    current = Revision(instance, by=by, reason=reason, at=at)
    if instance.pk is not None:
        current.previous = records.latest(instance)
    token = _open_revisions.set((*_open_revisions.get(), current))
    try:
        yield current
    finally:
        _open_revisions.reset(token)
    # Reached only when the block succeeded: a failed block records nothing.
    current.record = records.record(
        instance, by=by, reason=reason, at=at, previous=records.latest(instance), refresh=True
    )


def _owner(m2m):
    """The through model's column that points to the tracked object (e.g. ``event_id``)."""
    return f"{m2m.m2m_field_name()}_id"


class RevisionRecords(HistoricalRecords):
    """``HistoricalRecords`` that writes revisions only where an operation says so."""

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
        # Rows of an explicit through model can be saved one by one (admin inlines), which
        # sends no m2m_changed: such a save must happen inside its owner's revision block.
        for m2m in self.get_m2m_fields_from_model(sender):
            through = m2m.remote_field.through
            if through._meta.auto_created:
                continue
            pre_save.connect(self._through_row_saved(m2m), sender=through, weak=False)
            pre_delete.connect(self._through_row_deleted(m2m), sender=through, weak=False)

    def _through_row_saved(self, m2m):
        def check(sender, instance, raw=False, **kwargs):
            if not raw:
                self._require_open_revision(getattr(instance, _owner(m2m)), sender)

        return check

    def _through_row_deleted(self, m2m):
        def check(sender, instance, origin=None, **kwargs):
            # Rows that go with their deleted owner: its own "-" revision records that.
            if isinstance(origin, models.QuerySet) and issubclass(origin.model, self.cls):
                return
            if isinstance(origin, self.cls):
                return
            self._require_open_revision(getattr(instance, _owner(m2m)), sender)

        return check

    def _require_open_revision(self, owner_pk, through):
        if _open_revision(self.cls, owner_pk) is None:
            raise RevisionRequired(
                f"{self.cls.__name__} #{owner_pk}: change its relations ({through.__name__}) "
                "inside `with revision(...)`, so that they are recorded."
            )

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw") or _open_revision(type(instance), instance.pk):
            return
        self.record(instance, previous=self.latest(instance))

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not action.startswith("pre_"):
            return
        if reverse:
            raise RevisionRequired(
                f"Change {self.cls.__name__}.{attr} from the {self.cls.__name__} side, "
                "inside `with revision(...)`."
            )
        self._require_open_revision(instance.pk, type(instance))

    def latest(self, instance):
        return getattr(instance, self.manager_name).order_by("-history_id").first()

    def record(self, instance, *, by=None, reason="", at=None, previous=None, refresh=False):
        """Write one revision of ``instance``, unless it equals ``previous``.

        ``refresh`` reads the row back first, so that a block records what it stored.
        """
        concrete = [f.attname for f in self.fields_included(instance)]
        if refresh:
            instance.refresh_from_db(fields=concrete)
        unchanged = previous is not None and previous.history_type != "-"
        if unchanged and not self.differs(previous, instance):
            return None
        history_type = "+" if previous is None or previous.history_type == "-" else "~"
        user = by or self.get_history_user(instance)
        history = getattr(instance, self.manager_name).model(
            history_date=at or getattr(instance, "_history_date", None) or timezone.now(),
            history_type=history_type,
            history_user=user,
            history_change_reason=reason or getattr(instance, "_change_reason", None),
            **{name: getattr(instance, name) for name in concrete},
        )
        history.save(using=router.db_for_write(type(history)))
        self.create_historical_record_m2ms(history, instance)
        return history

    def get_history_user(self, instance):
        """The instance's ``_history_user``, the ``acting_as`` actor, the request's user, or
        the system actor: every revision names someone (deletions included)."""
        user = getattr(instance, "_history_user", None) or _actor.get()
        if user is not None:
            return user
        request_user = getattr(getattr(self.context, "request", None), "user", None)
        if request_user is not None and request_user.is_authenticated:
            return request_user
        return system_actor("system")

    def differs(self, revision, instance, fields=None):
        """Whether ``instance`` (``fields``, by default all tracked, and relations) differs
        from ``revision``."""
        if fields is None:
            fields = [f.attname for f in self.fields_included(instance)]
        if any(getattr(revision, name) != getattr(instance, name) for name in fields):
            return True
        return any(
            self.relation_rows(revision, m2m) != self.current_relation_rows(instance, m2m)
            for m2m in revision._history_m2m_fields
        )

    def relation_rows(self, revision, m2m):
        """A revision's copy of one relation, as comparable tuples."""
        columns = self._relation_columns(m2m)
        return sorted(self.m2m_models[m2m].objects.filter(history=revision).values_list(*columns))

    def current_relation_rows(self, instance, m2m):
        through = m2m.remote_field.through
        columns = self._relation_columns(m2m)
        rows = through.objects.filter(**{m2m.m2m_field_name(): instance.pk})
        return sorted(rows.values_list(*columns))

    def _relation_columns(self, m2m):
        through = m2m.remote_field.through
        skip = {through._meta.pk.attname, through._meta.get_field(m2m.m2m_field_name()).attname}
        return [f.attname for f in through._meta.concrete_fields if f.attname not in skip]
