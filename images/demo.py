"""Demo pictures drawn with Pillow (no downloads): a painted landscape for each demo article and
a silhouette portrait for each author, stored through the real upload pipeline.

Each picture is seeded by its slug, so a demo site looks the same on every machine, and its alt
text says what was drawn.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

from .library import add_image

SCENE_SIZE = (1600, 900)
PORTRAIT_SIZE = (800, 800)
CREDIT = "History Site (drawn for the demo)"

# (name, sky top, sky horizon, sun, far hills, near hills)
PALETTES = [
    ("dawn", "#2b3a67", "#f3b28a", "#fff1d0", "#7a6b8f", "#2e2a3f"),
    ("midday", "#3f7cc0", "#cfe6f5", "#fffbe8", "#7fa38a", "#2f4a36"),
    ("dusk", "#3a1f4a", "#e9825a", "#ffd9a0", "#6b3f5c", "#1f1426"),
    ("winter", "#5c7287", "#dfe7ec", "#f7f7f2", "#9fb0bd", "#3b4a56"),
    ("storm", "#1f2a30", "#6d7d80", "#c9d3cf", "#44555a", "#151d21"),
    ("desert", "#6f9ccf", "#f4d6a0", "#fff6dc", "#c99a62", "#7a4b2a"),
]
SUN_WORDS = {"dawn": "a rising sun", "midday": "a high sun", "dusk": "a setting sun",
             "winter": "a pale winter sun", "storm": "a sun hidden by storm clouds",
             "desert": "a bright sun"}  # fmt: skip


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _blend(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_scene(seed):
    """A layered landscape; returns (JPEG bytes, what it shows)."""
    rng = random.Random(seed)
    name, top, horizon, sun, far, near = rng.choice(PALETTES)
    top, horizon, sun, far, near = map(_rgb, (top, horizon, sun, far, near))
    width, height = SCENE_SIZE
    picture = Image.new("RGB", SCENE_SIZE)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_blend(top, horizon, min(1, y / (height * 0.65))))
    glow = Image.new("L", SCENE_SIZE, 0)
    sun_x, sun_y = rng.randint(250, width - 250), rng.randint(150, 420)
    ImageDraw.Draw(glow).ellipse([sun_x - 140, sun_y - 140, sun_x + 140, sun_y + 140], fill=150)
    picture.paste(sun, mask=glow.filter(ImageFilter.GaussianBlur(60)))
    draw.ellipse([sun_x - 60, sun_y - 60, sun_x + 60, sun_y + 60], fill=sun)
    ranges = rng.randint(3, 5)
    for layer in range(ranges):
        depth = layer / max(1, ranges - 1)
        colour = _blend(_blend(far, horizon, 0.35), near, depth)
        base = height * (0.5 + 0.12 * layer)
        waves = [(rng.uniform(0.002, 0.008), rng.uniform(0, 6.3), rng.uniform(20, 70))
                 for _ in range(3)]  # fmt: skip
        outline = [
            (x, base - sum(a * math.sin(f * x + p) for f, p, a in waves))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([(0, height), *outline, (width, height)], fill=colour)
    water = rng.random() < 0.4
    if water:
        draw.rectangle([0, height * 0.86, width, height], fill=_blend(horizon, top, 0.5))
    grain = Image.effect_noise((width // 4, height // 4), 24).resize(SCENE_SIZE).convert("RGB")
    picture = Image.blend(picture, grain, 0.06)
    what = f"{SUN_WORDS[name]} over {ranges} ridges of hills" + (
        " and still water" if water else ""
    )
    return _jpeg(picture), f"a painted {name} landscape: {what}"


def draw_portrait(seed, *, people=1):
    """A head-and-shoulders silhouette (or a small group of them) on a soft background."""
    rng = random.Random(seed)
    _, top, horizon, _, far, near = rng.choice(PALETTES)
    width, height = PORTRAIT_SIZE
    picture = Image.new("RGB", PORTRAIT_SIZE)
    draw = ImageDraw.Draw(picture)
    top, horizon, figure = _rgb(top), _rgb(horizon), _rgb(near)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_blend(horizon, top, y / height))
    step = width // (people + 1)
    for index in range(people):
        cx = step * (index + 1)
        scale = 1.0 if people == 1 else 0.6
        head = 130 * scale
        cy = height * (0.42 if people == 1 else 0.5)
        draw.ellipse([cx - head, cy - head * 1.2, cx + head, cy + head * 1.1], fill=figure)
        shoulder = head * (2.4 if people == 1 else 1.7)
        draw.ellipse([cx - shoulder, cy + head * 1.3, cx + shoulder, cy + head * 4.5], fill=figure)
    return _jpeg(picture.filter(ImageFilter.SMOOTH))


def _jpeg(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    buffer.seek(0)
    buffer.name = "demo.jpg"
    return buffer


def event_illustration(*, slug, title, caption="", at=None):
    """A library image for one demo article."""
    content, shows = draw_scene(slug)
    return add_image(
        upload=content,
        by=None,
        at=at,
        reason="Demo content",
        alt_text=f"Illustration: {shows}.",
        caption=caption or f"An illustration drawn for “{title}”.",
        credit=CREDIT,
        licence="own",
    )


def author_portrait(*, slug, name, is_team=False, at=None):
    """A library image standing in for an author's portrait (never a real likeness)."""
    content = draw_portrait(slug, people=3 if is_team else 1)
    who = f"three head-and-shoulders silhouettes for the team {name}" if is_team else (
        f"a head-and-shoulders silhouette standing in for {name}"
    )  # fmt: skip
    return add_image(
        upload=content,
        by=None,
        at=at,
        reason="Demo content",
        alt_text=f"Illustration: {who}.",
        credit=CREDIT,
        licence="own",
        focal_y=40,
    )
