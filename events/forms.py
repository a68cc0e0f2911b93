"""The base of every form readers send from the open internet (fact-check reports, newsletter)."""

import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.forms.utils import ErrorDict

from history_site.text import strip_control_characters

logger = logging.getLogger(__name__)

_TIMER_SALT = "events.forms.ReaderForm.started"


class ReaderForm(forms.Form):
    """Adds a honeypot field, a minimum fill time, a single-use form token and
    control-character stripping.

    Bots fill every field and post at once; people leave the hidden field empty and take a few
    seconds. The start time travels signed in the form, so it cannot be forged, with a random
    id that is spent when the form is checked, so one token cannot be replayed.
    """

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    too_fast_message = (
        "That was quicker than a person can type. Please check your text and send again."
    )
    expired_message = "This form was open too long or was changed. Please send it again."
    automated_message = "This looks like an automated submission, so it was not sent."
    replayed_message = "This form was already sent once. Please check your text and send again."
    # A form embedded in pages every reader shares (and caches keep) cannot carry a start time
    # or a single-use token of its own: such a form may come without one.
    timer_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = self.new_timer()

    @staticmethod
    def new_timer():
        return signing.dumps([time.time(), secrets.token_urlsafe(12)], salt=_TIMER_SALT)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = strip_control_characters(value)
        if cleaned.get("website"):
            raise forms.ValidationError(self.automated_message, code="honeypot")
        timer = self.data.get(self.add_prefix("started"), "")
        if not timer and not self.timer_required:
            return cleaned
        try:
            started = signing.loads(
                timer,
                salt=_TIMER_SALT,
                max_age=settings.READER_FORM_MAX_AGE_SECONDS,
            )
            started_at, token_id = started
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(self.expired_message, code="expired") from None
        if time.time() - float(started_at) < settings.READER_FORM_MIN_SECONDS:
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        if not _spend(token_id):
            raise forms.ValidationError(self.replayed_message, code="replayed")
        return cleaned

    def refuse(self, message):
        """Show the form again with ``message`` and the reader's text, checking nothing."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)

    def restart_timer(self):
        """Give a re-shown form a fresh start time, keeping everything the reader typed."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = self.new_timer()


def _spend(token_id):
    """Mark a form token used; False if it already was. Kept in the shared cache until the
    token would have expired anyway. Without a cache the check is skipped, so forms still work.
    """
    try:
        return cache.add(
            f"reader-form-token:{token_id}", 1, timeout=settings.READER_FORM_MAX_AGE_SECONDS
        )
    except Exception:  # the cache server is down: any of its client's errors
        logger.warning("Could not record a reader form token: cache unavailable", exc_info=True)
        return True
