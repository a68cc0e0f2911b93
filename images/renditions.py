"""Renditions: the sizes and crops pages ask for, each made once, stored, and reused.

A spec names one rendition, e.g. ``w800.webp`` (800 px wide), ``card-f50-40.jpg`` (the
1200×630 social card cropped around focal point 50 %, 40 %) or ``sq320-f50-40.webp`` (a
square thumbnail). Crops carry the focal point in their name, so moving it gives new
addresses and no cache anywhere keeps the old crop. Pages compute addresses without a query;
the first request of an address makes the file (``rendition_for``), later ones reuse it.
"""

import contextlib
import contextvars
import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageOps

from .models import Rendition
from .processing import encode

WIDTHS = (400, 800, 1200, 1600)
CARD_SIZE = (1200, 630)
THUMBNAIL_SIDES = (160, 320, 640)
FORMATS = {"webp": "image/webp", "jpg": "image/jpeg"}

_SPEC = re.compile(
    r"^(?:w(?P<width>\d{1,4})|(?P<card>card)|sq(?P<side>\d{1,4}))"
    r"(?:-f(?P<fx>\d{1,3})-(?P<fy>\d{1,3}))?\.(?P<ext>webp|jpg)$"
)


class UnknownSpec(ValueError):
    """Not a rendition this image offers (a made-up size, or an old focal point)."""


@dataclass(frozen=True)
class Spec:
    kind: str  # "width", "card" or "square"
    size: tuple
    extension: str

    @property
    def content_type(self):
        return FORMATS[self.extension]


def widths_for(image):
    """The widths offered for an image: never wider than the original."""
    return sorted({min(width, image.width) for width in WIDTHS})


def width_spec(width, extension):
    return f"w{width}.{extension}"


def _focal(image):
    return f"f{image.focal_x}-{image.focal_y}"


def card_spec(image):
    return f"card-{_focal(image)}.jpg"


def square_spec(image, side, extension):
    return f"sq{side}-{_focal(image)}.{extension}"


PREVIEW_SIGNING_SALT = "images.preview-pass"
_with_passes = contextvars.ContextVar("image_preview_passes", default=False)


@contextlib.contextmanager
def preview_passes():
    """Inside the block, image addresses carry a signed pass that expires with share links: for
    a page shown to a reviewer without an account, whose images may still be embargoed."""
    token = _with_passes.set(True)
    try:
        yield
    finally:
        _with_passes.reset(token)


def pass_admits(image, token):
    """Whether ``token`` is a pass for this image that has not expired."""
    try:
        key = signing.loads(
            token, salt=PREVIEW_SIGNING_SALT, max_age=settings.PREVIEW_LINK_MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        return False
    return key == image.key


def url(image, spec):
    address = reverse("images:rendition", kwargs={"key": image.key, "spec": spec})
    if _with_passes.get():
        address += "?pass=" + signing.dumps(image.key, salt=PREVIEW_SIGNING_SALT)
    return address


def card_url(image):
    """The 1200×630 social card (OpenGraph, JSON-LD), cropped around the focal point."""
    return url(image, card_spec(image))


def square_url(image, side=640, extension="jpg"):
    return url(image, square_spec(image, side, extension))


def largest_url(image, extension="jpg"):
    """The widest rendition offered (at most 1,600 px): for the API and structured data."""
    return url(image, width_spec(widths_for(image)[-1], extension))


def fitting(image, width, extension="jpg"):
    """(address, width, height) of the narrowest rendition at least ``width`` wide (or the
    widest there is)."""
    widths = widths_for(image)
    chosen = next((w for w in widths if w >= width), widths[-1])
    height = max(1, round(image.height * chosen / image.width))
    return url(image, width_spec(chosen, extension)), chosen, height


def fitting_url(image, width, extension="jpg"):
    return fitting(image, width, extension)[0]


def parse(image, spec):
    """The ``Spec`` an address asks for, if this image offers it; else ``UnknownSpec``."""
    match = _SPEC.match(spec)
    if match is None:
        raise UnknownSpec(spec)
    extension = match["ext"]
    if match["width"]:
        width = int(match["width"])
        if match["fx"] or width not in widths_for(image):
            raise UnknownSpec(spec)
        height = max(1, round(image.height * width / image.width))
        return Spec("width", (width, height), extension)
    if match["fx"] is None or (int(match["fx"]), int(match["fy"])) != (
        image.focal_x,
        image.focal_y,
    ):
        raise UnknownSpec(spec)
    if match["card"]:
        if extension != "jpg":
            raise UnknownSpec(spec)
        return Spec("card", CARD_SIZE, extension)
    side = int(match["side"])
    if side not in THUMBNAIL_SIDES:
        raise UnknownSpec(spec)
    return Spec("square", (side, side), extension)


def rendition_for(image, spec_name):
    """The stored rendition for ``spec_name``, made now if this is its first request."""
    spec = parse(image, spec_name)  # first: an old crop stays unserved though it is stored
    existing = Rendition.objects.filter(image=image, spec=spec_name).first()
    if existing is not None:
        return existing
    content = ContentFile(render(image, spec))
    rendition = Rendition(image=image, spec=spec_name, width=spec.size[0], height=spec.size[1])
    rendition.file.save(f"renditions/{image.key}/{spec_name}", content, save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made it at the same moment: keep theirs, drop ours.
        rendition.file.delete(save=False)
        return Rendition.objects.get(image=image, spec=spec_name)
    return rendition


def render(image, spec):
    """The bytes of one rendition, from the stored (already clean) original."""
    with image.file.open("rb") as original:
        picture = PillowImage.open(original, formats=["JPEG", "PNG"])
        picture.load()
    if spec.kind == "width":
        picture = picture.resize(spec.size, PillowImage.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        centering = (image.focal_x / 100, image.focal_y / 100)
        picture = ImageOps.fit(
            picture, spec.size, PillowImage.Resampling.LANCZOS, centering=centering
        )
    return encode(picture, spec.extension)
