"""Demo content of the board: its pages, two terms of fictional members, three years of
meetings with real agenda and minutes PDFs, events, and the Swedish and English versions.

`load(ctx)` creates the Finnish content under ctx["home"], every object through the
factories the tests use (board.factories, and documents.factories by way of documents.demo);
`translate(ctx)` makes the translations through wagtail-localize. Both are idempotent: every
object is looked up by a natural key first, and existing translations are left alone.

Every person here is invented; contact details use example.invalid and 040 000 … numbers.
"""

from __future__ import annotations

import datetime
import unicodedata
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from board import factories
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
)
from board.permissions import ensure_communications_group
from cms.localize_programmatic import translate_object
from documents.demo import get_or_create_language_file, get_or_create_pdf

HELSINKI = ZoneInfo("Europe/Helsinki")

# --- pages -------------------------------------------------------------------------------

PAGES = [
    # (model, slug, title, intro, {language: (title, slug, intro)})
    (
        MemberDirectoryPage,
        "jasenet",
        "Jäsenet ja heidän yhteystietonsa",
        "Kaupunginhallitus nimittää neuvottelukunnan jäsenet ja heidän henkilökohtaiset varajäsenensä "
        "kahdeksi vuodeksi kerrallaan.",
        {
            "sv": (
                "Medlemmar och deras kontaktuppgifter",
                "medlemmar",
                "Stadsstyrelsen utser kommissionens medlemmar och deras personliga ersättare för två år "
                "i sänder.",
            ),
            "en": (
                "Members and their contact details",
                "members",
                "The City Board appoints the members of the advisory board and their personal deputies "
                "for two years at a time.",
            ),
        },
    ),
    (
        MinutesArchivePage,
        "kokousmuistiot",
        "Kokousmuistiot",
        "Neuvottelukunnan kokousten esityslistat ja pöytäkirjat vuosittain.",
        {
            "sv": ("Protokoll", "protokoll", "Kommissionens föredragningslistor och protokoll per år."),
            "en": ("Meeting minutes", "minutes", "The advisory board's agendas and minutes by year."),
        },
    ),
    (
        CalendarPage,
        "toimintakalenteri",
        "Toimintakalenteri",
        "Neuvottelukunnan tilaisuudet, seminaarit ja koulutukset.",
        {
            "sv": (
                "Verksamhetskalender",
                "verksamhetskalender",
                "Kommissionens evenemang, seminarier och utbildningar.",
            ),
            "en": ("Activity calendar", "calendar", "The advisory board's events, seminars and trainings."),
        },
    ),
]

# The open data page: found through the sitemap and search, not in the header menu.
OPEN_DATA = (
    OpenDataPage,
    "avoin-data",
    "Avoin data",
    "Neuvottelukunnan jäsenet, kokoukset ja asiakirjat avoimena datana: OParl 1.1 -muodossa, jota "
    "monet eurooppalaiset valtuustojen tietojärjestelmät käyttävät, sekä Popolo-muodossa.",
    {
        "sv": (
            "Öppna data",
            "oppna-data",
            "Kommissionens medlemmar, möten och handlingar som öppna data: i formatet OParl 1.1, som "
            "många europeiska fullmäktiges informationssystem använder, och i formatet Popolo.",
        ),
        "en": (
            "Open data",
            "open-data",
            "The advisory board's members, meetings and documents as open data: in the OParl 1.1 format "
            "used by many European council information systems, and in the Popolo format.",
        ),
    },
)

LINKS_HEADING = "Neuvottelukunta"
LINK_TRANSLATIONS = {
    "sv": {LINKS_HEADING: "Kommissionen"},
    "en": {LINKS_HEADING: "The advisory board"},
}
for _model, _slug, _title, _intro, _tr in PAGES:
    for _code, (_t, _s, _i) in _tr.items():
        LINK_TRANSLATIONS[_code][_title] = _t

# --- roles and seats ---------------------------------------------------------------------

ROLES = [
    (RoleKind.CHAIR, "Puheenjohtaja", "Ordförande", "Chair"),
    (RoleKind.VICE_CHAIR, "Varapuheenjohtaja", "Vice ordförande", "Vice chair"),
    (RoleKind.MEMBER, "Jäsen", "Ledamot", "Member"),
    (RoleKind.DEPUTY, "Henkilökohtainen varajäsen", "Personlig ersättare", "Personal deputy"),
    (RoleKind.SECRETARY, "Sihteeri", "Sekreterare", "Secretary"),
    (RoleKind.EXPERT, "Pysyvä asiantuntija", "Permanent sakkunnig", "Permanent expert"),
]

