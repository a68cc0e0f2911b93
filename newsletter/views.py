import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from events.ratelimit import address_is_limited, refuse_reader_post, shows_reader_form_again
from history_site.csrf import same_origin_or_csrf_token

from . import subscriptions
from .forms import SignupForm
from .models import Subscriber

logger = logging.getLogger(__name__)

SIGNUP_RATE_PER_CLIENT = "20/h"


@same_origin_or_csrf_token  # the signup block on every (cached) page carries no token
@shows_reader_form_again
def signup(request):
    refused = refuse_reader_post(request, group="newsletter.signup", rate=SIGNUP_RATE_PER_CLIENT)
    if request.method != "POST":
        form = SignupForm(initial={"signup_page": request.path})
        return render(request, "newsletter/subscriber_form.html", {"form": form})
    form = SignupForm(request.POST)
    status = 200
    if refused:
        form.refuse(refused.message)
    elif form.is_valid():
        email = form.cleaned_data["email"]
        if address_is_limited(
            request,
            group="newsletter.signup.address",
            email=email,
            rate=settings.NEWSLETTER_EMAILS_PER_ADDRESS_RATE,
        ):
            # Past the limit nothing is recorded or sent, and the answer is the same: the
            # latest email sent to this address still holds a working link, so signups by
            # someone else cannot lock its owner out.
            return redirect("newsletter:signup_done")
        try:
            subscriptions.request_subscription(
                email=email,
                consent_text=form.consent_text,
                eligibility_text=form.eligibility_text,
                signup_page=form.cleaned_data["signup_page"],
            )
        except OSError:  # smtplib's errors and socket errors alike
            logger.exception("Could not send a newsletter signup email")
            form.add_error(None, SignupForm.send_failed_message)
            status = 503
        else:
            # The same answer for a new, pending, confirmed or unsubscribed address.
            return redirect("newsletter:signup_done")
    form.restart_timer()
    response = render(request, "newsletter/subscriber_form.html", {"form": form}, status=status)
    return refused.apply(response) if refused else response


def signup_done(request):
    return render(request, "newsletter/signup_done.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        subscriber = subscriptions.subscriber_to_confirm(token)
    except subscriptions.InvalidLink as error:
        return _invalid_link(request, is_expired=isinstance(error, subscriptions.ExpiredLink))
    if request.method == "POST":
        subscriptions.confirm_subscription(subscriber)
        return redirect("newsletter:confirm", token=token)
    # Confirming takes a press of the button: mail scanners open links, but do not press.
    return render(request, "newsletter/subscriber_confirm.html", {"subscriber": subscriber})


@csrf_exempt  # Mail programs POST here without a CSRF token (RFC 8058); the signed token rules.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = subscriptions.subscriber_to_unsubscribe(token)
    except subscriptions.InvalidLink:
        return _invalid_link(request, is_unsubscribe=True)
    if request.method == "POST" and subscriber is not None:
        # A mail program's one-click POST says so in its body; the page's button does not.
        if request.POST.get("List-Unsubscribe") == "One-Click":
            method = Subscriber.UnsubscribeMethod.ONE_CLICK
        else:
            method = Subscriber.UnsubscribeMethod.PAGE
        subscriptions.unsubscribe(subscriber, method=method)
    is_unsubscribed = subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return render(
        request,
        "newsletter/subscriber_unsubscribe.html",
        {"subscriber": subscriber, "is_unsubscribed": is_unsubscribed},
    )


def _invalid_link(request, *, is_expired=False, is_unsubscribe=False):
    form = SignupForm(initial={"signup_page": reverse("newsletter:signup")})
    return render(
        request,
        "newsletter/link_invalid.html",
        {"is_expired": is_expired, "is_unsubscribe": is_unsubscribe, "form": form},
        status=400,
    )
