"""Events: the editors' working copy (``Event``) and the live snapshot the public reads.

Public views read only ``PublishedEvent``: a draft cannot leak through a forgotten filter, because
drafts are not in that table. Publishing (``events.publishing``) copies an ``Event`` into it; the
live model's history is the public version log.
"""

import functools

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import RowNumber
from django.urls import get_script_prefix, reverse
from django.utils.timezone import localdate

from history_site.page_cache import ShownOnPublicPages
from history_site.text import CleanText
from images.processing import clean_upload
from images.rendering import expand_figures, missing_references
from revisions.history import RevisionRecords

from . import calendar
from .calendar import MONTH_NAMES, day_exists, format_year, years_between
from .rendering import (
    body_size_problem,
    plain_text,
    render_inline_markdown,
    render_markdown,
    unsupported_syntax,
)


class Month(models.IntegerChoices):
    JANUARY = 1
    FEBRUARY = 2
    MARCH = 3
    APRIL = 4
    MAY = 5
    JUNE = 6
    JULY = 7
    AUGUST = 8
    SEPTEMBER = 9
    OCTOBER = 10
    NOVEMBER = 11
    DECEMBER = 12


def validate_image_upload(image):
    """Named by migrations made before the image library; uploads now go through the library's
    safe pipeline (``images.processing``)."""
    clean_upload(image)