SEATS = {
    SeatGroup.ELECTED: [
        ("Kaupunginhallitus", "Stadsstyrelsen", "City Board"),
        ("Kasvatus- ja koulutuslautakunta", "Fostrans- och utbildningsnämnden", "Education Committee"),
        ("Kulttuuri- ja vapaa-aikalautakunta", "Kultur- och fritidsnämnden", "Culture and Leisure Committee"),
        (
            "Sosiaali-, terveys- ja pelastuslautakunta",
            "Social-, hälsovårds- och räddningsnämnden",
            "Social Services, Health Care and Rescue Services Committee",
        ),
        ("Kaupunkiympäristölautakunta", "Stadsmiljönämnden", "Urban Environment Committee"),
    ],
    SeatGroup.AGENCIES: [
        ("Kaupunginkanslia", "Stadskansliet", "City Executive Office"),
        ("Kasvatuksen ja koulutuksen toimiala", "Sektorn för fostran och utbildning", "Education Division"),
        ("Kulttuurin ja vapaa-ajan toimiala", "Kultur- och fritidssektorn", "Culture and Leisure Division"),
        (
            "Sosiaali-, terveys- ja pelastustoimiala",
            "Social-, hälsovårds- och räddningssektorn",
            "Social Services, Health Care and Rescue Services Division",
        ),
        ("Kaupunkiympäristön toimiala", "Stadsmiljösektorn", "Urban Environment Division"),
        ("Työväenopisto", "Arbetarinstitutet", "Adult Education Centre"),
    ],
    SeatGroup.ORGANISATIONS: [
        (
            "Sosiaali- ja terveysjärjestöt",
            "Social- och hälsoorganisationer",
            "Social and health organisations",
        ),
        ("Kulttuurijärjestöt", "Kulturorganisationer", "Cultural organisations"),
        ("Liikuntajärjestöt", "Idrottsorganisationer", "Sports organisations"),
        (
            "Lasten- ja nuorisojärjestöt",
            "Barn- och ungdomsorganisationer",
            "Children's and youth organisations",
        ),
        ("Ikäihmisten järjestöt", "Äldreorganisationer", "Older people's organisations"),
        ("Maahanmuuttajajärjestöt", "Invandrarorganisationer", "Immigrant organisations"),
        ("Ympäristöjärjestöt", "Miljöorganisationer", "Environmental organisations"),
        (
            "Asukas- ja kaupunginosayhdistykset",
            "Invånar- och stadsdelsföreningar",
            "Residents' and neighbourhood associations",
        ),
        (
            "Kriisi- ja pelastusalan järjestöt",
            "Kris- och räddningsorganisationer",
            "Crisis and rescue organisations",
        ),
        (
            "Uskonnolliset yhteisöt ja diakonia",
            "Religiösa samfund och diakoni",
            "Religious communities and diaconal work",
        ),
    ],
}

# Organisations the people come from (board.Organisation, translatable).
ORGANISATIONS = {
    SeatGroup.ELECTED: ["Kaupunginvaltuusto"] * 5,
    SeatGroup.AGENCIES: [
        "Kaupunginkanslia",
        "Kasvatuksen ja koulutuksen toimiala",
        "Kulttuurin ja vapaa-ajan toimiala",
        "Sosiaali-, terveys- ja pelastustoimiala",
        "Kaupunkiympäristön toimiala",
        "Helsingin työväenopisto",
    ],
    SeatGroup.ORGANISATIONS: [
        "Esimerkkikylän Sydänyhdistys ry",
        "Kulttuuriyhdistys Kaiku ry",
        "Helsingin Esimerkkiseura ry",
        "Nuorten Kesä ry",
        "Seniorit yhdessä ry",
        "Monikulttuurinen Kohtaamo ry",
        "Puistotalkoot ry",
        "Kaupunginosaseura Esimerkkilä ry",
        "Kriisiapu Esimerkki ry",
        "Diakoniayhdistys Lähimmäinen ry",
    ],
}

