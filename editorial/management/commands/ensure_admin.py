import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the development admin login if it does not exist, and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            if password_file.exists():
                password = password_file.read_text().strip()
                message = f"Log in at {url} as {username} / {password}"
            else:
                message = (
                    f"Log in at {url} as {username} "
                    f"(reset with: python manage.py changepassword {username})"
                )
            self.stdout.write(message)
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the admin login. Log in at {url} as {username} / {password}"
            )
        )
