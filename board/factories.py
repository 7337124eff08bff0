"""factory_boy factories for the board's models: tests, the demo content (board.demo) and the
benchmark's data set (bench.dataset). Documents come from documents.factories."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from board.models import (
    CalendarPage,
    Event,
    Meeting,
    MeetingStatus,
    MemberDirectoryPage,
    Membership,
    MinutesArchivePage,
    OpenDataPage,
    Organisation,
    Person,
    Role,
    RoleKind,
    Seat,
    SeatGroup,
    Term,
)

ROLE_NAMES = {
    RoleKind.CHAIR: "Puheenjohtaja",
    RoleKind.VICE_CHAIR: "Varapuheenjohtaja",
    RoleKind.MEMBER: "Jäsen",
    RoleKind.DEPUTY: "Henkilökohtainen varajäsen",
    RoleKind.SECRETARY: "Sihteeri",
    RoleKind.EXPERT: "Pysyvä asiantuntija",
}


def default_locale():
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


class TermFactory(factory.django.DjangoModelFactory):
    start_date = datetime.date(2025, 1, 1)
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.start_date.year + 1, 12, 31))

    class Meta:
        model = Term
        django_get_or_create = ("start_date",)


class SeatFactory(factory.django.DjangoModelFactory):
    group = SeatGroup.ORGANISATIONS
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Toimiala {n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Seat


class RoleFactory(factory.django.DjangoModelFactory):
    kind = RoleKind.MEMBER
    name = factory.LazyAttribute(lambda o: ROLE_NAMES[o.kind])
    sort_order = factory.LazyAttribute(lambda o: list(RoleKind.values).index(o.kind))
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Role
        django_get_or_create = ("kind", "locale")


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Järjestö {n} ry")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Organisation
        django_get_or_create = ("name", "locale")


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@example.invalid".lower())
    phone = factory.Sequence(lambda n: f"040 000 {n:04d}")

    class Meta:
        model = Person


class MembershipFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    term = factory.SubFactory(TermFactory)
    role = factory.SubFactory(RoleFactory)
    seat = factory.SubFactory(SeatFactory)
    start_date = factory.LazyAttribute(lambda o: o.term.start_date)

    class Meta:
        model = Membership


class MeetingFactory(factory.django.DjangoModelFactory):
    title = "Neuvottelukunnan kokous"
    number = factory.Sequence(lambda n: n + 1)
    start = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    place = "Kaupungintalo, Pohjoisesplanadi 11–13"
    status = MeetingStatus.PLANNED
    summary = "Käsiteltiin vapaaehtoistoiminnan ajankohtaisia asioita."
    live = True
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Meeting


class EventFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Vapaaehtoistoiminnan infotilaisuus {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    place = "Stoa, Turunlinnantie 1"
    description = "Tervetuloa kuulemaan vapaaehtoistoiminnasta."
    live = True
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Event


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Jäsenet ja heidän yhteystietonsa"
    slug = "jasenet"

    class Meta:
        model = MemberDirectoryPage


class MinutesArchivePageFactory(wagtail_factories.PageFactory):
    title = "Kokousmuistiot"
    slug = "kokousmuistiot"

    class Meta:
        model = MinutesArchivePage


class CalendarPageFactory(wagtail_factories.PageFactory):
    title = "Toimintakalenteri"
    slug = "toimintakalenteri"

    class Meta:
        model = CalendarPage


class OpenDataPageFactory(wagtail_factories.PageFactory):
    title = "Avoin data"
    slug = "avoin-data"

    class Meta:
        model = OpenDataPage