# Their names in Swedish and English. The city's agencies have official names in both; the
# (invented) associations have a registered Swedish name but none in English, where they
# keep their Finnish one (shown with lang="fi").
ORGANISATION_TRANSLATIONS = {
    "Kaupunginvaltuusto": ("Stadsfullmäktige", "City Council"),
    "Kaupunginkanslia": ("Stadskansliet", "City Executive Office"),
    "Kasvatuksen ja koulutuksen toimiala": ("Fostrans- och utbildningssektorn", "Education Division"),
    "Kulttuurin ja vapaa-ajan toimiala": ("Kultur- och fritidssektorn", "Culture and Leisure Division"),
    "Sosiaali-, terveys- ja pelastustoimiala": (
        "Social-, hälsovårds- och räddningssektorn",
        "Social Services, Health Care and Rescue Services Division",
    ),
    "Kaupunkiympäristön toimiala": ("Stadsmiljösektorn", "Urban Environment Division"),
    "Helsingin työväenopisto": ("Helsingfors finska arbetarinstitut", "Helsinki Adult Education Centre"),
    "Esimerkkikylän Sydänyhdistys ry": ("Exempelbys Hjärtförening rf", None),
    "Kulttuuriyhdistys Kaiku ry": ("Kulturföreningen Eko rf", None),
    "Helsingin Esimerkkiseura ry": ("Helsingfors Exempelsällskap rf", None),
    "Nuorten Kesä ry": ("Ungdomens Sommar rf", None),
    "Seniorit yhdessä ry": ("Seniorer tillsammans rf", None),
    "Monikulttuurinen Kohtaamo ry": ("Mångkulturella Mötesplatsen rf", None),
    "Puistotalkoot ry": ("Parktalko rf", None),
    "Kaupunginosaseura Esimerkkilä ry": ("Stadsdelsföreningen Exempelby rf", None),
    "Kriisiapu Esimerkki ry": ("Krishjälp Exempel rf", None),
    "Diakoniayhdistys Lähimmäinen ry": ("Diakoniföreningen Medmänniskan rf", None),
}

# --- people (invented) ---------------------------------------------------------------------

FIRST_NAMES = [
    "Aino", "Eero", "Helmi", "Ilmari", "Kaisa", "Lauri", "Marjatta", "Olli", "Pirkko", "Sampo",
    "Tuula", "Ville", "Anneli", "Jussi", "Leena", "Mikko", "Riitta", "Timo", "Satu", "Kalle",
    "Elina", "Pekka", "Hanna", "Antti", "Sanna", "Juha", "Minna", "Heikki", "Outi", "Risto",
]  # fmt: skip
LAST_NAMES = [
    "Esimerkki", "Malli", "Kokeilu", "Harjoitus", "Testinen", "Keksitty", "Kuvitelma", "Mallinen",
    "Esikuva", "Luonnos", "Demoinen", "Näyte", "Kaava", "Piirros", "Hahmo", "Sepite", "Aihio",
    "Harjoittelija", "Mietelmä", "Vedos", "Kopio", "Jäljitelmä", "Kuvaelma", "Otos", "Muotoilu",
]  # fmt: skip


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _person(n: int) -> Person:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n * 7) % len(LAST_NAMES)]
    person = Person.objects.filter(first_name=first, last_name=last).first()
    if person is None:
        person = factories.PersonFactory(
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}@example.invalid",
            # Some consented to publishing their email, fewer their phone, some to nothing.
            email_public=n % 3 != 2,
            phone=f"040 000 {n:04d}",
            phone_public=n % 4 == 0,
        )
    return person


# --- meetings and events -------------------------------------------------------------------

