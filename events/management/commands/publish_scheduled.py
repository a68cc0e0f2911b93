from django.core.management.base import BaseCommand

from events.publishing import publish_due
from revisions.history import acting_as, system_actor


class Command(BaseCommand):
    help = "Publish scheduled articles whose time has come. Safe to run every minute from cron."

    def handle(self, *args, **options):
        actor = system_actor("publish_scheduled")
        with acting_as(actor):
            published = publish_due(by=actor)
        for live in published:
            self.stdout.write(f"Published “{live.title}” ({live.get_absolute_url()})")
        if options["verbosity"] > 1 or published:
            self.stdout.write(f"{len(published)} scheduled article(s) published.")
