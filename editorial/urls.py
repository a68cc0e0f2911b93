from django.urls import path

from . import views

app_name = "editorial"
urlpatterns = [
    path("<slug:slug>/", views.author, name="author"),
]
