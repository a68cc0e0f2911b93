"""The safe-upload pipeline: decide by decoding, then store only pixels we re-encoded.

An upload is accepted only if Pillow decodes it completely as JPEG, PNG, WebP or GIF, within the
byte and pixel limits. What is stored is never the uploaded bytes: the decoded pixels, turned
upright by their EXIF orientation, converted to sRGB, are written into a fresh file that carries
no metadata at all (no EXIF, GPS, XMP, comments, ICC profile or embedded thumbnail).
"""

import contextlib
import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# A file cut short is an error, never a picture with a grey bottom half.
ImageFile.LOAD_TRUNCATED_IMAGES = False

NOT_AN_IMAGE = (
    "This file is not a JPEG, PNG, WebP or GIF image "
    "(other formats, such as PDF, SVG or EPS, are not accepted)."
)


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image, ready to store: bytes with no metadata, and what we know of them."""

    content: bytes
    extension: str
    width: int
    height: int

    def random_name(self, folder="originals"):
        """A storage name that says nothing about the upload and cannot be guessed."""
        return f"{folder}/{secrets.token_urlsafe(18)}.{self.extension}"


def clean_upload(upload):
    """Decode ``upload`` (a file object) and return it re-encoded, or raise ``ValidationError``
    with a message that names the problem."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; the limit is %(limit)s. Export a smaller version and retry.",
            code="too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            },
        )
    upload.seek(0)
    picture = decode(upload)
    return encode_original(picture)


def decode(upload):
    """Open and fully decode an upload as one of the accepted formats, within the pixel limit."""
    try:
        # ``formats`` keeps every other decoder (EPS, PDF, PSD…) from ever seeing the bytes.
        picture = Image.open(upload, formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(None, None) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    width, height = picture.size
    if width * height > settings.MAX_IMAGE_PIXELS:
        # Checked before decoding: a small file can unpack to gigabytes of pixels.
        raise _too_many_pixels(width, height)
    try:
        picture.load()
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(width, height) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            "This image is damaged or incomplete (perhaps the upload was cut short); "
            "open it in an image editor, save it again and retry.",
            code="damaged",
        ) from error
    if not width or not height:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    return picture


def _too_many_pixels(width, height):
    limit = settings.MAX_IMAGE_PIXELS / 1_000_000
    if width is None:
        return ValidationError(
            "This image has far more pixels than the %(limit)g megapixel limit.",
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        "This image is %(width)s×%(height)s pixels (%(megapixels).0f megapixels); "
        "the limit is %(limit)g megapixels.",
        code="too_many_pixels",
        params={
            "width": width,
            "height": height,
            "megapixels": width * height / 1_000_000,
            "limit": limit,
        },
    )


def upright_srgb(picture):
    """The decoded pixels only: orientation applied, colours in sRGB, RGB or RGBA."""
    picture = ImageOps.exif_transpose(picture)
    icc = picture.info.get("icc_profile")
    if picture.mode == "P":
        picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
    if picture.mode in ("LA", "PA") or (picture.mode == "L" and "transparency" in picture.info):
        picture = picture.convert("RGBA")
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGB")
    if icc:
        # A broken profile: keep the pixels as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            picture = ImageCms.profileToProfile(
                picture, io.BytesIO(icc), ImageCms.createProfile("sRGB"), outputMode=picture.mode
            )
    if picture.mode == "RGBA" and picture.getextrema()[3] == (255, 255):
        picture = picture.convert("RGB")
    # A fresh image from the raw pixels carries nothing of the file it came from.
    return Image.frombytes(picture.mode, picture.size, picture.tobytes())


def encode_original(picture):
    """The stored original: JPEG for photographs, PNG where there is transparency or a GIF/PNG
    source (graphics keep their sharp edges)."""
    source_format = picture.format
    clean = upright_srgb(picture)
    if clean.mode == "RGBA" or source_format in ("PNG", "GIF"):
        content, extension = encode(clean, "png"), "png"
    else:
        content, extension = encode(clean, "jpg"), "jpg"
    return CleanImage(content=content, extension=extension, width=clean.width, height=clean.height)


def encode(picture, extension, *, quality=None):
    """Bytes of ``picture`` in one of the formats we store; no metadata is ever passed on."""
    buffer = io.BytesIO()
    if extension == "jpg":
        if picture.mode != "RGB":
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture, mask=picture.getchannel("A"))
            picture = background
        picture.save(buffer, "JPEG", quality=quality or 88, optimize=True, progressive=True)
    elif extension == "webp":
        picture.save(buffer, "WEBP", quality=quality or 80, method=4)
    elif extension == "png":
        picture.save(buffer, "PNG", optimize=True)
    else:
        raise ValueError(f"Unknown image format: {extension}")
    return buffer.getvalue()
