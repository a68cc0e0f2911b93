from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from history_site.fragments import render_page
from history_site.page_cache import public_page
from images.renditions import card_url, preview_passes

from . import calendar, page_meta, sharing
from . import search as site_search
from .calendar import MONTH_NAMES, day_exists, neighbouring_days
from .citation import citations
from .models import (
    Calendar,
    Event,
    PublishedEvent,
    ShareLink,
    Topic,
    lead_and_rest,
    public_corrections,
)
from .page_meta import PageMeta, absolute_url, breadcrumbs
from .pagination import UnknownStory, chronological_page
from .stamps import Stamps
from .templatetags.typography import smarten

ALSO_ON_THIS_DAY_LIMIT = 12
# The home's "This week in history": this many nearby days, with this many stories each.
WEEK_DAYS = 6
STORIES_PER_NEARBY_DAY = 3
EMPTY_DAY_NEARBY_DAYS = 4
RECENT_LIMIT = 6
MONTH_WITHOUT_DAY_LIMIT = 50
CITATION_STYLES = {"mla": "MLA", "apa": "APA", "chicago": "Chicago", "bibtex": "BibTeX"}
CORRECTIONS_PER_PAGE = 20
SEARCH_RESULTS_PER_PAGE = 20


@public_page
def home(request):
    """Today's stories, the week around them, and the latest: one stamp of everything published
    keys it, so it is rendered once per change and per day."""
    today = timezone.localdate()
    stamps = Stamps().any_story().beside_stories().read()
    return render_page(request, "home", (today, *stamps), lambda: _home(today))


def _home(today):
    events = PublishedEvent.objects.on_day(today.month, today.day).for_listing()
    featured, others = lead_and_rest(events, year=today.year)
    day_name = calendar.day_name(today.month, today.day)
    if featured:
        description = f"On this day, {day_name}, in {featured.year_display}: {featured.title}."
        if others:
            description += f" And {len(others)} more stories from {day_name} in history."
    else:
        description = f"What happened on {day_name} in history, written and checked by our editors."
    meta = PageMeta(
        title=settings.SITE_NAME,
        description=description,
        path=reverse("events:home"),
        image=card_url(featured.hero_image) if featured and featured.hero_image else "",
        image_alt=featured.hero_image.alt if featured and featured.hero_image else "",
        feeds=page_meta.site_feeds(),
        json_ld=[page_meta.website(), breadcrumbs()],
    )
    published = PublishedEvent.objects.for_listing()
    this_week = _stories_of_nearby_days(today.month, today.day, limit=WEEK_DAYS, within=7)
    is_this_week = bool(this_week)
    if not is_this_week:
        this_week = _stories_of_nearby_days(today.month, today.day, limit=WEEK_DAYS)
    return "events/home.html", {
        "title": f"{settings.SITE_NAME}: {date_format(today, 'F j')}",
        "meta": meta,
        "today": today,
        "featured": featured,
        "featured_years_ago": featured.years_ago(today.year) if featured else None,
        "events": others,
        "this_week": this_week,
        "is_this_week": is_this_week,
        "recently_published": published.recently_published()[:RECENT_LIMIT],
        "recently_updated": published.recently_updated()[:RECENT_LIMIT],
        "months": _months(),
    }


def _stories_of_nearby_days(month, day, *, limit, within=183):
    """The nearest days that have stories, each with its first few: two queries, however many.

    Only the days within reach are counted (through the day index), not the whole year."""
    candidates = PublishedEvent.objects.all()
    if within < 183:
        candidates = candidates.on_days(calendar.days_within(month, day, within))
    days = calendar.nearest_days(
        candidates.story_counts_by_day(), month, day, limit=limit, within=within
    )
    events = (
        PublishedEvent.objects.on_days((nearby.month, nearby.day) for nearby in days)
        .first_of_each_day(STORIES_PER_NEARBY_DAY)
        .chronological()
        .for_listing()
    )
    by_day = {}
    for event in events:
        by_day.setdefault((event.month, event.day), []).append(event)
    return [(nearby, by_day.get((nearby.month, nearby.day), [])) for nearby in days]


def _months():
    return [(number, name.capitalize()) for number, name in enumerate(MONTH_NAMES, start=1)]


