from django.urls import path

from . import views

app_name = "editorial"
urlpatterns = [
    path("authors/<slug:slug>/", views.author, name="author"),
    path("corrections/report/<slug:slug>/", views.report, name="report"),
    path("corrections/report/<slug:slug>/sent/", views.report_sent, name="report_sent"),
]
