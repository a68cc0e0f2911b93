from django.conf import settings

# Retention periods in days, for the privacy notes beside the reader forms.
RETENTION_DAYS = {name: period.days for name, period in settings.RETENTION.items()}


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "RETENTION_DAYS": RETENTION_DAYS,
    }
