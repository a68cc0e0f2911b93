from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import publishing, sharing
from .admin_sharing import share_message
from .compare import compare_revisions
from .models import Byline, Event, PublishedEvent, Topic
from .views import render_preview


class RevisionForm(forms.ModelForm):
    """Every admin save asks why, and the answer becomes the revision's change reason."""

    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=300,
        help_text="Recorded in the history with your name, e.g. “Fixed date of the treaty”.",
    )


class RevisionAdmin(SimpleHistoryAdmin):
    form = RevisionForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Old revisions are for reading only: simple-history's page would save a POST with view
        permission alone. Reverting goes through ``revert_to``, which checks permissions."""
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

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
            (
                "correction",
                "Publish as a correction (shown to readers as a correction note): "
                "Last Updated moves",
            ),
        ],
    )
    update_note = forms.CharField(
        label="Public note on this update",
        max_length=300,
        required=False,
        help_text="Shown to readers in the article's list of updates, "
        "e.g. “Added the treaty's terms”. For a correction, say what was wrong: "
        "“Correction: An earlier version of this article misstated …”.",
    )
    based_on_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
        if self.instance.pk:
            self.fields["based_on_revision"].initial = self.instance.latest_revision_id()
            if self.instance.year is not None and self.instance.year < 0:
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
        kind = cleaned.get("publish_change")
        if kind == "substantive" and not cleaned.get("update_note"):
            self.add_error("update_note", "Tell readers what this substantive update changed.")
        elif kind == "correction" and not cleaned.get("update_note"):
            self.add_error("update_note", "Write the correction readers will see.")
        if self.instance.pk:
            self._refuse_stale_edit(cleaned.get("based_on_revision"))
        return cleaned

    def _refuse_stale_edit(self, based_on):
        """Optimistic locking: refuse a save built on a revision that is no longer the latest.

        The row stays locked until the admin's transaction ends, so two saves cannot both pass.
        """
        Event.objects.select_for_update().only("pk").get(pk=self.instance.pk)
        latest_id = self.instance.latest_revision_id()
        if not based_on or based_on == latest_id:
            return
        history = self.instance.history
        seen, latest = (
            history.filter(history_id=based_on).first(),
            history.get(history_id=latest_id),
        )
        changes = compare_revisions(seen, latest) if seen else [{"label": "the article"}]
        if not changes:
            return
        # Saving again now overwrites knowingly: the editor has been shown the conflict.
        self.data = self.data.copy()
        self.data[self.add_prefix("based_on_revision")] = latest_id
        when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
        compare_url = reverse("admin:events_event_compare", args=[self.instance.pk])
        raise ValidationError(
            format_html(
                "{} changed this article on {} while you were editing it ({}). "
                'Changed: {}. <a href="{}?from={}&amp;to={}">See their changes</a>. '
                "Your text is kept below: merge what you need, then save again to replace "
                "their version with yours.",
                latest.history_user or "Someone",
                when,
                latest.history_change_reason or "no reason given",
                ", ".join(change["label"] for change in changes),
                compare_url,
                based_on,
                latest_id,
            ),
            code="conflict",
        )


class BylineInline(admin.TabularInline):
    model = Byline
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"


class WorkflowForm(forms.Form):
    """The fields of the workflow buttons on the change page (publish, schedule, send back…)."""

    kind = forms.ChoiceField(
        choices=[
            ("minor", "Minor change"),
            ("substantive", "Substantive update"),
            ("correction", "Correction"),
        ],
        required=False,
    )
    note = forms.CharField(max_length=300, required=False)
    comment = forms.CharField(max_length=2000, required=False)
    reason = forms.CharField(max_length=300, required=False)
    publish_at = forms.DateTimeField(
        required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    revision = forms.IntegerField(required=False)


@admin.register(Event)
class EventAdmin(RevisionAdmin):
    form = EventForm
    inlines = [BylineInline]
    list_display = ["title", "date_display", "status", "live_state", "scheduled_at"]
    list_filter = ["status", "month", "topics"]
    search_fields = ["title", "slug", "dek"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "timeline"]
    readonly_fields = ["status", "review_comment", "created_by", "created_at"]
    actions = ["publish_selected", "unpublish_selected"]
    history_list_display = ["status", "published"]
    change_form_template = "admin/events/event/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", ("year", "era"), ("month", "day"), "dek", "body"]}),
        ("Image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("Related", {"fields": ["topics", "timeline", "is_featured"]}),
        (
            "Save",
            {
                "fields": [
                    "change_reason",
                    "publish_change",
                    "update_note",
                    "based_on_revision",
                    "status",
                    "review_comment",
                    "created_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_publishing_state()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm(publishing.PUBLISH):
            return fieldsets
        hidden = {"publish_change", "update_note"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not request.user.has_perm(publishing.PUBLISH):
            # Writers never see publishing choices, and a forged field is ignored.
            form.base_fields.pop("publish_change", None)
            form.base_fields.pop("update_note", None)
        return form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_publish_permission(self, request):
        return request.user.has_perm(publishing.PUBLISH)

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

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        published = PublishedEvent.history.filter(
            event_id=OuterRef("id"), published_revision=OuterRef("history_id")
        )
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .annotate(was_published=Exists(published))
        )

    @admin.display(description="Status")
    def status(self, record):
        return record.get_status_display()

    @admin.display(description="Published")
    def published(self, record):
        return "Yes, went live" if record.was_published else ""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif obj.status in RESET_ON_EDIT and set(form.changed_data) - FORM_ONLY_FIELDS:
            obj.return_to_draft()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event = form.instance
        if event.status in RESET_ON_EDIT and any(f.has_changed() for f in formsets):
            event.return_to_draft()
            event._change_reason = "Byline changed: back to draft"
            event.save()
        kind = form.cleaned_data.get("publish_change")
        if kind:
            self._run(
                request,
                "Published. The public page now shows this version.",
                publishing.publish,
                event,
                substantive=kind in SUBSTANTIVE_KINDS,
                note=form.cleaned_data.get("update_note", ""),
                correction=kind == "correction",
            )

    def _run(self, request, success, operation, event, **kwargs):
        try:
            operation(event, by=request.user, **kwargs)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return False
        self.message_user(request, success, messages.SUCCESS)
        return True

    @admin.action(description="Publish selected events (as minor changes)", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = sum(
            self._run(
                request, f"Published “{event}”.", publishing.publish, event, substantive=False
            )
            for event in queryset
        )
        self.message_user(request, f"{done} of {len(queryset)} published.")

    @admin.action(description="Unpublish selected events", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        reason = f"Unpublished from the events list by {request.user}"
        for event in queryset.filter(live__isnull=False):
            self._run(
                request, f"Unpublished “{event}”.", publishing.unpublish, event, reason=reason
            )

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="events_event_workflow",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="events_event_preview",
            ),
            path(
                "<path:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="events_event_compare",
            ),
        ]
        return urls + super().get_urls()

    def _event_for(self, request, object_id):
        event = self.get_object(request, object_id)
        if event is None or not self.has_view_or_change_permission(request, event):
            raise PermissionDenied
        return event

    def preview_view(self, request, object_id):
        return render_preview(request, self._event_for(request, object_id))

    def compare_view(self, request, object_id):
        event = self._event_for(request, object_id)
        revisions = list(event.history.select_related("history_user").order_by("-history_id"))
        by_id = {revision.history_id: revision for revision in revisions}
        new = by_id.get(_int(request.GET.get("to"))) or revisions[0]
        older = [r for r in revisions if r.history_id < new.history_id]
        default_old = by_id.get(getattr(event, "live", None) and event.live.published_revision)
        if default_old is None or default_old.history_id >= new.history_id:
            default_old = older[0] if older else new
        old = by_id.get(_int(request.GET.get("from"))) or default_old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": event,
            "title": f"Compare revisions of “{event}”",
            "revisions": revisions,
            "old": old,
            "new": new,
            "rows": compare_revisions(old, new),
            "can_revert": request.user.has_perm(publishing.PUBLISH),
        }
        return TemplateResponse(request, "admin/events/event/compare.html", context)

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        event = self._event_for(request, object_id)
        form = WorkflowForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Please check the values you entered.", messages.ERROR)
            return redirect("admin:events_event_change", event.pk)
        data = form.cleaned_data
        operations = {
            "submit": ("Submitted for review.", publishing.submit_for_review, {}),
            "approve": ("Approved.", publishing.approve, {}),
            "send-back": (
                "Sent back to the writer.",
                publishing.send_back,
                {"comment": data["comment"]},
            ),
            "publish": (
                "Published. The public page now shows this version.",
                publishing.publish,
                {
                    "substantive": data["kind"] in SUBSTANTIVE_KINDS,
                    "note": data["note"],
                    "correction": data["kind"] == "correction",
                },
            ),
            "schedule": (
                "Scheduled.",
                publishing.schedule,
                {
                    "publish_at": data["publish_at"],
                    "substantive": data["kind"] == "substantive",
                    "note": data["note"],
                },
            ),
            "cancel-schedule": ("Schedule cancelled.", publishing.cancel_schedule, {}),
            "unpublish": (
                "Unpublished. Its address now answers “410 Gone”.",
                publishing.unpublish,
                {"reason": data["reason"]},
            ),
            "revert": (
                "Reverted as a new revision. Publish it to make it live.",
                publishing.revert_to,
                {"revision_id": data["revision"]},
            ),
        }
        if action == "share":
            link, path = sharing.share(event, by=request.user)
            self.message_user(request, share_message(request, link, path), messages.SUCCESS)
        elif action not in operations:
            raise Http404("No such workflow action")
        else:
            success, operation, kwargs = operations[action]
            if action == "publish" and kwargs["correction"] and not kwargs["note"].strip():
                self.message_user(request, "Write the correction readers will see.", messages.ERROR)
            elif action == "publish" and kwargs["substantive"] and not kwargs["note"].strip():
                self.message_user(
                    request, "Tell readers what this substantive update changed.", messages.ERROR
                )
            elif action == "schedule" and kwargs["publish_at"] is None:
                self.message_user(request, "Choose when to publish.", messages.ERROR)
            elif action == "schedule" and data["kind"] == "correction":
                self.message_user(
                    request,
                    "Publish a correction now: corrections are not scheduled.",
                    messages.ERROR,
                )
            else:
                self._run(request, success, operation, event, **kwargs)
        if self.has_change_permission(request, event):
            return redirect("admin:events_event_change", event.pk)
        return redirect("admin:events_event_changelist")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        event = self.get_object(request, object_id)
        if event is not None:
            user = request.user
            extra_context = {
                **(extra_context or {}),
                "workflow": {
                    "event": event,
                    "live": getattr(event, "live", None),
                    "can_submit": event.status == Event.Status.DRAFT
                    and event.can_be_edited_by(user),
                    "can_review": user.has_perm(publishing.REVIEW),
                    "can_publish": user.has_perm(publishing.PUBLISH),
                    "can_share": user.has_perm("events.change_event"),
                },
            }
        return super().change_view(request, object_id, form_url, extra_context)


SUBSTANTIVE_KINDS = {"substantive", "correction"}
RESET_ON_EDIT = {Event.Status.APPROVED, Event.Status.SCHEDULED, Event.Status.PUBLISHED}
FORM_ONLY_FIELDS = {"change_reason", "publish_change", "update_note", "based_on_revision", "era"}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@admin.register(Topic)
class TopicAdmin(RevisionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
