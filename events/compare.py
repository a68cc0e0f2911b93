"""Field-by-field comparison of two revisions of an event, with word-level diffs of the prose."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .calendar import format_year
from .models import CONTENT_FIELDS, Event, Topic

PROSE_FIELDS = {"title", "dek", "body"}
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """HTML of ``new`` with words removed since ``old`` in <del> and words added in <ins>."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_tokens[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(old_tokens[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(new_tokens[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every token is escaped above


def _targets(revision, name):
    """The ids a revision's copy of one relation points to (in byline order for authors)."""
    m2m = next(field for field in revision._history_m2m_fields if field.name == name)
    column = f"{m2m.m2m_reverse_field_name()}_id"
    return list(getattr(revision, name).order_by("pk").values_list(column, flat=True))


def _relations(revision):
    if revision is None:
        return {"Byline": [], "Topics": [], "Timeline": []}
    byline = [row.author_id for row in revision.authors.order_by("position", "pk")]
    author_model = Event._meta.get_field("authors").related_model
    names = dict(author_model.objects.filter(pk__in=byline).values_list("pk", "name"))
    topic_ids = _targets(revision, "topics")
    timeline_ids = _targets(revision, "timeline")
    return {
        "Byline": [names.get(pk, f"deleted author #{pk}") for pk in byline],
        "Topics": sorted(Topic.objects.filter(pk__in=topic_ids).values_list("name", flat=True)),
        "Timeline": sorted(
            Event.objects.filter(pk__in=timeline_ids).values_list("title", flat=True)
        ),
    }


def compare_revisions(old, new):
    """The differences from revision ``old`` to revision ``new`` as rows for a template.

    Either may be a working-copy revision or a public version; ``old`` may be None (nothing
    yet).
    """
    rows = []
    for name in CONTENT_FIELDS:
        before, after = getattr(old, name, ""), getattr(new, name)
        if before == after or (old is None and not after):
            continue
        label = Event._meta.get_field(name).verbose_name.capitalize()
        if name == "year":
            before, after = before and format_year(before), format_year(after)
        if name in PROSE_FIELDS:
            rows.append({"label": label, "diff": word_diff(before, after)})
        else:
            rows.append(
                {"label": label, "before": before or "(empty)", "after": after or "(empty)"}
            )
    old_relations, new_relations = _relations(old), _relations(new)
    for label, before in old_relations.items():
        after = new_relations[label]
        if before == after:
            continue
        removed = [item for item in before if item not in after]
        added = [item for item in after if item not in before]
        rows.append(
            {
                "label": label,
                "removed": removed,
                "added": added,
                "reordered": not removed and not added,
                "after": ", ".join(after) or "(none)",
            }
        )
    return rows
