from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince

from events.compare import word_diff
from events.models import PublishedEvent
from history_site.privacy import erase_personal_data
from images.admin import ChooseImagesMixin
from revisions.admin import RevisionAdmin, RevisionForm

from . import reports
from .models import Author, FactCheckReport, SitePage, TeamMembership


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    fk_name = "team"
    autocomplete_fields = ["member"]
    extra = 1
    verbose_name = "member"
    verbose_name_plural = "members (teams only, in order)"


@admin.register(Author)
class AuthorAdmin(ChooseImagesMixin, RevisionAdmin):
    image_chooser_fields = ["photo"]
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamMembershipInline]


def queue_workers():
    """Active staff who may work the fact-check queue: the people a report can be assigned to."""
    permission = Permission.objects.filter(
        content_type__app_label="editorial", codename="change_factcheckreport"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("username")
    )


def version_label(version):
    when = date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
    note = version.change_note or version.get_change_kind_display()
    return f"{when} · {truncatechars(note, 80)} (#{version.history_id})"


class FactCheckReportForm(RevisionForm):
    class Meta:
        model = FactCheckReport
        fields = [
            "status",
            "assigned_to",
            "internal_notes",
            "fixed_by_version",
            "duplicate_of",
            "team_reply",
        ]

    def clean(self):
        cleaned = super().clean()
        # Validated with the instance below (constraints included): a resolution has a time.
        if cleaned.get("status") in FactCheckReport.RESOLVED:
            self.instance.resolved_at = self.instance.resolved_at or timezone.now()
        else:
            self.instance.resolved_at = None
        return cleaned


class AgeFilter(admin.SimpleListFilter):
    title = "age"
    parameter_name = "age"
    BUCKETS = {
        "day": ("Under a day", 0, 1),
        "week": ("1 to 7 days", 1, 7),
        "month": ("1 week to 1 month", 7, 30),
        "older": ("Over a month", 30, None),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.BUCKETS.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.BUCKETS:
            return queryset
        _, newest, oldest = self.BUCKETS[self.value()]
        now = timezone.now()
        queryset = queryset.filter(created_at__lte=now - timedelta(days=newest))
        if oldest is not None:
            queryset = queryset.filter(created_at__gt=now - timedelta(days=oldest))
        return queryset


@admin.register(FactCheckReport)
class FactCheckReportAdmin(RevisionAdmin):
    form = FactCheckReportForm
    list_display = ["created_at", "article", "summary", "status", "assigned_to", "age"]
    list_display_links = ["created_at", "summary"]
    list_filter = [
        "status",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        ("event", admin.RelatedOnlyFieldListFilter),
        AgeFilter,
    ]
    list_select_related = ["event", "assigned_to"]
    search_fields = ["what_is_wrong", "suggested_text", "name", "email", "event__title"]
    autocomplete_fields = ["duplicate_of"]
    actions = ["assign_to_me", "erase_readers_personal_data"]
    history_list_display = ["status", "assigned_to"]
    change_form_template = "admin/editorial/factcheckreport/change_form.html"
    readonly_fields = [
        "event",
        "reported_version_display",
        "name",
        "email",
        "wants_reply",
        "created_at",
        "resolved_at",
    ]
    fieldsets = [
        (
            "Reader",
            {
                "description": "What the reader wrote is shown above, next to the version "
                "they read.",
                "fields": [
                    "event",
                    "reported_version_display",
                    "name",
                    "email",
                    "wants_reply",
                    "created_at",
                ],
            },
        ),
        ("Work", {"fields": ["status", "assigned_to", "internal_notes"]}),
        (
            "Resolution",
            {
                "description": "Accepted: publish the correction on the article first (an "
                "editor chooses “Correction” when publishing), then choose that version here. "
                "If the reader asked, they are emailed when you resolve the report.",
                "fields": ["fixed_by_version", "duplicate_of", "team_reply", "resolved_at"],
            },
        ),
        (None, {"fields": ["change_reason"]}),
    ]

    def has_add_permission(self, request):
        # Reports come from readers, through the Fact Check form.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        assignee = form.base_fields["assigned_to"]
        assignee.queryset = queue_workers()
        fix = form.base_fields["fixed_by_version"]
        fix.label_from_instance = version_label
        if obj is not None:
            fix.queryset = (
                PublishedEvent.history.filter(
                    event_id=obj.event_id, history_id__gt=obj.reported_version_id
                )
                .exclude(history_type="-")
                .order_by("-history_id")
            )
        return form

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data["change_reason"]
        was_resolved = form.initial.get("status") in FactCheckReport.RESOLVED
        if "status" in form.changed_data and obj.status in FactCheckReport.RESOLVED:
            reports.resolve_report(
                obj,
                by=request.user,
                status=obj.status,
                fixed_by_version=obj.fixed_by_version,
                reply=obj.team_reply,
                duplicate_of=obj.duplicate_of,
                reason=reason,
            )
            if obj.wants_reply:
                self.message_user(
                    request,
                    "The reader asked to hear back, so they are being emailed.",
                    messages.INFO,
                )
        elif was_resolved and obj.status in FactCheckReport.OPEN:
            reports.reopen(obj, by=request.user, reason=reason)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="Article", ordering="event__title")
    def article(self, report):
        return report.event.title

    @admin.display(description="Report")
    def summary(self, report):
        return truncatechars(report.what_is_wrong, 80)

    @admin.display(description="Age", ordering="created_at")
    def age(self, report):
        return timesince(report.created_at)

    @admin.display(description="Version the reader saw")
    def reported_version_display(self, report):
        return version_label(report.reported_version)

    @admin.action(description="Assign selected reports to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        for report in queryset:
            reports.assign(report, to=request.user, by=request.user)
        self.message_user(request, f"Assigned {len(queryset)} report(s) to you.", messages.SUCCESS)

    @admin.action(
        description="Erase the readers' personal data everywhere (cannot be undone)",
        permissions=["delete"],
    )
    def erase_readers_personal_data(self, request, queryset):
        addresses = {email.lower() for email in queryset.values_list("email", flat=True) if email}
        for email in sorted(addresses):
            erasure = erase_personal_data(email)
            self.message_user(request, f"{email}: " + "; ".join(erasure.lines()), messages.SUCCESS)
        if not addresses:
            self.message_user(request, "None of these reports has an address.", messages.INFO)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None:
            extra_context = {**(extra_context or {}), **self._reading_context(report)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _reading_context(self, report):
        """The version the reader saw, the text now, and the word diff between them."""
        seen = report.reported_version
        live = PublishedEvent.objects.filter(event_id=report.event_id).first()
        now = live or PublishedEvent.history.filter(event_id=report.event_id).latest()
        diffs = [
            {"label": label, "diff": word_diff(getattr(seen, name), getattr(now, name))}
            for name, label in [("title", "Title"), ("dek", "Summary"), ("body", "Body")]
            if getattr(seen, name) != getattr(now, name)
        ]
        return {
            "report": report,
            "seen": seen,
            "seen_url": reverse(
                "events:version", args=[now.month, now.day, now.slug, seen.history_id]
            )
            if live
            else None,
            "live": live,
            "diffs": diffs,
            "article_admin_url": reverse("admin:events_event_change", args=[report.event_id]),
        }


@admin.register(SitePage)
class SitePageAdmin(RevisionAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title", "body"]
