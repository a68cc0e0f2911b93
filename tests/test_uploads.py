import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import validate_image_upload

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#884422").save(buffer, "PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def test_a_real_image_is_accepted():
    validate_image_upload(png(120, 80))


def test_a_file_that_is_not_an_image_is_refused():
    fake = SimpleUploadedFile("evil.png", b"<?php system($_GET['c']); ?>", content_type="image/png")
    with pytest.raises(ValidationError, match="not an image"):
        validate_image_upload(fake)


def test_a_pixel_flood_is_refused_before_decoding(settings):
    settings.MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(ValidationError, match="megapixels"):
        validate_image_upload(png(200, 200))


def test_an_absurdly_large_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="the limit is 100"):
        validate_image_upload(png(120, 80))


def test_an_image_needs_alt_text():
    event = EventFactory.build(hero_image=png(120, 80), hero_alt="  ")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "Describe the image" in error.value.message_dict["hero_alt"][0]
