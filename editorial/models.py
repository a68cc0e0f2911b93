from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from events.history import RevisionRecords
from events.models import validate_image_upload


class TeamMembership(models.Model):
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

    def clean(self):
        if self.team_id and not self.team.is_team:
            raise ValidationError("Only a team has members.")
        if self.member_id and self.member.is_team:
            raise ValidationError({"member": "A team's members are persons."})


class Author(models.Model):
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
    photo = models.ImageField(upload_to="authors/", blank=True, validators=[validate_image_upload])
    members = models.ManyToManyField(
        "self",
        through=TeamMembership,
        through_fields=("team", "member"),
        symmetrical=False,
        related_name="teams",
        blank=True,
    )

    history = RevisionRecords(m2m_fields=["members"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editorial:author", kwargs={"slug": self.slug})

    @property
    def is_team(self):
        return self.kind == self.Kind.TEAM
