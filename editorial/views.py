from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Author, TeamMembership


def author(request, slug):
    author = get_object_or_404(
        Author.objects.prefetch_related(
            Prefetch("memberships", queryset=TeamMembership.objects.select_related("member")),
            "teams",
        ),
        slug=slug,
    )
    events = author.published_events.newest_first().for_listing()
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(request, "editorial/author_detail.html", {"author": author, "page": page})