@public_page
def day(request, month, day):
    if not day_exists(month, day):
        raise Http404("No such day")
    stamps = Stamps().stories_on_day(month, day).beside_stories().read()
    if not stamps[0]:  # no story: the page shows the nearest days with stories instead
        stamps += Stamps().any_story().read()
    return render_page(request, "day", (month, day, *stamps), lambda: _day(month, day))


def _day(month, day):
    events = list(PublishedEvent.objects.on_day(month, day).chronological().for_listing())
    previous_day, next_day = neighbouring_days(month, day)
    day_name = calendar.day_name(month, day)
    path = reverse("events:day", args=[month, day])
    if events:
        titles = "; ".join(f"{event.year_display}: {event.title}" for event in events[:3])
        description = f"{len(events)} stories from {day_name} in history. {titles}."
    else:
        description = f"What happened on {day_name} in history."
    meta = PageMeta(
        title=f"{day_name} in history",
        description=description,
        path=path,
        feeds=page_meta.site_feeds(),
        json_ld=[page_meta.item_list(events), breadcrumbs((day_name, path))],
    )
    return "events/day_detail.html", {
        "title": f"{day_name} in history · {settings.SITE_NAME}",
        "meta": meta,
        "month": month,
        "day": day,
        "day_name": day_name,
        "month_name": MONTH_NAMES[month - 1].capitalize(),
        "events": events,
        "has_julian_dates": any(event.calendar == Calendar.JULIAN for event in events),
        "nearby_days": []
        if events
        else _stories_of_nearby_days(month, day, limit=EMPTY_DAY_NEARBY_DAYS),
        "previous_day": calendar.NearbyDay(*previous_day, offset=-1),
        "next_day": calendar.NearbyDay(*next_day, offset=1),
    }


@public_page
def month(request, month):
    """A month as a calendar of its days, each with its number of stories."""
    month_name = MONTH_NAMES[month - 1].capitalize()
    counts = PublishedEvent.objects.filter(month=month).story_counts_by_day()
    days = [
        calendar.NearbyDay(month, day, offset=0, count=counts.get((month, day), 0))
        for day in range(1, calendar.days_in_month(month) + 1)
    ]
    previous_month, next_month = (month - 2) % 12 + 1, month % 12 + 1
    path = reverse("events:month", args=[month])
    meta = PageMeta(
        title=f"{month_name} in history",
        description=f"{sum(counts.values())} stories from {month_name} in history, day by day.",
        path=path,
        feeds=page_meta.site_feeds(),
        json_ld=[breadcrumbs((month_name, path))],
    )
    return render(
        request,
        "events/month_detail.html",
        {
            "meta": meta,
            "month": month,
            "month_name": month_name,
            "days": days,
            "story_count": sum(counts.values()),
            "known_to_the_month": PublishedEvent.objects.in_month_without_day(month)
            .chronological()
            .for_listing()[:MONTH_WITHOUT_DAY_LIMIT],
            "previous_month": (previous_month, MONTH_NAMES[previous_month - 1].capitalize()),
            "next_month": (next_month, MONTH_NAMES[next_month - 1].capitalize()),
        },
    )


@public_page
def article(request, month, day, slug):
    pk, live_month, live_day, *stamps = (
        Stamps(article=slug)
        .latest_version()
        .timeline()
        .stories_on_day(month, day)  # Also on This Day
        .beside_stories()
        .read()
    )
    if pk is None:
        if PublishedEvent.history.filter(slug=slug, history_type="-").exists():
            return render(request, "events/withdrawn.html", status=410)
        raise Http404("No such article")
    if (live_month, live_day) != (month, day):
        return redirect("events:article", live_month, live_day, slug, permanent=True)

    def context():
        event = get_object_or_404(PublishedEvent.objects.select_related("hero_image"), pk=pk)
        return _article_context(
            request,
            event,
            live=event,
            version_id=stamps[0],
            bylines=_bylines(event.bylines),
            topics=event.topics.all(),
            timeline=event.timeline.all(),
        )

    return _kept_article(request, stamps, context)


