"""Load the demo site: staff, topics and articles with a few years of backdated revisions.

Idempotent: anything whose slug already exists is left alone, so running it again adds nothing,
not even a revision.
"""

import contextlib
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.models import Author
from events.models import Calendar, DatePrecision, Event, Topic
from events.publishing import publish, save_edit
from images import demo as demo_images
from revisions.history import acting_as, revision, system_actor

from . import _demo_data as data

# Drafts never published were started recently; published articles a few days before going live.
DRAFTS_STARTED_AT = datetime.datetime(2026, 9, 14, 15, tzinfo=datetime.UTC)
DRAFTING_TIME = datetime.timedelta(days=3)


class Command(BaseCommand):
    help = "Load demo authors, topics and events. Safe to run again: existing slugs are skipped."

    def handle(self, *args, **options):
        with (
            transaction.atomic(),
            acting_as(system_actor("load_demo_content")) as actor,
        ):
            authors = self._load_authors()
            topics = {spec["slug"]: _get_or_create(Topic, spec)[0] for spec in data.TOPICS}
            created, skipped = self._load_events(authors, topics)
            published = 0
            for event, spec in created:
                if spec["published_at"] is not None:
                    _publish_with_revisions(event, spec, actor)
                    published += 1
        self.stdout.write(
            f"Created {len(created)} events ({published} published, "
            f"{len(created) - published} drafts), skipped {skipped} existing."
        )

    def _load_authors(self):
        people = {spec["slug"]: _get_or_create(Author, spec)[0] for spec in data.PEOPLE}
        team, team_created = _get_or_create(Author, data.TEAM, kind=Author.Kind.TEAM)
        if team_created:
            with revision(team, reason="Demo content", at=data.SITE_LAUNCHED_AT):
                for position, person in enumerate(people.values()):
                    team.members.add(person, through_defaults={"position": position})
        return {team.slug: team, **people}

    def _load_events(self, authors, topics):
        slugs = [spec["slug"] for spec in data.EVENTS]
        existing = set(Event.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        # Each new event's first draft, timeline included, is one revision: the blocks stay
        # open until every event exists to be linked.
        with contextlib.ExitStack() as first_drafts:
            created = []
            for spec in data.EVENTS:
                if spec["slug"] in existing:
                    continue
                event = _new_event(spec)
                published_at = spec["published_at"]
                drafted_at = published_at - DRAFTING_TIME if published_at else DRAFTS_STARTED_AT
                first_drafts.enter_context(revision(event, reason="First draft", at=drafted_at))
                event.save()
                for position, slug in enumerate(spec["authors"]):
                    event.authors.add(authors[slug], through_defaults={"position": position})
                event.topics.add(*(topics[slug] for slug in spec["topics"]))
                created.append((event, spec))
            _link_timelines({event.slug: event for event, _ in created})
        return created, len(existing)


def _get_or_create(model, spec, **extra):
    instance = model.objects.filter(slug=spec["slug"]).first()
    if instance is not None:
        return instance, False
    instance = model(**spec, **extra)
    instance.full_clean()
    instance._history_date = data.SITE_LAUNCHED_AT
    instance._change_reason = "Demo content"
    if model is Author:
        instance.photo = demo_images.author_portrait(
            slug=instance.slug, name=instance.name, is_team=instance.is_team,
            at=data.SITE_LAUNCHED_AT,
        )  # fmt: skip
    instance.save()
    return instance, True


def _new_event(spec):
    event = Event(
        title=spec["title"],
        slug=spec["slug"],
        year=spec["year"],
        month=spec["month"],
        day=spec["day"],
        calendar=spec.get("calendar", Calendar.GREGORIAN),
        date_precision=spec.get("date_precision", DatePrecision.DAY),
        dek=spec["dek"],
        body="\n\n".join(spec["body"]),
        is_featured=spec.get("is_featured", False),
    )
    event.hero_image = demo_images.event_illustration(
        slug=spec["slug"], title=spec["title"], caption=spec.get("hero_caption", "")
    )
    event.full_clean()
    return event


def _link_timelines(new_events):
    """Link each new event to the rest of its timelines; existing events are left as they are."""
    members = {slug for group in data.TIMELINES.values() for slug in group}
    events = {event.slug: event for event in Event.objects.filter(slug__in=members)}
    for group in data.TIMELINES.values():
        for slug in group:
            if slug in new_events:
                related = [events[other] for other in group if other != slug and other in events]
                new_events[slug].timeline.add(*related)


def _publish_with_revisions(event, spec, actor):
    publish(event, by=actor, substantive=False, at=spec["published_at"])
    for update in spec["revisions"]:
        event.refresh_from_db()
        if update["kind"] == "substantive":
            event.body = f"{event.body}\n\n{update['add']}"
        else:
            wrong, right = update["fix"]
            if wrong not in event.body:
                raise CommandError(f"{event.slug}: {wrong!r} is not in the body to correct.")
            event.body = event.body.replace(wrong, right)
        save_edit(event, by=actor, reason=update["note"], at=update["at"])
        publish(
            event,
            by=actor,
            substantive=update["kind"] == "substantive",
            correction=update["kind"] == "correction",
            note=update["note"],
            at=update["at"],
        )
