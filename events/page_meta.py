"""What a public page tells machines about itself: canonical address, description, social cards
(OpenGraph, Twitter) and schema.org JSON-LD.

Every address here is absolute on ``settings.SITE_URL``, the site's one public origin, so a page,
its feed items, its sitemap entry and its API record name the same URL whatever Host header a
request came with.
"""

import dataclasses
import datetime

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator

from images.renditions import card_url, square_url

DESCRIPTION_LENGTH = 160
SOCIAL_CARD = ("img/social-card.png", 1200, 630)
LOGO = ("img/logo.png", 600, 60)


def absolute_url(url):
    """``url`` on the site's public origin; URLs that are already absolute pass through."""
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def describe(text):
    """Plain text cut to a meta description's length at a word boundary."""
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def iso_datetime(value):
    return value.isoformat(timespec="seconds")


@dataclasses.dataclass
class PageMeta:
    """The head of one public page: rendered by ``includes/page_meta.html`` in base.html."""

    title: str
    description: str
    path: str
    type: str = "website"
    image: str = ""
    image_alt: str = ""
    robots: str = ""
    published_at: datetime.datetime | None = None
    modified_at: datetime.datetime | None = None
    authors: list = dataclasses.field(default_factory=list)
    tags: list = dataclasses.field(default_factory=list)
    feeds: list = dataclasses.field(default_factory=list)
    json_ld: list = dataclasses.field(default_factory=list)

    def __post_init__(self):
        self.description = describe(self.description)

    @property
    def url(self):
        return absolute_url(self.path)

    @property
    def image_url(self):
        return absolute_url(self.image) if self.image else social_card_url()

    @property
    def image_size(self):
        """Width and height: the site's card, or a library image's card, are both 1200×630."""
        return SOCIAL_CARD[1:]


def social_card_url():
    return absolute_url(static(SOCIAL_CARD[0]))


def event_image_url(event):
    """The article's own image, else the site's social card (every article needs one)."""
    return absolute_url(card_url(event.hero_image)) if event.hero_image else social_card_url()


def feed_link(title, url_name, *args):
    kind = "application/atom+xml" if url_name.endswith("atom") else "application/rss+xml"
    return {"title": title, "type": kind, "url": absolute_url(reverse(url_name, args=args))}


def site_feeds():
    return [
        feed_link(f"{settings.SITE_NAME}: latest stories", "events:feed_latest_rss"),
        feed_link(f"{settings.SITE_NAME}: latest stories (Atom)", "events:feed_latest_atom"),
    ]


# schema.org JSON-LD


def breadcrumbs(*crumbs):
    """A BreadcrumbList from the home page down: ``crumbs`` are (name, path) pairs."""
    items = [(settings.SITE_NAME, reverse("events:home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(items, start=1)
        ],
    }


def website():
    """The home page's WebSite, with the search box search engines may offer."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute_url(reverse("events:home")),
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("events:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def publisher():
    path, width, height = LOGO
    return {
        "@type": "Organization",
        "name": settings.SITE_PUBLISHER,
        "url": absolute_url(reverse("events:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(path)),
            "width": width,
            "height": height,
        },
    }


def author_entity(author, *, with_context=False):
    """A Person, or an Organization listing its members (memberships prefetched)."""
    data = {
        "@type": "Organization" if author.is_team else "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
    }
    if author.is_team:
        data["member"] = [
            {
                "@type": "Person",
                "name": membership.member.name,
                "url": absolute_url(membership.member.get_absolute_url()),
            }
            for membership in author.memberships.all()
        ]
    if with_context:
        data = {"@context": "https://schema.org", **data}
        if author.bio:
            data["description"] = author.bio
        if author.photo:
            data["image"] = absolute_url(square_url(author.photo))
    return data


def item_list(events):
    """The articles of a list page, in the order shown."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": absolute_url(event.get_absolute_url()),
                "name": event.title,
            }
            for position, event in enumerate(events, start=1)
        ],
    }


def news_article(event, *, live, url, authors, topics, corrections, version_url):
    """The NewsArticle for an article or one version of it (``event``)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(event.title).chars(110),
        "description": event.dek_text,
        "image": [event_image_url(event)],
        "datePublished": iso_datetime(event.published_at),
        "dateModified": iso_datetime(event.updated_at),
        "author": [author_entity(author) for author in authors],
        "publisher": publisher(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute_url(live.get_absolute_url())},
        "url": url,
        "inLanguage": settings.LANGUAGE_CODE.split("-")[0],
        "isAccessibleForFree": True,
        "about": {
            "@type": "Event",
            "name": event.title,
            "startDate": event.iso_date,
        },
    }
    if topics:
        data["articleSection"] = [topic.name for topic in topics]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.change_note,
                "datePublished": iso_datetime(correction.history_date),
                "url": version_url(correction.history_id),
            }
            for correction in corrections
        ]
    return data
