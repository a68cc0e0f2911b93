from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from . import renditions
from .models import Image

PUBLIC_MAX_AGE = 24 * 3600


def rendition(request, key, spec):
    """One rendition of a library image: to anyone once the image is public, before that only
    to staff who may see the library, or with a share link's pass (an embargoed image answers
    404, as if it did not exist)."""
    image = get_object_or_404(Image, key=key)
    is_public = image.is_public()
    # The session is read only for embargoed images, so public answers carry no Vary: Cookie.
    if not (
        is_public
        or renditions.pass_admits(image, request.GET.get("pass", ""))
        or request.user.has_perm("images.view_image")
    ):
        raise Http404("No such image.")
    try:
        made = renditions.rendition_for(image, spec)
    except renditions.UnknownSpec as error:
        raise Http404("No such rendition.") from error
    # A rendition's bytes never change (a new crop gets a new address): validators are stable.
    etag = quote_etag(f"{image.key}-{made.pk}-{spec}")
    last_modified = http_date(made.created_at.timestamp())
    response = get_conditional_response(
        request, etag=etag, last_modified=made.created_at.timestamp()
    )
    if response is None:
        content_type = renditions.FORMATS[spec.rsplit(".", 1)[1]]
        response = FileResponse(made.file.open("rb"), content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    if is_public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
