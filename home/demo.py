"""Demo home page: the Finnish text of the city page this site replaces, and its translations."""

from wagtail.models import Locale, Page, Site

from home import demo_site as site_pages
from home.factories import HomePageFactory
from home.models import HomePage

TITLE = "Vapaaehtoistyön neuvottelukunta"
LEAD = "Vapaaehtoistoiminta on hyvinvointia"

P_INTRO_1 = (
    "Vapaaehtoistoiminta kokoaa yhteen ihmiset, jotka haluavat osallistua, vaikuttaa, olla mukana, "
    "antaa ja saada apua. Vapaaehtoistoiminta on toisesta ihmisestä välittämistä, yhdessä tekemistä "
    "ja yhteistä vastuullisuutta."
)
P_INTRO_2 = (
    "Toiminta on laajaa ja monipuolista ja, mikä parasta kansalaisten kannalta, yhteisöt reagoivat "
    "nopeasti yhteiskunnassa esiin tuleviin tarpeisiin."
)
P_HISTORY = (
    "Helsingin kaupunginhallitus perusti Vapaaehtoistyön neuvottelukunnan vuonna 1986. "
    "Neuvottelukunnan jäsenistö koostuu kaupungin virastojen ja luottamusmiesten sekä eri sektoreilla "
    "toimivien vapaaehtoisjärjestöjen edustajista. Kaupunginhallitus nimittää neuvottelukunnan jäsenet "
    "kahdeksi vuodeksi kerrallaan."
)
P_TASKS = (
    "Neuvottelukunnan tehtävänä on edistää Helsingin kaupungin ja vapaaehtoisyhteisöjen välistä "
    "yhteistoimintaa. Lisäksi neuvottelukunnan tehtävänä on tukea vapaaehtoistyötä, joka täydentää "
    "kaupungin virallisia organisaatioita, edistää Helsingin kaupungin alueella toimivien "
    "vapaaehtoisyhteisöjen toimintamahdollisuuksia, tehdä kaupungin hallitukselle aloitteita ja "
    "esityksiä sekä antaa lausuntoja vapaaehtoistyötä koskevissa asioissa. Vapaaehtoistyön "
    "neuvottelukunnan tehtävänä on myös tukea kansalaisaktiivisuutta ja kasvattaa näin kansalaisten "
    "sosiaalista pääomaa."
)
P_ACTIVITIES = (
    "Neuvottelukunnan keskeinen tehtävä on myös myönteisten asenteiden ja edellytysten luominen "
    "vapaaehtoistyölle. Neuvottelukunta luo yhteyksiä helsinkiläisiin järjestöihin. Se tiedottaa "
    "vapaaehtoistyöstä sekä kouluttaa vapaaehtoisia järjestämällä tiedotustilaisuuksia ja seminaareja. "
    "Järjestökentän lisäksi vapaaehtoistyön neuvottelukunnan tärkeitä sidosryhmiä ovat kaupungin eri "
    "hallintokunnat ja luottamusmiehet."
)
P_SUPPORT = (
    "Kaupungin eri hallintokunnat tukevat toimintaa. Sosiaali- ja terveysvirasto on palkannut "
    "vapaaehtoistyön ohjaajia, ja työväenopisto on ottanut vapaaehtoiskoulutuksen ohjelmaansa."
)

SLUGS = {"fi": "etusivu", "sv": "startsida", "en": "home"}

