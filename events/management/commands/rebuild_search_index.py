from django.core.management.base import BaseCommand

from events import search


class Command(BaseCommand):
    help = (
        "Write the search document of every live article again, after a bulk load "
        "(publishing and renaming an author or a topic keep the index in step otherwise)."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Indexed {count} live article{'s' if count != 1 else ''}.")
