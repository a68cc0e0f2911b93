import factory

from editorial.models import Author
from events.models import Event, Topic
from images.library import add_image
from images.models import Image
from revisions.history import revision


class AuthorFactory(factory.django.DjangoModelFactory):
    """A person; a team with ``kind=TEAM`` (or ``TeamFactory``) and ``members=[...]``, saved
    with its members as one revision."""

    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    members = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, *args, members=(), **kwargs):
        author = model_class(*args, **kwargs)
        with revision(author, reason="Created"):
            author.save()
            for position, member in enumerate(members):
                author.members.add(member, through_defaults={"position": position})
        return author

    @classmethod
    def _build(cls, model_class, *args, members=(), **kwargs):
        return model_class(*args, **kwargs)


class TeamFactory(AuthorFactory):
    kind = Author.Kind.TEAM
    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image, uploaded through the safe pipeline: a ``width``×``height`` JPEG."""

    class Meta:
        model = Image

    alt_text = factory.Sequence(lambda n: f"A picture of something {n}")

    @classmethod
    def _create(cls, model_class, *args, width=1200, height=800, colour="#8a6f4d", **kwargs):
        from .images_files import encoded, picture, upload

        content = encoded(picture(width, height, colour), "JPEG")
        return add_image(upload=upload(content), by=kwargs.pop("uploaded_by", None), **kwargs)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A draft event on January 15, 1990, saved with its relations (``authors=[...]``,
    ``topics``, ``timeline``) as one revision; publish it with ``events.publishing.publish``."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Something happened {n}")
    slug = factory.Sequence(lambda n: f"something-happened-{n}")
    year = 1990
    month = 1
    day = 15
    dek = "A one-paragraph summary of what happened."
    body = "The first paragraph.\n\nThe second paragraph."
    authors = factory.LazyFunction(list)
    topics = factory.LazyFunction(list)
    timeline = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, *args, authors=(), topics=(), timeline=(), **kwargs):
        event = model_class(*args, **kwargs)
        with revision(event, reason="Created"):
            event.save()
            for position, author in enumerate(authors):
                event.authors.add(author, through_defaults={"position": position})
            event.topics.set(topics)
            event.timeline.set(timeline)
        return event

    @classmethod
    def _build(cls, model_class, *args, authors=(), topics=(), timeline=(), **kwargs):
        return model_class(*args, **kwargs)


# Imported here rather than at the top: this file is shared, and appending keeps edits apart.
from django.utils import timezone  # noqa: E402


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A daily-email subscriber waiting for confirmation; ``confirmed=True`` or
    ``unsubscribed=True`` for the other states."""

    class Meta:
        model = "newsletter.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    consent_text = "I agree to receive the daily email."
    eligibility_text = "I am 16 years of age or older."
    consented_at = factory.LazyFunction(timezone.now)
    confirmation_sent_at = factory.SelfAttribute("consented_at")

    class Params:
        confirmed = factory.Trait(
            status="confirmed",
            confirmed_at=factory.LazyFunction(timezone.now),
            confirmation_method="email_link",
        )
        unsubscribed = factory.Trait(
            status="unsubscribed",
            unsubscribed_at=factory.LazyFunction(timezone.now),
            unsubscribe_method="page",
        )


# Fact-check reports need a published version to point at.
from events.publishing import publish  # noqa: E402
from revisions.history import system_actor  # noqa: E402


def published_version(**fields):
    """Publish a new event (as a system actor) and return its first public version."""
    fields.setdefault("authors", [AuthorFactory()])
    live = publish(EventFactory(**fields), by=system_actor("tests"), substantive=False)
    return live.history.latest()


class FactCheckReportFactory(factory.django.DjangoModelFactory):
    """A new report from an anonymous reader on a freshly published article's first version."""

    class Meta:
        model = "editorial.FactCheckReport"

    reported_version = factory.LazyFunction(published_version)
    event = factory.LazyAttribute(lambda report: report.reported_version.instance.event)
    what_is_wrong = "The article gives the wrong year for the treaty."


def edit(event, *, reason="Edited", **changes):
    """An editor's edit of the working copy, through the same operation as the admin's save."""
    from events.publishing import save_edit

    for name, value in changes.items():
        setattr(event, name, value)
    save_edit(event, by=system_actor("tests"), reason=reason)
    return event
