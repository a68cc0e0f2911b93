from django.core.management.base import BaseCommand
from django.utils import timezone

from history_site.privacy import apply_retention
from revisions.history import acting_as, system_actor


class Command(BaseCommand):
    help = (
        "Delete or anonymise personal data kept longer than the RETENTION settings allow. "
        "Safe to run from cron as often as you like: each run removes only what is due."
    )

    def handle(self, *args, **options):
        with acting_as(system_actor("apply_retention")):
            erasure = apply_retention(now=timezone.now())
        if not erasure.counts:
            self.stdout.write("Nothing was due for removal.")
            return
        for line in erasure.lines():
            self.stdout.write(line)
