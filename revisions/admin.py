"""The admin base of every tracked model: one revision per save, read-only history pages."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from history_site.admin import DeclaredFiltersOnly

from .history import revision


class RevisionForm(forms.ModelForm):
    """Every admin save asks why, and the answer becomes the revision's change reason."""

    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=300,
        help_text="Recorded in the history with your name, e.g. “Fixed date of the treaty”.",
    )


class RevisionAdmin(DeclaredFiltersOnly, SimpleHistoryAdmin):
    """Saves the row and its inlines as one revision, with the editor's name and reason; its
    lists accept only the filters and lookups they declare."""

    form = RevisionForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Old revisions are for reading only: simple-history's page would save a POST with view
        permission alone. Reverting goes through operations that check permissions."""
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def view_on_site(self, obj):
        """The public page at the site's real address (``SITE_URL``), not the Sites framework's
        example.com; none for an object the public cannot see."""
        path = self.public_path(obj)
        return f"{settings.SITE_URL}{path}" if path else None

    def public_path(self, obj):
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None

    def change_reason(self, form):
        return form.cleaned_data.get("change_reason", "")

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related`` saves the row with its relations, as one revision."""

    def save_related(self, request, form, formsets, change):
        with revision(form.instance, by=request.user, reason=self.change_reason(form)):
            form.instance.save()
            super().save_related(request, form, formsets, change)
