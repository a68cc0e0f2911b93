"""Markdown as editors write it: what renders, what is refused by name, and how fast."""

import time

import pytest
from django.template import Context, Template
from django.urls import reverse

from events.models import Event
from events.rendering import render_inline_markdown, render_markdown, unsupported_syntax

from .factories import AuthorFactory
from .test_admin import event_form


def test_tables_render_with_their_column_alignment():
    html = render_markdown("| Year | Event |\n|---:|:---|\n| 1990 | Troops sent |\n")
    assert "<table>" in html
    assert '<th align="right">Year</th>' in html
    assert '<td align="left">Troops sent</td>' in html


def test_footnotes_render_as_a_linked_reference_and_a_note_list():
    html = render_markdown("About 1,100 troops.[^count]\n\n[^count]: Figures from TASS.\n")
    assert '<sup class="footnote-ref"><a href="#fn-count" id="fnref-count"' in html
    assert '<section class="footnotes">' in html
    assert '<li id="fn-count">' in html and "Figures from TASS." in html


def test_quotes_dashes_and_ellipses_become_typographic():
    html = render_markdown('He said "never" -- and it\'s 1990---the end...')
    assert html == "<p>He said “never” – and it’s 1990—the end…</p>"


def test_strikethrough_renders_as_deleted_text():
    assert render_markdown("~~wrong~~ right") == "<p><del>wrong</del> right</p>"


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("Some <b>bold</b> text.", "raw HTML"),
        ("<div>\nA block\n</div>", "raw HTML"),
        ("![Tanks](https://example.org/tanks.jpg)", "images"),
        ("# A second title", "level-1 headings"),
        ("Subheading\n==========", "underlined (setext) headings"),
        ("Text\n---", "underlined (setext) headings"),
        ("##### Too deep", "headings below level 4"),
        ("Text.\n\n[^lost]: A note nothing refers to.", "footnotes that nothing refers to"),
        ("> " * 40 + "quote", "nested more than"),
    ],
)
def test_unsupported_syntax_is_named(source, named):
    problems = unsupported_syntax(source)
    assert problems
    assert all(named in problem or "level-1" in problem for problem in problems)
    assert any(named in problem for problem in problems)


def test_supported_syntax_and_reserved_image_paragraphs_are_not_refused():
    source = (
        "## Background\n\nText with *emphasis*, **strong**, `code` and a "
        "[link](https://example.org).[^1]\n\n---\n\n> A quote\n\n- one\n- two\n\n"
        "[[image:12]]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.\n"
    )
    assert unsupported_syntax(source) == []
    assert "<p>[[image:12]]</p>" in render_markdown(source)


def test_a_summary_stays_one_paragraph_of_inline_markdown():
    assert render_inline_markdown("1990. The wall *falls*") == "1990. The wall <em>falls</em>"
    assert render_inline_markdown("# Not a heading") == "# Not a heading"
    assert render_inline_markdown("*Apollo 11* lands") == "<em>Apollo 11</em> lands"
    assert unsupported_syntax("A <i>dek</i>", inline=True)[0].startswith("raw HTML")


def test_titles_get_typographic_quotes_and_dashes_through_the_filter():
    template = Template("{% load events_tags %}{{ title|typographic }}")
    html = template.render(Context({"title": 'The "Iron Curtain" speech -- 1946 & <b>after</b>'}))
    assert html == "The “Iron Curtain” speech – 1946 &amp; &lt;b&gt;after&lt;/b&gt;"
    assert template.render(Context({"title": "1990. *Not* a list"})) == "1990. *Not* a list"


@pytest.mark.django_db
def test_admin_refuses_unsupported_markdown_naming_it_and_keeps_the_text(client, editor):
    client.force_login(editor)
    body = "Intro.\n\n![Tanks](https://example.org/tanks.jpg)"
    response = client.post(
        reverse("admin:events_event_add"), event_form(AuthorFactory(), body=body)
    )
    assert response.status_code == 200
    assert Event.objects.count() == 0
    page = response.content.decode()
    assert "This Markdown is not supported here: images" in page
    assert "![Tanks](https://example.org/tanks.jpg)</textarea>" in page


@pytest.mark.django_db
def test_admin_refuses_a_body_over_200_kb_with_its_size(client, editor):
    client.force_login(editor)
    body = "A sentence of ordinary length for a long article.\n\n" * 4200
    response = client.post(
        reverse("admin:events_event_add"), event_form(AuthorFactory(), body=body)
    )
    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert "The body is 209 KB; the limit is 200 KB." in response.content.decode()


# Known bad inputs: the previous renderer took 6 s on 8 KB of "[" and 62 s on 40 KB. The bounds
# are generous (a loaded CI machine) yet far below what a quadratic parser needs.
PATHOLOGICAL = {
    "8 KB of [": "[" * 8 * 1024,
    "40 KB of [": "[" * 40 * 1024,
    "200 KB of [ then ]": "[" * 200 * 1024 + "]",
    "40 KB of unclosed links": "[a](" * 10 * 1024,
    "40 KB of nested block quotes": ">" * 40 * 1024 + " x",
    "40 KB of backticks": "`a``b```c" * 4551,
    "40 KB of emphasis markers": "*_" * 20 * 1024,
    "40 KB of nested emphasis": "*_" * 10 * 1024 + "x" + "_*" * 10 * 1024,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_renders_and_validates_in_well_under_a_second(name):
    source = PATHOLOGICAL[name]
    start = time.perf_counter()
    render_markdown(source)
    unsupported_syntax(source + " ")  # a different text: parsed again, not cached
    assert time.perf_counter() - start < 1.5, name


@pytest.mark.django_db
def test_errors_are_summarised_at_the_top_with_links_to_each_field(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        event_form(AuthorFactory(), body="<b>x</b>", day="31", month="2"),
    )
    page = response.content.decode()
    start = page.index('class="error-summary"')
    summary = page[start : page.index("</nav>", start)]
    assert '<a href="#id_day">Day</a>: February 31 does not exist.' in summary
    assert '<a href="#id_body">Body</a>: This Markdown is not supported here: raw HTML' in summary
