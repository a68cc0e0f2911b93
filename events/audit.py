"""Checks that the public version log tells the truth (run by ``manage.py audit_history``)."""

from django.db.models import Count, Max, Min, Q

from revisions import audit as revisions_audit

from .models import CONTENT_FIELDS, Event, PublishedEvent
from .publishing import UPDATES

CHUNK = revisions_audit.CHUNK
RELATIONS = ["authors", "topics", "timeline"]


def versions_differing_from_what_was_published():
    """Each public version must be exactly the working-copy revision it was published from:
    same fields, same byline, topics and timeline. A phantom or rewritten version shows here."""
    versions = PublishedEvent.history.exclude(history_type="-")
    ids = list(versions.order_by("history_id").values_list("history_id", flat=True))
    fields = [*CONTENT_FIELDS, "id"]
    for start in range(0, len(ids), CHUNK):
        chunk = versions.filter(history_id__in=ids[start : start + CHUNK])
        rows = list(chunk.values("history_id", "event_id", "published_revision", *fields))
        sources = {
            row["history_id"]: row
            for row in Event.history.filter(
                history_id__in=[row["published_revision"] for row in rows]
            ).values("history_id", "id", *CONTENT_FIELDS)
        }
        relations = {
            name: (
                _relation_rows(PublishedEvent, name, [row["history_id"] for row in rows]),
                _relation_rows(Event, name, list(sources)),
            )
            for name in RELATIONS
        }
        for row in rows:
            source = sources.get(row["published_revision"])
            where = f"Public version #{row['history_id']} of article #{row['id']}"
            if source is None or source["id"] != row["event_id"]:
                yield f"{where} names revision #{row['published_revision']}, not one of its own."
                continue
            changed = [name for name in CONTENT_FIELDS if row[name] != source[name]]
            for name in RELATIONS:
                public, working = relations[name]
                if public[row["history_id"]] != working[source["history_id"]]:
                    changed.append(name)
            if changed:
                yield (
                    f"{where} differs from revision #{source['history_id']} it was published "
                    f"from, in {', '.join(changed)}."
                )


def _relation_rows(model, name, history_ids):
    """{revision id: sorted (target, position) of one relation} for these revisions."""
    m2m = model._meta.get_field(name)
    target = f"{m2m.m2m_reverse_field_name()}_id"
    history_model = model._revision_records.m2m_models[m2m]
    columns = [target, "position"] if name == "authors" else [target]
    found = {history_id: [] for history_id in history_ids}
    rows = history_model.objects.filter(history_id__in=history_ids).values_list(
        "history_id", *columns
    )
    for history_id, *values in rows:
        found[history_id].append(tuple(values))
    return {history_id: sorted(values) for history_id, values in found.items()}


def publishes_recorded_twice():
    """One publish is one public version: two identical versions of one revision are a phantom.

    (Publishing a revision again with a new note, say a correction notice, is a new version.)
    """
    twice = (
        PublishedEvent.history.exclude(history_type="-")
        .values("id", "published_revision", "change_kind", "change_note")
        .annotate(versions=Count("history_id"))
        .filter(versions__gt=1)
    )
    for row in twice:
        yield (
            f"Article #{row['id']} has {row['versions']} public versions of revision "
            f"#{row['published_revision']}."
        )


def dates_disagreeing_with_history():
    """Published is when the article first went live; Last Updated the latest substantive
    update or correction that went live (or Published, if none)."""
    dates = (
        PublishedEvent.history.values("id")
        .annotate(
            first=Min("history_date"),
            updated=Max(
                "history_date",
                filter=Q(change_kind__in=UPDATES) & ~Q(history_type="-"),
            ),
        )
        .order_by()
    )
    by_id = {row["id"]: row for row in dates}
    for live in PublishedEvent.objects.only("published_at", "updated_at").iterator(CHUNK):
        row = by_id.get(live.pk)
        if row is None:
            continue
        if live.published_at != row["first"]:
            yield (
                f"Article #{live.pk}: Published is {live.published_at:%Y-%m-%d %H:%M}, but its "
                f"first version went live {row['first']:%Y-%m-%d %H:%M}."
            )
        updated = row["updated"] or live.published_at
        if live.updated_at != updated:
            yield (
                f"Article #{live.pk}: Last Updated is {live.updated_at:%Y-%m-%d %H:%M}, but "
                f"its history says {updated:%Y-%m-%d %H:%M}."
            )


def statuses_disagreeing_with_the_public_page():
    """“Published” means the public sees exactly the latest revision."""
    latest = revisions_audit.latest_revision_ids(Event)
    live = dict(PublishedEvent.objects.values_list("event_id", "published_revision"))
    published = Event.objects.filter(status=Event.Status.PUBLISHED).values_list("pk", flat=True)
    for pk in published.iterator(CHUNK):
        if pk not in live:
            yield f"Article #{pk} says it is published, but it is not live."
        elif live[pk] != latest.get(pk):
            yield (
                f"Article #{pk} says it is published, but the public sees revision "
                f"#{live[pk]}, not its latest #{latest.get(pk)}."
            )


def findings():
    yield from revisions_audit.findings()
    yield from versions_differing_from_what_was_published()
    yield from publishes_recorded_twice()
    yield from dates_disagreeing_with_history()
    yield from statuses_disagreeing_with_the_public_page()
