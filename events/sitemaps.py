"""Sitemaps of the public pages: articles, day pages and topics (authors: editorial.sitemaps).

Only live articles appear (drafts, previews, earlier versions and unpublished articles never do),
each with Last Updated as ``lastmod``; day and topic pages take the latest Last Updated of their
articles, and list only days and topics that have one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import PublishedEvent, Topic


class PublicSitemap(Sitemap):
    """Addresses on ``settings.SITE_URL``, like every other absolute link the site gives out."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(PublicSitemap):
    def items(self):
        return PublishedEvent.objects.only("slug", "month", "day", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return PublishedEvent.objects.aggregate(latest=Max("updated_at"))["latest"]


class DaySitemap(PublicSitemap):
    def items(self):
        return (
            PublishedEvent.objects.known_to_the_day()
            .values("month", "day")
            .annotate(updated_at=Max("updated_at"))
            .order_by("month", "day")
        )

    def location(self, item):
        return reverse("events:day", args=[item["month"], item["day"]])

    def lastmod(self, item):
        return item["updated_at"]

    def get_latest_lastmod(self):
        return PublishedEvent.objects.aggregate(latest=Max("updated_at"))["latest"]


class WithLiveArticlesSitemap(PublicSitemap):
    """Pages of a ``model`` (topics, authors) that have at least one live article, each last
    modified when the latest of those articles was updated."""

    model = None

    def items(self):
        return (
            self.model.objects.filter(published_events__isnull=False)
            .annotate(updated_at=Max("published_events__updated_at"))
            .only("slug")
            .order_by("name")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.aggregate(latest=Max("published_events__updated_at"))["latest"]


class TopicSitemap(WithLiveArticlesSitemap):
    model = Topic
