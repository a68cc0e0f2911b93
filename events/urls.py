from django.urls import path, register_converter

from . import views
from .converters import MonthConverter

register_converter(MonthConverter, "month")

app_name = "events"
urlpatterns = [
    path("", views.home, name="home"),
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
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
]
