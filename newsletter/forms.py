from django import forms
from django.conf import settings

from events.forms import ReaderForm


class SignupForm(ReaderForm):
    """Email address plus the two statements the reader must tick, worded by the site settings."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter the email address to send the daily email to."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    is_eligible = forms.BooleanField(
        error_messages={
            "required": "Tick this box to confirm it is true for you: we can only sign up "
            "readers for whom it is."
        },
    )
    has_consented = forms.BooleanField(
        error_messages={"required": "Tick this box to agree to receive the email."},
    )
    signup_page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    # The signup block on every public page is the same for all readers (see
    # docs/decisions/0009): it carries no timer. The honeypot, the rate limits and the
    # confirmation email (nothing is sent until the address's owner confirms) still hold.
    timer_required = False

    send_failed_message = (
        "We could not send the confirmation email just now. Please try again in a few minutes."
    )

    def __init__(self, *args, **kwargs):
        # Unique ids: the signup block shares pages with other forms.
        kwargs.setdefault("auto_id", "newsletter-%s")
        super().__init__(*args, **kwargs)
        # Read when the form is built, so the words shown are the words recorded.
        self.consent_text = settings.NEWSLETTER_CONSENT_TEXT
        self.eligibility_text = settings.NEWSLETTER_ELIGIBILITY_TEXT
        self.fields["is_eligible"].label = self.eligibility_text
        self.fields["has_consented"].label = self.consent_text

    def clean_signup_page(self):
        page = self.cleaned_data["signup_page"]
        # Only a path on this site says where the reader was; anything else is a forged post.
        return page if page.startswith("/") and not page.startswith("//") else ""
