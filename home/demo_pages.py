"""Demo texts of the site's own pages: association info, accessibility statement, privacy
notice and the footer's contact details, in Finnish with Swedish and English translations.

Contact details are fictional (example.invalid, 09 000 0000); the supervising authority
is the real one named in Finnish accessibility statements.
"""

# --- Tietoa yhdistyksille (information for associations) -------------------------------------

ASSOC = {
    "title": "Tietoa yhdistyksille",
    "slug": "tietoa-yhdistyksille",
    "lead": "Vapaaehtoistyön neuvottelukunta tekee yhteistyötä helsinkiläisten yhdistysten kanssa.",
    "description": "Miten yhdistys voi tehdä yhteistyötä vapaaehtoistyön neuvottelukunnan kanssa.",
    "h_cooperation": "Yhteistyö neuvottelukunnan kanssa",
    "p_cooperation": (
        "Neuvottelukunta kokoaa yhteen kaupungin ja vapaaehtoisjärjestöjen edustajat. Yhdistys voi tuoda "
        "neuvottelukunnan käsiteltäväksi vapaaehtoistoimintaa koskevia kysymyksiä ja ehdotuksia."
    ),
    "p_events": (
        "Neuvottelukunta järjestää tiedotustilaisuuksia ja seminaareja, joihin yhdistysten edustajat ovat "
        "tervetulleita. Tulevat tilaisuudet löytyvät toimintakalenterista."
    ),
    "faq": "Usein kysyttyä",
    "q_member": "Miten yhdistys voi saada edustajan neuvottelukuntaan?",
    "a_member": (
        "Kaupunginhallitus nimittää neuvottelukunnan jäsenet kahdeksi vuodeksi kerrallaan. Järjestösektorit "
        "voivat ehdottaa edustajiaan ennen uuden toimikauden alkua."
    ),
    "q_proposal": "Miten asian saa neuvottelukunnan kokoukseen?",
    "a_proposal": "Lähetä asia neuvottelukunnan sihteerille viimeistään kaksi viikkoa ennen kokousta.",
    "contact_role": "Neuvottelukunnan sihteeri",
}

ASSOC_SV = {
    ASSOC["title"]: "Information för föreningar",
    ASSOC["slug"]: "information-for-foreningar",
    ASSOC["lead"]: "Kommissionen för frivilligt arbete samarbetar med föreningar i Helsingfors.",
    ASSOC["description"]: "Hur en förening kan samarbeta med Kommissionen för frivilligt arbete.",
    ASSOC["h_cooperation"]: "Samarbete med kommissionen",
    ASSOC["p_cooperation"]: (
        "Kommissionen för samman företrädare för staden och frivilligorganisationerna. En förening kan "
        "föra frågor och förslag som gäller frivilligverksamhet till kommissionen."
    ),
    ASSOC["p_events"]: (
        "Kommissionen ordnar informationsmöten och seminarier där föreningarnas företrädare är välkomna. "
        "Kommande evenemang finns i verksamhetskalendern."
    ),
    ASSOC["faq"]: "Vanliga frågor",
    ASSOC["q_member"]: "Hur kan en förening få en företrädare i kommissionen?",
    ASSOC["a_member"]: (
        "Stadsstyrelsen utser kommissionens medlemmar för två år i sänder. Organisationssektorerna kan "
        "föreslå sina företrädare innan en ny mandatperiod börjar."
    ),
    ASSOC["q_proposal"]: "Hur får man upp en fråga på kommissionens möte?",
    ASSOC["a_proposal"]: "Skicka frågan till kommissionens sekreterare senast två veckor före mötet.",
    ASSOC["contact_role"]: "Kommissionens sekreterare",
}

ASSOC_EN = {
    ASSOC["title"]: "Information for associations",
    ASSOC["slug"]: "information-for-associations",
    ASSOC["lead"]: "The Volunteer Work Advisory Board works together with Helsinki associations.",
    ASSOC["description"]: "How an association can work with the Volunteer Work Advisory Board.",
    ASSOC["h_cooperation"]: "Working with the advisory board",
    ASSOC["p_cooperation"]: (
        "The advisory board brings together representatives of the city and of volunteer organisations. "
        "An association can bring questions and proposals about volunteering to the board."
    ),
    ASSOC["p_events"]: (
        "The board arranges information sessions and seminars where representatives of associations are "
        "welcome. Upcoming events are in the activity calendar."
    ),
    ASSOC["faq"]: "Frequently asked questions",
    ASSOC["q_member"]: "How can an association get a representative on the board?",
    ASSOC["a_member"]: (
        "The City Board appoints the members for two years at a time. The organisation sectors can propose "
        "their representatives before a new term begins."
    ),
    ASSOC["q_proposal"]: "How do we get a matter on the agenda of a meeting?",
    ASSOC["a_proposal"]: "Send it to the board's secretary at least two weeks before the meeting.",
    ASSOC["contact_role"]: "Secretary of the advisory board",
}

