"""Image files for tests, made with Pillow in memory: friendly ones and hostile ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(width=120, height=80, colour="#884422", mode="RGB"):
    return Image.new(mode, (width, height), colour)


def encoded(image, format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_upload(width=120, height=80, name="photo.jpg"):
    return upload(encoded(picture(width, height), "JPEG"), name)


def gps_tagged_jpeg():
    """A photographer's JPEG: GPS position, camera, artist, a comment and an embedded XMP packet."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Inc"  # Make
    exif[0x0110] = "SecretCam 9000"  # Model
    exif[0x013B] = "Ada Photographer"  # Artist
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SecretLocationXMP</x:xmpmeta>'
    return encoded(
        picture(200, 100), "JPEG", exif=exif.tobytes(), comment=b"SecretComment", xmp=xmp
    )


def rotated_jpeg():
    """A 40×20 JPEG, red on the left and blue on the right, whose EXIF says "rotate 90° clockwise
    to display": shown upright it is 20×40, red on top."""
    image = picture(40, 20, "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    return encoded(image, "JPEG", exif=exif.tobytes(), quality=95)


def png_with_header(width, height, idat=b""):
    """A PNG whose header claims ``width``×``height`` pixels, with (almost) no pixel data."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(idat))
        + chunk(b"IEND", b"")
    )


def decompression_bomb():
    """A small file that unpacks to 6,000×6,000 pixels: about 36 MB of memory for 30 KB of PNG."""
    return encoded(picture(6000, 6000, "black", mode="1"), "PNG", optimize=True)


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert(document.cookie)</script><rect width="100" height="100"/></svg>'
)
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def jpeg_pdf_polyglot():
    """A file that is both a valid JPEG and (to a lenient PDF reader) a PDF with JavaScript."""
    pdf = PDF.replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    )
    return encoded(picture(64, 64), "JPEG", comment=pdf) + pdf


def pdf_jpeg_polyglot():
    """A PDF first, with a JPEG inside: what a PDF reader opens, renamed .jpg."""
    return PDF + encoded(picture(64, 64), "JPEG")


def eps():
    return encoded(picture(50, 50), "EPS")
