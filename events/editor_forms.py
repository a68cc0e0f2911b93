"""The editors' article form: publishing choices and merging concurrent edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from revisions.admin import RevisionForm

from . import publishing
from .models import Event, Topic

# The form's content fields, merged one by one when two editors save the same revision.
MERGED_FIELDS = [
    "title",
    "slug",
    "year",
    "month",
    "day",
    "calendar",
    "date_precision",
    "dek",
    "body",
    "hero_image",
    "topics",
    "timeline",
    "is_featured",
]
RELATIONS = {"topics": (Topic, "topic_id"), "timeline": (Event, "to_event_id")}


class EventForm(RevisionForm):
    era = forms.TypedChoiceField(
        choices=[(1, "AD"), (-1, "BC")], coerce=int, initial=1, label="Era"
    )
    publish_change = forms.ChoiceField(
        label="After saving",
        required=False,
        choices=[
            ("", "Keep as a draft: the public page does not change"),
            (
                "minor",
                "Review and publish as a minor change (typo, formatting): Last Updated stays",
            ),
            (
                "substantive",
                "Review and publish as a substantive update (facts, new material): "
                "Last Updated moves",
            ),
            (
                "correction",
                "Review and publish as a correction (shown to readers as a correction note): "
                "Last Updated moves",
            ),
        ],
        help_text="You see what will go live, and confirm, before anything is published.",
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
    take_theirs = forms.MultipleChoiceField(
        choices=[(name, name) for name in [*MERGED_FIELDS, "byline"]], required=False
    )

    class Meta:
        model = Event
        fields = MERGED_FIELDS
        widgets = {"year": forms.NumberInput(attrs={"min": 1})}
        help_texts = {"year": "The year as written, e.g. 44 with era BC, or 1990 with era AD."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.merged = None  # (who, [labels]) when another editor's changes were merged in
        if "timeline" in self.fields:
            self.fields["timeline"].label_from_instance = lambda event: event.chooser_label
        self.fields["change_reason"].required = False
        self.fields[
            "change_reason"
        ].help_text = (
            "Optional: left blank, the history says what changed, e.g. “Edited title and body”."
        )
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

    def clean(self):
        cleaned = super().clean()
        year, era = cleaned.get("year"), cleaned.get("era")
        if year is not None and era is not None:
            # From here on the year is stored as signed (44 BC is -44).
            cleaned["year"], cleaned["era"] = year * era, 1
        kind = cleaned.get("publish_change")
        if kind:
            try:
                publishing.public_note(
                    substantive=kind in ("substantive", "correction"),
                    correction=kind == "correction",
                    note=cleaned.get("update_note", ""),
                )
            except ValidationError as error:
                self.add_error("update_note", error)
        if self.instance.pk:
            self._merge_concurrent_edit(cleaned)
        return cleaned

    def _post_clean(self):
        year, era = self.cleaned_data.get("year"), self.cleaned_data.get("era")
        if year is not None and era is not None:
            self.cleaned_data["year"] = year * era
        super()._post_clean()

    # Concurrent edits -------------------------------------------------------------------

    def _merge_concurrent_edit(self, cleaned):
        """Merge field by field with what others saved since the revision this form started from.

        Fields only they changed take their value; fields only this editor changed keep
        theirs; fields both changed differently are shown side by side to choose from.
        The row stays locked until the admin's transaction ends, so two saves cannot both pass.
        """
        publishing.lock(self.instance)
        history = self.instance.history
        latest = history.select_related("history_user").order_by("-history_id").first()
        based_on = cleaned.get("based_on_revision")
        base = history.filter(history_id=based_on).first() if based_on else None
        for name in cleaned.get("take_theirs") or []:
            if name in MERGED_FIELDS and base is not None and name in self.fields:
                cleaned[name] = self._form_value(name, base)
        if base is None or latest.history_id == base.history_id:
            return
        merged, conflicts = [], []
        for name in MERGED_FIELDS:
            if name not in self.fields or name in self.errors:
                continue
            before, theirs = _value(base, name), _value(latest, name)
            mine = self._my_value(cleaned, name)
            if theirs == before or mine == theirs:
                continue
            if mine == before:
                cleaned[name] = self._form_value(name, latest)
                merged.append(name)
            else:
                conflicts.append(name)
        who = latest.history_user or "Someone"
        # Shown again (after this conflict or any other error), the form carries the merge.
        self.data = self.data.copy()
        self.data[self.add_prefix("based_on_revision")] = latest.history_id
        for name in merged:
            self._put_in_data(name, cleaned[name])
        for name in conflicts:
            self.add_error(name, self._conflict_message(name, who, latest))
        if merged:
            self.merged = (who, [self._label(name) for name in merged])

    def _my_value(self, cleaned, name):
        value = cleaned.get(name)
        if name in RELATIONS:
            return frozenset(item.pk for item in value or [])
        if name == "hero_image":
            return value.pk if value else None
        return value

    def _form_value(self, name, revision):
        value = _value(revision, name)
        if name in RELATIONS:
            model, _ = RELATIONS[name]
            return model.objects.filter(pk__in=value)
        if name == "hero_image":
            return getattr(revision, name)
        return value

    def _put_in_data(self, name, value):
        key = self.add_prefix(name)
        if name in RELATIONS:
            self.data.setlist(key, [str(item.pk) for item in value])
        elif name == "year":
            self.data[key] = str(abs(value))
            self.data[self.add_prefix("era")] = "-1" if value < 0 else "1"
        elif name == "is_featured":
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif name == "hero_image":
            self.data[key] = str(value.pk) if value else ""
        else:
            self.data[key] = value

    def _conflict_message(self, name, who, latest):
        when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
        theirs = _value(latest, name)
        if name in RELATIONS:
            model, _ = RELATIONS[name]
            theirs = ", ".join(str(item) for item in model.objects.filter(pk__in=theirs))
        elif name == "year":
            theirs = latest.year_display
        elif name == "hero_image":
            theirs = latest.hero_image
        return format_html(
            '{who} also changed this, on {when}. Their version:<div class="their-version">'
            '{theirs}</div><label class="take-theirs"><input type="checkbox" name="{field}" '
            'value="{name}"> Use their version instead of mine</label> '
            "Otherwise your version, kept below, is saved.",
            who=who,
            when=when,
            theirs=theirs or "(empty)",
            field=self.add_prefix("take_theirs"),
            name=name,
        )

    def _label(self, name):
        return str(self.fields[name].label or name).lower()

    def default_reason(self, formsets=()):
        """The change reason when the editor gives none, from the fields that changed."""
        if not self.instance.pk or not self.initial:
            return "Created"
        changed = [
            self._label("year" if name == "era" else name)
            for name in self.changed_data
            if name in MERGED_FIELDS or name == "era"
        ]
        if any(formset.has_changed() for formset in formsets):
            changed.append("byline")
        changed = list(dict.fromkeys(changed))
        if not changed:
            return "Saved without changes"
        listed = changed[0] if len(changed) == 1 else f"{', '.join(changed[:-1])} and {changed[-1]}"
        return f"Edited {listed}"


def _value(revision, name):
    """A merged field's value in a revision, comparable with the form's."""
    if name in RELATIONS:
        _, column = RELATIONS[name]
        return frozenset(getattr(revision, name).values_list(column, flat=True))
    if name == "hero_image":
        return revision.hero_image_id
    return getattr(revision, name)


def byline_of(revision):
    return [row.author_id for row in revision.authors.order_by("position", "pk")]


class BylineFormSet(BaseInlineFormSet):
    """The byline inline; refuses to silently replace a byline another editor changed."""

    def clean(self):
        super().clean()
        event = self.instance
        based_on = _int(self.data.get("based_on_revision"))
        if event.pk is None or not based_on or not self.has_changed():
            return
        if "byline" in self.data.getlist("take_theirs"):
            return
        history = event.history
        latest = history.select_related("history_user").order_by("-history_id").first()
        base = history.filter(history_id=based_on).first()
        if base is None or latest.history_id == based_on:
            return
        if byline_of(base) == byline_of(latest):
            return
        mine = [
            form.cleaned_data["author"].pk
            for form in sorted(self.forms, key=lambda f: f.cleaned_data.get("position") or 0)
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if mine == byline_of(latest):
            return
        authors = (
            type(event)._meta.get_field("authors").related_model.objects.in_bulk(byline_of(latest))
        )
        raise ValidationError(
            format_html(
                "{} also changed the byline, to: {}. Yours is below: save again to keep it, "
                '<label class="take-theirs"><input type="checkbox" name="take_theirs" '
                'value="byline"> or tick here to keep theirs</label>.',
                latest.history_user or "Someone",
                format_html_join(", ", "{}", ((authors[pk],) for pk in byline_of(latest))),
            )
        )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
