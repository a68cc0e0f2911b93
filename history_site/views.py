from django.urls import Resolver404, resolve
from django.views import csrf


def csrf_failure(request, reason=""):
    """A reader form refused for CSRF comes back filled in, with a message; anything else
    gets Django's 403 page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return csrf.csrf_failure(request, reason)
    if request.method == "POST" and getattr(match.func, "shows_reader_form_again", False):
        request.csrf_failed = True
        return match.func(request, *match.args, **match.kwargs)
    return csrf.csrf_failure(request, reason)
