from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from editorial import views as editorial_views
from editorial.sitemaps import AuthorSitemap
from events import sitemaps
from events.views import sitemap_index
from history_site.page_cache import public_page

SITEMAPS = {
    "articles": sitemaps.ArticleSitemap,
    "days": sitemaps.DaySitemap,
    "topics": sitemaps.TopicSitemap,
    "authors": AuthorSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("privacy/", editorial_views.privacy, name="privacy"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("editorial.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("images/", include("images.urls")),
    path("", include("events.urls")),
]