# --- Saavutettavuusseloste (accessibility statement) -----------------------------------------

A11Y = {
    "title": "Saavutettavuusseloste",
    "slug": "saavutettavuusseloste",
    "lead": (
        "Tämä saavutettavuusseloste koskee vapaaehtoistyön neuvottelukunnan verkkosivustoa. Seloste on "
        "laadittu lain digitaalisten palvelujen tarjoamisesta mukaisesti."
    ),
    "description": "Vapaaehtoistyön neuvottelukunnan verkkosivuston saavutettavuusseloste.",
    "h_status": "Saavutettavuuden tila",
    "p_status": (
        "Sivusto täyttää WCAG 2.1 -ohjeiston AA-tason saavutettavuusvaatimukset osittain. Sivusto "
        "tarkastetaan automaattisesti axe-työkalulla ja näppäimistöllä jokaisen muutoksen yhteydessä."
    ),
    "h_gaps": "Sisältö, joka ei ole saavutettavaa",
    "p_gaps": (
        "Osa vanhoista kokousmuistioista on PDF-tiedostoja, joista puuttuu rakenne. Saat tiedoston "
        "sisällön pyynnöstä saavutettavassa muodossa."
    ),
    "h_feedback": "Palaute ja yhteystiedot",
    "p_feedback": (
        "Huomasitko saavutettavuuspuutteen? Kerro siitä meille. Vastaamme palautteeseen 14 päivän kuluessa."
    ),
    "contact_name": "Saavutettavuuspalaute",
    "contact_role": "Vapaaehtoistyön neuvottelukunta",
    "h_authority": "Valvontaviranomainen",
    "p_authority": (
        "Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole "
        "tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon aikana, voit tehdä "
        "ilmoituksen valvontaviranomaiselle: Etelä-Suomen aluehallintovirasto, saavutettavuuden "
        "valvonnan yksikkö, saavutettavuusvaatimukset.fi."
    ),
    "link_text": "Saavutettavuusvaatimukset.fi: ilmoitus valvontaviranomaiselle",
    "updated": "Seloste on laadittu 28.11.2026.",
}

A11Y_SV = {
    A11Y["title"]: "Tillgänglighetsutlåtande",
    A11Y["slug"]: "tillganglighetsutlatande",
    A11Y["lead"]: (
        "Detta tillgänglighetsutlåtande gäller webbplatsen för Kommissionen för frivilligt arbete. "
        "Utlåtandet har upprättats enligt lagen om tillhandahållande av digitala tjänster."
    ),
    A11Y["description"]: "Tillgänglighetsutlåtande för webbplatsen för Kommissionen för frivilligt arbete.",
    A11Y["h_status"]: "Tillgänglighetens status",
    A11Y["p_status"]: (
        "Webbplatsen uppfyller delvis tillgänglighetskraven på nivå AA i WCAG 2.1. Webbplatsen kontrolleras "
        "automatiskt med verktyget axe och med tangentbordet vid varje ändring."
    ),
    A11Y["h_gaps"]: "Innehåll som inte är tillgängligt",
    A11Y["p_gaps"]: (
        "En del äldre mötesprotokoll är PDF-filer utan struktur. Du får innehållet i tillgänglig form på "
        "begäran."
    ),
    A11Y["h_feedback"]: "Respons och kontaktuppgifter",
    A11Y["p_feedback"]: (
        "Har du upptäckt en brist i tillgängligheten? Berätta det för oss. Vi svarar inom 14 dagar."
    ),
    A11Y["contact_name"]: "Respons om tillgänglighet",
    A11Y["contact_role"]: "Kommissionen för frivilligt arbete",
    A11Y["h_authority"]: "Tillsynsmyndighet",
    A11Y["p_authority"]: (
        "Om du märker tillgänglighetsproblem på webbplatsen, ge först respons till oss. Om du inte är nöjd "
        "med svaret eller inte får något svar inom två veckor, kan du göra en anmälan till "
        "tillsynsmyndigheten: Regionförvaltningsverket i Södra Finland, enheten för tillsyn av "
        "tillgängligheten, tillganglighetskrav.fi."
    ),
    A11Y["link_text"]: "Tillgänglighetskrav.fi: anmälan till tillsynsmyndigheten",
    A11Y["updated"]: "Utlåtandet har upprättats 28.11.2026.",
}

