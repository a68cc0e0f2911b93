from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from events import page_meta
from events.models import PublishedByline, PublishedEvent
from events.page_meta import PageMeta, breadcrumbs
from events.pagination import UnknownStory, chronological_page
from events.ratelimit import address_is_limited, refuse_reader_post, shows_reader_form_again
from events.stamps import Stamps
from history_site.fragments import render_page
from history_site.page_cache import public_page
from images.renditions import card_url

from . import reports
from .forms import FactCheckForm
from .models import Author, SitePage, TeamMembership


@public_page
def authors(request):
    """Every author and team, with how many live articles carry their byline."""
    authors = Author.objects.with_story_counts().prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.select_related("member")),
        "teams",
    )
    path = reverse("editorial:authors")
    meta = PageMeta(
        title="Our authors",
        description=f"The writers and editors of {settings.SITE_NAME}, and their stories.",
        path=path,
        json_ld=[breadcrumbs(("Authors", path))],
    )
    return render(request, "editorial/author_list.html", {"meta": meta, "authors": authors})


@public_page
def about(request):
    page = SitePage.objects.filter(slug=SitePage.Slug.ABOUT).first()
    path = reverse("editorial:about")
    meta = PageMeta(
        title=page.title if page else f"About {settings.SITE_NAME}",
        description=f"Who writes {settings.SITE_NAME}, how we check the stories and how we "
        "correct them.",
        path=path,
        json_ld=[breadcrumbs(("About", path))],
    )
    return render(request, "editorial/sitepage_detail.html", {"meta": meta, "page": page})


@public_page
def privacy(request):
    """The editors' words (a Privacy page in the admin), then what the reader forms keep and for
    how long, always from the settings that apply it, so the page cannot say otherwise."""
    page = SitePage.objects.filter(slug=SitePage.Slug.PRIVACY).first()
    path = reverse("privacy")
    meta = PageMeta(
        title="Privacy",
        description=f"What {settings.SITE_NAME} keeps about readers, why, and for how long.",
        path=path,
        json_ld=[breadcrumbs(("Privacy", path))],
    )
    return render(
        request,
        "privacy.html",
        {"meta": meta, "page": page, "PRIVACY_CONTACT": settings.PRIVACY_CONTACT},
    )


@public_page
def author(request, slug):
    """An author's or team's page: who they are, then their stories, twenty a page."""
    stamps = Stamps().any_story().beside_stories().read()
    try:
        return render_page(request, "author", stamps, lambda: _author(request, slug))
    except UnknownStory:  # an old link still leads somewhere: the first page
        return redirect("editorial:author", slug)


def _author(request, slug):
    author = get_object_or_404(
        Author.objects.prefetch_related(
            Prefetch("memberships", queryset=TeamMembership.objects.select_related("member")),
            "teams",
        ).select_related("photo"),
        slug=slug,
    )
    bylines = PublishedByline.objects.filter(author=author)
    count = bylines.count()
    page = chronological_page(bylines, "event", count=count, request=request)
    path = author.get_absolute_url()
    meta = PageMeta(
        title=author.name,
        description=author.bio or f"{count} stories by {author.name} for {settings.SITE_NAME}.",
        path=path if page.is_first else f"{path}?{page.query}",
        type="profile",
        image=card_url(author.photo) if author.photo else "",
        image_alt=author.photo.alt if author.photo else "",
        feeds=[
            page_meta.feed_link(f"Stories by {author.name}", "editorial:feed_author_rss", slug),
            page_meta.feed_link(
                f"Stories by {author.name} (Atom)", "editorial:feed_author_atom", slug
            ),
        ],
        json_ld=[
            page_meta.author_entity(author, with_context=True),
            breadcrumbs((author.name, path)),
        ],
    )
    return "editorial/author_detail.html", {
        "title": f"{author.name} · {settings.SITE_NAME}",
        "meta": meta,
        "author": author,
        "page": page,
    }


@shows_reader_form_again
def report(request, slug):
    """The Fact Check form: a reader reports an error in the version of the article they read."""
    refused = refuse_reader_post(request, group="fact-check", rate=settings.FACT_CHECK_RATE)
    live = get_object_or_404(PublishedEvent.objects.for_listing(), slug=slug)
    version = _reported_version(live, request.GET.get("version"))
    if request.method == "POST":
        form = FactCheckForm(request.POST)
        if refused:
            form.refuse(refused.message)
        elif form.is_valid():
            fields = form.report_fields()
            # The "we received it" email goes to an address a few times a day at most, so the
            # form cannot be used to flood someone else's mailbox from many clients.
            acknowledge = fields["wants_reply"] and not address_is_limited(
                request,
                group="fact-check.acknowledgement",
                email=fields["email"],
                rate=settings.FACT_CHECK_ACKNOWLEDGEMENT_RATE,
            )
            reports.file_report(version=version, acknowledge=acknowledge, **fields)
            return redirect("editorial:report_sent", slug=live.slug)
        form.restart_timer()
    else:
        form = FactCheckForm()
    response = render(
        request,
        "editorial/factcheckreport_form.html",
        {
            "form": form,
            "live": live,
            "version": version,
            "is_current": version.history_id == _latest_version_id(live),
        },
    )
    return refused.apply(response) if refused else response


@public_page
def report_sent(request, slug):
    live = PublishedEvent.objects.for_listing().filter(slug=slug).first()
    return render(request, "editorial/factcheckreport_sent.html", {"live": live})


def _published_versions(live):
    return live.history.exclude(history_type="-").only(
        "history_id", "id", "event_id", "history_date", "title"
    )


def _latest_version_id(live):
    return live.history.order_by("-history_id").values_list("history_id", flat=True).first()


def _reported_version(live, value):
    """The version named in ``?version=``, which must be one of this article's; else the latest."""
    versions = _published_versions(live)
    if not value:
        return versions.order_by("-history_id").first()
    try:
        version_id = int(value)
    except ValueError:
        raise Http404("No such version") from None
    return get_object_or_404(versions, history_id=version_id)
