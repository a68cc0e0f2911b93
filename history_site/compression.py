"""Compression of public responses only (brotli, else gzip).

A compressed response that mixes a secret (a CSRF token, a session's data) with text an attacker
can choose leaks the secret through its length (BREACH). Public pages carry no secret, by
construction (``page_cache.public_page``): they are the ones marked ``Cache-Control: public``,
and only they are compressed. Editor and personal pages go out as they are.
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
_BROTLI = _lazy_re_compile(r"(?:^|,)\s*br\s*(?:,|;(?!\s*q=0(?:\.0*)?\s*(?:,|$))|$)")
_GZIP = _lazy_re_compile(r"(?:^|,)\s*gzip\s*(?:,|;(?!\s*q=0(?:\.0*)?\s*(?:,|$))|$)")


class PublicCompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_public(response) or not _is_compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if _BROTLI.search(accepted):
            encoding, content = "br", brotli.compress(response.content, quality=5)
        elif _GZIP.search(accepted):
            encoding, content = "gzip", gzip.compress(response.content, compresslevel=6, mtime=0)
        else:
            return response
        if len(content) >= len(response.content):
            return response
        response.content = content
        response["Content-Length"] = str(len(content))
        response["Content-Encoding"] = encoding
        # The bytes differ from the uncompressed ones: a strong validator becomes weak.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        return response


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