THEMES = [
    # (month, day, title, summary) in Finnish; the Swedish and English below.
    (2, 5, "Toimintasuunnitelma ja talousarvio", "Hyväksyttiin vuoden toimintasuunnitelma ja talousarvio."),
    (3, 26, "Järjestöjen tilannekatsaus", "Kuultiin järjestöjen katsaus vapaaehtoistoiminnan tilanteesta."),
    (5, 20, "Seminaarin valmistelu", "Valmisteltiin vapaaehtoistoiminnan seminaarin ohjelma."),
    (9, 10, "Lausunto kaupunginhallitukselle", "Annettiin lausunto vapaaehtoistoiminnan tukemisesta."),
    (10, 28, "Toimenpideohjelman seuranta", "Seurattiin vapaaehtoistoiminnan toimenpideohjelman etenemistä."),
    (12, 9, "Vuoden päätöskokous", "Arvioitiin vuoden toimintaa ja kiitettiin vapaaehtoisia."),
]
THEME_TRANSLATIONS = {
    "sv": {
        "Toimintasuunnitelma ja talousarvio": "Verksamhetsplan och budget",
        "Hyväksyttiin vuoden toimintasuunnitelma ja talousarvio.": (
            "Årets verksamhetsplan och budget godkändes."
        ),
        "Järjestöjen tilannekatsaus": "Organisationernas lägesöversikt",
        "Kuultiin järjestöjen katsaus vapaaehtoistoiminnan tilanteesta.": (
            "Organisationerna gav en översikt över läget inom frivilligverksamheten."
        ),
        "Seminaarin valmistelu": "Förberedelse av seminariet",
        "Valmisteltiin vapaaehtoistoiminnan seminaarin ohjelma.": (
            "Programmet för seminariet om frivilligverksamhet förbereddes."
        ),
        "Lausunto kaupunginhallitukselle": "Utlåtande till stadsstyrelsen",
        "Annettiin lausunto vapaaehtoistoiminnan tukemisesta.": (
            "Ett utlåtande om stödet till frivilligverksamheten gavs."
        ),
        "Toimenpideohjelman seuranta": "Uppföljning av åtgärdsprogrammet",
        "Seurattiin vapaaehtoistoiminnan toimenpideohjelman etenemistä.": (
            "Hur åtgärdsprogrammet för frivilligverksamhet framskrider följdes upp."
        ),
        "Vuoden päätöskokous": "Årets avslutande möte",
        "Arvioitiin vuoden toimintaa ja kiitettiin vapaaehtoisia.": (
            "Årets verksamhet utvärderades och de frivilliga tackades."
        ),
        "Kaupungintalo, Pohjoisesplanadi 11–13": "Stadshuset, Norra esplanaden 11–13",
        "Etäkokous (Teams)": "Distansmöte (Teams)",
        "Lausuntoluonnos": "Utkast till utlåtande",
    },
    "en": {
        "Toimintasuunnitelma ja talousarvio": "Action plan and budget",
        "Hyväksyttiin vuoden toimintasuunnitelma ja talousarvio.": (
            "The year's action plan and budget were approved."
        ),
        "Järjestöjen tilannekatsaus": "Organisations' situation report",
        "Kuultiin järjestöjen katsaus vapaaehtoistoiminnan tilanteesta.": (
            "The organisations reported on the state of volunteering."
        ),
        "Seminaarin valmistelu": "Preparing the seminar",
        "Valmisteltiin vapaaehtoistoiminnan seminaarin ohjelma.": (
            "The programme of the volunteering seminar was prepared."
        ),
        "Lausunto kaupunginhallitukselle": "Statement to the City Board",
        "Annettiin lausunto vapaaehtoistoiminnan tukemisesta.": (
            "A statement on supporting volunteering was given."
        ),
        "Toimenpideohjelman seuranta": "Following up the action programme",
        "Seurattiin vapaaehtoistoiminnan toimenpideohjelman etenemistä.": (
            "The progress of the volunteering action programme was followed up."
        ),
        "Vuoden päätöskokous": "Closing meeting of the year",
        "Arvioitiin vuoden toimintaa ja kiitettiin vapaaehtoisia.": (
            "The year's work was reviewed and the volunteers were thanked."
        ),
        "Kaupungintalo, Pohjoisesplanadi 11–13": "City Hall, Pohjoisesplanadi 11–13",
        "Etäkokous (Teams)": "Remote meeting (Teams)",
        "Lausuntoluonnos": "Draft statement",
    },
}
PLACE = "Kaupungintalo, Pohjoisesplanadi 11–13"
REMOTE = "Etäkokous (Teams)"
MEETING_YEARS = (2024, 2025, 2026)
CANCELLED = (2025, 3)