@public_page
def version(request, month, day, slug, version_id):
    """A published version's permanent link: found by its id, so a citation keeps working after
    the article's slug or date changes (it then answers 301 to the current address)."""
    record = get_object_or_404(
        PublishedEvent.history.exclude(history_type="-"), history_id=version_id
    )
    timeline = record.timeline.values("event_id")
    pk, live_month, live_day, *stamps = (
        Stamps(article=slug)
        .latest_version()  # the page tells of the corrections made since this version
        .stories_of_events(timeline)
        .stories_on_day(month, day)
        .beside_stories()
        .read()
    )
    if (pk, live_month, live_day) != (record.id, month, day):
        return _version_elsewhere(request, record, slug)

    def context():
        live = get_object_or_404(PublishedEvent, pk=pk)  # read after the stamps, as all it shows
        return _article_context(
            request,
            record.instance,
            live=live,
            version_id=version_id,
            version_date=record.history_date,
            topics=Topic.objects.filter(pk__in=record.topics.values("topic_id")),
            bylines=_bylines(record.authors),
            timeline=Event.objects.filter(pk__in=timeline),
            is_earlier_version=stamps[0] > version_id,
        )

    return _kept_article(request, (version_id, *stamps), context)


def _version_elsewhere(request, record, slug):
    """A version asked for under another address than its live article's: 410 if the article
    was withdrawn, 404 if it never had that slug, else 301 to its current address."""
    live = PublishedEvent.objects.filter(pk=record.id).first()
    if live is None:
        return render(request, "events/withdrawn.html", status=410)
    if live.slug != slug and not live.history.filter(slug=slug).exists():
        raise Http404("No such version of this article")
    return redirect(
        "events:version", live.month, live.day, live.slug, record.history_id, permanent=True
    )


def _kept_article(request, stamps, context):
    """A published version, rendered once and kept under ``stamps``, those of what it shows
    (``events.stamps``: its article's versions, the stories of its timeline and of its day,
    the authors, topics and images beside it), and the date (the citation's Date Accessed)."""
    return render_page(
        request,
        "article",
        (*stamps, timezone.localdate()),
        lambda: ("events/publishedevent_detail.html", context()),
    )


def _bylines(bylines):
    """Bylines (live, or of a saved version) in order, with what About the author shows."""
    return (
        bylines.select_related("author")
        .prefetch_related("author__memberships__member")
        .order_by("position")
    )


def shared_preview(request, token):
    """The revision an editor shared, for a reviewer without an account, while the link stands."""
    link = sharing.link_for(token)
    if link is None:
        raise Http404("No such preview")
    state = link.state(now=timezone.now())
    if state != ShareLink.State.ACTIVE:
        return _no_store(
            render(request, "events/preview_expired.html", {"state": state}, status=410)
        )
    record = get_object_or_404(link.event.history, history_id=link.revision)
    with preview_passes():  # the reviewer may see the draft's embargoed images
        return render_revision_preview(request, record)


def render_revision_preview(request, record):
    """One saved revision of the working copy (``Event.history``) as the public would see it."""
    snapshot = record.instance.preview_snapshot(now=timezone.now())
    live = PublishedEvent.objects.filter(event_id=record.id).first()
    response = _preview(
        request,
        snapshot,
        bylines=_bylines(record.authors),
        topics=Topic.objects.filter(pk__in=record.topics.values("topic_id")),
        timeline=Event.objects.filter(pk__in=record.timeline.values("to_event_id")),
        version_log=live.version_log() if live else [],
        shared_revision_date=record.history_date,
    )
    return _no_store(response)


def render_preview(request, event):
    """The working copy exactly as the public page would show it once published."""
    snapshot = event.preview_snapshot(now=timezone.now())
    live = PublishedEvent.objects.filter(event=event).first()
    response = _preview(
        request,
        snapshot,
        bylines=_bylines(event.bylines),
        topics=event.topics.all(),
        timeline=event.timeline.all(),
        version_log=live.version_log() if live else [],
    )
    return _no_store(response)


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _preview(request, snapshot, **context):
    """Unsaved or unpublished text as the public page would show it: rendered every time,
    never kept."""

    def describe():
        context.update(live=snapshot, version_id=None, is_preview=True)
        return "events/publishedevent_detail.html", _article_context(request, snapshot, **context)

    return render_page(request, "preview", (), describe, keep=False)