A11Y_EN = {
    A11Y["title"]: "Accessibility statement",
    A11Y["slug"]: "accessibility-statement",
    A11Y["lead"]: (
        "This accessibility statement applies to the website of the Volunteer Work Advisory Board. It was "
        "prepared under the Finnish Act on the Provision of Digital Services."
    ),
    A11Y["description"]: "Accessibility statement of the Volunteer Work Advisory Board's website.",
    A11Y["h_status"]: "Compliance status",
    A11Y["p_status"]: (
        "The website partially meets the level AA accessibility requirements of WCAG 2.1. It is checked "
        "automatically with the axe tool and with the keyboard on every change."
    ),
    A11Y["h_gaps"]: "Content that is not accessible",
    A11Y["p_gaps"]: (
        "Some older meeting minutes are PDF files without structure. You can have their content in an "
        "accessible form on request."
    ),
    A11Y["h_feedback"]: "Feedback and contact information",
    A11Y["p_feedback"]: (
        "Did you notice an accessibility problem? Please tell us. We answer feedback within 14 days."
    ),
    A11Y["contact_name"]: "Accessibility feedback",
    A11Y["contact_role"]: "Volunteer Work Advisory Board",
    A11Y["h_authority"]: "Supervisory authority",
    A11Y["p_authority"]: (
        "If you notice accessibility problems on the website, first give feedback to us. If you are not "
        "satisfied with the answer or get no answer within two weeks, you can report it to the supervisory "
        "authority: the Regional State Administrative Agency for Southern Finland, Accessibility Monitoring "
        "Unit, webaccessibility.fi."
    ),
    A11Y["link_text"]: "Webaccessibility.fi: report to the supervisory authority",
    A11Y["updated"]: "This statement was prepared on 28 November 2026.",
}

# The authority's site serves Finnish, Swedish and English from this address.
AUTHORITY_URL = "https://www.saavutettavuusvaatimukset.fi/"

# --- Tietosuojaseloste (privacy notice) --------------------------------------------------------

PRIVACY = {
    "title": "Tietosuojaseloste",
    "slug": "tietosuojaseloste",
    "lead": "Tässä kerromme, mitä tietoja verkkosivusto käsittelee ja miksi.",
    "description": "Vapaaehtoistyön neuvottelukunnan verkkosivuston tietosuojaseloste: ei evästeitä.",
    "h_cookies": "Evästeet",
    "p_cookies": (
        "Sivusto ei aseta kävijöille evästeitä eikä käytä kävijäseurantaa tai kolmansien osapuolten "
        "palveluja. Siksi sivustolla ei kysytä evästesuostumusta."
    ),
    "p_share": (
        "Jakolinkit ovat tavallisia linkkejä: tietoja siirtyy jakopalveluun vasta, kun itse valitset "
        "jakamisen."
    ),
    "h_members": "Jäsenten yhteystiedot",
    "p_members": (
        "Neuvottelukunnan jäsenten sähköpostiosoite ja puhelinnumero julkaistaan vain jäsenen luvalla, ja "
        "ne poistetaan jäsenyyden päätyttyä."
    ),
    "h_logs": "Lokitiedot",
    "p_logs": (
        "Palvelin tallentaa teknisiä lokitietoja, kuten IP-osoitteen ja pyydetyn sivun, tietoturvan "
        "varmistamiseksi. Lokit poistetaan säännöllisesti."
    ),
    "h_alerts": "Sähköposti-ilmoitusten tilaajat",
    "p_alerts": (
        "Kun tilaat sähköposti-ilmoitukset, tallennamme sähköpostiosoitteesi, kielen ja valitsemasi "
        "ilmoitukset, ja käytämme niitä vain ilmoitusten lähettämiseen. Vahvistamaton tilaus poistetaan "
        "viikon kuluttua. Jokaisessa viestissä on linkki, josta tilauksen voi perua: osoite poistetaan "
        "samalla. Henkilökunta näkee vain tilaajien määrät, ei osoitteita."
    ),
    "h_controller": "Rekisterinpitäjä",
    "p_controller": "Rekisterinpitäjä on Helsingin kaupunginhallitus.",
}