TRANSLATIONS = {
    "sv": {
        TITLE: "Kommissionen för frivilligt arbete",
        "etusivu": SLUGS["sv"],
        LEAD: "Frivilligverksamhet är välbefinnande",
        P_INTRO_1: (
            "Frivilligverksamheten för samman människor som vill delta, påverka, vara med, ge och få "
            "hjälp. Frivilligverksamhet handlar om att bry sig om andra människor, att göra saker "
            "tillsammans och att ta gemensamt ansvar."
        ),
        P_INTRO_2: (
            "Verksamheten är omfattande och mångsidig, och det bästa för invånarna är att "
            "gemenskaperna snabbt reagerar på behov som uppstår i samhället."
        ),
        "Vapaaehtoistyön neuvottelukunta": "Kommissionen för frivilligt arbete",
        P_HISTORY: (
            "Helsingfors stadsstyrelse grundade Kommissionen för frivilligt arbete år 1986. "
            "Kommissionens medlemmar representerar stadens förvaltningar och förtroendevalda samt "
            "frivilligorganisationer inom olika sektorer. Stadsstyrelsen utser kommissionens "
            "medlemmar för två år i sänder."
        ),
        P_TASKS: (
            "Kommissionen har till uppgift att främja samarbetet mellan Helsingfors stad och "
            "frivilligorganisationerna. Kommissionen ska dessutom stödja frivilligt arbete som "
            "kompletterar stadens officiella organisationer, främja verksamhetsförutsättningarna för "
            "frivilligorganisationer i Helsingfors, ta initiativ och lägga fram förslag till "
            "stadsstyrelsen samt ge utlåtanden i frågor som gäller frivilligt arbete. Kommissionen ska "
            "också stödja medborgaraktivitet och på så sätt öka invånarnas sociala kapital."
        ),
        P_ACTIVITIES: (
            "En central uppgift för kommissionen är också att skapa positiva attityder och "
            "förutsättningar för frivilligt arbete. Kommissionen skapar kontakter till organisationer "
            "i Helsingfors. Den informerar om frivilligt arbete och utbildar frivilliga genom att "
            "ordna informationsmöten och seminarier. Utöver organisationsfältet är stadens olika "
            "förvaltningar och förtroendevalda viktiga intressenter för kommissionen."
        ),
        P_SUPPORT: (
            "Stadens olika förvaltningar stöder verksamheten. Social- och hälsovårdsverket har anställt "
            "handledare för frivilligt arbete, och arbetarinstitutet har tagit med utbildning för "
            "frivilliga i sitt program."
        ),
    },
    "en": {
        TITLE: "Volunteer Work Advisory Board",
        "etusivu": SLUGS["en"],
        LEAD: "Volunteering is well-being",
        P_INTRO_1: (
            "Volunteering brings together people who want to take part, make a difference, be involved, "
            "and give and receive help. Volunteering is caring for another person, doing things "
            "together and sharing responsibility."
        ),
        P_INTRO_2: (
            "The work is broad and varied and, best of all for residents, communities respond quickly "
            "to needs that arise in society."
        ),
        "Vapaaehtoistyön neuvottelukunta": "Volunteer Work Advisory Board",
        P_HISTORY: (
            "The Helsinki City Board founded the Volunteer Work Advisory Board in 1986. Its members "
            "represent city agencies and elected officials as well as volunteer organisations from "
            "different sectors. The City Board appoints the members for two years at a time."
        ),
        P_TASKS: (
            "The advisory board's task is to promote cooperation between the City of Helsinki and "
            "volunteer communities. It also supports volunteer work that complements the city's "
            "official organisations, improves the operating conditions of volunteer communities in "
            "Helsinki, makes initiatives and proposals to the City Board and gives statements on "
            "matters concerning volunteer work. It also supports civic activity and so grows "
            "residents' social capital."
        ),
        P_ACTIVITIES: (
            "A key task of the advisory board is to create positive attitudes and conditions for "
            "volunteer work. The board builds connections with Helsinki organisations. It informs "
            "about volunteer work and trains volunteers by arranging information sessions and "
            "seminars. Besides organisations, the city's administrations and elected officials are "
            "important stakeholders of the board."
        ),
        P_SUPPORT: (
            "The city's administrations support the work. The Social Services and Health Care "
            "Department has hired volunteer coordinators, and the adult education centre has added "
            "volunteer training to its programme."
        ),
    },
}


def body() -> list[tuple[str, object]]:
    return [
        ("text", f"<p>{P_INTRO_1}</p><p>{P_INTRO_2}</p>"),
        ("heading", {"text": "Vapaaehtoistyön neuvottelukunta", "level": "h2"}),
        ("text", f"<p>{P_HISTORY}</p><p>{P_TASKS}</p><p>{P_ACTIVITIES}</p><p>{P_SUPPORT}</p>"),
    ]


def ensure_locales() -> None:
    for code in ("fi", "sv", "en"):
        Locale.objects.get_or_create(language_code=code)


def load(ctx: dict | None = None) -> HomePage:
    """Create the Finnish home page and make it the site root. Does nothing if it exists.

    With a `ctx` (from `load_demo`) it also creates the site's own pages (association
    info, accessibility statement, privacy notice), the footer's contact details and
    the home page's links to the association page and the action programme PDF.
    """
    home = _load_home()
    if ctx is None:
        return home
    ctx["home"] = home
    pages = site_pages.load_pages(home)
    ctx["site_pages"] = pages
    ctx["footer"] = site_pages.load_footer(pages)
    programme = (ctx.get("documents") or {}).get("programme")
    ctx["home_changed"] = site_pages.link_home(home, pages["association"], programme)
    ctx["home_changed"] = site_pages.give_home_image(home) or ctx["home_changed"]
    return home


def _load_home() -> HomePage:
    ensure_locales()
    fi = Locale.get_default()
    home = HomePage.objects.filter(locale=fi, depth=2).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's initial migration leaves a placeholder "Welcome" page; replace it.
    site = Site.objects.filter(is_default_site=True).first()
    for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
        placeholder.delete()
    home = HomePageFactory(parent=root, title=TITLE, slug=SLUGS["fi"], lead=LEAD, body=body(), locale=fi)
    home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Vapaaehtoistyön neuvottelukunta",
        )
    else:
        site.root_page = home
        site.site_name = "Vapaaehtoistyön neuvottelukunta"
        site.save()
    return home


def translate(ctx: dict) -> None:
    """Swedish and English versions of the home page and the site's pages, through wagtail-localize."""
    home = ctx["home"]
    # A home page translated before this run's additions is brought up to date.
    translate_home(home, update=ctx.get("home_changed", False))
    if "site_pages" in ctx:
        site_pages.translate_pages(ctx["site_pages"])
    if ctx.get("footer") is not None:
        site_pages.translate_footer(ctx["footer"])


def translate_home(home: HomePage, *, update: bool = False) -> None:
    for code, strings in TRANSLATIONS.items():
        if not update and home.get_translations().filter(locale__language_code=code).exists():
            continue
        site_pages.ensure_linked_documents_translated(home, code)
        site_pages.translate_and_publish(home, code, {**strings, **site_pages.HOME_STRINGS[code]})
