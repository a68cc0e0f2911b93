import re

from django import forms
from django.core.validators import URLValidator

from events.forms import ReaderForm

MAX_LINKS = 3
# Anything a browser or a reader would follow: a scheme, "www.", or a bare domain such as
# "example.ru/page" (labels, a dot, and letters for the top-level domain, so "e.g." and
# "11.5" are not links).
_LINK = re.compile(
    r"[a-z][a-z0-9+.-]*://\S+|www\.\S+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b\S*",
    re.IGNORECASE,
)


class FactCheckForm(ReaderForm):
    """A reader's report of an error: what is wrong, what it should say, a source, a reply."""

    what_is_wrong = forms.CharField(
        label="What is wrong?",
        max_length=5000,
        help_text="Quote the passage if you can, and tell us what is wrong with it.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what is wrong: this is the one field we need."},
    )
    suggested_text = forms.CharField(
        label="What should it say? (optional)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source_url = forms.URLField(
        label="A source or evidence (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="A link to a web page (http or https) that shows the right fact.",
        error_messages={"invalid": "Enter a web address starting with http:// or https://."},
        widget=forms.URLInput(attrs={"placeholder": "https://", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label="Your name (optional)",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email (optional)",
        max_length=254,
        required=False,
        help_text="Only needed if you want to hear back. "
        "We use it for this report and nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    wants_reply = forms.BooleanField(
        label="Email me when you have looked into it",
        required=False,
    )

    too_many_links_message = (
        f"Please include at most {MAX_LINKS} links in one report (the source field counts as "
        "one). Send the most useful ones."
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "fact-check-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_reply") and not cleaned.get("email"):
            self.add_error("email", "Give an email address so we can reply, or untick the box.")
        texts = [cleaned.get(name) or "" for name in ("what_is_wrong", "suggested_text", "name")]
        links = sum(len(_LINK.findall(text)) for text in texts)
        if cleaned.get("source_url"):
            links += 1
        if links > MAX_LINKS:
            raise forms.ValidationError(self.too_many_links_message, code="too_many_links")
        return cleaned

    def report_fields(self):
        """The cleaned values, as ``editorial.reports.file_report`` takes them."""
        names = ["what_is_wrong", "suggested_text", "source_url", "name", "email", "wants_reply"]
        return {name: self.cleaned_data[name] for name in names}