class SearchedByName(models.Model):
    """A topic or an author: its live stories (``published_events``) are found by its name, so a
    rename rewrites their search documents in the same save."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        renamed = self._is_renamed()
        with transaction.atomic():  # the new name and the documents found by it, together
            super().save(*args, **kwargs)
            if renamed:
                from .search import index_names  # search reads these models

                index_names(self.published_events.all())

    def _is_renamed(self):
        if self.pk is None:
            return False
        saved = type(self).objects.filter(pk=self.pk).values_list("name", flat=True).first()
        return saved is not None and saved != self.name


class TopicQuerySet(models.QuerySet):
    def with_story_counts(self):
        return self.annotate(story_count=models.Count("published_events", distinct=True))


class Topic(CleanText, SearchedByName, ShownOnPublicPages):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Shown at the top of the topic page.")

    objects = TopicQuerySet.as_manager()
    history = RevisionRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:topic", kwargs={"slug": self.slug})

    def public_paths(self):
        """The addresses that show this topic (articles show it too, but are not listed)."""
        return [
            self.get_absolute_url(),
            reverse("events:feed_topic_rss", args=[self.slug]),
            reverse("events:feed_topic_atom", args=[self.slug]),
        ]


class Calendar(models.TextChoices):
    GREGORIAN = calendar.GREGORIAN, "Gregorian"
    JULIAN = calendar.JULIAN, "Julian"


class DatePrecision(models.TextChoices):
    DAY = "day", "The day is known"
    MONTH = "month", "Only the month is known"
    YEAR = "year", "Only the year is known"
    CIRCA = "circa", "About that year (circa)"


class EventContent(CleanText, models.Model):
    """The fields an article shows; shared by the working copy and the live snapshot."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. Changing it on a published article "
        "makes the old address redirect to the new one.",
    )
    year = models.IntegerField(help_text="Negative for BC: 44 BC is -44. There is no year 0.")
    month = models.PositiveSmallIntegerField(choices=Month.choices)
    day = models.PositiveSmallIntegerField(
        help_text="As recorded, in the calendar below. For an event known only to the month or "
        "year, the day still places the article's address, but readers never see it and the "
        "article is on no day page."
    )
    calendar = models.CharField(
        max_length=10,
        choices=Calendar.choices,
        default=Calendar.GREGORIAN,
        help_text="The calendar the date is recorded in: Julian is usual before 1582, and in "
        "Britain and its colonies until September 1752. Pages show the other calendar beside it.",
    )
    date_precision = models.CharField(
        "how precisely the date is known",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    dek = models.TextField(
        "summary",
        max_length=600,
        help_text="One paragraph shown under the title, in lists and in search results' snippets.",
    )
    body = models.TextField(
        help_text="Markdown: a blank line between paragraphs, *italic*, **bold**, "
        "[link](https://…), ## subheading."
    )
    body_html = models.TextField(editable=False, blank=True)
    # The summary rendered once per save, so lists of hundreds of articles render none: inline
    # HTML for pages, plain text for meta tags, JSON-LD, feeds, the API, search and the email.
    dek_html = models.TextField(editable=False, blank=True, default="")
    dek_text = models.TextField(editable=False, blank=True, default="")
    hero_image = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="image",
        help_text="The article's lead image, from the image library: its alt text, caption and "
        "credit come with it.",
    )
    is_featured = models.BooleanField(
        "featured on its day",
        default=False,
        help_text="Lead the home page on this day of the year. Without one, the roundest "
        "anniversary leads.",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(year=0), name="%(app_label)s_%(class)s_year_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="%(app_label)s_%(class)s_month_range"
            ),
            models.CheckConstraint(
                condition=Q(day__gte=1)
                & (
                    Q(month__in=[1, 3, 5, 7, 8, 10, 12], day__lte=31)
                    | Q(month__in=[4, 6, 9, 11], day__lte=30)
                    | Q(month=2, day__lte=29)
                ),
                name="%(app_label)s_%(class)s_day_in_month",
            ),
            # One constraint for both: each costs a query in full_clean() on every publish.
            models.CheckConstraint(
                condition=Q(calendar__in=Calendar.values, date_precision__in=DatePrecision.values),
                name="%(app_label)s_%(class)s_calendar_and_precision_known",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self):
        """Fill the derived HTML and plain-text fields from the Markdown ones."""
        self.body_html = expand_figures(render_markdown(self.body))
        self.dek_html = render_inline_markdown(self.dek)
        self.dek_text = plain_text(self.dek_html)

    def clean(self):
        super().clean()
        errors = {}
        if self.year == 0:
            errors["year"] = "There is no year 0: the year before 1 AD is 1 BC (enter -1)."
        if (
            self.year
            and self.month
            and self.day
            and not day_exists(self.month, self.day, self.year, self.calendar)
        ):
            month_name = MONTH_NAMES[self.month - 1].capitalize()
            if self.month == 2 and self.day == 29:
                message = (
                    f"February 29 does not exist in {format_year(self.year)} in the "
                    f"{self.get_calendar_display()} calendar: not a leap year."
                )
            else:
                message = f"{month_name} {self.day} does not exist."
            errors["day"] = message
        if missing := missing_references(self.body):
            errors["body"] = "The body refers to images that are not in the library: " + ", ".join(
                f"[[image:{pk}]]" for pk in missing
            )
        body_errors = self.markdown_problems(self.body)
        if body_errors:
            errors["body"] = body_errors
        dek_errors = self.markdown_problems(self.dek, inline=True)
        if dek_errors:
            errors["dek"] = dek_errors
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def markdown_problems(source, *, inline=False):
        """Why ``source`` cannot be shown as written: too large, or syntax the site refuses."""
        if not source:
            return []
        too_large = None if inline else body_size_problem(source)
        if too_large:
            return [too_large]  # not parsed: the size limit is what keeps rendering cheap
        return [
            f"This Markdown is not supported here: {problem}."
            for problem in unsupported_syntax(source, inline=inline)
        ]

    @property
    def year_display(self):
        return format_year(self.year)

    @property
    def month_name(self):
        return MONTH_NAMES[self.month - 1].capitalize()

    @property
    def is_day_known(self):
        return self.date_precision == DatePrecision.DAY

    @property
    def date_display(self):
        """The date as recorded, as precisely as it is known: "February 5, 1564", "October
        1347", "1347", "c. 1450"."""
        if self.date_precision == DatePrecision.CIRCA:
            return f"c. {self.year_display}"
        if self.date_precision == DatePrecision.YEAR:
            return self.year_display
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.month_name} {self.year_display}"
        return f"{self.month_name} {self.day}, {self.year_display}"

    @property
    def other_calendar_date(self):
        """(calendar name, (year, month, day)) of the same day in the other calendar, where a
        reader needs it: a Julian date, or a Gregorian one from when both were in use."""
        if not self.is_day_known:
            return None
        if self.calendar == Calendar.GREGORIAN and (
            (self.year, self.month, self.day) >= calendar.BOTH_CALENDARS_UNTIL
        ):
            return None
        other = calendar.other_calendar(self.calendar)
        converted = calendar.convert(
            self.year, self.month, self.day, from_calendar=self.calendar, to_calendar=other
        )
        if converted == (self.year, self.month, self.day):
            return None
        return Calendar(other).label, converted

    @property
    def other_calendar_display(self):
        """ "Julian: February 5", with the year when it differs; "" when not needed."""
        found = self.other_calendar_date
        if found is None:
            return ""
        label, (year, month, day) = found
        text = f"{label}: {MONTH_NAMES[month - 1].capitalize()} {day}"
        return f"{text}, {format_year(year)}" if year != self.year else text

    @property
    def full_date_display(self):
        """ "February 15, 1564 (Julian: February 5)"; a Julian date says it is one."""
        other = self.other_calendar_display
        return f"{self.date_display} ({other})" if other else self.date_display

    @property
    def gregorian_date(self):
        """(year, month, day) in the proleptic Gregorian calendar, which ISO 8601 uses."""
        if self.calendar == Calendar.JULIAN:
            return calendar.convert(
                self.year,
                self.month,
                self.day,
                from_calendar=calendar.JULIAN,
                to_calendar=calendar.GREGORIAN,
            )
        return self.year, self.month, self.day

    @property
    def iso_date(self):
        """ISO 8601 (proleptic Gregorian, astronomical years: 44 BC is -0043) to the known
        precision: "1564-02-15", "1347-10", "1347"."""
        if self.is_day_known:
            year, month, day = self.gregorian_date
        else:
            year, month, day = self.year, self.month, None
        year = calendar.astronomical_year(year)
        text = f"{'-' if year < 0 else ''}{abs(year):04d}"
        if self.date_precision in (DatePrecision.YEAR, DatePrecision.CIRCA):
            return text
        if day is None:
            return f"{text}-{month:02d}"
        return f"{text}-{month:02d}-{day:02d}"

    @property
    def html_date(self):
        """The date for ``<time datetime>``, which cannot write a BC year (then "")."""
        return "" if self.year < 1 else self.iso_date

    @property
    def chooser_label(self):
        """How pickers (the timeline chooser) name the event: “Caesar killed — March 15, 44 BC”."""
        return f"{self.title} — {self.date_display}"

    def years_ago(self, year):
        return years_between(self.year, year)


