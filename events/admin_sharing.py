"""The share links' admin: every link made for an article, who made it, when it expires, and
a Revoke action. Links are made from the article's Share button (``events.sharing.share``)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from history_site.admin import DeclaredFiltersOnly

from . import sharing
from .models import ShareLink


def share_message(request, link, path):
    """What the editor who made ``link`` is told: the address (shown only now) and its expiry."""
    expires = date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")
    links_url = reverse("admin:events_sharelink_changelist") + f"?event__id__exact={link.event_id}"
    return format_html(
        "Share this preview link; it shows the article as saved now, until {}: {} "
        '(it is shown only this once). <a href="{}">This article\'s share links</a>',
        expires,
        request.build_absolute_uri(path),
        links_url,
    )


@admin.register(ShareLink)
class ShareLinkAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    list_display = ["event", "revision", "created_by", "created_at", "expires_at", "status"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter), "created_at"]
    list_select_related = ["event", "created_by", "revoked_by"]
    search_fields = ["event__title"]
    actions = ["revoke_selected"]
    fields = [
        "event",
        "revision",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
    ]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_event") or request.user.has_perm(
            "events.change_event"
        )

    def has_change_permission(self, request, obj=None):
        # Changing a link means revoking it, which ``sharing.revoke`` checks link by link.
        return request.user.has_perm("events.change_event")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A revoked link stays on record, with who revoked it.
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="Status")
    def status(self, link):
        return link.state(now=timezone.now()).label

    @admin.action(description="Revoke selected links", permissions=["change"])
    def revoke_selected(self, request, queryset):
        revoked = 0
        for link in queryset.select_related("event"):
            try:
                sharing.revoke(link, by=request.user)
            except PermissionDenied:
                self.message_user(
                    request, f"You may not revoke the link for “{link.event}”.", messages.ERROR
                )
            else:
                revoked += 1
        self.message_user(request, f"Revoked {revoked} link(s).", messages.SUCCESS)
