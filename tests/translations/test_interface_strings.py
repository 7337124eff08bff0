"""Interface strings: compiled .mo files give Finnish and Swedish, and no template carries
hard-coded Finnish (every visible text goes through {% translate %} / {% blocktranslate %})."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates"] + [p for p in ROOT.glob("*/templates") if ".venv" not in p.parts]

# Whole words that only Finnish uses, plus letters English never has (ä, ö, å).
FINNISH_WORDS = {
    "ja", "tai", "sivu", "sivun", "etusivu", "kokous", "kokoukset", "jäsenet", "haku", "hae", "lisää",
    "takaisin", "yhteystiedot", "sulje", "valikko", "kieli", "tapahtumat", "neuvottelukunta", "tiedot",
    "seuraava", "edellinen", "sisältöön", "lue", "lataa", "asiakirjat", "pöytäkirja", "esityslista",
}  # fmt: skip
NON_ENGLISH_LETTERS = re.compile(r"[äöåÄÖÅ]")

TRANSLATABLE_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment)\b.*?{%\s*end(blocktranslate|blocktrans|comment)\s*%}", re.S
)
TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}|<!--.*?-->", re.S)


def visible_text(source: str) -> str:
    """What a template says outside template tags, variables, comments and translatable blocks."""
    return TAGS.sub(" ", TRANSLATABLE_BLOCKS.sub(" ", source))


def finnish_in(source: str) -> list[str]:
    text = visible_text(source)
    found = NON_ENGLISH_LETTERS.findall(text)
    words = {w.lower() for w in re.findall(r"[A-Za-zÄÖÅäöå]+", text)}
    return sorted(set(found) | (words & FINNISH_WORDS))


def all_templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


def test_detector_finds_hard_coded_finnish_and_accepts_translated_text():
    assert finnish_in("<p>Jäsenet ja varajäsenet</p>")
    assert finnish_in("<a>Etusivu</a>")
    assert not finnish_in('<p>{% translate "Members" %}</p>{{ page.title }}')
    assert not finnish_in("{% blocktranslate %}Hei {{ name }}, tervetuloa{% endblocktranslate %}")
    assert not finnish_in("<p>Members and deputies</p>")


@pytest.mark.parametrize("path", all_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_hard_coded_finnish(path):
    assert finnish_in(path.read_text(encoding="utf-8")) == [], f"translate the text in {path}"


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_compiled_catalogue_exists(code):
    compiled = ROOT / "locale" / code / "LC_MESSAGES" / "django.mo"
    assert compiled.is_file() and compiled.stat().st_size > 0
    source = compiled.with_suffix(".po")
    assert compiled.stat().st_mtime >= source.stat().st_mtime - 1, f"{compiled} is older than its .po"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fi", "Vapaaehtoistyön neuvottelukunta"),
        ("sv", "Kommissionen för frivilligt arbete"),
        ("en", "Volunteer Work Advisory Board"),
    ],
)
def test_compiled_catalogue_translates_a_known_string(code, expected):
    with translation.override(code):
        assert translation.gettext("Volunteer Work Advisory Board") == expected
