from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from events.feeds import LatestFeed
from events.page_meta import absolute_url

from .models import Author


class AuthorFeed(LatestFeed):
    """The newest articles with this author (or team) in the byline."""

    url_name = "editorial:feed_author_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: stories by {obj.name}"

    def description(self, obj):
        return f"The newest stories by {obj.name} from {settings.SITE_NAME}."

    subtitle = description

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def articles(self, obj):
        return obj.published_events.all()


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    url_name = "editorial:feed_author_atom"
