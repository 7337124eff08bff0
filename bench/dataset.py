"""A realistic large data set: 40 years of the board in Finnish and Swedish.

`build(years=40, meetings_per_year=12)` makes ≈ 480 meetings with an agenda and minutes
each (minutes also in Swedish) and some attachments, ≈ 1 500 real PDFs, 20 two-year
terms of memberships with deputies, events, and the board's pages, all translated into
Swedish. Used by the benchmark (bench/run.py) and, at small and large sizes without
PDFs, by the query-budget tests (tests/perf) and the calendar clients' test. Every object is
made by the factories the tests use (board.factories, documents.factories). People are
fictional (example.invalid).
"""

from __future__ import annotations

import datetime
import itertools
import sys
import time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

SV_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september"]
TOPICS_FI = [
    "vapaaehtoistoiminnan koordinointi",
    "järjestöjen avustukset",
    "kaupunginhallitukselle annettava lausunto",
    "vapaaehtoisten koulutus työväenopistossa",
    "infotilaisuuksien suunnittelu",
    "toimintakalenterin hyväksyminen",
]
TOPICS_SV = [
    "samordning av frivilligverksamheten",
    "understöd till föreningar",
    "utlåtande till stadsstyrelsen",
    "utbildning av frivilliga vid arbetarinstitutet",
    "planering av informationsmöten",
    "godkännande av verksamhetskalendern",
]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class PdfMaker:
    """Real PDFs (documents.factories.DocumentFactory), their text given rather than read
    back; with `real=False` one shared document per kind and language (fast, for query
    budgets)."""

    def __init__(self, real: bool) -> None:
        self.real = real
        self.count = 0
        self._shared: dict[tuple[str, str], object] = {}

    def make(self, title: str, kind: str, language: str, date: datetime.date, text: str, locale: Locale):
        from documents.factories import DocumentFactory

        if not self.real and (kind, language) in self._shared:
            return self._shared[(kind, language)]
        document = DocumentFactory(
            title=title,
            kind=kind,
            language=language,
            document_date=date,
            locale=locale,
            paragraphs=[text],
            file_name=f"{kind}-{date:%Y-%m-%d}-{language}.pdf",
            # Not read back (1 500 files): what a reading would find is given.
            read=False,
            page_count=1,
            extracted_text=f"{title}\n{text}",
            is_tagged=True,
            has_title=True,
            has_language=True,
        )
        self.count += 1
        if not self.real:
            self._shared[(kind, language)] = document
        return document


def _pages(home, sv: Locale):
    from board.factories import CalendarPageFactory, MemberDirectoryPageFactory, MinutesArchivePageFactory
    from cms.localize_programmatic import translate_object

    pages = {
        "directory": MemberDirectoryPageFactory(parent=home),
        "archive": MinutesArchivePageFactory(parent=home),
        "calendar": CalendarPageFactory(parent=home),
    }
    names = {
        "directory": (
            "Jäsenet ja heidän yhteystietonsa",
            "Medlemmar och deras kontaktuppgifter",
            "medlemmar",
        ),
        "archive": ("Kokousmuistiot", "Mötesprotokoll", "motesprotokoll"),
        "calendar": ("Toimintakalenteri", "Verksamhetskalender", "verksamhetskalender"),
    }
    for key, page in pages.items():
        fi_title, sv_title, sv_slug = names[key]
        translate_object(page, "sv", {fi_title: sv_title, page.slug: sv_slug})
    return pages


def _people_and_terms(years: int, end_year: int, fi: Locale, sv: Locale, seats_count: int = 12) -> int:
    from board.factories import MembershipFactory, PersonFactory, RoleFactory, SeatFactory, TermFactory
    from board.models import Membership, RoleKind, SeatGroup

    groups = [SeatGroup.ELECTED] * 3 + [SeatGroup.AGENCIES] * 3 + [SeatGroup.ORGANISATIONS] * 6
    seats = [
        SeatFactory(number=i + 1, name=f"Toimiala {i + 1}", group=groups[i % len(groups)], locale=fi)
        for i in range(seats_count)
    ]
    roles = {
        kind: RoleFactory(kind=kind, locale=fi) for kind in (RoleKind.CHAIR, RoleKind.MEMBER, RoleKind.DEPUTY)
    }
    for obj in [*seats, *roles.values()]:
        translation = obj.copy_for_translation(sv)
        translation.name = f"{obj.name} (sv)"
        translation.save()
    people = itertools.count()
    memberships = []
    first_year = end_year - years + 1
    for start in range(first_year, end_year + 1, 2):
        term = TermFactory(start_date=datetime.date(start, 1, 1), end_date=datetime.date(start + 1, 12, 31))
        for index, seat in enumerate(seats):
            member = PersonFactory(first_name=f"Etunimi{next(people)}", last_name="Jäsen")
            deputy = PersonFactory(first_name=f"Etunimi{next(people)}", last_name="Varajäsen")
            kind = RoleKind.CHAIR if index == 0 else RoleKind.MEMBER
            main = MembershipFactory(
                person=member, term=term, role=roles[kind], seat=seat, start_date=term.start_date
            )
            memberships.append(
                MembershipFactory.build(
                    person=deputy,
                    term=term,
                    role=roles[RoleKind.DEPUTY],
                    seat=seat,
                    deputy_of=main,
                    start_date=term.start_date,
                )
            )
    Membership.objects.bulk_create(memberships)
    return Membership.objects.count()


