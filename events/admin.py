"""The editors' admin for articles and topics. Every rule lives in ``events.publishing``: this
module turns form input into those calls and their errors into messages."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from images.admin import ChooseImagesMixin
from revisions.admin import RevisionAdmin

from . import presence, publishing, sharing
from .admin_filters import CenturyFilter, EraFilter, UnpublishedChangesFilter, date_lookup
from .admin_sharing import share_message
from .calendar import MONTH_NAMES, format_year
from .compare import compare_revisions
from .editor_forms import BylineFormSet, EventForm
from .models import Byline, Event, PublishedEvent, Topic
from .rendering import (
    MAX_BODY_BYTES,
    body_size_problem,
    render_inline_markdown,
    render_markdown,
)
from .views import render_preview

SUBSTANTIVE_KINDS = {"substantive", "correction"}
KINDS = {
    "minor": "Minor change: Last Updated stays",
    "substantive": "Substantive update: Last Updated moves",
    "correction": "Correction: shown to readers as a correction note; Last Updated moves",
}


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"


class WorkflowForm(forms.Form):
    """The fields of the workflow buttons on the change page (send back, unpublish…)."""

    comment = forms.CharField(max_length=2000, required=False)
    reason = forms.CharField(max_length=300, required=False)
    revision = forms.IntegerField(required=False)


class PublishForm(forms.Form):
    """The publish step: what kind of version, its public note, now or at a time."""

    kind = forms.ChoiceField(choices=list(KINDS.items()), initial="minor", widget=forms.RadioSelect)
    note = forms.CharField(label="Public note", max_length=300, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)
    publish_at = forms.DateTimeField(
        label="Publish at",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class BulkUnpublishForm(forms.Form):
    reason = forms.CharField(
        label="Why are these articles being unpublished?",
        max_length=300,
        help_text="Recorded in each article's history.",
    )


class WholeTextContextHelper(HistoricalRecordContextHelper):
    """History rows show each changed field's whole text, never “[752 chars]”."""

    def get_obj_diff_display(self):
        return ObjDiffDisplay(max_length=10 * MAX_BODY_BYTES)


