import argparse
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateformat import format as format_date

from newsletter.sending import send_daily_email
from revisions.history import acting_as, system_actor


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-01-15.") from None


class Command(BaseCommand):
    help = (
        "Send one day's email to every confirmed subscriber who has not had it yet. Safe to run "
        "again: nobody gets a second copy, and copies that failed are tried again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, help="YYYY-MM-DD (default: today in the site's TIME_ZONE)"
        )
        parser.add_argument(
            "--batch-size", type=int, default=100, help="subscribers read per query (100)"
        )

    def handle(self, *args, date=None, batch_size=100, **options):
        day = date or timezone.localdate()
        self.batch_size = max(1, batch_size)
        self.on_terminal = self.stdout.isatty()
        with acting_as(system_actor("send_daily_email")):
            report = send_daily_email(
                day=day, batch_size=self.batch_size, on_progress=self.show_progress
            )
        when = format_date(day, "F j, Y")
        if not report.has_stories:
            self.stdout.write(f"No stories are published for {when}; nothing was sent.")
            return
        if self.on_terminal and report.total:
            self.stdout.write("")
        self.stdout.write(
            f"{when}: sent {report.sent} of {report.total}"
            + (f"; {report.already_sent} already had it" if report.already_sent else "")
            + "."
        )
        if report.skipped:
            self.stdout.write(f"{report.skipped} were being sent by another run at the same time.")
        if report.failed:
            self.stderr.write(
                f"{report.failed} failed; they are listed under Deliveries in the admin and "
                "are tried again when this command runs again for this date."
            )
        if report.unfinished:
            self.stderr.write(
                f"{report.unfinished} are being sent by another run (or were left by one "
                "that stopped abruptly in the last "
                f"{settings.NEWSLETTER_SENDING_LEASE_SECONDS // 60} minutes); a run after "
                "that takes them over."
            )

    def show_progress(self, report):
        """A live count on a terminal; a line per batch in a log."""
        if self.on_terminal:
            self.stdout.write(f"\r{self.progress_line(report)}", ending="")
            self.stdout.flush()
        elif report.done % self.batch_size == 0:
            self.stdout.write(self.progress_line(report))

    @staticmethod
    def progress_line(report):
        failed = f" ({report.failed} failed)" if report.failed else ""
        return f"Sent {report.sent} / {report.total}{failed}"
