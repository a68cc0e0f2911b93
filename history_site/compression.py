"""Compression of public responses only (brotli, else gzip).

A compressed response that mixes a secret (a CSRF token, a session's data) with text an attacker
can choose leaks the secret through its length (BREACH). Public pages carry no secret, by
construction (``page_cache.public_page``): they are the ones marked ``Cache-Control: public``,
and only they are compressed. Editor and personal pages go out as they are. A page kept in the
page cache is compressed once, when it is kept (``encodings``), not on every request.
"""

import gzip

import brotli
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/ld+json",
)
MIN_LENGTH = 200
# An encoding the client accepts, unless it says q=0.
_ACCEPTS = {
    name: _lazy_re_compile(rf"(?:^|,)\s*{name}\s*(?:,|;(?!\s*q=0(?:\.0*)?\s*(?:,|$))|$)")
    for name in ("br", "gzip")
}


class PublicCompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_public(response) or not _is_compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = negotiate(request, ("br", "gzip"))
        if encoding == "identity":
            return response
        content = _encode(response.content, encoding)
        if len(content) < len(response.content):
            response.content = content
            mark_encoded(response, encoding)
        return response


def encodings(response):
    """{"identity": bytes, "br": …, "gzip": …}: each encoding worth sending of ``response``."""
    bodies = {"identity": response.content}
    if _is_compressible(response):
        for encoding in ("br", "gzip"):
            content = _encode(response.content, encoding)
            if len(content) < len(response.content):
                bodies[encoding] = content
    return bodies


def negotiate(request, available):
    """The best of ``available`` encodings the client accepts, else "identity"."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    for encoding in ("br", "gzip"):
        if encoding in available and _ACCEPTS[encoding].search(accepted):
            return encoding
    return "identity"


def mark_encoded(response, encoding):
    response["Content-Length"] = str(len(response.content))
    response["Content-Encoding"] = encoding
    # The bytes differ from the uncompressed ones: a strong validator becomes weak.
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag


def _encode(content, encoding):
    if encoding == "br":
        return brotli.compress(content, quality=5)
    return gzip.compress(content, compresslevel=6, mtime=0)


def _is_public(response):
    return "public" in response.get("Cache-Control", "") and not response.cookies


def _is_compressible(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_LENGTH
    )
