"""The events list's filters and its search by year ("44 BC") and date ("July 20")."""

import re

from django.contrib import admin
from django.db.models import F, Q

from .calendar import MONTH_NAMES

_YEAR = re.compile(r"^(\d{1,4})\s*(bc|bce|ad|ce)?$", re.IGNORECASE)
_DATE = re.compile(
    r"^(?:(?P<month>[a-z]+)\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<month2>[a-z]+))"
    r"(?:,?\s+(?P<year>\d{1,4})\s*(?P<era>bc|bce|ad|ce)?)?$",
    re.IGNORECASE,
)


def _month(name):
    name = name.lower()
    for number, month in enumerate(MONTH_NAMES, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return None


def _signed(year, era):
    return -int(year) if era and era.lower().startswith("b") else int(year)


def date_lookup(query):
    """A filter for a query that reads as a year ("1990", "44 BC") or a date ("July 20",
    "15 March 44 BC"), else None."""
    query = " ".join(query.split())
    if match := _YEAR.match(query):
        return Q(year=_signed(match[1], match[2]))
    if match := _DATE.match(query):
        month = _month(match["month"] or match["month2"])
        day = int(match["day"] or match["day2"])
        if month is None:
            return None
        lookup = Q(month=month, day=day)
        if match["year"]:
            lookup &= Q(year=_signed(match["year"], match["era"]))
        return lookup
    return None


class EraFilter(admin.SimpleListFilter):
    title = "era"
    parameter_name = "era"

    def lookups(self, request, model_admin):
        return [("bc", "BC"), ("ad", "AD")]

    def queryset(self, request, queryset):
        if self.value() == "bc":
            return queryset.filter(year__lt=0)
        if self.value() == "ad":
            return queryset.filter(year__gt=0)
        return queryset


class CenturyFilter(admin.SimpleListFilter):
    """Centuries as historians count them: 1901–2000 is the 20th century, 100–1 BC the 1st BC."""

    title = "century"
    parameter_name = "century"
    CENTURIES = [*range(21, 0, -1), *range(-1, -31, -1)]

    def lookups(self, request, model_admin):
        return [(str(c), _century_name(c)) for c in self.CENTURIES]

    def queryset(self, request, queryset):
        try:
            century = int(self.value() or 0)
        except ValueError:
            return queryset.none()
        if not century:
            return queryset
        if century > 0:
            return queryset.filter(year__gte=(century - 1) * 100 + 1, year__lte=century * 100)
        return queryset.filter(year__lte=(century + 1) * 100 - 1, year__gte=century * 100)


def _century_name(century):
    number = abs(century)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} century{' BC' if century < 0 else ''}"


class UnpublishedChangesFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "unpublished"

    def lookups(self, request, model_admin):
        return [("yes", "Has unpublished changes"), ("no", "Public page shows the latest")]

    def queryset(self, request, queryset):
        # The queryset carries ``latest_revision`` (``with_publishing_state``).
        differs = Q(live__isnull=True) | ~Q(latest_revision=F("live__published_revision"))
        if self.value() == "yes":
            return queryset.filter(differs)
        if self.value() == "no":
            return queryset.exclude(differs)
        return queryset