def _article_context(
    request,
    event,
    *,
    live,
    version_id,
    bylines,
    topics,
    timeline,
    version_log=None,
    version_date=None,
    is_earlier_version=False,
    is_preview=False,
    shared_revision_date=None,
):
    """One context for the live article, any earlier version of it, and previews."""
    authors = [byline.author for byline in bylines]
    topics = list(topics)
    if version_id is None:
        version_url = request.build_absolute_uri(live.get_absolute_url())
    else:
        version_url = _version_url(request, live, version_id)
    # One query serves the version log and the correction notes.
    version_log = list(live.version_log() if version_log is None else version_log)
    corrections, later_corrections = [], []
    for entry in version_log:
        if entry.change_kind != PublishedEvent.ChangeKind.CORRECTION:
            continue
        # An earlier version is told of the corrections made since: its text has the error.
        is_later = version_id is not None and entry.history_id > version_id
        (later_corrections if is_later else corrections).append(entry)
    accessed_on = timezone.localdate()
    cited = citations(event=event, authors=authors, url=version_url, accessed_on=accessed_on)
    return {
        "title": f"{smarten(event.title)} · {settings.SITE_NAME}",
        "event": event,
        "live": live,
        "authors": authors,
        "topics": topics,
        "is_earlier_version": is_earlier_version,
        "is_preview": is_preview,
        "keep_fragments": not is_preview,  # unsaved text is rendered, never kept
        "shared_revision_date": shared_revision_date,
        "version_date": version_date,
        "version_id": version_id,
        "version_url": version_url,
        "timeline": PublishedEvent.objects.of_events(timeline).chronological().for_listing(),
        "version_log": version_log,
        "corrections": corrections,
        "later_corrections": later_corrections,
        "also_on_this_day": PublishedEvent.objects.on_day(live.month, live.day)
        .exclude(event_id=live.event_id)
        .chronological()
        .for_listing()[:ALSO_ON_THIS_DAY_LIMIT],
        "accessed_on": accessed_on,
        "citations": cited,
        "citation_formats": [
            (style, label, cited[style]) for style, label in CITATION_STYLES.items()
        ],
        "meta": _article_meta(
            event,
            live=live,
            version_id=version_id if is_earlier_version else None,
            authors=authors,
            topics=topics,
            corrections=corrections,
            is_indexable=not (is_earlier_version or is_preview),
        ),
    }


def _version_url(request, live, version_id):
    return request.build_absolute_uri(
        reverse("events:version", args=[live.month, live.day, live.slug, version_id])
    )


def _article_meta(event, *, live, version_id, authors, topics, corrections, is_indexable):
    """The head of an article page; an earlier version or a preview points at the live article."""
    path = live.get_absolute_url()
    day_name = f"{live.month_name} {live.day}"

    def permalink(version_id):
        return absolute_url(
            reverse("events:version", args=[live.month, live.day, live.slug, version_id])
        )

    article = page_meta.news_article(
        event,
        live=live,
        url=permalink(version_id) if version_id else absolute_url(path),
        authors=authors,
        topics=topics,
        corrections=corrections,
        version_url=permalink,
    )
    return PageMeta(
        title=event.title,
        description=event.dek_text,
        path=path,
        type="article",
        image=card_url(event.hero_image) if event.hero_image else "",
        image_alt=event.hero_image.alt if event.hero_image else "",
        robots="" if is_indexable else "noindex",
        published_at=event.published_at,
        modified_at=event.updated_at,
        authors=[absolute_url(author.get_absolute_url()) for author in authors],
        tags=[topic.name for topic in topics],
        feeds=page_meta.site_feeds(),
        json_ld=[
            article,
            breadcrumbs(
                (day_name, reverse("events:day", args=[live.month, live.day])), (live.title, path)
            ),
        ],
    )