EVENTS = [
    # (title, start offset in days from the load date or a fixed date, hours, place, description, link)
    (
        "Vapaaehtoistoiminnan infotilaisuus järjestöille",
        datetime.datetime(2026, 3, 11, 17, 0),
        2,
        "Stoa, Turunlinnantie 1",
        "Tietoa kaupungin tuesta vapaaehtoistoiminnalle ja neuvottelukunnan työstä.",
        "",
    ),
    (
        "Vapaaehtoistoiminnan seminaari",
        datetime.datetime(2026, 5, 27, 9, 0),
        6,
        "Kaupungintalo, Pohjoisesplanadi 11–13",
        "Vuosittainen seminaari järjestöille, kaupungin työntekijöille ja luottamushenkilöille.",
        "https://example.invalid/seminaari",
    ),
    (
        "Vapaaehtoisten päivä",
        14,
        4,
        "Kaupungintalo, Pohjoisesplanadi 11–13",
        "Kansainvälisen vapaaehtoisten päivän kiitostilaisuus helsinkiläisille vapaaehtoisille.",
        "",
    ),
    (
        "Perehdytyskoulutus uusille vapaaehtoisille",
        45,
        3,
        "Työväenopisto, Helsinginkatu 26",
        "Koulutus vapaaehtoistoimintaa aloittaville yhdessä työväenopiston kanssa.",
        "https://example.invalid/koulutus",
    ),
]
EVENT_TRANSLATIONS = {
    "sv": {
        "Vapaaehtoistoiminnan infotilaisuus järjestöille": (
            "Informationsmöte om frivilligverksamhet för organisationer"
        ),
        "Tietoa kaupungin tuesta vapaaehtoistoiminnalle ja neuvottelukunnan työstä.": (
            "Information om stadens stöd till frivilligverksamhet och om kommissionens arbete."
        ),
        "Vapaaehtoistoiminnan seminaari": "Seminarium om frivilligverksamhet",
        "Vuosittainen seminaari järjestöille, kaupungin työntekijöille ja luottamushenkilöille.": (
            "Årligt seminarium för organisationer, stadens anställda och förtroendevalda."
        ),
        "Vapaaehtoisten päivä": "De frivilligas dag",
        "Kansainvälisen vapaaehtoisten päivän kiitostilaisuus helsinkiläisille vapaaehtoisille.": (
            "Tackfest för frivilliga i Helsingfors på den internationella frivilligdagen."
        ),
        "Perehdytyskoulutus uusille vapaaehtoisille": "Introduktionsutbildning för nya frivilliga",
        "Koulutus vapaaehtoistoimintaa aloittaville yhdessä työväenopiston kanssa.": (
            "Utbildning för nya frivilliga tillsammans med arbetarinstitutet."
        ),
        "Stoa, Turunlinnantie 1": "Stoa, Åboborgsvägen 1",
        "Kaupungintalo, Pohjoisesplanadi 11–13": "Stadshuset, Norra esplanaden 11–13",
        "Työväenopisto, Helsinginkatu 26": "Arbetarinstitutet, Helsingegatan 26",
    },
    "en": {
        "Vapaaehtoistoiminnan infotilaisuus järjestöille": (
            "Information session on volunteering for organisations"
        ),
        "Tietoa kaupungin tuesta vapaaehtoistoiminnalle ja neuvottelukunnan työstä.": (
            "About the city's support for volunteering and the advisory board's work."
        ),
        "Vapaaehtoistoiminnan seminaari": "Volunteering seminar",
        "Vuosittainen seminaari järjestöille, kaupungin työntekijöille ja luottamushenkilöille.": (
            "The annual seminar for organisations, city staff and elected officials."
        ),
        "Vapaaehtoisten päivä": "Volunteers' Day",
        "Kansainvälisen vapaaehtoisten päivän kiitostilaisuus helsinkiläisille vapaaehtoisille.": (
            "A thank-you event for Helsinki's volunteers on International Volunteer Day."
        ),
        "Perehdytyskoulutus uusille vapaaehtoisille": "Introductory training for new volunteers",
        "Koulutus vapaaehtoistoimintaa aloittaville yhdessä työväenopiston kanssa.": (
            "Training for people starting as volunteers, with the adult education centre."
        ),
        "Stoa, Turunlinnantie 1": "Stoa, Turunlinnantie 1",
        "Kaupungintalo, Pohjoisesplanadi 11–13": "City Hall, Pohjoisesplanadi 11–13",
        "Työväenopisto, Helsinginkatu 26": "Adult Education Centre, Helsinginkatu 26",
    },
}


# --- helpers ---------------------------------------------------------------------------------


PAGE_FACTORIES = {
    MemberDirectoryPage: factories.MemberDirectoryPageFactory,
    MinutesArchivePage: factories.MinutesArchivePageFactory,
    CalendarPage: factories.CalendarPageFactory,
    OpenDataPage: factories.OpenDataPageFactory,
}


def _child(home: Page, model, slug: str, **fields) -> Page:
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = PAGE_FACTORIES[model](parent=home, slug=slug, locale=home.locale, **fields)
        page.save_revision().publish()
    return page


# --- load ---------------------------------------------------------------------------------


