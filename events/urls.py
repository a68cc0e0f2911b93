from django.urls import path, re_path, register_converter

from history_site.page_cache import public_page

from . import api, feeds, views
from .converters import MonthConverter

register_converter(MonthConverter, "month")

app_name = "events"
urlpatterns = [
    path("", views.home, name="home"),
    path("this-day-in-history/<month:month>/", views.month, name="month"),
    path("this-day-in-history/<month:month>/<int:day>/", views.day, name="day"),
    path("this-day-in-history/<month:month>/<int:day>/<slug:slug>/", views.article, name="article"),
    path(
        "this-day-in-history/<month:month>/<int:day>/<slug:slug>/versions/",
        views.version_list,
        name="version_list",
    ),
    path(
        "this-day-in-history/<month:month>/<int:day>/<slug:slug>/versions/<int:version_id>/",
        views.version,
        name="version",
    ),
    path("topics/", views.topics, name="topics"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/latest.rss", public_page(feeds.LatestFeed()), name="feed_latest_rss"),
    path("feeds/latest.atom", public_page(feeds.LatestAtomFeed()), name="feed_latest_atom"),
    path("feeds/topics/<slug:slug>.rss", public_page(feeds.TopicFeed()), name="feed_topic_rss"),
    path(
        "feeds/topics/<slug:slug>.atom", public_page(feeds.TopicAtomFeed()), name="feed_topic_atom"
    ),
    path(
        "feeds/corrections.rss", public_page(feeds.CorrectionsFeed()), name="feed_corrections_rss"
    ),
    path(
        "feeds/corrections.atom",
        public_page(feeds.CorrectionsAtomFeed()),
        name="feed_corrections_atom",
    ),
    # Any two path segments, so that 13/45 or ab/cd get a JSON 400 rather than an HTML 404.
    re_path(
        r"^api/onthisday/(?P<month>[^/]+)/(?P<day>[^/]+)/$",
        public_page(api.onthisday),
        name="api_onthisday",
    ),
    path("api/events/<slug:slug>/", public_page(api.event_detail), name="api_event"),
]
