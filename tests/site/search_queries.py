"""The shared list of search queries and what a visitor should find with them in the demo content.

tests/site/test_search_queries.py runs every case against the demo, through the search page
and through the API, on SQLite and on PostgreSQL alike: the same table passes on both.

Pages and people are in relevance order, which the two databases rank differently, so a case
names them as a set. Meetings are newest first: a case names them in that order, or, where
which meetings have minutes depends on today's date (the demo's statuses follow the clock),
by a rule over the demo's published meetings (`With`). `listed` says which of each meeting's
documents are shown under it: the documents the query matches.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class With:
    """Every published meeting that has any of these documents ("agenda", "minutes",
    "attachments"), newest first."""

    documents: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    language: str
    query: str
    pages: frozenset[str] = frozenset()
    # Meeting references ("3/2026"), newest first, or a rule.
    meetings: tuple[str, ...] | With = ()
    # Which of each meeting's documents are listed under it.
    listed: tuple[str, ...] = ()
    # Or, where meetings differ (some have Swedish files): each meeting's listed file titles.
    files: tuple[tuple[str, tuple[str, ...]], ...] = ()
    people: frozenset[str] = frozenset()
    events: tuple[str, ...] = ()
    # Documents that belong to no meeting, event or page, newest first.
    documents: tuple[str, ...] = ()
    # The words are in the documents' text, not their titles: a PDF without extracted text
    # (the demo has a scanned one) is not found by them.
    in_text: bool = False
    why: str = field(default="", compare=False)


CASES = [
    # Inflected Finnish: the plural finds the minutes archive and each meeting's minutes.
    Case(
        "fi",
        "pöytäkirjat",
        pages=frozenset({"Kokousmuistiot"}),
        meetings=With(("minutes",)),
        listed=("minutes",),
        why="plural of pöytäkirja",
    ),
    Case(
        "fi",
        "esityslistat",
        pages=frozenset({"Kokousmuistiot"}),
        meetings=With(("agenda",)),
        listed=("agenda",),
        why="plural of esityslista",
    ),
    Case(
        "fi",
        "kokouksessa",
        pages=frozenset({"Tietoa yhdistyksille", "Avoin data"}),
        meetings=With(("agenda", "minutes")),
        listed=("agenda", "minutes"),
        in_text=True,
        why="inessive of kokous: 'Kokouksen avaus', 'seuraavassa kokouksessa'",
    ),
    Case(
        "fi",
        "jäsenet",
        pages=frozenset(
            {
                "Avoin data",
                "Jäsenet ja heidän yhteystietonsa",
                "Tietoa yhdistyksille",
                "Tietosuojaseloste",
                "Vapaaehtoistyön neuvottelukunta",
            }
        ),
        meetings=With(("minutes",)),
        listed=("minutes",),
        in_text=True,
        why="plural of jäsen",
    ),
    Case(
        "fi",
        "lausuntoluonnos",
        meetings=With(("attachments",)),
        listed=("attachments",),
        why="a meeting's other attachment, by its title",
    ),
    # Inflected Swedish.
    Case(
        "sv",
        "protokollen",
        pages=frozenset({"Protokoll", "Kommissionen för frivilligt arbete"}),
        meetings=("1/2026", "1/2025", "1/2024"),
        files=(
            ("1/2026", ("Protokoll 1/2026",)),
            ("1/2025", ("Protokoll 1/2025",)),
            ("1/2024", ("Protokoll 1/2024",)),
        ),
        why="definite plural of protokoll: the pages, and the Swedish minutes under their meetings",
    ),
    Case(
        "sv",
        "möten",
        pages=frozenset({"Information för föreningar", "Öppna data"}),
        meetings=("6/2026", "1/2026", "6/2025", "1/2025", "6/2024", "1/2024"),
        files=tuple(
            (f"{n}/{year}", () if n == 6 else (f"Föredragningslista 1/{year}", f"Protokoll 1/{year}"))
            for year in (2026, 2025, 2024)
            for n in (6, 1)
        ),
        events=("Seminarium om frivilligverksamhet",),
        why="plural of möte: 'Årets avslutande möte', and the Swedish files that say 'möte'",
    ),
    # PostgreSQL's Swedish stemmer (Snowball 2.x) keeps "mötet" whole: it finds the page that
    # says "mötet", not "möte" (a later Snowball release stems both to "möt").
    Case(
        "sv",
        "mötet",
        pages=frozenset({"Information för föreningar"}),
        meetings=("1/2026", "1/2025", "1/2024"),
        files=tuple((f"1/{year}", (f"Föredragningslista 1/{year}",)) for year in (2026, 2025, 2024)),
        why="definite singular of möte, as the page and the Swedish agendas ('Mötets öppnande') write it",
    ),
    Case(
        "sv",
        "medlemmarna",
        pages=frozenset(
            {
                "Medlemmar och deras kontaktuppgifter",
                "Öppna data",
                "Dataskyddsbeskrivning",
                "Kommissionen för frivilligt arbete",
                "Information för föreningar",
            }
        ),
        why="definite plural of medlem",
    ),
    # Meetings by number and year, by year, and by title.
    Case("fi", "3/2026", meetings=("3/2026",), why="a meeting's number as the board writes it"),
    Case("sv", "3 2026", meetings=("3/2026",), why="number and year as words"),
    Case(
        "fi",
        "2025",
        meetings=("6/2025", "5/2025", "4/2025", "3/2025", "2/2025", "1/2025"),
        why="a year: its meetings, newest first",
    ),
    Case(
        "fi",
        "seminaarin valmistelu",
        meetings=("3/2026", "3/2025", "3/2024"),
        listed=("agenda", "minutes"),
        in_text=True,
        why="a meeting's title, also in its agenda and minutes",
    ),
    # People by name, in every language.
    Case("fi", "Aihio", people=frozenset({"Antti Aihio", "Jussi Aihio", "Outi Aihio"}), why="a last name"),
    Case("sv", "Antti Aihio", people=frozenset({"Antti Aihio"}), why="a full name from the Swedish site"),
    # Nothing.
    Case("fi", "olematonsanatässä", why="a word in nothing"),
]
