"""Image markup for templates: ``{% picture %}`` for responsive images, ``{% thumbnail %}`` for
square crops. Both compute addresses from the image row alone: rendering a page runs no query
and makes no file; the first request of each address makes its rendition."""

from django import template

from images import renditions

register = template.Library()

# Article column: full width on phones, 720 px from a desktop-sized window up.
ARTICLE_SIZES = "(min-width: 780px) 720px, 100vw"


@register.inclusion_tag("images/includes/picture.html")
def picture(image, sizes=ARTICLE_SIZES, loading="lazy", css_class=""):
    """A ``<picture>`` with WebP and JPEG ``srcset`` at every width, ``width`` and ``height``
    set so the page does not shift, lazy unless the caller says it is above the fold."""
    widths = renditions.widths_for(image)
    srcsets = {
        extension: ", ".join(
            f"{renditions.url(image, renditions.width_spec(width, extension))} {width}w"
            for width in widths
        )
        for extension in renditions.FORMATS
    }
    fallback = next((w for w in widths if w >= 800), widths[-1])
    return {
        "image": image,
        "webp_srcset": srcsets["webp"],
        "jpeg_srcset": srcsets["jpg"],
        "src": renditions.url(image, renditions.width_spec(fallback, "jpg")),
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }


@register.inclusion_tag("images/includes/thumbnail.html")
def thumbnail(image, side=160, css_class=""):
    """A square crop around the focal point, sharp on high-density screens."""
    side = int(side)
    double = side * 2 if side * 2 in renditions.THUMBNAIL_SIDES else side

    def at(size, extension):
        return renditions.url(image, renditions.square_spec(image, size, extension))

    return {
        "image": image,
        "side": side,
        "webp_srcset": f"{at(side, 'webp')} 1x, {at(double, 'webp')} 2x",
        "src": at(side, "jpg"),
        "jpeg_srcset": f"{at(side, 'jpg')} 1x, {at(double, 'jpg')} 2x",
        "css_class": css_class,
    }


@register.simple_tag
def card_url(image):
    """The 1200×630 social card's address (relative; make it absolute for meta tags)."""
    return renditions.url(image, renditions.card_spec(image))
