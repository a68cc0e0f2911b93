import csv

from django.contrib import admin, messages
from django.http import StreamingHttpResponse
from django.template.defaultfilters import truncatechars
from django.utils import timezone

from history_site.admin import DeclaredFiltersOnly
from history_site.privacy import erase_personal_data
from revisions.admin import RevisionAdmin

from .models import Delivery, Subscriber
from .subscriptions import unsubscribe

CSV_COLUMNS = [
    "email",
    "status",
    "consented_at",
    "eligibility_text",
    "consent_text",
    "signup_page",
    "confirmation_sent_at",
    "confirmed_at",
    "confirmation_method",
    "unsubscribed_at",
    "unsubscribe_method",
]


def csv_cell(value):
    text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    # Spreadsheets run a cell that starts like a formula; a leading quote keeps it text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@admin.register(Subscriber)
class SubscriberAdmin(RevisionAdmin):
    list_display = ["email", "status", "consented_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "confirmation_method", "unsubscribe_method"]
    search_fields = ["email"]
    date_hierarchy = "consented_at"
    actions = ["export_csv", "unsubscribe_selected", "erase_personal_data"]
    fieldsets = [
        (None, {"fields": ["email", "status", "created_at"]}),
        (
            "Consent record",
            {
                "description": "What the reader ticked, word for word, and how they confirmed.",
                "fields": [
                    "eligibility_text",
                    "consent_text",
                    "consented_at",
                    "signup_page",
                    "confirmation_sent_at",
                    "confirmed_at",
                    "confirmation_method",
                ],
            },
        ),
        ("Unsubscribed", {"fields": ["unsubscribed_at", "unsubscribe_method"]}),
    ]
    readonly_fields = [field for _, options in fieldsets for field in options["fields"]]

    def has_add_permission(self, request):
        # Only the reader can give consent: subscribers come from the signup form.
        return False

    def has_change_permission(self, request, obj=None):
        # A consent record is evidence, so one subscriber's page is read-only; the list's
        # actions (which need the change permission) are how staff act on subscribers.
        return obj is None and super().has_change_permission(request)

    @admin.action(description="Export selected subscribers as CSV, with consent records")
    def export_csv(self, request, queryset):
        writer = csv.writer(_Echo())

        def lines():
            # The byte-order mark tells spreadsheets the file is UTF-8 (consent texts use “ ”).
            yield "\ufeff" + writer.writerow(CSV_COLUMNS)
            for row in queryset.order_by("email").values_list(*CSV_COLUMNS).iterator():
                yield writer.writerow([csv_cell(value) for value in row])

        filename = f"subscribers-{timezone.localdate():%Y-%m-%d}.csv"
        return StreamingHttpResponse(
            lines(),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @admin.action(description="Unsubscribe selected subscribers", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        count = 0
        for subscriber in queryset.exclude(status=Subscriber.Status.UNSUBSCRIBED):
            unsubscribe(subscriber, method=Subscriber.UnsubscribeMethod.ADMIN)
            count += 1
        self.message_user(request, f"Unsubscribed {count} subscriber(s).", messages.SUCCESS)

    @admin.action(
        description="Erase all personal data of the selected subscribers (cannot be undone)",
        permissions=["delete"],
    )
    def erase_personal_data(self, request, queryset):
        for email in list(queryset.values_list("email", flat=True)):
            erasure = erase_personal_data(email)
            self.message_user(request, f"{email}: " + "; ".join(erasure.lines()), messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    list_display = ["edition_on", "subscriber", "status", "attempts", "sent_at", "short_error"]
    list_filter = ["status", ("edition_on", admin.DateFieldListFilter)]
    date_hierarchy = "edition_on"
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber"]
    readonly_fields = [
        "subscriber",
        "edition_on",
        "status",
        "attempts",
        "attempted_at",
        "sent_at",
        "error",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The log records what happened; only send_daily_email writes it.
        return False

    @admin.display(description="Error")
    def short_error(self, delivery):
        return truncatechars(delivery.error, 80)
