"""Markdown to sanitized HTML, done once per save so no request ever renders or trusts raw input.

The parser is cmark-gfm (GitHub's fork of the CommonMark reference implementation, through
``cmarkgfm``): linear in the input, with tables, footnotes, strikethrough and typographic
quotes and dashes. nh3 then keeps only the tags we allow. Syntax we do not support is refused by
``unsupported_syntax`` with its name, never silently dropped (decision record "markdown").
"""

import re
from functools import lru_cache
from html import escape, unescape
from itertools import accumulate

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

MAX_BODY_BYTES = 200 * 1024

# Raw HTML is left out by cmark (it renders a marker we look for), never passed through.
_OPTIONS = Options.CMARK_OPT_SMART | Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_SOURCEPOS
_RAW_HTML = "<!-- raw HTML omitted -->"

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "del",
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
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "abbr": {"title"},
    "li": {"id"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {
    "a": {"footnote-backref"},
    "sup": {"footnote-ref"},
    "section": {"footnotes"},
}
INLINE_TAGS = {"em", "strong", "b", "i", "del", "a", "code", "sup", "sub", "abbr", "cite", "q"}


@lru_cache(maxsize=4)  # validation, then the save, render the same text
def _cmark(source):
    return cmarkgfm.github_flavored_markdown_to_html(source, options=_OPTIONS)


def _clean(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


# The sanitiser's HTML parser slows down quadratically with nesting depth (8 KB of ">" took
# 0.5 s), so deeper documents are refused at validation and never handed to it.
MAX_NESTING = 24
_TAG_START = re.compile(r"<(/?)(?!(?:br|hr|img|input)\b)[a-z]")


def _nesting_depth(html):
    steps = (-1 if closing else 1 for closing in _TAG_START.findall(html))
    return max(accumulate(steps, initial=0))


def _as_plain_paragraphs(source):
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", source))
    return "\n".join(f"<p>{escape(text)}</p>" for text in paragraphs if text)


def render_markdown(source):
    html = _cmark(source)
    if _nesting_depth(html) > MAX_NESTING:
        return _as_plain_paragraphs(source)
    return _clean(html, ALLOWED_TAGS)


# Footnote definitions nothing refers to vanish from cmark's output; we refuse them instead.
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_HEADING = re.compile(r'<h([1-6]) data-sourcepos="(\d+):\d+-(\d+):')


def unsupported_syntax(source, *, inline=False):
    """Messages naming each kind of Markdown in ``source`` that the site does not show."""
    html = _cmark(_as_one_paragraph(source) if inline else source)
    problems = []
    if _RAW_HTML in html:
        problems.append(
            "raw HTML (such as <b>, <div> or <!-- -->): write **bold**, *italic* and "
            "[links](https://…) in Markdown instead"
        )
    if "<img " in html:
        problems.append(
            "images (![description](address)): use the article's Image fields; library "
            "images are placed with a paragraph of just [[image:NUMBER]]"
        )
    if inline:
        return problems
    if _nesting_depth(html) > MAX_NESTING:
        problems.append(
            f"block quotes or lists nested more than {MAX_NESTING // 2} deep: flatten them"
        )
    levels, underlined = set(), False
    for level, first_line, last_line in _HEADING.findall(html):
        levels.add(int(level))
        underlined = underlined or first_line != last_line
    if underlined:
        problems.append(
            "underlined (setext) headings, text over a line of === or ---: start the line "
            "with ## instead, or leave a blank line before a --- rule"
        )
    if 1 in levels:
        problems.append(
            "level-1 headings (# …): the article's title is its only level-1 heading; "
            "use ## for subheadings"
        )
    if levels & {5, 6}:
        problems.append("headings below level 4 (##### …): use ##, ### or ####")
    defined = _FOOTNOTE_DEFINITION.findall(source)
    shown = html.count('<li id="fn-')
    if len(defined) > shown:
        problems.append(
            "footnotes that nothing refers to ([^note]: … without a [^note] in the text): "
            "refer to each one, or remove it"
        )
    return problems


def body_size_problem(source):
    """A message when the body is larger than ``MAX_BODY_BYTES``, else None."""
    size = len(source.encode("utf-8"))
    if size <= MAX_BODY_BYTES:
        return None
    return (
        f"The body is {size // 1024} KB; the limit is {MAX_BODY_BYTES // 1024} KB. "
        "Split very long material into several articles."
    )


# A summary (dek) is one paragraph: inline Markdown only, so "1990. The wall…" stays text rather
# than becoming a numbered list, and "# " or "> " cannot turn it into a heading or a quote.
_BLOCK_START = re.compile(
    r"^(?:(?P<number>\d{1,9})(?P<delimiter>[.)])(?=\s|$)"
    r"|(?P<marker>[#>+\-*_=~`|<])(?!(?<=<)[A-Za-z][A-Za-z0-9+.-]{1,31}:))"
)


def _as_one_paragraph(source):
    line = " ".join(source.split())
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group("number"):
        return f"{match['number']}\\{match['delimiter']}{line[match.end() :]}"
    if match["marker"] == "*" and not re.match(r"\*[\s*]", line):
        return line  # "*Apollo 11* lands": emphasis, not a list
    if match["marker"] == "-" and not re.match(r"-(?:\s|-\s*-)", line):
        return line
    return "\\" + line


def _without_paragraph(html):
    if html.startswith("<p>") and html.endswith("</p>"):
        return html[3:-4]
    return html


def render_inline_markdown(source):
    """One paragraph of inline Markdown to sanitized HTML, without the surrounding <p>."""
    return _without_paragraph(_clean(_cmark(_as_one_paragraph(source)), INLINE_TAGS))


def plain_text(html):
    """Sanitized HTML as plain text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())
