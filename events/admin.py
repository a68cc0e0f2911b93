from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from .models import Byline, Event, Topic
from .publishing import publish


class RevisionForm(forms.ModelForm):
    """Every admin save asks why, and the answer becomes the revision's change reason."""

    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=300,
        help_text="Recorded in the history with your name, e.g. “Fixed date of the treaty”.",
    )


class RevisionAdmin(SimpleHistoryAdmin):
    form = RevisionForm

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)


class EventForm(RevisionForm):
    era = forms.TypedChoiceField(
        choices=[(1, "AD"), (-1, "BC")], coerce=int, initial=1, label="Era"
    )
    publish_change = forms.ChoiceField(
        label="After saving",
        required=False,
        choices=[
            ("", "Keep as a draft: the public page does not change"),
            ("minor", "Publish as a minor change (typo, formatting): Last Updated stays"),
            (
                "substantive",
                "Publish as a substantive update (facts, new material): Last Updated moves",
            ),
        ],
    )
    update_note = forms.CharField(
        label="Public note on this update",
        max_length=300,
        required=False,
        help_text="Shown to readers with a substantive update, e.g. “Added the treaty's terms”.",
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "year",
            "month",
            "day",
            "dek",
            "body",
            "hero_image",
            "hero_alt",
            "hero_caption",
            "hero_credit",
            "topics",
            "timeline",
            "is_featured",
        ]
        widgets = {"year": forms.NumberInput(attrs={"min": 1})}
        help_texts = {"year": "The year as written, e.g. 44 with era BC, or 1990 with era AD."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_reason"].required = bool(self.instance.pk)
        if self.instance.pk and self.instance.year is not None and self.instance.year < 0:
            self.initial["year"] = -self.instance.year
            self.initial["era"] = -1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and year < 1:
            raise ValidationError("Enter the year as a positive number and choose the era.")
        return year

    def _post_clean(self):
        year, era = self.cleaned_data.get("year"), self.cleaned_data.get("era")
        if year is not None and era is not None:
            self.cleaned_data["year"] = year * era
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish_change") == "substantive" and not cleaned.get("update_note"):
            self.add_error("update_note", "Tell readers what this substantive update changed.")
        return cleaned


class BylineInline(admin.TabularInline):
    model = Byline
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"


@admin.register(Event)
class EventAdmin(RevisionAdmin):
    form = EventForm
    inlines = [BylineInline]
    list_display = ["title", "date_display", "status", "live_state"]
    list_filter = ["status", "month", "topics"]
    search_fields = ["title", "slug", "dek"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "timeline"]
    readonly_fields = ["status", "created_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("year", "era"), ("month", "day"), "dek", "body"]}),
        ("Image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("Related", {"fields": ["topics", "timeline", "is_featured"]}),
        ("Save", {"fields": ["change_reason", "publish_change", "update_note", "status"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_publishing_state()

    @admin.display(description="Event date", ordering="month")
    def date_display(self, event):
        return event.date_display

    @admin.display(description="On the site")
    def live_state(self, event):
        if not event.is_live:
            return "Not live"
        if event.has_unpublished_changes:
            return "Live, with unpublished changes"
        return "Live"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        kind = form.cleaned_data.get("publish_change")
        if not kind:
            return
        try:
            publish(
                form.instance,
                by=request.user,
                substantive=kind == "substantive",
                note=form.cleaned_data.get("update_note", ""),
            )
        except ValidationError as error:
            self.message_user(
                request, f"Saved, but not published: {' '.join(error.messages)}", messages.ERROR
            )
        else:
            self.message_user(request, "Published. The public page now shows this version.")


@admin.register(Topic)
class TopicAdmin(RevisionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
