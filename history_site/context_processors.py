from django.conf import settings
from django.utils import timezone

# Retention periods in days, for the privacy notes beside the reader forms.
RETENTION_DAYS = {name: period.days for name, period in settings.RETENTION.items()}
SITE_DESCRIPTION = (
    "Events that happened on this day in history, written and checked by our editors."
)


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "RETENTION_DAYS": RETENTION_DAYS,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": SITE_DESCRIPTION,
        # The header's Calendar link opens this month.
        "today_month": timezone.localdate().month,
    }
