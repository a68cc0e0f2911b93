"""Markdown to sanitized HTML, done once per save so no request ever renders or trusts raw input."""

from html import unescape

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "code",
    "pre",
    "sup",
    "sub",
    "abbr",
    "cite",
    "q",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def render_markdown(source):
    html = markdown.markdown(source, extensions=["smarty", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# A summary (dek) is one paragraph: inline Markdown only, so "1990. The wall…" stays text rather
# than becoming a numbered list, and "# " or "> " cannot turn it into a heading or a quote.
INLINE_TAGS = {"em", "strong", "b", "i", "a", "code", "sup", "sub", "abbr", "cite", "q"}
_BLOCK_PROCESSORS = [
    "indent",
    "code",
    "hashheader",
    "setextheader",
    "hr",
    "olist",
    "ulist",
    "quote",
]


def render_inline_markdown(source):
    """One paragraph of inline Markdown to sanitized HTML, without the surrounding <p>."""
    md = markdown.Markdown(extensions=["smarty"], output_format="html")
    for name in _BLOCK_PROCESSORS:
        md.parser.blockprocessors.deregister(name, strict=False)
    html = md.convert(" ".join(source.split()))
    return nh3.clean(
        html,
        tags=INLINE_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(html):
    """Sanitized HTML as plain text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())
