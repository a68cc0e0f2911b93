"""CSRF protection for a form that cached public pages embed (the newsletter signup).

A CSRF token in a page ties that page to one browser's cookie, so a page that carries one can
be neither shared by a cache nor sent without setting a cookie. Browsers say where a POST comes
from (``Origin``, or ``Sec-Fetch-Site``), and no other site can make them say it is ours: a
POST from one of our own pages needs no token. Anything else (another site, a client that sends
neither header) needs the token as usual, which the form's own page carries. See
docs/decisions/0009-csrf-without-cookies-on-public-pages.md.
"""

import functools

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt


def same_origin_or_csrf_token(view):
    check_token = CsrfViewMiddleware(lambda request: None)

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # A refused POST comes back here through the CSRF failure view, which shows the form.
        if (
            request.method == "POST"
            and not getattr(request, "csrf_failed", False)
            and not posted_from_our_pages(request)
        ):
            refusal = check_token.process_view(request, view, args, kwargs)
            if refusal is not None:
                return refusal
        return view(request, *args, **kwargs)

    return wrapper


def posted_from_our_pages(request):
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        ours = f"{request.scheme}://{request.get_host()}"
        return origin == ours or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