def load(ctx: dict) -> None:
    home = ctx["home"]
    fi = Locale.get_default()
    calendar_pdf = ctx.get("documents", {}).get("calendar")
    pages = {}
    for model, slug, title, intro, _tr in PAGES:
        extra = {"calendar_document": calendar_pdf} if model is CalendarPage else {}
        pages[slug] = _child(
            home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=True, **extra
        )
    ctx["board_pages"] = pages
    model, slug, title, intro, _tr = OPEN_DATA
    ctx["open_data_page"] = _child(
        home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=False
    )

    roles = {}
    for order, (kind, name, _sv, _en) in enumerate(ROLES):
        roles[kind] = factories.RoleFactory(kind=kind, locale=fi, name=name, sort_order=order)
    seats = {}
    for group, names in SEATS.items():
        for number, (name, _sv, _en) in enumerate(names, start=1):
            seats[(group, number)] = Seat.objects.filter(
                group=group, number=number, locale=fi
            ).first() or factories.SeatFactory(group=group, number=number, locale=fi, name=name)
    _load_memberships(roles, seats)
    _load_meetings(fi)
    _load_events(fi, calendar_pdf)
    _link_from_home(home, pages)
    ensure_communications_group()


def _organisation(name: str) -> Organisation:
    return factories.OrganisationFactory(name=name, locale=Locale.get_default())


def _membership(**fields) -> Membership:
    key = {k: fields.pop(k) for k in ("person", "term", "role", "seat", "start_date")}
    existing = Membership.objects.filter(**key).first()
    if existing:
        return existing
    membership = factories.MembershipFactory.build(**key, **fields)
    membership.full_clean()  # the demo obeys the same rules as the admin
    membership.save()
    return membership