@public_page
def corrections(request):
    """Every correction published on a live article, newest first: the transparency page."""
    page = Paginator(public_corrections(), CORRECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    # The articles' current titles and addresses, which may differ from the corrected version's.
    articles = PublishedEvent.objects.only("title", "slug", "month", "day", "year").in_bulk(
        [correction.id for correction in page]
    )
    items = [
        {"correction": correction, "article": articles[correction.id]}
        for correction in page
        if correction.id in articles
    ]
    path = reverse("events:corrections")
    meta = PageMeta(
        title="Corrections",
        description="Every correction we have published, newest first, with links to the "
        "corrected articles.",
        path=path,
        feeds=[page_meta.feed_link("Corrections", "events:feed_corrections_rss")],
        json_ld=[breadcrumbs(("Corrections", path))],
    )
    return render(request, "events/corrections.html", {"meta": meta, "page": page, "items": items})


@public_page
def version_list(request, month, day, slug):
    """Every public version of an article, minor ones included, each with its permanent link."""
    live = PublishedEvent.objects.filter(slug=slug).first() or _renamed(slug)
    if (live.month, live.day, live.slug) != (month, day, slug):
        return redirect("events:version_list", live.month, live.day, live.slug, permanent=True)
    versions = (
        live.history.exclude(history_type="-")
        .only("history_id", "history_date", "change_kind", "change_note", "title")
        .order_by("-history_date", "-history_id")
    )
    path = reverse("events:version_list", args=[live.month, live.day, live.slug])
    meta = PageMeta(
        title=f"Every version of “{live.title}”",
        description=f"Every published version of “{live.title}”, newest first, each with its "
        "permanent link.",
        path=path,
        robots="noindex",
        json_ld=[
            breadcrumbs(
                (
                    f"{live.month_name} {live.day}",
                    reverse("events:day", args=[live.month, live.day]),
                ),
                (live.title, live.get_absolute_url()),
                ("All versions", path),
            )
        ],
    )
    return render(
        request, "events/version_list.html", {"meta": meta, "live": live, "versions": versions}
    )


def _renamed(slug):
    """The live article that once had ``slug``, or 404."""
    earlier = PublishedEvent.history.filter(slug=slug).order_by("-history_id").first()
    live = earlier and PublishedEvent.objects.filter(pk=earlier.id).first()
    if live is None:
        raise Http404("No such article")
    return live


@public_page
def topics(request):
    topics = Topic.objects.with_story_counts().filter(story_count__gt=0)
    path = reverse("events:topics")
    meta = PageMeta(
        title="Topics",
        description=f"Every topic of {settings.SITE_NAME}, with its number of stories.",
        path=path,
        json_ld=[breadcrumbs(("Topics", path))],
    )
    return render(request, "events/topic_list.html", {"meta": meta, "topics": topics})


@public_page
def topic(request, slug):
    """A topic's stories, oldest first, twenty a page from a story (events.pagination)."""
    stamps = Stamps().any_story().beside_stories().read()
    try:
        return render_page(request, "topic", stamps, lambda: _topic(request, slug))
    except UnknownStory:  # an old link still leads somewhere: the first page
        return redirect("events:topic", slug)


def _topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    memberships = PublishedEvent.topics.through.objects.filter(topic=topic)
    count = memberships.count()
    page = chronological_page(memberships, "publishedevent", count=count, request=request)
    path = topic.get_absolute_url()
    meta = PageMeta(
        title=topic.name,
        description=topic.description
        or f"{count} stories about {topic.name} from {settings.SITE_NAME}.",
        path=path if page.is_first else f"{path}?{page.query}",
        feeds=[
            page_meta.feed_link(
                f"{topic.name}: latest stories", "events:feed_topic_rss", topic.slug
            ),
            page_meta.feed_link(
                f"{topic.name}: latest stories (Atom)", "events:feed_topic_atom", topic.slug
            ),
        ],
        json_ld=[breadcrumbs((topic.name, path))],
    )
    return "events/topic_detail.html", {
        "title": f"{topic.name} · {settings.SITE_NAME}",
        "meta": meta,
        "topic": topic,
        "page": page,
    }


@public_page
def search(request):
    """Site search over the published articles: ranked, highlighted, filtered, paginated."""
    search = site_search.Search(request.GET)
    results = search.results()
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    path = reverse("events:search")
    meta = PageMeta(
        title=f"Search: {search.query_text}" if search.query_text else "Search",
        description=f"Search the stories of {settings.SITE_NAME} by words, year or day.",
        path=path,
        robots="noindex, follow",
        json_ld=[breadcrumbs(("Search", path))],
    )
    return render(
        request,
        "events/search.html",
        {
            "meta": meta,
            "search": search,
            "page": page,
            "topics": Topic.objects.only("name", "slug"),
            "centuries": site_search.centuries(),
            "search_query": search.query_text,
        },
    )


@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /corrections/report/",
        "Disallow: /newsletter/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page
def sitemap_index(request, sitemaps):
    """The sitemap index, its sections' addresses on SITE_URL (Django's own uses the Site)."""
    items = []
    for section, sitemap in sitemaps.items():
        sitemap = sitemap()
        url = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(url, lastmod))
        items += [
            SitemapIndexItem(f"{url}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
