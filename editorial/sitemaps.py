from django.db.models import Max

from events.sitemaps import PublicSitemap

from .models import Author


class AuthorSitemap(PublicSitemap):
    """Authors and teams with at least one live article in their byline."""

    def items(self):
        return (
            Author.objects.filter(published_events__isnull=False)
            .annotate(updated_at=Max("published_events__updated_at"))
            .only("slug")
            .order_by("name")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Author.objects.aggregate(latest=Max("published_events__updated_at"))["latest"]