def _load_memberships(roles: dict, seats: dict) -> None:
    previous = factories.TermFactory(
        start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2024, 12, 31)
    )
    current = factories.TermFactory(
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    decisions = {
        previous: (datetime.date(2022, 12, 12), "HEL 2022-014702", "§ 812"),
        current: (datetime.date(2024, 12, 9), "HEL 2024-016115", "§ 764"),
    }
    seat_keys = [(g, n) for g, names in SEATS.items() for n in range(1, len(names) + 1)]
    for term_index, term in enumerate((previous, current)):
        decision_date, diary, section = decisions[term]
        for i, (group, number) in enumerate(seat_keys):
            # Half of the members are re-appointed for the new term.
            # Distinct numbers below 150 give distinct invented names (see _person).
            member_no = i if term_index == 0 or i % 2 == 0 else 100 + i
            deputy_no = 40 + i if term_index == 0 or i % 2 == 1 else 70 + i
            if i == 0:
                kind = RoleKind.CHAIR
            elif i == 11:
                kind = RoleKind.VICE_CHAIR
            else:
                kind = RoleKind.MEMBER
            common = {
                "term": term,
                "seat": seats[(group, number)],
                "organisation": _organisation(ORGANISATIONS[group][number - 1]),
                "decision_date": decision_date,
                "diary_number": diary,
                "decision_section": section,
            }
            replaced = term is current and (group, number) == (SeatGroup.AGENCIES, 3)
            member = _membership(
                person=_person(member_no),
                role=roles[kind],
                start_date=term.start_date,
                end_date=datetime.date(2025, 8, 31)
                if replaced
                else term.end_date
                if term is previous
                else None,
                **common,
            )
            _membership(
                person=_person(deputy_no),
                role=roles[RoleKind.DEPUTY],
                start_date=term.start_date,
                end_date=term.end_date if term is previous else None,
                deputy_of=member,
                **common,
            )
            if replaced:
                # Left mid-term; the City Board appointed a successor.
                _membership(
                    person=_person(99),
                    role=roles[RoleKind.MEMBER],
                    start_date=datetime.date(2025, 9, 1),
                    **{
                        **common,
                        "decision_date": datetime.date(2025, 8, 25),
                        "diary_number": "HEL 2025-009876",
                        "decision_section": "§ 512",
                    },
                )
        _membership(
            person=_person(98),
            role=roles[RoleKind.SECRETARY],
            seat=None,
            start_date=term.start_date,
            end_date=term.end_date if term is previous else None,
            term=term,
            organisation=_organisation("Kaupunginkanslia"),
        )
    _membership(
        person=_person(97),
        role=roles[RoleKind.EXPERT],
        seat=None,
        start_date=current.start_date,
        term=current,
        organisation=_organisation("Sosiaali-, terveys- ja pelastustoimiala"),
    )


def _status_for(start: datetime.datetime, now: datetime.datetime) -> str:
    if start > now + datetime.timedelta(days=21):
        return MeetingStatus.PLANNED
    if start > now:
        return MeetingStatus.AGENDA_PUBLISHED
    if start > now - datetime.timedelta(days=40):
        return MeetingStatus.HELD  # minutes still to be approved: shows on the admin home
    return MeetingStatus.MINUTES_APPROVED


def _load_meetings(fi: Locale) -> None:
    now = timezone.now()
    for year in MEETING_YEARS:
        for number, (month, day, title, summary) in enumerate(THEMES, start=1):
            if Meeting.objects.filter(locale=fi, year=year, number=number).exists():
                continue
            start = datetime.datetime(year, month, day, 16, 0, tzinfo=HELSINKI)
            reference = f"{number}/{year}"
            status = MeetingStatus.CANCELLED if (year, number) == CANCELLED else _status_for(start, now)
            meeting = factories.MeetingFactory.build(
                locale=fi,
                title=title,
                number=number,
                start=start,
                place=REMOTE if number == 2 else PLACE,
                status=status,
                summary=summary if status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED) else "",
            )
            if status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
                meeting.agenda = get_or_create_pdf(
                    f"Esityslista {reference}",
                    [
                        f"Vapaaehtoistyön neuvottelukunnan kokous {reference}, {start:%d.%m.%Y} klo 16.00.",
                        "1. Kokouksen avaus. 2. Laillisuus ja päätösvaltaisuus. "
                        "3. Esityslistan hyväksyminen.",
                        f"4. {title}. 5. Muut asiat. 6. Kokouksen päättäminen.",
                    ],
                    "agenda",
                    date=start.date(),
                )
            if status == MeetingStatus.MINUTES_APPROVED:
                meeting.minutes = get_or_create_pdf(
                    f"Pöytäkirja {reference}",
                    [
                        f"Vapaaehtoistyön neuvottelukunnan kokous {reference}, {start:%d.%m.%Y} klo 16.00.",
                        "Läsnä: neuvottelukunnan jäsenet ja sihteeri. Kokous todettiin lailliseksi ja "
                        "päätösvaltaiseksi.",
                        f"{title}: {summary}",
                        "Pöytäkirja tarkastettiin ja hyväksyttiin seuraavassa kokouksessa.",
                    ],
                    "minutes",
                    date=start.date(),
                )
                if number == 4:
                    statement = get_or_create_pdf(
                        f"Lausuntoluonnos {reference}",
                        ["Neuvottelukunnan lausuntoluonnos kaupunginhallitukselle vapaaehtoistoiminnasta."],
                        "other",
                        date=start.date(),
                    )
                    meeting.attachments = [("attachment", {"document": statement, "text": "Lausuntoluonnos"})]
            meeting.full_clean()
            meeting.save()
            meeting.save_revision().publish()


def _load_events(fi: Locale, calendar_pdf) -> None:
    today = timezone.localdate()
    for title, when, hours, place, description, link in EVENTS:
        if Event.objects.filter(locale=fi, title=title).exists():
            continue
        if isinstance(when, int):
            # Upcoming whenever the demo is loaded.
            start = datetime.datetime.combine(
                today + datetime.timedelta(days=when), datetime.time(14, 0), HELSINKI
            )
        else:
            start = when.replace(tzinfo=HELSINKI)
        event = factories.EventFactory.build(
            locale=fi,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            place=place,
            description=description,
            link=link,
            document=calendar_pdf if title == "Vapaaehtoistoiminnan seminaari" else None,
        )
        event.full_clean()
        event.save()
        event.save_revision().publish()


def _link_from_home(home: Page, pages: dict) -> None:
    """A links block to the board's pages on the home page, once."""
    home = home.specific
    linked = {
        link["page"].pk if hasattr(link["page"], "pk") else link["page"]
        for block in home.body
        if block.block_type == "links"
        for link in block.value["links"]
        if link["page"]
    }
    if all(page.pk in linked for page in pages.values()):
        return
    links = [{"text": page.title, "page": page, "url": ""} for page in pages.values()]
    # First in the body, right under the lead: on the page this site replaces they are the first links.
    home.body.insert(0, ("links", {"heading": LINKS_HEADING, "links": links}))
    home.save_revision().publish()


