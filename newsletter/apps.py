from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Daily email"
    default_auto_field = "django.db.models.BigAutoField"