PRIVACY_SV = {
    PRIVACY["title"]: "Dataskyddsbeskrivning",
    PRIVACY["slug"]: "dataskyddsbeskrivning",
    PRIVACY["lead"]: "Här berättar vi vilka uppgifter webbplatsen behandlar och varför.",
    PRIVACY["description"]: "Dataskyddsbeskrivning för Kommissionen för frivilligt arbete: inga kakor.",
    PRIVACY["h_cookies"]: "Kakor",
    PRIVACY["p_cookies"]: (
        "Webbplatsen sätter inga kakor hos besökarna och använder varken besöksspårning eller tjänster från "
        "tredje part. Därför frågas inget samtycke till kakor."
    ),
    PRIVACY["p_share"]: (
        "Delningslänkarna är vanliga länkar: uppgifter överförs till delningstjänsten först när du själv "
        "väljer att dela."
    ),
    PRIVACY["h_members"]: "Medlemmarnas kontaktuppgifter",
    PRIVACY["p_members"]: (
        "Kommissionsmedlemmarnas e-postadress och telefonnummer publiceras endast med medlemmens samtycke "
        "och tas bort när medlemskapet upphör."
    ),
    PRIVACY["h_logs"]: "Loggar",
    PRIVACY["p_logs"]: (
        "Servern sparar tekniska loggar, såsom IP-adress och begärd sida, för att trygga "
        "informationssäkerheten. Loggarna raderas regelbundet."
    ),
    PRIVACY["h_alerts"]: "Prenumeranter på e-postaviseringar",
    PRIVACY["p_alerts"]: (
        "När du prenumererar på e-postaviseringar sparar vi din e-postadress, ditt språk och de aviseringar "
        "du valt, och använder dem endast för att skicka aviseringarna. En obekräftad prenumeration raderas "
        "efter en vecka. Varje meddelande har en länk för att avsluta prenumerationen: adressen raderas "
        "samtidigt. Personalen ser endast antalet prenumeranter, inte adresserna."
    ),
    PRIVACY["h_controller"]: "Personuppgiftsansvarig",
    PRIVACY["p_controller"]: "Personuppgiftsansvarig är Helsingfors stadsstyrelse.",
}

PRIVACY_EN = {
    PRIVACY["title"]: "Privacy notice",
    PRIVACY["slug"]: "privacy-notice",
    PRIVACY["lead"]: "Here we explain what data this website processes and why.",
    PRIVACY["description"]: "Privacy notice of the Volunteer Work Advisory Board's website: no cookies.",
    PRIVACY["h_cookies"]: "Cookies",
    PRIVACY["p_cookies"]: (
        "The website sets no cookies for visitors and uses no visitor tracking or third-party services. "
        "That is why it asks for no cookie consent."
    ),
    PRIVACY["p_share"]: (
        "The share links are ordinary links: nothing is sent to a sharing service until you choose to share."
    ),
    PRIVACY["h_members"]: "Members' contact details",
    PRIVACY["p_members"]: (
        "Board members' email addresses and phone numbers are published only with the member's consent "
        "and are removed when the membership ends."
    ),
    PRIVACY["h_logs"]: "Log data",
    PRIVACY["p_logs"]: (
        "The server keeps technical logs, such as the IP address and the page requested, for information "
        "security. The logs are deleted regularly."
    ),
    PRIVACY["h_alerts"]: "E-mail alert subscribers",
    PRIVACY["p_alerts"]: (
        "When you subscribe to e-mail alerts we keep your e-mail address, language and chosen alerts, and "
        "use them only to send the alerts. An unconfirmed subscription is deleted after a week. Every "
        "message has a link to unsubscribe, which also deletes the address. Staff see only the number of "
        "subscribers, not the addresses."
    ),
    PRIVACY["h_controller"]: "Controller",
    PRIVACY["p_controller"]: "The controller is the Helsinki City Board.",
}

# --- Footer ----------------------------------------------------------------------------------

FOOTER = {
    "organisation": "Vapaaehtoistyön neuvottelukunta",
    "contact_text": "Ota yhteyttä neuvottelukunnan sihteeriin.",
    "address": "Helsingin kaupunki\nPL 0000\n00099 Helsingin kaupunki",
    "email": "neuvottelukunta@example.invalid",
    "phone": "09 000 0000",
}
# wagtail-localize shows a multi-line text field's line breaks as <br/>.
_ADDRESS = FOOTER["address"].replace("\n", "<br/>")
FOOTER_SV = {
    FOOTER["organisation"]: "Kommissionen för frivilligt arbete",
    FOOTER["contact_text"]: "Kontakta kommissionens sekreterare.",
    _ADDRESS: "Helsingfors stad<br/>PB 0000<br/>00099 Helsingfors stad",
}
FOOTER_EN = {
    FOOTER["organisation"]: "Volunteer Work Advisory Board",
    FOOTER["contact_text"]: "Contact the board's secretary.",
    _ADDRESS: "City of Helsinki<br/>P.O. Box 0000<br/>FI-00099 City of Helsinki",
}

# Home page additions: a link to the association info page.
HOME_ASSOC_LINKS_HEADING = "Lisää tietoa"
HOME_SV = {HOME_ASSOC_LINKS_HEADING: "Mer information"}
HOME_EN = {HOME_ASSOC_LINKS_HEADING: "More information"}
HOME_ASSOC_LINK_TEXT = ASSOC["title"]
