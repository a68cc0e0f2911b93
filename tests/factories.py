import factory

from editorial.models import Author
from events.models import Event, Topic


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class TeamFactory(AuthorFactory):
    kind = Author.Kind.TEAM
    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A draft event on January 15, 1990; publish it with ``events.publishing.publish``."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Something happened {n}")
    slug = factory.Sequence(lambda n: f"something-happened-{n}")
    year = 1990
    month = 1
    day = 15
    dek = "A one-paragraph summary of what happened."
    body = "The first paragraph.\n\nThe second paragraph."

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            self.authors.add(author, through_defaults={"position": position})
