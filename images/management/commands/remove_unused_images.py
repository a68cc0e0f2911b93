import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from images.cleanup import remove_unused
from revisions.history import system_actor


class Command(BaseCommand):
    help = (
        "Remove library images nothing uses (not an article, revision, published version or "
        "author) after a grace period, stale crops and orphaned files. Safe to run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-days",
            type=int,
            default=30,
            help="Keep unused images uploaded fewer than this many days ago (default 30).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, remove nothing.")

    def handle(self, *args, grace_days, dry_run, **options):
        done = remove_unused(
            now=timezone.now(),
            grace=datetime.timedelta(days=grace_days),
            by=system_actor("remove_unused_images"),
            dry_run=dry_run,
        )
        verb = "Would remove" if dry_run else "Removed"
        for label, items in [
            ("unused images", done.images),
            ("stale renditions", done.renditions),
            ("orphaned files", done.files),
        ]:
            self.stdout.write(f"{verb} {len(items)} {label}.")
            for item in items:
                self.stdout.write(f"  {item}")