def _core_pages_first_in_menus() -> None:
    """The member directory, the minutes archive and the calendar in the header menu, as its
    first links after Home, in every language (issue 14, item 7).

    The menu is the home page's children marked "show in menus", in page-tree order
    (home/chrome.py), so staff keep choosing and ordering it in the admin; the demo marks and
    orders its pages so, in a database loaded before this rule too. Runs after the commit:
    wagtail-localize publishes the translations then, from page objects that would undo a
    move made earlier.
    """
    by_home: dict[int, list[Page]] = {}
    for model, *_rest in PAGES:
        for page in model.objects.order_by("pk"):
            by_home.setdefault(page.get_parent().pk, []).append(page)
    for home_id, pages in by_home.items():
        for page in pages:
            if not page.show_in_menus:
                page.show_in_menus = True
                page.save_revision().publish()
        home = Page.objects.get(pk=home_id)
        first = list(home.get_children().values_list("pk", flat=True)[: len(pages)])
        if first != [page.pk for page in pages]:
            for page in reversed(pages):
                Page.objects.get(pk=page.pk).move(home, pos="first-child")
                home.refresh_from_db()


# --- translate -----------------------------------------------------------------------------


def _translate_once(obj, code: str, strings: dict[str, str]) -> None:
    if obj.get_translations().filter(locale__language_code=code).exists():
        return
    translate_object(obj, code, strings)


def translate(ctx: dict) -> None:
    home = ctx["home"]
    fi = Locale.get_default()
    for code in ("sv", "en"):
        for model, slug, title, intro, translations in (*PAGES, OPEN_DATA):
            page = model.objects.child_of(home).get(slug=slug)
            t_title, t_slug, t_intro = translations[code]
            _translate_once(page, code, {title: t_title, slug: t_slug, intro: t_intro})
        for kind, name, sv, en in ROLES:
            _translate_once(Role.objects.get(kind=kind, locale=fi), code, {name: sv if code == "sv" else en})
        for group, names in SEATS.items():
            for number, (name, sv, en) in enumerate(names, start=1):
                seat = Seat.objects.get(group=group, number=number, locale=fi)
                _translate_once(seat, code, {name: sv if code == "sv" else en})
        for organisation in Organisation.objects.filter(locale=fi):
            sv, en = ORGANISATION_TRANSLATIONS.get(organisation.name, (None, None))
            translated = sv if code == "sv" else en
            if translated:
                _translate_once(organisation, code, {organisation.name: translated})
        for meeting in Meeting.objects.filter(locale=fi):
            _translate_once(meeting, code, THEME_TRANSLATIONS[code])
        for event in Event.objects.filter(locale=fi):
            _translate_once(event, code, EVENT_TRANSLATIONS[code])
        _translate_home_links(home, code)
    _swedish_files(fi)
    transaction.on_commit(_core_pages_first_in_menus)


# Meetings whose agenda and minutes also have a Swedish PDF (the others are Finnish files,
# which the Swedish pages say: "på finska").
SWEDISH_FILES_FOR = 1  # the first meeting of each year


def _swedish_files(fi: Locale) -> None:
    for meeting in Meeting.objects.filter(locale=fi, number=SWEDISH_FILES_FOR).select_related(
        "agenda", "minutes"
    ):
        reference = meeting.reference
        when = timezone.localtime(meeting.start, HELSINKI)
        opening = f"Kommissionen för frivilligt arbetes möte {reference}, {when:%d.%m.%Y} kl. 16.00."
        if meeting.agenda is not None:
            get_or_create_language_file(
                meeting.agenda,
                "sv",
                f"Föredragningslista {reference}",
                [
                    opening,
                    "1. Mötets öppnande. 2. Laglighet och beslutförhet. "
                    "3. Godkännande av föredragningslistan.",
                ],
            )
        if meeting.minutes is not None:
            get_or_create_language_file(
                meeting.minutes,
                "sv",
                f"Protokoll {reference}",
                [opening, "Närvarande: kommissionens ledamöter och sekreteraren.", "Protokollet justerades."],
            )


def _translate_home_links(home: Page, code: str) -> None:
    """The home page is translated by home.demo; add the strings of the board's links block."""
    strings = LINK_TRANSLATIONS[code]
    translated = home.get_translations().filter(locale__language_code=code).first()
    if translated is None:
        return
    shown = set()
    for block in translated.specific.body:
        if block.block_type == "links":
            shown.add(block.value["heading"])
            shown.update(link["text"] for link in block.value["links"])
    if set(strings.values()) <= shown:
        return
    translate_object(home, code, strings)
