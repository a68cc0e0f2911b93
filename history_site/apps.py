from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "history_site.admin.NewsroomAdminSite"
