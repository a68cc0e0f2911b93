from django.contrib import admin

from events.admin import RevisionAdmin

from .models import Author, TeamMembership


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    fk_name = "team"
    autocomplete_fields = ["member"]
    extra = 1
    verbose_name = "member"
    verbose_name_plural = "members (teams only, in order)"


@admin.register(Author)
class AuthorAdmin(RevisionAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamMembershipInline]
