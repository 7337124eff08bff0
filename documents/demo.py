"""Demo documents: the action-programme proposal and the activity calendar, as real PDFs.

`load(ctx)` leaves them in ctx["documents"]; `get_or_create_pdf()` is for other apps'
demos (the board's agendas and minutes). Built by documents.factories (DocumentFactory and
its `pdf_file()`), as the tests' documents are. Idempotent: found again by title and locale.
Every demo PDF is tagged, titled and has its language, except INACCESSIBLE_PDFS.
"""

import datetime

from wagtail.models import Locale

from cms.localize_programmatic import translate_object
from documents.factories import DocumentFactory, pdf_file
from documents.models import CustomDocument

PROGRAMME_TITLE = "Ehdotus Helsingin kaupungin vapaaehtoistoiminnan toimenpideohjelmaksi"
PROGRAMME_TEXT = [
    "Vapaaehtoistyön neuvottelukunta ehdottaa kaupunginhallitukselle toimenpideohjelmaa, jolla "
    "Helsingin kaupunki tukee vapaaehtoistoimintaa ja sen yhteisöjä.",
    "1. Kaupungin hallintokunnat nimeävät vapaaehtoistoiminnan yhdyshenkilöt.",
    "2. Vapaaehtoisille järjestetään perehdytystä yhdessä työväenopiston kanssa.",
    "3. Järjestöjen toimintamahdollisuuksia parannetaan tarjoamalla kaupungin tiloja edullisesti.",
    "4. Vapaaehtoistoiminnan vaikutuksia seurataan ja niistä raportoidaan vuosittain.",
]
CALENDAR_TITLE = "Toimintakalenteri"
CALENDAR_TEXT = [
    "Vapaaehtoistyön neuvottelukunnan toimintakalenteri.",
    "Tammikuu: neuvottelukunnan kokous ja toimintasuunnitelman hyväksyminen.",
    "Maaliskuu: infotilaisuus helsinkiläisille järjestöille vapaaehtoistoiminnasta.",
    "Toukokuu: vapaaehtoistoiminnan seminaari kaupungintalolla.",
    "Syyskuu: neuvottelukunnan kokous ja lausunnot kaupunginhallitukselle.",
    "Joulukuu: vapaaehtoisten päivä ja vuoden kiitostilaisuus.",
]

# Left inaccessible on purpose, so that Reports → Inaccessible PDFs shows what it is for
# (both are made by board.demo, by these titles): the minutes of the oldest meeting,
# scanned from paper (an image: no text, no tags, no title, no language), and a draft
# statement saved from a word processor with its title and language but without tags.
SCANNED = "scanned"
UNTAGGED = "untagged"
INACCESSIBLE_PDFS = {
    "Pöytäkirja 1/2024": SCANNED,
    "Lausuntoluonnos 4/2024": UNTAGGED,
}

# The activity calendar also has a Swedish PDF (the Swedish pages link it); the action
# programme stays a Finnish file (the Swedish pages say "på finska").
CALENDAR_TEXT_SV = [
    "Kommissionen för frivilligt arbetes verksamhetskalender.",
    "Januari: kommissionens möte och godkännande av verksamhetsplanen.",
    "Mars: informationsmöte för Helsingforsorganisationer om frivilligverksamhet.",
    "Maj: seminarium om frivilligverksamhet i stadshuset.",
    "September: kommissionens möte och utlåtanden till stadsstyrelsen.",
    "December: de frivilligas dag och årets tackfest.",
]

TRANSLATIONS = {
    "sv": {
        PROGRAMME_TITLE: "Förslag till åtgärdsprogram för frivilligverksamheten i Helsingfors stad",
        CALENDAR_TITLE: "Verksamhetskalender",
    },
    "en": {
        PROGRAMME_TITLE: "Proposal for the City of Helsinki's action programme for volunteering",
        CALENDAR_TITLE: "Activity calendar",
    },
}


def get_or_create_pdf(
    title: str,
    paragraphs: list[str],
    kind: str,
    language: str = "fi",
    date: datetime.date | None = None,
) -> CustomDocument:
    """A document with a real PDF of `paragraphs`, in the default (Finnish) locale,
    analysed like an upload (size, hash, pages, text, accessibility flags). Accessible
    unless its title is one of INACCESSIBLE_PDFS."""
    locale = Locale.get_default()
    existing = CustomDocument.objects.filter(title=title, locale=locale).order_by("pk").first()
    if existing:
        return existing
    flaw = INACCESSIBLE_PDFS.get(title)
    return DocumentFactory(
        title=title,
        kind=kind,
        language=language,
        document_date=date,
        locale=locale,
        paragraphs=paragraphs,
        tagged=flaw != UNTAGGED,
        scanned=flaw == SCANNED,
    )


def get_or_create_language_file(
    source: CustomDocument, language_code: str, title: str, paragraphs: list[str]
) -> CustomDocument:
    """The version of `source` in `language_code` with its own PDF in that language, as an
    editor adds one (Documents → Add a version): its title, its file, its file language."""
    locale = Locale.objects.get(language_code=language_code)
    version = source.get_translation_or_none(locale)
    if version is not None and version.language == language_code:
        return version
    if version is None:
        version = translate_object(source, language_code, {source.title: title})
    copied = version.file.name
    version.title = title
    version.language = language_code
    version.file = pdf_file(title, paragraphs, language=language_code, tagged=True)
    version._set_document_file_metadata()
    version.save()
    if copied and copied != version.file.name:
        version.file.storage.delete(copied)
    return version


def load(ctx: dict) -> None:
    ctx["documents"] = {
        "programme": get_or_create_pdf(
            PROGRAMME_TITLE, PROGRAMME_TEXT, CustomDocument.Kind.PROGRAMME, date=datetime.date(2024, 5, 20)
        ),
        "calendar": get_or_create_pdf(
            CALENDAR_TITLE, CALENDAR_TEXT, CustomDocument.Kind.CALENDAR, date=datetime.date(2026, 1, 1)
        ),
    }


def translate(ctx: dict) -> None:
    """Swedish and English titles through wagtail-localize; the files stay the Finnish PDFs
    (language "fi") until a translated PDF is uploaded to the translation, as the Swedish
    activity calendar is."""
    for document in ctx["documents"].values():
        for language_code, strings in TRANSLATIONS.items():
            if document.get_translation_or_none(Locale.objects.get(language_code=language_code)) is None:
                translate_object(document, language_code, strings)
    calendar = ctx["documents"]["calendar"]
    get_or_create_language_file(calendar, "sv", TRANSLATIONS["sv"][CALENDAR_TITLE], CALENDAR_TEXT_SV)
