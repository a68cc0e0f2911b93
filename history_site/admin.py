"""What every admin of the site shares: the site itself (its name, the dashboard), and lists
that accept only the filters they declare.

The stock changelist turns any leftover query-string parameter into a database lookup, so a
staff user could type ``?title__regex=…`` and make the database run a regular expression of
their choosing over every row. Here a list answers only what its ``list_filter``,
``date_hierarchy`` and ``search_fields`` offer (and plain equality on a filtered field,
``?month=7``), plus the ``limit_choices_to`` lookups that Django's own related-object pop-ups
send; anything else is refused with "400 Bad Request".
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ChangeList
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone


class DeclaredFiltersChangeList(ChangeList):
    def get_filters(self, request):
        filters = super().get_filters(request)
        # What is left once the declared filters and the date hierarchy have taken theirs.
        remaining = set(filters[2]) - self._date_hierarchy_lookups() - self._filtered_fields()
        undeclared = sorted(key for key in remaining if not self._is_popup_limit(key))
        if undeclared:
            raise DisallowedModelAdminLookup(f"Filtering by {', '.join(undeclared)} not allowed")
        return filters

    def _date_hierarchy_lookups(self):
        if not self.date_hierarchy:
            return set()
        return {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}

    def _filtered_fields(self):
        return {
            item[0] if isinstance(item, (list, tuple)) else item
            for item in self.list_filter
            if not isinstance(item, type)
        }

    def _is_popup_limit(self, key):
        value = self.filter_params.get(key, [None])[-1]
        for fk_lookup in self.model._meta.related_fkey_lookups:
            lookup = fk_lookup() if callable(fk_lookup) else fk_lookup
            if (key, value) in widgets.url_params_from_lookup_dict(lookup).items():
                return True
        return False


class DeclaredFiltersOnly:
    """Mix into a ModelAdmin (first) so its list accepts only the filters it declares."""

    def get_changelist(self, request, **kwargs):
        return DeclaredFiltersChangeList


class LabelledAutocompleteView(AutocompleteJsonView):
    """Autocomplete choices labelled by the model admin's ``autocomplete_label``, if it has one."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        return {**result, "text": label(obj)} if label else result


class NewsroomAdminSite(admin.AdminSite):
    """The admin under the site's own name, opening on the editors' dashboard."""

    index_template = "admin/dashboard.html"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME}: newsroom"

    @property
    def site_title(self):
        return f"{settings.SITE_NAME} newsroom"

    index_title = "What needs you"

    def index(self, request, extra_context=None):
        from editorial.dashboard import dashboard_for
        from events.notifications import wants_email

        context = {
            **(extra_context or {}),
            "dashboard": dashboard_for(request.user, now=timezone.now()),
            "time_zone": settings.TIME_ZONE,
            "wants_email": wants_email(request.user),
        }
        return super().index(request, context)

    def autocomplete_view(self, request):
        return LabelledAutocompleteView.as_view(admin_site=self)(request)

    def get_urls(self):
        return [
            path(
                "notifications/",
                self.admin_view(self.notifications_view),
                name="email_notifications",
            ),
            *super().get_urls(),
        ]

    def notifications_view(self, request):
        """The dashboard's "Email me about my work" switch."""
        from events.notifications import set_email_notifications

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        wants = request.POST.get("wants_email") == "on"
        set_email_notifications(request.user, wants_email=wants)
        messages.success(
            request, "Workflow emails are on." if wants else "Workflow emails are off."
        )
        return redirect("admin:index")
