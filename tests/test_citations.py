"""Citations follow MLA 9, APA 7 and Chicago 17 to the letter, and the BibTeX parses."""

import datetime

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser

from editorial.models import Author
from events.citation import citations
from events.models import PublishedEvent

URL = "https://history.example.com/this-day-in-history/march/15/caesar/versions/7/"
ACCESSED = datetime.date(2026, 3, 24)


def person(name):
    return Author(name=name, kind=Author.Kind.PERSON)


def team(name):
    return Author(name=name, kind=Author.Kind.TEAM)


def article(**fields):
    defaults = {
        "title": "Soviets send troops into Azerbaijan",
        "slug": "soviets-send-troops",
        "year": 1990,
        "month": 1,
        "day": 15,
        "published_at": datetime.datetime(2009, 11, 13, 15, tzinfo=datetime.UTC),
        "updated_at": datetime.datetime(2025, 9, 30, 15, tzinfo=datetime.UTC),
    }
    return PublishedEvent(**{**defaults, **fields})


def cite(authors, **fields):
    return citations(event=article(**fields), authors=authors, url=URL, accessed_on=ACCESSED)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_NAME = "This Day in History"
    settings.SITE_PUBLISHER = "History Site Editors"
    settings.TIME_ZONE = "UTC"


def test_a_person_is_last_first_in_mla_and_chicago_and_last_initial_in_apa():
    # MLA 9 (Handbook 5.3): Author. "Title." Website, Publisher, date, URL. Accessed date.
    # APA 7 (Publication Manual 10.16): Author, A. A. (Year, Month Day). Title. Site. URL
    # Chicago 17 (14.206): Author. "Title." Website. Publisher, date. Last modified date. URL.
    found = cite([person("Ruth Ann Abernathy")])
    assert found["mla"] == (
        "Abernathy, Ruth Ann. “Soviets send troops into Azerbaijan.” This Day in History, "
        f"History Site Editors, 30 Sept. 2025, {URL}. Accessed 24 Mar. 2026."
    )
    assert found["apa"] == (
        "Abernathy, R. A. (2025, September 30). Soviets send troops into Azerbaijan. "
        f"This Day in History. {URL}"
    )
    assert found["chicago"] == (
        "Abernathy, Ruth Ann. “Soviets send troops into Azerbaijan.” This Day in History. "
        "History Site Editors, November 13, 2009. Last modified September 30, 2025. "
        f"{URL}."
    )


def test_a_team_is_cited_as_itself_in_every_style():
    found = cite([team("History Site Editors")])
    assert found["mla"].startswith("History Site Editors. “Soviets")
    assert found["apa"].startswith("History Site Editors. (2025, September 30). Soviets")
    assert found["chicago"].startswith("History Site Editors. “Soviets")
    entry = parse_bibtex(found["bibtex"])
    assert entry["author"] == "{History Site Editors}"


def test_several_people_follow_each_styles_rule_for_coauthors():
    two = cite([person("Ruth Abernathy"), person("Daniel Okafor")])
    assert two["mla"].startswith("Abernathy, Ruth, and Daniel Okafor. “")
    assert two["apa"].startswith("Abernathy, R., & Okafor, D. (2025")
    assert two["chicago"].startswith("Abernathy, Ruth, and Daniel Okafor. “")
    three = cite([person("Ruth Abernathy"), person("Daniel Okafor"), person("Lena Marchetti")])
    assert three["mla"].startswith("Abernathy, Ruth, et al. “")
    assert three["apa"].startswith("Abernathy, R., Okafor, D., & Marchetti, L. (2025")
    assert three["chicago"].startswith("Abernathy, Ruth, Daniel Okafor, and Lena Marchetti. “")


def test_apa_initials_keep_hyphenated_given_names():
    assert cite([person("Jean-Paul Sartre")])["apa"].startswith("Sartre, J.-P. (2025")


def test_a_bc_event_is_cited_by_its_article_dates_and_a_question_title_keeps_its_mark():
    found = cite(
        [person("Ruth Abernathy")],
        title="Who killed Caesar in 44 BC?",
        slug="caesar",
        year=-44,
        month=3,
        day=15,
        updated_at=datetime.datetime(2009, 11, 13, 15, tzinfo=datetime.UTC),
    )
    assert (
        "“Who killed Caesar in 44 BC?” This Day in History, History Site Editors, "
        in (found["mla"])
    )
    assert "13 Nov. 2009" in found["mla"]
    assert found["apa"].startswith("Abernathy, R. (2009, November 13). Who killed Caesar in 44 BC?")
    # Not yet updated: Chicago gives the publication date alone.
    assert "History Site Editors, November 13, 2009. https://" in found["chicago"]
    entry = parse_bibtex(found["bibtex"])
    assert entry["title"] == "{Who killed Caesar in 44 BC?}"


def parse_bibtex(text):
    database = bibtexparser.loads(text, parser=BibTexParser(common_strings=True))
    assert len(database.entries) == 1
    return database.entries[0]


def test_bibtex_parses_as_a_misc_entry_with_the_web_fields():
    entry = parse_bibtex(cite([person("Ruth Abernathy"), team("The Desk & Co_")])["bibtex"])
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["author"] == r"Abernathy, Ruth and {The Desk \& Co\_}"
    assert entry["title"] == "{Soviets send troops into Azerbaijan}"
    assert entry["howpublished"] == "This Day in History"
    assert entry["organization"] == "History Site Editors"
    assert entry["year"] == "2025" and entry["month"] == "September"
    assert entry["url"] == URL
    assert entry["urldate"] == "2026-03-24"


@pytest.mark.django_db
def test_article_page_offers_each_format_in_a_disclosure_with_a_copy_button(client, article_page):
    page = client.get(article_page.get_absolute_url()).content.decode()
    for label in ("MLA", "APA", "Chicago", "BibTeX"):
        assert f"<summary>{label}</summary>" in page
        assert f"Copy {label} citation</button>" in page
    assert 'aria-labelledby="cite-' not in page
    assert 'src="/static/js/site.js" defer' in page


@pytest.fixture
def article_page(published_event):
    return published_event(title="A ship reaches the far shore")
