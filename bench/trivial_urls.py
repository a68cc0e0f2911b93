"""The project's URLs plus a trivial view, the yardstick every benchmark figure is divided by."""

from django.http import HttpResponse
from django.urls import path

from history_site.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-trivial/", trivial, name="bench-trivial"), *site_urlpatterns]
