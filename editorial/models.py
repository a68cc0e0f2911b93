from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from events.models import SearchedByName
from events.rendering import render_markdown
from history_site.page_cache import ShownOnPublicPages
from history_site.text import CleanText
from revisions.history import RevisionRecords


class TeamMembership(ShownOnPublicPages):
    team = models.ForeignKey("Author", on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey("Author", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "member"], name="team_member_once"),
            models.CheckConstraint(
                condition=~Q(team=models.F("member")), name="team_not_own_member"
            ),
        ]

    def __str__(self):
        return f"{self.member} in {self.team}"

    def public_paths(self):
        return self.team.public_paths()

    def clean(self):
        if self.team_id and not self.team.is_team:
            raise ValidationError("Only a team has members.")
        if self.member_id and self.member.is_team:
            raise ValidationError({"member": "A team's members are persons."})


class AuthorQuerySet(models.QuerySet):
    def with_story_counts(self):
        """Each author's number of live articles in their own byline (not their team's)."""
        return self.annotate(story_count=models.Count("published_events", distinct=True))


class Author(CleanText, SearchedByName, ShownOnPublicPages):
    """A named person, or a team (e.g. "History Site Editors") whose members are persons."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        TEAM = "team", "Team"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    bio = models.TextField(
        blank=True, help_text="Plain text, shown in the article's About the author box."
    )
    photo = models.ForeignKey(
        "images.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A portrait from the image library, shown on the author page and in "
        "About the author.",
    )
    members = models.ManyToManyField(
        "self",
        through=TeamMembership,
        through_fields=("team", "member"),
        symmetrical=False,
        related_name="teams",
        blank=True,
    )

    objects = AuthorQuerySet.as_manager()
    history = RevisionRecords(m2m_fields=["members"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editorial:author", kwargs={"slug": self.slug})

    def public_paths(self):
        """The addresses that show this author (bylines on articles too, not listed)."""
        return [
            self.get_absolute_url(),
            reverse("editorial:feed_author_rss", args=[self.slug]),
            reverse("editorial:feed_author_atom", args=[self.slug]),
        ]

    @property
    def is_team(self):
        return self.kind == self.Kind.TEAM


class SitePage(CleanText, ShownOnPublicPages):
    """A standing page of the site, such as About, written by the editors in the admin.

    Tracked like articles, so every change says who made it and why. A page without a row shows
    the text its template carries until an editor writes one.
    """

    class Slug(models.TextChoices):
        ABOUT = "about", "About"
        PRIVACY = "privacy", "Privacy"

    slug = models.SlugField(max_length=50, unique=True, choices=Slug.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Markdown: a blank line between paragraphs, *italic*, **bold**, "
        "[link](https://…), ## subheading."
    )
    body_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = RevisionRecords()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("privacy" if self.slug == self.Slug.PRIVACY else f"editorial:{self.slug}")


class FactCheckReport(CleanText, models.Model):
    """A reader's report of an error in one published version of an article, and its outcome."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        ACCEPTED = "accepted", "Accepted (corrected)"
        DECLINED = "declined", "Declined"
        DUPLICATE = "duplicate", "Duplicate"

    OPEN = {Status.NEW, Status.IN_REVIEW}
    RESOLVED = {Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE}

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        related_name="fact_check_reports",
        verbose_name="article",
    )
    reported_version = models.ForeignKey(
        "events.HistoricalPublishedEvent",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The published version the reader was reading when they opened the form.",
    )
    what_is_wrong = models.TextField(max_length=5000, help_text="In the reader's words.")
    suggested_text = models.TextField(
        "what it should say", max_length=5000, blank=True, help_text="In the reader's words."
    )
    source_url = models.URLField(
        "source or evidence",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    wants_reply = models.BooleanField(
        "wants a reply",
        default=False,
        help_text="The reader asked to be emailed about the outcome.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_fact_check_reports",
        help_text="The fact-checker working on this report.",
    )
    internal_notes = models.TextField(
        blank=True, help_text="For the newsroom only; never shown or sent to the reader."
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text="The earlier report about the same error. Required for a duplicate.",
    )
    team_reply = models.TextField(
        "reply to the reader",
        max_length=1000,
        blank=True,
        help_text="A short reply, emailed to the reader (plain text) if they asked for one. "
        "Required when declining a report whose reader asked for a reply.",
    )
    fixed_by_version = models.ForeignKey(
        "events.HistoricalPublishedEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The published version that corrected the error (publish the correction "
        "first). Required to accept a report.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = RevisionRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "fact-check report"
        indexes = [models.Index(fields=["status", "created_at"], name="report_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review", "accepted", "declined", "duplicate"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(fixed_by_version__isnull=False),
                name="report_accepted_has_fix",
                violation_error_message="An accepted report names the version that fixed it.",
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="report_duplicate_has_original",
                violation_error_message="A duplicate names the report it duplicates.",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")),
                name="report_not_duplicate_of_itself",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review"], resolved_at__isnull=True)
                | Q(status__in=["accepted", "declined", "duplicate"], resolved_at__isnull=False),
                name="report_resolved_has_time",
            ),
            models.CheckConstraint(
                condition=Q(wants_reply=False) | ~Q(email=""),
                name="report_reply_needs_email",
            ),
        ]

    def __str__(self):
        return f"Report #{self.pk} on “{self.event}”"

    def clean(self):
        super().clean()
        errors = {}
        if self.wants_reply and not self.email:
            errors["email"] = "Give an email address so we can reply, or untick the box."
        if self.reported_version_id and self.reported_version.event_id != self.event_id:
            errors["reported_version"] = "This is a version of another article."
        if self.fixed_by_version_id:
            fix = self.fixed_by_version
            if fix.event_id != self.event_id:
                errors["fixed_by_version"] = "This is a version of another article."
            elif self.reported_version_id and fix.history_id <= self.reported_version_id:
                errors["fixed_by_version"] = (
                    "Choose a version published after the one the reader saw."
                )
        if self.status == self.Status.ACCEPTED and not self.fixed_by_version_id:
            errors["fixed_by_version"] = (
                "Choose the published version that corrected the error. Publish the "
                "correction first."
            )
        if self.status == self.Status.DUPLICATE:
            if not self.duplicate_of_id:
                errors["duplicate_of"] = "Choose the report this one duplicates."
            elif self.duplicate_of_id == self.pk:
                errors["duplicate_of"] = "A report cannot duplicate itself."
            elif self.duplicate_of.event_id != self.event_id:
                errors["duplicate_of"] = "Choose a report on the same article."
            elif self.duplicate_of.status == self.Status.DUPLICATE:
                errors["duplicate_of"] = (
                    f"Report #{self.duplicate_of_id} is itself a duplicate: choose the report "
                    f"it duplicates (#{self.duplicate_of.duplicate_of_id})."
                )
        if (
            self.status == self.Status.DECLINED
            and self.wants_reply
            and self.email
            and not self.team_reply.strip()
        ):
            errors["team_reply"] = "The reader asked for a reply: tell them why it was declined."
        if errors:
            raise ValidationError(errors)
