from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The project's own deployment checks (the project package is not an app).
        import history_site.checks  # noqa: F401

        # The share links' admin lives in its own module, beside the articles' admin.
        from . import admin_sharing  # noqa: F401
