from django.conf import settings

SITE_DESCRIPTION = (
    "Events that happened on this day in history, written and checked by our editors."
)


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": SITE_DESCRIPTION,
    }