def _meetings(years: int, per_year: int, end_year: int, fi: Locale, sv: Locale, pdfs: PdfMaker) -> int:
    from board.factories import MeetingFactory
    from board.models import MeetingStatus

    count = 0
    first_year = end_year - years + 1
    for year in range(first_year, end_year + 1):
        for number in range(1, per_year + 1):
            month = min(12, 1 + (number - 1) * 12 // per_year)
            start = timezone.make_aware(datetime.datetime(year, month, 10 + number % 15, 16, 0))
            date = start.date()
            topic = number % len(TOPICS_FI)
            agenda = pdfs.make(
                f"Esityslista {number}/{year}", "agenda", "fi", date, f"Käsitellään: {TOPICS_FI[topic]}.", fi
            )
            minutes = pdfs.make(
                f"Pöytäkirja {number}/{year}", "minutes", "fi", date, f"Päätettiin: {TOPICS_FI[topic]}.", fi
            )
            minutes_sv = pdfs.make(
                f"Protokoll {number}/{year}", "minutes", "sv", date, f"Beslöts: {TOPICS_SV[topic]}.", sv
            )
            if pdfs.real:
                minutes_sv.translation_key = minutes.translation_key
                minutes_sv.save(update_fields=["translation_key"])
            attachments = []
            if number % 8 == 0:
                extra = pdfs.make(
                    f"Liite {number}/{year}", "other", "fi", date, f"Liite: {TOPICS_FI[topic]}.", fi
                )
                attachments = [("attachment", {"text": extra.title, "document": extra})]
            meeting = MeetingFactory(
                title=f"Neuvottelukunnan kokous {number}/{year}",
                number=number,
                start=start,
                place="Kaupungintalo, Pohjoisesplanadi 11–13",
                status=MeetingStatus.MINUTES_APPROVED if year < end_year else MeetingStatus.PLANNED,
                summary=f"Käsiteltiin {TOPICS_FI[topic]}.",
                agenda=agenda,
                minutes=minutes,
                attachments=attachments,
                live=True,
                locale=fi,
            )
            translation = meeting.copy_for_translation(sv)
            translation.title = f"Kommissionens möte {number}/{year}"
            translation.summary = f"Behandlades {TOPICS_SV[topic]}."
            translation.save()
            count += 1
    return count


def _events(count: int, fi: Locale, sv: Locale) -> None:
    from board.factories import EventFactory

    now = timezone.now()
    for i in range(count):
        event = EventFactory(start=now + datetime.timedelta(days=7 * (i - count // 2)), locale=fi)
        translation = event.copy_for_translation(sv)
        translation.title = f"Informationsmöte {i}"
        translation.save()


@transaction.atomic
def build(years: int = 40, meetings_per_year: int = 12, real_pdfs: bool = True, events: int = 40) -> dict:
    """Build the data set into the current database (expected empty of board content)."""
    from home import demo as home_demo

    started = time.monotonic()
    home_demo.ensure_locales()
    fi, sv = Locale.get_default(), Locale.objects.get(language_code="sv")
    home = home_demo.load()
    home_demo.translate_home(home)
    pages = _pages(home, sv)
    end_year = timezone.now().year
    pdfs = PdfMaker(real_pdfs)
    memberships = _people_and_terms(years, end_year, fi, sv)
    meetings = _meetings(years, meetings_per_year, end_year, fi, sv, pdfs)
    _events(events, fi, sv)
    summary = {
        "meetings": meetings,
        "pdfs": pdfs.count,
        "terms": (years + 1) // 2,
        "memberships": memberships,
        "seconds": round(time.monotonic() - started, 1),
        "archive_url": pages["archive"].url,
        "directory_url": pages["directory"].url,
        "home_id": home.pk,
    }
    _log(f"data set: {summary}")
    return summary
