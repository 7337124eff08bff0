"""Fixtures for the API tests: a JSON client, pages in three languages, and a small board."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.rich_text import RichText

from board import factories as bf
from board.models import MeetingStatus, RoleKind, SeatGroup
from documents.factories import DocumentFactory


class ApiClient(Client):
    def json(self, url: str, /, expect: int = 200, **params):
        response = self.get(url, params)
        assert response.status_code == expect, (response.status_code, response.content[:2000])
        return response.json()


@pytest.fixture
def api(db) -> ApiClient:
    # Messages in English unless a test asks for another language (the default is Finnish).
    return ApiClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def pdf(db):
    """A public PDF document."""
    return DocumentFactory(
        title="Toimintaohjelma 2025-2026",
        kind="programme",
        paragraphs=("Toimintaohjelman teksti.",),
        read=False,
    )


@pytest.fixture
def private_pdf(db):
    """A PDF in a collection with a view restriction (login required)."""
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Sisäiset")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    document = DocumentFactory(
        title="Sisäinen muistio", kind="other", paragraphs=("Ei julkinen.",), read=False
    )
    document.collection = collection
    document.save()
    return document


@pytest.fixture
def standard_page(translated_home, pdf):
    """A live Finnish standard page, not translated, with typed StreamField content and links."""
    from home.models import StandardPage

    home = translated_home["fi"]
    page = StandardPage(
        title="Saavutettavuusseloste",
        slug="saavutettavuus",
        lead="Miten sivusto toimii kaikille.",
        body=[
            ("heading", {"text": "Saavutettavuuden tila", "level": "h2"}),
            (
                "text",
                RichText(
                    f'<p>Lue <a linktype="document" id="{pdf.pk}">ohjelma</a> tai palaa '
                    f'<a linktype="page" id="{home.pk}">etusivulle</a>.</p>'
                ),
            ),
            ("document", {"document": pdf, "text": ""}),
            (
                "contact",
                {"name": "Etu Suku", "role": "Sihteeri", "email": "etu.suku@example.invalid", "phone": ""},
            ),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def board(translated_home, translate, pdf):
    """Terms, seats with members and deputies, meetings and events, some translated to Swedish."""
    home = translated_home["fi"]
    pages = {
        "directory": bf.MemberDirectoryPageFactory(parent=home),
        "archive": bf.MinutesArchivePageFactory(parent=home),
        "calendar": bf.CalendarPageFactory(parent=home),
    }
    roles = {kind: bf.RoleFactory(kind=kind) for kind in RoleKind.values}
    today = timezone.localdate()
    current = bf.TermFactory(start_date=datetime.date(today.year - 1, 1, 1))
    previous = bf.TermFactory(start_date=datetime.date(today.year - 3, 1, 1))
    seat = bf.SeatFactory(group=SeatGroup.AGENCIES, number=1, name="Kulttuuri ja vapaa-aika")
    other_seat = bf.SeatFactory(group=SeatGroup.ORGANISATIONS, number=1, name="Liikunta")
    translate(seat, "sv", {"Kulttuuri ja vapaa-aika": "Kultur och fritid"})
    consenting = bf.PersonFactory(
        first_name="Maija", last_name="Meikäläinen", email_public=True, phone_public=True
    )
    shy = bf.PersonFactory(first_name="Matti", last_name="Mallikas", email_public=False, phone_public=False)
    former = bf.PersonFactory(first_name="Outi", last_name="Entinen", email_public=True, phone_public=True)
    member = bf.MembershipFactory(person=consenting, term=current, role=roles[RoleKind.CHAIR], seat=seat)
    bf.MembershipFactory(person=shy, term=current, role=roles[RoleKind.DEPUTY], seat=seat, deputy_of=member)
    bf.MembershipFactory(
        person=former,
        term=previous,
        role=roles[RoleKind.MEMBER],
        seat=other_seat,
        end_date=previous.end_date,
    )
    agenda = DocumentFactory(
        title="Esityslista 1/2025", kind="agenda", paragraphs=("Esityslistan kohdat.",), read=False
    )
    minutes = DocumentFactory(
        title="Pöytäkirja 1/2025", kind="minutes", paragraphs=("Kokouksessa päätettiin.",), read=False
    )
    held = bf.MeetingFactory(
        title="Kevään kokous",
        number=1,
        start=timezone.make_aware(datetime.datetime(today.year - 1, 3, 10, 16, 0)),
        status=MeetingStatus.MINUTES_APPROVED,
        agenda=agenda,
        minutes=minutes,
        attachments=[("attachment", {"document": pdf, "text": "Liite"})],
    )
    translate(held, "sv", {"Kevään kokous": "Vårens möte"})
    planned = bf.MeetingFactory(
        title="Syksyn kokous",
        number=2,
        start=timezone.make_aware(datetime.datetime(today.year - 1, 9, 15, 16, 0)),
        status=MeetingStatus.PLANNED,
    )
    draft_agenda = DocumentFactory(
        title="Luonnoksen esityslista", kind="agenda", paragraphs=("Salainen luonnos.",), read=False
    )
    draft = bf.MeetingFactory(
        title="Luonnoskokous",
        number=3,
        live=False,
        agenda=draft_agenda,
        status=MeetingStatus.AGENDA_PUBLISHED,
    )
    event = bf.EventFactory(title="Infotilaisuus")
    return {
        "pages": pages,
        "current": current,
        "previous": previous,
        "seat": seat,
        "consenting": consenting,
        "shy": shy,
        "former": former,
        "held": held,
        "planned": planned,
        "draft": draft,
        "draft_agenda": draft_agenda,
        "agenda": agenda,
        "minutes": minutes,
        "event": event,
        "sv": Locale.objects.get(language_code="sv"),
    }


def make_meetings(n: int, year: int = 2020) -> None:
    """`n` published meetings with agenda, minutes and an attachment each."""
    document = DocumentFactory(title="Liite", kind="other", read=False)
    for i in range(n):
        bf.MeetingFactory(
            title=f"Kokous {i + 1}",
            number=i + 1,
            start=timezone.make_aware(datetime.datetime(year, 1, 1, 12) + datetime.timedelta(days=i)),
            agenda=document,
            minutes=document,
            attachments=[("attachment", {"document": document, "text": ""})],
        )
