from events.sitemaps import WithLiveArticlesSitemap

from .models import Author


class AuthorSitemap(WithLiveArticlesSitemap):
    """Authors and teams with at least one live article in their byline."""

    model = Author
