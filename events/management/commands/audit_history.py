from django.core.management.base import BaseCommand, CommandError

from events.audit import findings


class Command(BaseCommand):
    help = (
        "Check that every tracked row agrees with its history and that the public version log "
        "tells the truth. Exits non-zero on any inconsistency."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=50, help="Print at most this many findings (default 50)."
        )

    def handle(self, *args, limit, **options):
        count = 0
        for finding in findings():
            count += 1
            if count <= limit:
                self.stdout.write(finding)
        if count:
            if count > limit:
                self.stdout.write(f"… and {count - limit} more.")
            raise CommandError(f"{count} inconsistencies found.")
        self.stdout.write("History is consistent.")