DERIVED_FIELDS = {"body_html", "dek_html", "dek_text"}
CONTENT_FIELDS = [
    field.name for field in EventContent._meta.local_fields if field.name not in DERIVED_FIELDS
]


class Byline(models.Model):
    event = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("editorial.Author", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "author"], name="byline_unique_author")
        ]

    def __str__(self):
        return str(self.author)


class EventQuerySet(models.QuerySet):
    def with_publishing_state(self):
        """Annotate the latest revision and the revision that is live, for the editors' lists."""
        latest = (
            Event.history.model.objects.filter(id=models.OuterRef("pk"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        return self.select_related("live").annotate(latest_revision=models.Subquery(latest))


class Event(EventContent):
    """The editors' working copy. Every save is a revision; the public never reads this model."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Where the working copy stands. “Published” means the public sees exactly it.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    review_comment = models.TextField(
        blank=True, editable=False, help_text="The reviewer's comment when sent back."
    )
    scheduled_at = models.DateTimeField(null=True, blank=True, editable=False)
    scheduled_is_substantive = models.BooleanField(default=False, editable=False)
    scheduled_note = models.CharField(max_length=300, blank=True, editable=False)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    authors = models.ManyToManyField(
        "editorial.Author", through=Byline, related_name="events", blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="events", blank=True)
    timeline = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Related events, shown on the article in chronological order once published.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()
    history = RevisionRecords(m2m_fields=["authors", "topics", "timeline"])

    class Meta(EventContent.Meta):
        ordering = ["month", "day", "year"]
        indexes = [
            models.Index(fields=["month", "day"], name="event_day_idx"),
            models.Index(fields=["status", "scheduled_at"], name="event_schedule_idx"),
        ]
        constraints = [
            *EventContent.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status="scheduled", scheduled_at__isnull=False)
                | (~Q(status="scheduled") & Q(scheduled_at__isnull=True)),
                name="event_scheduled_has_time",
            ),
        ]
        permissions = [
            ("publish_event", "Can publish, schedule, unpublish and revert events"),
            ("review_event", "Can approve events or send them back"),
        ]

    def get_absolute_url(self):
        """The public address; it answers only once the event is published."""
        return reverse(
            "events:article", kwargs={"month": self.month, "day": self.day, "slug": self.slug}
        )

    def preview_snapshot(self, *, now):
        """An unsaved live copy of the working copy, for previews: nothing is written."""
        live = PublishedEvent.objects.filter(event=self).first()
        snapshot = PublishedEvent(
            event=self,
            published_at=live.published_at if live else now,
            updated_at=live.updated_at if live else now,
            **{name: getattr(self, name) for name in CONTENT_FIELDS},
        )
        snapshot.render()
        return snapshot

    def can_be_edited_by(self, user):
        """Editors edit everything; a writer edits only their own drafts."""
        if not user.has_perm("events.change_event"):
            return False
        if user.has_perm("events.publish_event") or user.has_perm("events.review_event"):
            return True
        return self.created_by_id == user.pk and self.status == self.Status.DRAFT

    def return_to_draft(self):
        """An edit after approval or scheduling needs approving again; the schedule is dropped."""
        self.status = self.Status.DRAFT
        self.clear_schedule()

    def clear_schedule(self):
        self.scheduled_at = None
        self.scheduled_is_substantive = False
        self.scheduled_note = ""
        self.scheduled_by = None

    def can_be_shared_by(self, user):
        """Whoever may edit or review the article may hand a preview of it to outsiders."""
        return self.can_be_edited_by(user) or user.has_perm("events.review_event")

    def latest_revision_id(self):
        return self.history.order_by("-history_id").values_list("history_id", flat=True).first()

    def differs_in_content(self, revision):
        """Whether the saved working copy's content (fields and relations) differs from
        ``revision``: what a reader would see, not workflow state."""
        return type(self)._revision_records.differs(revision, self, fields=CONTENT_FIELDS)

    def unpublished_revisions(self):
        """The working-copy revisions made since the live version was published, newest first."""
        revisions = self.history.select_related("history_user").order_by("-history_id")
        live = PublishedEvent.objects.filter(event=self).only("published_revision").first()
        if live is not None:
            revisions = revisions.filter(history_id__gt=live.published_revision)
        return revisions

    @property
    def is_live(self):
        return hasattr(self, "live")

    @property
    def has_unpublished_changes(self):
        """Whether the working copy has revisions the public does not see yet."""
        if not self.is_live:
            return True
        latest = getattr(self, "latest_revision", None) or self.latest_revision_id()
        return latest != self.live.published_revision


class PublishedByline(models.Model):
    event = models.ForeignKey("PublishedEvent", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("editorial.Author", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "author"], name="published_byline_unique_author"
            )
        ]

    def __str__(self):
        return str(self.author)


class PublishedEventQuerySet(models.QuerySet):
    def on_day(self, month, day):
        """Events of this day of the year as recorded; never one whose day is not known."""
        return self.filter(month=month, day=day, date_precision=DatePrecision.DAY)

    def on_days(self, days):
        """The events of several days of the year, given as (month, day) pairs."""
        condition = Q(pk__in=[])
        for month, day in days:
            condition |= Q(month=month, day=day)
        return self.filter(condition, date_precision=DatePrecision.DAY)

    def known_to_the_day(self):
        return self.filter(date_precision=DatePrecision.DAY)

    def in_month_without_day(self, month):
        """Events known only to this month: they belong to the month, not to one of its days."""
        return self.filter(month=month, date_precision=DatePrecision.MONTH)

    def first_of_each_day(self, count):
        """At most ``count`` events per day, the oldest: a bounded sample of many days, ranked
        in the day index alone (no article row is read until the few chosen are fetched)."""
        ranked = (
            self.annotate(
                place_in_day=models.Window(
                    RowNumber(),
                    partition_by=[models.F("month"), models.F("day")],
                    order_by=models.F("chronology").asc(),
                )
            )
            .filter(place_in_day__lte=count)
            .values("pk")
        )
        return self.model.objects.filter(pk__in=ranked)

    def story_counts_by_day(self):
        """{(month, day): number of stories} for every day of the year that has one."""
        rows = (
            self.known_to_the_day()
            .order_by()
            .values_list("month", "day")
            .annotate(count=models.Count("pk"))
        )
        return {(month, day): count for month, day, count in rows}

    def recently_published(self):
        return self.order_by("-published_at", "-pk")

    def recently_updated(self):
        """Articles with a substantive update since they went live, latest update first."""
        return self.filter(updated_at__gt=models.F("published_at")).order_by("-updated_at", "-pk")

    def of_events(self, events):
        """The live copies of these working copies (those that are published)."""
        return self.filter(event__in=events)

    def chronological(self):
        """Oldest first: by date, then title (``chronology``)."""
        return self.order_by("chronology")

    def newest_first(self):
        return self.order_by("-year", "-month", "-day", "title")

    def with_byline(self):
        return self.prefetch_related(
            Prefetch("bylines", queryset=PublishedByline.objects.select_related("author"))
        )

    def with_author_details(self):
        """Byline authors with their team members, for the article page's About the author."""
        return self.with_byline().prefetch_related("bylines__author__memberships__member")

    def for_listing(self):
        """Only what a list of articles shows: no bodies."""
        return self.defer("body", "body_html", "dek").select_related("hero_image")


def chronology_key(year, month, day, title, event_id):
    """A text that sorts as the events do: by date (BC first), then title, then event."""
    date = f"{year + 100_000_000:09d}{month:02d}{day:02d}"  # no sign: years sort as numbers
    return f"{date} {title.casefold()[:150]} {event_id or 0:010d}"


@functools.lru_cache(maxsize=512)
def day_path(month, day, script_prefix):
    """The day page's path (``script_prefix`` keys the cache: reverse() starts with it)."""
    return reverse("events:day", args=[month, day])


class PublishedEvent(EventContent):
    """The live copy of an event: exactly what the public sees. Each save is one public version."""

    class ChangeKind(models.TextChoices):
        FIRST = "first", "First publication"
        MINOR = "minor", "Minor change"
        SUBSTANTIVE = "substantive", "Substantive update"
        REPUBLISHED = "republished", "Published again"
        CORRECTION = "correction", "Correction"

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="live")
    published_at = models.DateTimeField(help_text="When the article first went live.")
    updated_at = models.DateTimeField(
        help_text="When the latest substantive update went live (equals published_at until one)."
    )
    change_kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    change_note = models.CharField(
        max_length=300, blank=True, help_text="Public note on what this version changed."
    )
    published_revision = models.PositiveBigIntegerField(
        help_text="The working-copy revision (history id) this version was published from."
    )
    authors = models.ManyToManyField(
        "editorial.Author", through=PublishedByline, related_name="published_events"
    )
    topics = models.ManyToManyField(Topic, related_name="published_events", blank=True)
    timeline = models.ManyToManyField(Event, related_name="+", blank=True)
    chronology = models.CharField(
        max_length=200,
        editable=False,
        db_index=True,
        help_text="The article's place in every oldest-first list: date, title, then id. "
        "Lists page through it from an article to the next (see events.pagination).",
    )

    objects = PublishedEventQuerySet.as_manager()
    history = RevisionRecords(
        m2m_fields=["authors", "topics", "timeline"],
        # For the corrections page, which lists versions of every article by kind.
        indexes=[
            models.Index(fields=["change_kind", "history_date"], name="published_version_kind_idx"),
            # An article's latest version, read on every request (events.stamps).
            models.Index(fields=["id", "history_id"], name="published_version_latest_idx"),
        ],
    )

    class Meta(EventContent.Meta):
        ordering = ["month", "day", "year"]
        indexes = [
            # A day's stories in order, the counts per day and a day's stamp (events.stamps),
            # from the index alone.
            models.Index(
                fields=["month", "day", "date_precision", "chronology", "published_revision"],
                name="published_day_idx",
            ),
            # Search by year or century, in order.
            models.Index(fields=["year", "chronology"], name="published_year_idx"),
            # The home's "recently published" and "recently updated": read from the end.
            models.Index(fields=["published_at", "id"], name="published_recent_idx"),
            models.Index(fields=["updated_at", "id"], name="published_updated_idx"),
        ]
        constraints = [
            *EventContent.Meta.constraints,
            models.CheckConstraint(
                condition=Q(updated_at__gte=models.F("published_at")),
                name="published_updated_after_published",
            ),
        ]

    def get_absolute_url(self):
        # An article's address is its slug under its day's; lists build hundreds of them, and
        # reverse() costs ~30 µs each, so the day's part is reversed once per process.
        return f"{day_path(self.month, self.day, get_script_prefix())}{self.slug}/"

    def render(self):
        super().render()
        self.chronology = chronology_key(self.year, self.month, self.day, self.title, self.event_id)

    def public_paths(self):
        """Every address whose page shows this article, for purging a front cache."""
        day = reverse("events:day", args=[self.month, self.day])
        return [
            self.get_absolute_url(),
            reverse("events:version_list", args=[self.month, self.day, self.slug]),
            day,
            "/",
            reverse("events:corrections"),
            reverse("events:feed_latest_rss"),
            reverse("events:feed_latest_atom"),
            reverse("events:feed_corrections_rss"),
            reverse("events:feed_corrections_atom"),
            reverse("events:api_onthisday", args=[f"{self.month:02d}", f"{self.day:02d}"]),
            reverse("events:api_event", args=[self.slug]),
            reverse("sitemap_index"),
            *(path for topic in self.topics.all() for path in topic.public_paths()),
            *(path for author in self.authors.all() for path in author.public_paths()),
        ]

    @property
    def was_updated(self):
        """Whether Last Updated falls on another day than Published, in the site's time zone."""
        return localdate(self.updated_at) != localdate(self.published_at)

    def timeline_events(self):
        """Published related events, oldest first."""
        return PublishedEvent.objects.of_events(self.timeline.all()).chronological().for_listing()

    def version_log(self):
        """The public versions readers are told about: all but minor changes, newest first."""
        return (
            self.history.exclude(change_kind=self.ChangeKind.MINOR)
            .exclude(history_type="-")
            .only("history_id", "history_date", "change_kind", "change_note")
            .order_by("-history_date")
        )

    def corrections(self):
        """The versions published as corrections, newest first; each carries its public note."""
        return self.version_log().filter(change_kind=self.ChangeKind.CORRECTION)

    def feature_rank(self, year):
        """Sort key for leading the home page: editor's pick, then roundest anniversary."""
        age = self.years_ago(year)
        roundness = next(
            (
                rank
                for rank, step in enumerate((100, 75, 50, 25, 10))
                if age > 0 and age % step == 0
            ),
            5,
        )
        return (not self.is_featured, roundness, -self.published_at.timestamp())


def public_corrections():
    """Every correction published on an article that is live now, newest first.

    Versions of unpublished articles stay in history but leave this list with the article.
    """
    return (
        PublishedEvent.history.filter(
            change_kind=PublishedEvent.ChangeKind.CORRECTION,
            id__in=PublishedEvent.objects.values("pk"),
        )
        .exclude(history_type="-")
        .only("history_id", "id", "history_date", "title", "change_note")
        .order_by("-history_date", "-history_id")
    )


def lead_and_rest(events, *, year):
    """Split one day's events into the lead story and the others (oldest first).

    The lead is the editors' pick, else the roundest anniversary in ``year``, else the most
    recently published. Used by the home page and the daily email alike.
    """
    events = list(events)
    lead = min(events, key=lambda event: event.feature_rank(year), default=None)
    return lead, sorted((e for e in events if e is not lead), key=lambda e: e.year)


class OpenEditor(models.Model):
    """Someone who has an article's edit form open, kept fresh by the form's heartbeat.

    Not content, so not tracked: it only lets the form say who else is editing.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="open_editor_once")]

    def __str__(self):
        return f"{self.user} editing {self.event}"


class ShareLink(models.Model):
    """A link that shows one revision of an article to a reviewer without an account.

    The link names the revision that was shared, never "the working copy", so later edits do
    not show through it. Only a hash of its secret is stored: the link is shown once, to the
    editor who makes it. Made and revoked by ``events.sharing``.
    """

    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        WITHDRAWN = "withdrawn", "Article unpublished since"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="share_links")
    revision = models.PositiveBigIntegerField(
        help_text="The working-copy revision (history id) the link shows."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="share_link_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"Share link for “{self.event}” (revision #{self.revision})"

    def state(self, *, now):
        """Whether the link still opens; the first reason it does not, otherwise."""
        if self.revoked_at is not None:
            return self.State.REVOKED
        if now >= self.expires_at:
            return self.State.EXPIRED
        if self.was_withdrawn():
            return self.State.WITHDRAWN
        return self.State.ACTIVE

    def was_withdrawn(self):
        """Whether the article has been unpublished since the link was made."""
        return PublishedEvent.history.filter(
            event_id=self.event_id, history_type="-", history_date__gte=self.created_at
        ).exists()


class SearchDocument(models.Model):
    """What site search reads for one live article, written by ``events.search.index``.

    PostgreSQL searches ``vector`` (GIN-indexed, weighted title > summary > body > names) and
    ranks what also matches ``rank_vector`` (title, summary, names; GIN-indexed too); SQLite
    searches an FTS5 table that triggers keep equal to this one (migration 0007). Unpublishing
    deletes the live row and, through the cascade, its document.
    """

    event = models.OneToOneField(
        PublishedEvent, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    dek = models.TextField()
    body = models.TextField()
    names = models.TextField(help_text="The byline authors' and the topics' names.")
    vector = SearchVectorField(null=True, editable=False)
    # Title, summary and names only: which matches are ranked, and how (events.search).
    rank_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector_idx"),
            GinIndex(fields=["rank_vector"], name="search_document_rank_idx"),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Whether a person in the newsroom gets the workflow emails (``events.notifications``).

    No row means yes: everyone is told until they turn it off. Changes are revisions.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    wants_email = models.BooleanField(
        "email me about my work",
        default=True,
        help_text="Articles sent back, approved or published, reports assigned, reviews and "
        "corrections waiting, failed scheduled publications.",
    )

    history = RevisionRecords()

    def __str__(self):
        return f"{self.user}: {'emails' if self.wants_email else 'no emails'}"