@admin.register(Event)
class EventAdmin(ChooseImagesMixin, RevisionAdmin):
    form = EventForm
    image_chooser_fields = ["hero_image"]
    inlines = [BylineInline]
    list_display = ["title", "date_display", "status", "live_state", "scheduled_at"]
    list_filter = [
        "status",
        UnpublishedChangesFilter,
        EraFilter,
        CenturyFilter,
        "month",
        "topics",
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "dek", "body", "authors__name"]
    search_help_text = (
        "Searches title, summary, body and byline names; a year (“1990”, “44 BC”) or a date "
        "(“July 20”) finds the events on it."
    )
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "timeline"]
    readonly_fields = ["status", "review_comment", "created_by", "created_at"]
    actions = ["publish_selected", "unpublish_selected"]
    history_list_display = ["status", "published"]
    change_form_template = "admin/events/event/change_form.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    ("year", "era"),
                    ("month", "day"),
                    ("calendar", "date_precision"),
                    "dek",
                    "body",
                ]
            },
        ),
        (
            "Image",
            {"fields": ["hero_image"]},
        ),
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

    class Media:
        css = {"all": ["events/admin/editor.css"]}
        js = ["events/admin/editor.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_publishing_state()

    def autocomplete_label(self, event):
        """The timeline chooser names each event with its date and year."""
        return event.chooser_label

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        on_date = date_lookup(search_term)
        if on_date is not None:
            results |= queryset.filter(on_date)
        return results, may_have_duplicates

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

    def public_path(self, event):
        live = PublishedEvent.objects.filter(event=event).only("slug", "month", "day").first()
        return live.get_absolute_url() if live else None

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
        ).exclude(history_type="-")
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .annotate(
                published_kind=Subquery(published.values("change_kind")[:1]),
                published_note=Subquery(published.values("change_note")[:1]),
            )
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return WholeTextContextHelper(self.model, historical_record)

    @admin.display(description="Status")
    def status(self, record):
        return record.get_status_display()

    @admin.display(description="Went live as")
    def published(self, record):
        """For a revision that was published: its kind (minor, substantive, correction) and note."""
        if not record.published_kind:
            return ""
        kind = PublishedEvent.ChangeKind(record.published_kind).label
        note = record.published_note
        if not note:
            return kind
        return f"“{note}”" if note.startswith(kind) else f"{kind}: “{note}”"

    # Saving ---------------------------------------------------------------------------------

    def save_related(self, request, form, formsets, change):
        """The row, its topics, timeline and byline: one revision, through ``save_edit``."""
        keep_their_byline = "byline" in form.cleaned_data.get("take_theirs", [])

        def save_relations():
            form.save_m2m()
            for formset in formsets:
                if not (keep_their_byline and formset.model is Byline):
                    self.save_formset(request, form, formset, change=change)

        publishing.save_edit(
            form.instance,
            by=request.user,
            reason=self.change_reason(form) or form.default_reason(formsets),
            save_relations=save_relations,
        )
        if form.merged:
            who, fields = form.merged
            self.message_user(
                request,
                f"{who} saved changes while you were editing; theirs to {', '.join(fields)} "
                "were kept alongside yours.",
                messages.INFO,
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if obj is not None:
            context["editing_now"] = presence.others_editing(obj, request.user, timezone.now())
        context["error_summary"] = _error_summary(form, context.get("inline_admin_formsets", []))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._to_publish_step(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._to_publish_step(request, obj) or super().response_change(request, obj)

    def _to_publish_step(self, request, event):
        """“Save and publish” saves first, then shows what will go live before it does."""
        kind = request.POST.get("publish_change")
        if kind not in KINDS or not request.user.has_perm(publishing.PUBLISH):
            return None
        query = urlencode({"kind": kind, "note": request.POST.get("update_note", "")})
        return redirect(f"{reverse('admin:events_event_publish', args=[event.pk])}?{query}")

    # Publishing, one article ------------------------------------------------------------

    def publish_view(self, request, object_id):
        """The publish step: the difference between the live version and what will go live."""
        event = self._event_for(request, object_id)
        if not request.user.has_perm(publishing.PUBLISH):
            raise PermissionDenied
        if request.method == "POST":
            form = PublishForm(request.POST)
            if form.is_valid() and self._publish_or_schedule(request, event, form):
                return redirect("admin:events_event_change", event.pk)
        else:
            form = PublishForm(
                initial={
                    "kind": request.GET.get("kind")
                    if request.GET.get("kind") in KINDS
                    else "minor",
                    "note": request.GET.get("note", "")[:300],
                    "revision": event.latest_revision_id(),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            **self._going_live(event, request.user),
            "opts": self.model._meta,
            "original": event,
            "title": f"Publish “{event}”",
            "form": form,
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/events/event/publish.html", context)

    def _publish_or_schedule(self, request, event, form):
        data = form.cleaned_data
        common = {
            "by": request.user,
            "substantive": data["kind"] in SUBSTANTIVE_KINDS,
            "correction": data["kind"] == "correction",
            "note": data["note"],
            "expected_revision": data["revision"],
        }
        try:
            if "schedule" in request.POST:
                publishing.schedule(event, publish_at=data["publish_at"], **common)
                message = "Scheduled. It goes live at the time you chose."
            else:
                publishing.publish(event, **common)
                message = "Published. The public page now shows this version."
        except ValidationError as error:
            form.add_error(None, error)
            return False
        self.message_user(request, message, messages.SUCCESS)
        return True

    def _going_live(self, event, user):
        """What publishing ``event`` now would change on the public page, and whose work it is."""
        latest = event.history.select_related("history_user").order_by("-history_id").first()
        version = (
            PublishedEvent.history.filter(event_id=event.pk)
            .exclude(history_type="-")
            .order_by("-history_id")
            .first()
        )
        unpublished = list(event.unpublished_revisions())
        others = sorted({str(r.history_user) for r in unpublished if r.history_user_id != user.pk})
        return {
            "latest": latest,
            "live_version": version,
            "is_live": PublishedEvent.objects.filter(event=event).exists(),
            "rows": compare_revisions(version, latest),
            "unpublished": unpublished,
            "others": others,
        }

    # Bulk actions -------------------------------------------------------------------------

    @admin.action(
        description="Publish selected events (as minor changes)…", permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        """First a page listing what each article would change; then publish what was shown."""
        events = list(queryset.order_by("month", "day", "year"))
        if request.POST.get("confirm") == "yes":
            done = 0
            for event in events:
                expected = _int(request.POST.get(f"revision-{event.pk}"))
                try:
                    publishing.publish(
                        event, by=request.user, substantive=False, expected_revision=expected
                    )
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    done += 1
            self.message_user(request, f"{done} of {len(events)} published.", messages.SUCCESS)
            return None
        items = [{"event": event, **self._going_live(event, request.user)} for event in events]
        return self._bulk_page(request, "publish_selected", "Publish these articles?", items)

    @admin.action(description="Unpublish selected events…", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        """Lists the live articles chosen and asks why; the reason goes into each history."""
        events = list(queryset.filter(live__isnull=False).order_by("month", "day", "year"))
        form = BulkUnpublishForm(request.POST if request.POST.get("confirm") == "yes" else None)
        if form.is_valid():
            done = 0
            for event in events:
                try:
                    publishing.unpublish(event, by=request.user, reason=form.cleaned_data["reason"])
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    done += 1
            self.message_user(request, f"{done} of {len(events)} unpublished.", messages.SUCCESS)
            return None
        items = [{"event": event} for event in events]
        return self._bulk_page(
            request, "unpublish_selected", "Unpublish these articles?", items, form=form
        )

    def _bulk_page(self, request, action, title, items, form=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "action": action,
            "items": items,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/event/bulk_confirm.html", context)

    # Other pages ----------------------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="events_event_workflow",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="events_event_publish",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="events_event_preview",
            ),
            path(
                "live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name="events_event_live_preview",
            ),
            path(
                "<path:object_id>/live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name="events_event_live_preview",
            ),
            path(
                "<path:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="events_event_compare",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="events_event_presence",
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

    def live_preview_view(self, request, object_id=None):
        """The unsaved title, summary and body as the public page will show them; nothing is
        saved. Posted by editor.js as the editor types."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
        elif not self.has_change_permission(request, self.get_object(request, object_id)):
            raise PermissionDenied
        text = {name: request.POST.get(name, "").replace("\r\n", "\n") for name in PREVIEWED}
        problems = [
            *Event.markdown_problems(text["dek"], inline=True),
            *Event.markdown_problems(text["body"]),
        ]
        too_large = body_size_problem(text["body"])
        context = {
            "title": text["title"] or "Untitled",
            "date_line": _date_line(text),
            "dek_html": render_inline_markdown(text["dek"][:600]),
            "body_html": "" if too_large else render_markdown(text["body"]),
            "problems": problems,
        }
        response = TemplateResponse(request, "admin/events/event/live_preview.html", context)
        response["Cache-Control"] = "no-store, private"
        return response

    def presence_view(self, request, object_id):
        """The change form's heartbeat: says this person still has the article open."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        event = self._event_for(request, object_id)
        now = timezone.now()
        presence.mark_open(event, request.user, now)
        others = presence.others_editing(event, request.user, now)
        return JsonResponse({"others": [entry["text"] for entry in others]})

    def compare_view(self, request, object_id):
        event = self._event_for(request, object_id)
        revisions = list(event.history.select_related("history_user").order_by("-history_id"))
        by_id = {revision.history_id: revision for revision in revisions}
        new = by_id.get(_int(request.GET.get("to"))) or revisions[0]
        old = by_id.get(_int(request.GET.get("from")))
        rows = compare_revisions(old, new) if old else None
        if old is None:
            old, rows = _differing_pair_start(event, new, revisions)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": event,
            "title": f"Compare revisions of “{event}”",
            "revisions": revisions,
            "old": old,
            "new": new,
            "rows": rows,
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
            if not event.can_be_shared_by(request.user):
                raise PermissionDenied
            link, path = sharing.share(event, by=request.user)
            self.message_user(request, share_message(request, link, path), messages.SUCCESS)
        elif action not in operations:
            raise Http404("No such workflow action")
        else:
            success, operation, kwargs = operations[action]
            try:
                operation(event, by=request.user, **kwargs)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, success, messages.SUCCESS)
        if self.has_change_permission(request, event):
            return redirect("admin:events_event_change", event.pk)
        return redirect("admin:events_event_changelist")

    def _reader_reports(self, event, user):
        """The article's reader reports, newest first, for people who work the queue."""
        if not user.has_perm("editorial.view_factcheckreport"):
            return None
        return list(
            event.fact_check_reports.select_related("assigned_to").order_by("-created_at")[:20]
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        event = self.get_object(request, object_id)
        if event is not None:
            user = request.user
            if request.method == "GET" and self.has_change_permission(request, event):
                presence.mark_open(event, user, timezone.now())
            extra_context = {
                **(extra_context or {}),
                "workflow": {
                    "event": event,
                    "live": getattr(event, "live", None),
                    "can_submit": event.status == Event.Status.DRAFT
                    and event.can_be_edited_by(user),
                    "can_review": user.has_perm(publishing.REVIEW),
                    "can_publish": user.has_perm(publishing.PUBLISH),
                    "can_share": event.can_be_shared_by(user),
                    "time_zone": settings.TIME_ZONE,
                    "is_fact_checker": _is_fact_checker(user),
                },
                "reader_reports": self._reader_reports(event, user),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def _error_summary(form, inline_admin_formsets):
    """(anchor, label, messages) for each field at fault, for the links above the form."""
    if not form.is_bound:
        return []
    summary = [
        (f"id_{name}" if name in form.fields else "", form.fields[name].label or name, errors)
        for name, errors in form.errors.items()
        if name != "__all__" and name in form.fields
    ]
    for inline in inline_admin_formsets:
        formset = inline.formset
        messages = [*formset.non_form_errors()]
        messages += [e for errors in formset.errors for field in errors.values() for e in field]
        if messages:
            summary.append((f"{formset.prefix}-group", inline.opts.verbose_name_plural, messages))
    return summary


def _differing_pair_start(event, new, revisions, *, look_back=25):
    """The revision to compare ``new`` against when none is chosen, with its rows: the live
    version if it differs, else the latest earlier revision that differs; never the same text
    (workflow steps such as “Submitted for review” change no content)."""
    live_revision = getattr(getattr(event, "live", None), "published_revision", None)
    candidates = [r for r in revisions if r.history_id < new.history_id]
    candidates.sort(key=lambda r: (r.history_id != live_revision, -r.history_id))
    for revision in candidates[:look_back]:
        rows = compare_revisions(revision, new)
        if rows:
            return revision, rows
    fallback = candidates[0] if candidates else new
    return fallback, compare_revisions(fallback, new)


PREVIEWED = ["title", "dek", "body", "year", "era", "month", "day"]


def _date_line(text):
    """“March 15, 44 BC” from the unsaved date fields, or as much of it as is filled in."""
    year, month, day = _int(text["year"]), _int(text["month"]), _int(text["day"])
    parts = []
    if month in range(1, 13):
        parts.append(MONTH_NAMES[month - 1].capitalize() + (f" {day}" if day else ""))
    if year:
        parts.append(format_year(-abs(year) if text["era"] == "-1" else abs(year)))
    return ", ".join(parts)


def _is_fact_checker(user):
    """Works the reader-report queue without writing or publishing: the Workflow buttons
    would be empty, so the change form shows the article's reports instead."""
    return user.has_perm("editorial.change_factcheckreport") and not (
        user.has_perm("events.change_event") or user.has_perm(publishing.REVIEW)
    )


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
