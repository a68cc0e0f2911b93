"""What a phone downloads for an article's lead image, and what the article's HTML weighs.

Measured on the bench article with a 12-megapixel camera-like JPEG (what an editor uploads)
added through the library, inside a transaction that is rolled back, with the image files in
a temporary folder: the bench database and media are left as they were. The rendition a
browser picks is worked out as browsers do: the slot width from ``sizes`` (375 CSS px on a
375 px phone) times the device pixel ratio, then the narrowest ``srcset`` candidate at least
that wide.
"""

import io
import re
import tempfile

PHONE_WIDTH = 375
CAMERA_SIZE = (4000, 2250)


def camera_jpeg():
    """A drawn landscape with sensor-like noise, saved as a camera would (quality 92)."""
    from PIL import Image

    from images.demo import draw_scene

    photo = Image.open(draw_scene("bench-camera")[0]).resize(CAMERA_SIZE)
    # Texture at several scales, as foliage, stone and cloth give a photograph: fine grain
    # vanishes in a downscaled rendition, coarser detail survives it and costs bytes.
    for scale, amount in [(1, 0.10), (4, 0.12), (12, 0.12)]:
        size = (CAMERA_SIZE[0] // scale, CAMERA_SIZE[1] // scale)
        noise = Image.effect_noise(size, 60).resize(CAMERA_SIZE).convert("RGB")
        photo = Image.blend(photo, noise, amount)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def slot_width(sizes, viewport):
    """The CSS width ``sizes`` gives the image at ``viewport`` (media conditions on min-width)."""
    for part in sizes.split(","):
        part = part.strip()
        match = re.match(r"\(min-width:\s*(\d+)px\)\s*(\d+)(px|vw)$", part)
        if match:
            if viewport >= int(match[1]):
                return int(match[2]) if match[3] == "px" else viewport * int(match[2]) / 100
            continue
        number, unit = re.match(r"(\d+)(px|vw)$", part).groups()
        return int(number) if unit == "px" else viewport * int(number) / 100
    return viewport


def pick(srcset, needed):
    candidates = sorted(
        (int(width), address) for address, width in re.findall(r"(\S+) (\d+)w", srcset)
    )
    return next((c for c in candidates if c[0] >= needed), candidates[-1])


def report(slug):
    from django.conf import settings
    from django.db import transaction
    from django.test import Client, override_settings
    from django.utils import timezone

    from events.models import PublishedEvent
    from images.library import add_image, mark_published

    client = Client()
    original = camera_jpeg()
    with tempfile.TemporaryDirectory() as folder:
        storages = {
            **settings.STORAGES,
            "images": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder},
            },
        }
        # The page cache would not hear of a change made inside a transaction rolled back.
        with override_settings(STORAGES=storages, PUBLIC_PAGE_CACHE=False), transaction.atomic():
            live = PublishedEvent.objects.get(slug=slug)
            plain = len(client.get(live.get_absolute_url()).content)
            upload = io.BytesIO(original)
            upload.name = "DSC_0001.jpg"
            live.hero_image = add_image(upload=upload, by=None, alt_text="A landscape")
            live.save()
            # What publish() does for an image it puts live: the public may now fetch it.
            mark_published([live.hero_image.pk], by=None, at=timezone.now())
            html = client.get(live.get_absolute_url()).content.decode()
            rows = []
            for format, pattern in [
                ("WebP", r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)"'),
                ("JPEG", r'<img src="[^"]+" srcset="([^"]+)" sizes="([^"]+)"'),
            ]:
                srcset, sizes = re.search(pattern, html).groups()
                for ratio in (1, 2, 3):
                    width, address = pick(srcset, slot_width(sizes, PHONE_WIDTH) * ratio)
                    response = client.get(address)
                    if response.status_code != 200:
                        raise RuntimeError(f"{address} answered {response.status_code}")
                    size = len(b"".join(response.streaming_content))
                    rows.append((format, ratio, width, size))
            transaction.set_rollback(True)
    print(
        f"\nArticle HTML: {plain / 1024:.1f} KB without an image, "
        f"{len(html) / 1024:.1f} KB with one"
    )
    print(
        f"Lead image on a {PHONE_WIDTH} px phone (a {CAMERA_SIZE[0]}x{CAMERA_SIZE[1]} camera JPEG "
        f"of {len(original) / 1024:.0f} KB uploaded; before the library the page sent it whole):"
    )
    print(f"{'format':6} {'DPR':>3} {'rendition':>10} {'KB':>7} {'of original':>11}")
    for format, ratio, width, size in rows:
        print(
            f"{format:6} {ratio:>3} {f'w{width}':>10} {size / 1024:>7.1f} "
            f"{size / len(original):>10.1%}"
        )
    return rows
