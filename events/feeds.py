"""RSS and Atom feeds of the published articles and of the corrections.

Every item carries the plain-text summary, the byline, Published (``pubDate``/``published``) and
Last Updated (``updated``), and links on the site's public origin (``settings.SITE_URL``).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import PublishedEvent, Topic, public_corrections
from .page_meta import absolute_url

FEED_LENGTH = 30


class LatestFeed(Feed):
    """The newest articles, by when they went live."""

    url_name = "events:feed_latest_rss"
    author_name = settings.SITE_PUBLISHER
    language = settings.LANGUAGE_CODE

    def title(self, obj):
        return f"{settings.SITE_NAME}: latest stories"

    def description(self, obj):
        return f"The newest stories from {settings.SITE_NAME}."

    subtitle = description

    def link(self, obj):
        return absolute_url(reverse("events:home"))

    def feed_url(self, obj):
        return absolute_url(reverse(self.url_name, args=[obj.slug] if obj else []))

    def articles(self, obj):
        return PublishedEvent.objects.all()

    def items(self, obj):
        return (
            self.articles(obj)
            .order_by("-published_at", "-pk")
            .for_listing()
            .with_byline()
            .prefetch_related("topics")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek_text

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return ", ".join(byline.author.name for byline in item.bylines.all()) or None

    def item_author_link(self, item):
        bylines = item.bylines.all()
        return absolute_url(bylines[0].author.get_absolute_url()) if bylines else None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    url_name = "events:feed_latest_atom"


class TopicFeed(LatestFeed):
    url_name = "events:feed_topic_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return f"The newest stories about {obj.name} from {settings.SITE_NAME}."

    subtitle = description

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def articles(self, obj):
        return obj.published_events.all()


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed
    url_name = "events:feed_topic_atom"


class CorrectionsFeed(Feed):
    """Every correction published on a live article, newest first, linking the corrected version."""

    url_name = "events:feed_corrections_rss"
    author_name = settings.SITE_PUBLISHER
    language = settings.LANGUAGE_CODE

    def title(self):
        return f"{settings.SITE_NAME}: corrections"

    def description(self):
        return f"Every correction published by {settings.SITE_NAME}, newest first."

    subtitle = description

    def link(self):
        return absolute_url(reverse("events:corrections"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def items(self):
        corrections = list(public_corrections()[:FEED_LENGTH])
        # The articles' current titles and addresses, which may differ from the corrected version's.
        articles = PublishedEvent.objects.for_listing().in_bulk([c.id for c in corrections])
        return [(c, articles[c.id]) for c in corrections if c.id in articles]

    def item_title(self, item):
        correction, article = item
        return f"Correction to “{article.title}”"

    def item_description(self, item):
        return item[0].change_note

    def item_link(self, item):
        correction, article = item
        return absolute_url(
            reverse(
                "events:version",
                args=[article.month, article.day, article.slug, correction.history_id],
            )
        )

    def item_pubdate(self, item):
        return item[0].history_date

    def item_updateddate(self, item):
        return item[0].history_date


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    url_name = "events:feed_corrections_atom"
