"""Safe uploads: only decodable JPEG, PNG, WebP and GIF get in, and what is stored (and every
rendition made from it) is re-encoded from the pixels, upright, with no metadata at all."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PillowImage

from images.library import add_image
from images.models import Image
from images.renditions import rendition_for

from . import images_files as files

pytestmark = pytest.mark.django_db

SECRETS = [b"SecretCam", b"Ada Photographer", b"SecretComment", b"SecretLocationXMP", b"Exif"]


def add(content, name="photo.jpg", **details):
    details.setdefault("alt_text", "A test picture")
    return add_image(upload=files.upload(content, name), by=None, **details)


def refused(content, name="photo.jpg"):
    with pytest.raises(ValidationError) as error:
        add(content, name)
    assert Image.objects.count() == 0
    return " ".join(error.value.messages)


def stored_bytes(image):
    with image.file.open("rb") as stored:
        return stored.read()


@pytest.mark.parametrize(
    ("format", "options", "extension"),
    [
        ("JPEG", {}, "jpg"),
        ("PNG", {}, "png"),
        ("WEBP", {}, "jpg"),
        ("GIF", {}, "png"),
    ],
)
def test_each_accepted_format_is_stored_re_encoded(format, options, extension):
    image = add(files.encoded(files.picture(90, 60), format, **options), f"upload.{format}")
    assert image.file.name.endswith(f".{extension}")
    assert (image.width, image.height) == (90, 60)
    assert PillowImage.open(io.BytesIO(stored_bytes(image))).size == (90, 60)


def test_a_transparent_png_keeps_its_transparency():
    transparent = files.picture(30, 30, (0, 0, 0, 0), mode="RGBA")
    image = add(files.encoded(transparent, "PNG"), "logo.png")
    assert PillowImage.open(io.BytesIO(stored_bytes(image))).mode == "RGBA"


def test_the_stored_name_is_random_never_the_uploaders():
    first = add(files.encoded(files.picture(), "JPEG"), "holiday-at-grandmas-house.jpg")
    second = add(files.encoded(files.picture(), "JPEG"), "holiday-at-grandmas-house.jpg")
    assert "grandma" not in first.file.name
    assert first.file.name != second.file.name
    assert first.key != second.key


def test_a_gps_tagged_jpeg_keeps_no_metadata_in_the_stored_file_or_any_rendition():
    original = files.gps_tagged_jpeg()
    assert all(secret in original for secret in SECRETS)
    image = add(original)
    stored = [stored_bytes(image)]
    for spec in ["w200.webp", "w200.jpg", f"card-f{image.focal_x}-{image.focal_y}.jpg"]:
        with rendition_for(image, spec).file.open("rb") as made:
            stored.append(made.read())
    for content in stored:
        assert not any(secret in content for secret in SECRETS)
        decoded = PillowImage.open(io.BytesIO(content))
        assert not decoded.getexif()
        assert not {"exif", "comment", "xmp", "icc_profile"} & set(decoded.info)


def test_a_rotated_jpeg_is_stored_upright():
    image = add(files.rotated_jpeg())
    assert (image.width, image.height) == (20, 40)
    upright = PillowImage.open(io.BytesIO(stored_bytes(image))).convert("RGB")
    red, _, blue = upright.getpixel((10, 5))
    assert red > 200 and blue < 60
    red, _, blue = upright.getpixel((10, 35))
    assert blue > 200 and red < 60


def test_a_decompression_bomb_is_refused_before_it_is_decoded(settings):
    settings.MAX_IMAGE_PIXELS = 20_000_000
    message = refused(files.decompression_bomb(), "small.png")
    assert "6000×6000 pixels" in message and "limit is 20 megapixels" in message


def test_huge_dimensions_are_refused_from_the_header_alone():
    message = refused(files.png_with_header(100_000, 100_000), "huge.png")
    assert "megapixel" in message


def test_a_renamed_pdf_is_refused():
    assert "not a JPEG, PNG, WebP or GIF" in refused(files.PDF, "scan.jpg")


def test_a_pdf_with_a_jpeg_inside_is_refused():
    assert "not a JPEG, PNG, WebP or GIF" in refused(files.pdf_jpeg_polyglot(), "poly.jpg")


def test_a_jpeg_pdf_polyglot_is_stored_as_a_plain_jpeg_without_the_pdf():
    image = add(files.jpeg_pdf_polyglot(), "poly.jpg")
    stored = stored_bytes(image)
    assert b"%PDF" not in stored and b"JavaScript" not in stored
    assert stored.startswith(b"\xff\xd8")


def test_an_svg_with_a_script_is_refused():
    assert "not a JPEG, PNG, WebP or GIF" in refused(files.SVG_WITH_SCRIPT, "logo.svg")


def test_an_eps_file_is_refused():
    assert "not a JPEG, PNG, WebP or GIF" in refused(files.eps(), "poster.eps")


@pytest.mark.parametrize("format", ["JPEG", "PNG"])
def test_a_truncated_file_is_refused_as_damaged(format):
    content = files.encoded(files.picture(300, 300, "#336699").effect_spread(20), format)
    message = refused(content[: len(content) // 2])
    assert "damaged or incomplete" in message


def test_a_file_over_the_byte_limit_is_refused_with_the_limit(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    assert "the limit is 100" in refused(files.encoded(files.picture(), "PNG"))


def test_an_image_needs_alt_text_or_to_be_marked_decorative():
    with pytest.raises(ValidationError) as error:
        add(files.encoded(files.picture(), "JPEG"), alt_text="  ")
    assert "Describe the image" in error.value.message_dict["alt_text"][0]
    decorative = add(files.encoded(files.picture(), "JPEG"), alt_text="", is_decorative=True)
    assert decorative.alt == ""
