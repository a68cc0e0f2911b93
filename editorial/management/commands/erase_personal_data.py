from django.core.management.base import BaseCommand

from history_site.privacy import erase_personal_data
from revisions.history import acting_as, system_actor


class Command(BaseCommand):
    help = (
        "Remove or anonymise everything tied to an email address: newsletter subscriber, "
        "consent record and delivery log, fact-check reports' contact details, and their "
        "history rows. Says what it did."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The address to erase.")

    def handle(self, *args, email, **options):
        with acting_as(system_actor("erase_personal_data")):
            erasure = erase_personal_data(email)
        self.stdout.write(f"Erased personal data for {email}:")
        for line in erasure.lines():
            self.stdout.write(f"  {line}")
