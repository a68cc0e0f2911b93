from django.urls import path

from history_site.page_cache import public_page

from . import feeds, views

app_name = "editorial"
urlpatterns = [
    path("about/", views.about, name="about"),
    path("authors/", views.authors, name="authors"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("corrections/report/<slug:slug>/", views.report, name="report"),
    path("corrections/report/<slug:slug>/sent/", views.report_sent, name="report_sent"),
    path("feeds/authors/<slug:slug>.rss", public_page(feeds.AuthorFeed()), name="feed_author_rss"),
    path(
        "feeds/authors/<slug:slug>.atom",
        public_page(feeds.AuthorAtomFeed()),
        name="feed_author_atom",
    ),
]
