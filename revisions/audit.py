"""Checks that every tracked model's rows agree with their revision history.

Each check yields findings (plain sentences). They read in chunks, so they run on a database of
any size without loading it whole.
"""

from collections import defaultdict

from django.apps import apps
from django.db.models import Max

CHUNK = 2000


def tracked_models():
    return [model for model in apps.get_models() if hasattr(model, "_revision_records")]


def latest_revision_ids(model, ids=None):
    """{object id: id of its latest revision}, for ``ids`` or every object with a history."""
    history = model.history.model.objects.all()
    if ids is not None:
        history = history.filter(id__in=ids)
    return dict(history.values("id").annotate(latest=Max("history_id")).values_list("id", "latest"))


def rows_differing_from_their_latest_revision(model):
    """Every row must equal its latest revision, relations included: a change that left no
    revision (``QuerySet.update``, a raw write, a relation changed on the side) shows here."""
    records = model._revision_records
    history_model = model.history.model
    fields = [field.attname for field in records.fields_included(model)]
    m2ms = records.get_m2m_fields_from_model(model)
    ids = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
    name = model._meta.verbose_name
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        latest = latest_revision_ids(model, chunk)
        rows = {row["id"]: row for row in model._base_manager.filter(pk__in=chunk).values(*fields)}
        revisions = {
            row["id"]: row
            for row in history_model.objects.filter(history_id__in=latest.values()).values(
                *fields, "history_id", "history_type"
            )
        }
        for pk in chunk:
            revision = revisions.get(pk)
            if revision is None or revision["history_type"] == "-":
                yield f"{name} #{pk} exists but its history has no revision of it."
                continue
            changed = [f for f in fields if rows[pk][f] != revision[f]]
            if changed:
                yield (
                    f"{name} #{pk} differs from its latest revision "
                    f"#{revision['history_id']} in {', '.join(changed)}."
                )
        for m2m in m2ms:
            now = _through_rows(records, m2m, chunk)
            recorded = _history_rows(records, m2m, {latest[pk]: pk for pk in chunk if pk in latest})
            for pk in chunk:
                if pk in revisions and sorted(now[pk]) != sorted(recorded[pk]):
                    yield (
                        f"{name} #{pk}: its {m2m.name} differ from its latest revision "
                        f"#{revisions[pk]['history_id']}."
                    )


def _through_rows(records, m2m, owner_ids):
    through = m2m.remote_field.through
    owner = f"{m2m.m2m_field_name()}_id"
    columns = records._relation_columns(m2m)
    found = defaultdict(list)
    for row in through.objects.filter(**{f"{owner}__in": owner_ids}).values_list(owner, *columns):
        found[row[0]].append(row[1:])
    return found


def _history_rows(records, m2m, owner_by_revision):
    columns = records._relation_columns(m2m)
    found = defaultdict(list)
    rows = records.m2m_models[m2m].objects.filter(history_id__in=list(owner_by_revision))
    for row in rows.values_list("history_id", *columns):
        found[owner_by_revision[row[0]]].append(row[1:])
    return found


def deleted_rows_with_live_history(model):
    """An object whose latest revision says it exists must exist."""
    existing = set(model._base_manager.values_list("pk", flat=True))
    latest = latest_revision_ids(model)
    types = dict(
        model.history.model.objects.filter(history_id__in=latest.values()).values_list(
            "id", "history_type"
        )
    )
    for pk, history_type in types.items():
        if history_type != "-" and pk not in existing:
            yield (
                f"{model._meta.verbose_name} #{pk} is gone, but no revision records its deletion."
            )


def revisions_without_a_user(model):
    count = model.history.filter(history_user__isnull=True).count()
    if count:
        yield f"{count} revision(s) of {model._meta.verbose_name_plural} name no user."


def findings():
    """Every finding of every generic check, on every tracked model."""
    for model in tracked_models():
        yield from rows_differing_from_their_latest_revision(model)
        yield from deleted_rows_with_live_history(model)
        yield from revisions_without_a_user(model)
