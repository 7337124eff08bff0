"""English left on an admin screen that a user sees in Finnish or Swedish.

The admin's interface strings all come from gettext catalogues: Wagtail's, wagtail-localize's,
Django's and the project's (locale/). Their English source catalogues (locale/en/…/*.po) list
every msgid, so a text on a Finnish or Swedish screen that *equals* one of them (or matches
one with its placeholders filled in, like "Publish in Svenska" for wagtail-localize's
"Publish in " + locale) is an English interface string left untranslated. Content (titles,
names) is never in those catalogues, so it is not reported.

    english_strings(html, "fi")          # Django test client: response.content
    english_strings_on(page, "sv")       # Playwright: the DOM as rendered, dialogs included
    assert_no_english(response_or_page, "fi")   # fails with the list; content in English ignored

What is read: text nodes (hidden ones too: dialogs and <template>s are part of the screen),
the whole text of small elements (a msgid may span inline markup), the attributes people
read (title, aria-label, placeholder, alt, button values, Wagtail's data-…-text/-value
labels) and the string leaves of JSON props (wagtail-localize's React editor, telepath data).
Matching is case-sensitive: lower-case identifiers ("publish") are not interface text.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

# Texts that are the same in Finnish or Swedish as in English, and why. Keep it short.
ALLOWED = {
    # Names of languages are shown in their own language (Wagtail's locale names come from
    # WAGTAIL_CONTENT_LANGUAGES: "Suomi", "Svenska", "English").
    "English": "the English language's own name",
    # Product, format and protocol names.
    "Wagtail": "product name",
    "PDF": "file format",
    "OK": "the same in Finnish and Swedish",
    "ID": "the same in Finnish and Swedish",
    "URL": "the same in Finnish and Swedish",
    "API": "the same in Finnish and Swedish",
    "HTML": "the same in Finnish and Swedish",
}
ALLOWED_IN = {
    "sv": {
        # Swedish words spelled as the English ones (Wagtail's Swedish catalogue says so too).
        "Status": "Swedish word",
        "Alt text": "Swedish term",
        "Filter": "Swedish word",
        "Information": "Swedish word",
        "Text": "Swedish word",
        "Meta": "Swedish word",
        "Admin": "Swedish word",
        "Portrait": "Swedish word",
        "Format": "Swedish word",
        "Person": "Swedish word",
        "person": "Swedish word",
        "Organisation": "Swedish word",
        "organisation": "Swedish word",
        "system": "Swedish word",
        "Minimum": "Swedish word",
        "Maximum": "Swedish word",
    },
    "fi": {},
}
# Hard-coded in the packages (no gettext call), so no catalogue can translate them: the text,
# the file and the code that shows it. test_admin_language.py checks that code is still there,
# so an exception goes once an upgrade fixes it.
UPSTREAM_HARDCODED = {
    # A screen-reader-only submit button of the dashboard's and the listings' search forms.
    "Search": ("wagtail/admin/templates/wagtailadmin/home.html", '<input type="submit" value="Search"'),
    # The translation editor's "more actions" toggle, for screen readers.
    "More actions": ("wagtail_localize/static/wagtail_localize/js/wagtail-localize.js", '"More actions"'),
    # The choosers' locale filter: a form field without a label, which Django names after it.
    "Locale": ("wagtail/admin/forms/choosers.py", 'self.fields["locale"] = forms.ChoiceField(\n'),
}
# Attributes whose values people read (screen readers, tooltips, placeholders).
READ_ATTRIBUTES = {"title", "aria-label", "aria-description", "aria-roledescription", "placeholder", "alt"}
READ_DATA_SUFFIXES = ("-text", "-label", "-active-value", "-content-value", "-message-value", "-title-value")
SKIP_TAGS = {"script", "style"}
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "svg", "use", "path",
}  # fmt: skip
# Elements whose text is a value filled in by JavaScript, not an interface string: Wagtail
# renders its hidden side-panel counters as "None" until a count arrives.
SKIP_ATTRIBUTES = {"data-side-panel-toggle-counter"}
# One msgid is at most a few sentences; longer texts are content.
MAX_LENGTH = 500
IDENTIFIER = re.compile(r"[a-z0-9_\-.:/#]+")
JSON_NAME_KEYS = {
    "name",
    "icon_name",
    "icon",
    "classname",
    "url",
    "_type",
    "type",
    "id",
    "fieldName",
    "prefix",
}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfir]|%[sdfir]|\{[a-z_0-9]*\}|%%")
NUMBER = re.compile(r"%\([^)]*\)d|%d")
WHITESPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Msgid:
    msgid: str
    msgctxt: str | None
    plural: str | None
    domain: str  # "django", "djangojs", or "identifier" for a label made from a Python name
    catalogue: str  # the .po file it came from, or the model attribute


@dataclass(frozen=True)
class Finding:
    text: str
    msgid: Msgid
    translation: str | None  # what the language's catalogue says for it, None when missing
    # Django falls back to the default language (Finnish) for a msgid the language lacks, so a
    # Swedish screen may show Finnish instead of English: reported too.
    finnish_fallback: bool = False

    def __str__(self) -> str:
        if self.finnish_fallback:
            return f"{self.text!r} (Finnish for {self.msgid.msgid!r}: the Swedish catalogues lack it)"
        if self.msgid.domain == "identifier":
            return f"{self.text!r} (a label made from the Python name {self.msgid.catalogue}: give it one)"
        state = "no translation" if self.translation is None else f"translated as {self.translation!r}"
        return f"{self.text!r} ({self.msgid.catalogue}: {self.msgid.msgid!r}, {state})"


def normalise(text: str) -> str:
    return WHITESPACE.sub(" ", text.replace("\xa0", " ")).strip()


def _source_catalogues() -> list[tuple[Path, str]]:
    """Every English .po of the installed apps, Django itself and the project."""
    import django

    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    dirs += [Path(p) for p in settings.LOCALE_PATHS]
    found = []
    for locale_dir in dirs:
        for domain in ("django", "djangojs"):
            po = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
            if po.is_file():
                found.append((po, domain))
    return found


def _short(path: Path) -> str:
    """wagtail/admin/locale/en/LC_MESSAGES/django.po, locale/en/LC_MESSAGES/django.po."""
    parts = path.parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1 :])
    return (
        str(path.relative_to(Path(settings.BASE_DIR)))
        if path.is_relative_to(settings.BASE_DIR)
        else str(path)
    )


def _pattern(
    msgid: str, minimum: int = 4, concatenated_after: bool = False, concatenated_before: bool = False
) -> re.Pattern | None:
    """A regex for a msgid with placeholders (or a concatenation prefix/suffix), or None when
    too little of it is literal text to tell English from content."""
    parts = PLACEHOLDER.split(msgid)
    kinds = [
        "%" if p == "%%" else r"[\d\s.,]+" if NUMBER.fullmatch(p) else ".+?"
        for p in PLACEHOLDER.findall(msgid)
    ]
    literal = "".join(parts)
    if minimum and (
        len(re.findall(r"[A-Za-z]", literal)) < minimum or not re.search(r"[A-Za-z]{3}", literal)
    ):
        return None
    regex = re.escape(WHITESPACE.sub(" ", parts[0]))
    for kind, part in zip(kinds, parts[1:], strict=True):
        regex += kind + re.escape(WHITESPACE.sub(" ", part))
    regex = regex.replace("\\ ", " ").strip()
    # "Publish in " + name: a msgid ending (or starting) with a space is one half of a sentence.
    if concatenated_after or msgid != msgid.rstrip():
        regex = regex + " ?.+"
    if concatenated_before or msgid != msgid.lstrip():
        regex = ".+ ?" + regex
    return re.compile(rf"^{regex}$", re.S)


@dataclass
class Catalogue:
    exact: dict[str, list[Msgid]]
    patterns: dict[str, list[tuple[re.Pattern, Msgid]]]  # by first literal word; "" = any

    def matches(self, text: str) -> list[Msgid]:
        """Every msgid the text is (one text may be the msgid of several catalogues)."""
        found = list(self.exact.get(text, ()))
        first = text.split(" ", 1)[0]
        for key in (first, ""):
            found += [msgid for pattern, msgid in self.patterns.get(key, ()) if pattern.match(text)]
        return found

    def match(self, text: str) -> Msgid | None:
        found = self.matches(text)
        return found[0] if found else None


def _project_models():
    base = Path(settings.BASE_DIR).resolve()
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            yield from app.get_models()


def _identifier_labels():
    """Labels Django and Wagtail make from the project's Python names when no label is given:
    a column for the property `full_name` is headed "Full name", a field without a
    verbose_name is called "first name". Such a text is English whatever the language."""
    for model in _project_models():
        names = {field.name for field in model._meta.get_fields()}
        names |= {
            name
            for name in vars(model)
            if isinstance(vars(model)[name], (property, functools.cached_property))
        }
        for name in sorted(names):
            if name.startswith("_") or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                continue
            label = name.replace("_", " ")
            msgid = Msgid(label, None, None, "identifier", f"{model._meta.label}.{name}")
            yield label[0].upper() + label[1:], msgid
            yield label, msgid


@functools.cache
def english_catalogue() -> Catalogue:
    import polib

    exact: dict[str, list[Msgid]] = {}
    patterns: dict[str, list[tuple[re.Pattern, Msgid]]] = {}
    for path, domain in _source_catalogues():
        label = _short(path)
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for source in filter(None, (entry.msgid, entry.msgid_plural)):
                msgid = Msgid(entry.msgid, entry.msgctxt, entry.msgid_plural or None, domain, label)
                text = normalise(TAG.sub("", source))
                if not text or not re.search(r"[A-Za-z]{2}", text):
                    continue
                if PLACEHOLDER.search(source) or source != source.strip():
                    pattern = _pattern(TAG.sub("", source))
                    if pattern is not None:
                        literal_start = PLACEHOLDER.split(normalise(TAG.sub("", source)))[0]
                        key = literal_start.split(" ", 1)[0] if literal_start and " " in literal_start else ""
                        patterns.setdefault(key, []).append((pattern, msgid))
                else:
                    exact.setdefault(text, []).append(msgid)
    for text, msgid in _identifier_labels():
        exact.setdefault(text, []).append(msgid)
    return Catalogue(exact, patterns)


@functools.cache
def _js_translation(language: str):
    return trans_real.DjangoTranslation(language, domain="djangojs")


def translation_of(msgid: Msgid, language: str) -> str | None:
    """What `language`'s own catalogue says for the msgid (the project's locale/ first), or
    None when it has nothing (Django would then fall back to Finnish, then to the English)."""
    if msgid.domain == "identifier":
        return None
    catalog = _js_translation(language) if msgid.domain == "djangojs" else trans_real.translation(language)
    key = f"{msgid.msgctxt}\x04{msgid.msgid}" if msgid.msgctxt else msgid.msgid
    # The "other" plural form: the one shown with a count.
    result = catalog._catalog.get((key, 1) if msgid.plural else key)
    return result or None


def _accepted(text: str, msgid: Msgid, translated: str | None) -> bool:
    """The text is what the language's catalogue says, though it also fits the English (a
    translation that keeps the English words around a placeholder: "Status: %s")."""
    if translated is None or translated == (msgid.plural or msgid.msgid):
        return False
    if text == normalise(TAG.sub("", translated)):
        return True
    english = msgid.msgid
    pattern = _pattern(
        TAG.sub("", translated),
        minimum=0,
        concatenated_after=english != english.rstrip(),
        concatenated_before=english != english.lstrip(),
    )
    return pattern is not None and pattern.match(text) is not None


@functools.cache
def _finnish_texts() -> dict[str, list[str]]:
    """Finnish translation → its msgids (keys of Django's merged catalogue), for exact texts."""
    texts: dict[str, list[str]] = {}
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog
    for key, value in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if isinstance(value, str) and not PLACEHOLDER.search(value) and "\x04" not in msgid:
            texts.setdefault(normalise(TAG.sub("", value)), []).append(msgid)
    return texts


def _finnish_fallback(text: str, language: str) -> Finding | None:
    if language == settings.LANGUAGE_CODE:
        return None
    own = trans_real.translation(language)._catalog
    for msgid in _finnish_texts().get(text, ()):
        if msgid != text and own.get(msgid) is None and own.get((msgid, 0)) is None:
            return Finding(text, Msgid(msgid, None, None, "django", "merged catalogue"), None, True)
    return None


def allowed(text: str, language: str) -> bool:
    return text in ALLOWED or text in ALLOWED_IN.get(language, {}) or text in UPSTREAM_HARDCODED


def english_in_texts(texts, language: str, ignore=()) -> list[Finding]:
    """The texts that are English interface strings for a user of `language`."""
    catalogue = english_catalogue()
    ignored = {normalise(t) for t in ignore}
    findings: dict[str, Finding] = {}
    for raw in texts:
        text = normalise(raw)
        if (
            not text
            or len(text) > MAX_LENGTH
            or text in findings
            or text in ignored
            or allowed(text, language)
        ):
            continue
        candidates = [(msgid, translation_of(msgid, language)) for msgid in catalogue.matches(text)]
        if candidates and not any(_accepted(text, msgid, translated) for msgid, translated in candidates):
            # Name the msgid that explains it best: one without a translation, if any.
            msgid, translated = min(candidates, key=lambda candidate: candidate[1] is not None)
            findings[text] = Finding(text, msgid, translated)
        elif not candidates and (fallback := _finnish_fallback(text, language)) is not None:
            findings[text] = fallback
    return list(findings.values())


# --- collecting what a screen says -------------------------------------------------------


def _json_strings(value, depth: int):
    if isinstance(value, str):
        # Lower-case single words in JSON are names, types, icons and field names.
        if not IDENTIFIER.fullmatch(value):
            yield from _string_texts(value, depth)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in JSON_NAME_KEYS:
                yield from _json_strings(item, depth)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, depth)


def _string_texts(value: str, depth: int):
    """A string found in an attribute or JSON: itself, its JSON leaves, or its HTML's texts."""
    stripped = value.strip()
    if depth > 4 or not stripped:
        return
    if stripped[0] in "[{":
        try:
            data = json.loads(stripped)
        except ValueError:
            pass
        else:
            yield from _json_strings(data, depth + 1)
            return
    if "<" in stripped and ">" in stripped:
        from lxml import html

        try:
            fragment = html.fragment_fromstring(stripped, create_parent="div")
        except Exception:  # noqa: BLE001 - not HTML after all: read it as text
            yield stripped
        else:
            yield from _element_texts(fragment, depth + 1)
        return
    yield stripped


def _element_texts(root, depth: int = 0):
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and SKIP_ATTRIBUTES.intersection(element.attrib):
            tag = ""
        if tag and tag.lower() not in SKIP_TAGS:
            if element.text:
                yield element.text
            if len(element) and all(
                not isinstance(child.tag, str) or child.tag.lower() in INLINE_TAGS
                for child in element.iterdescendants()
            ):
                # A sentence with inline markup: "manage your <a>account</a> to disable them".
                whole = normalise(element.text_content())
                if len(whole) <= MAX_LENGTH:
                    yield whole
        elif tag.lower() == "script" and (element.get("type") or "").endswith("json") and element.text:
            yield from _string_texts(element.text, depth + 1)
        if element.tail and element.getparent() is not None:
            yield element.tail
        if not tag:
            continue
        for name, value in element.attrib.items():
            if _is_read(tag, name, element):
                yield from _string_texts(value, depth + 1)


def _is_read(tag: str, name: str, element) -> bool:
    if name in READ_ATTRIBUTES:
        return True
    if (
        name == "value"
        and tag == "input"
        and (element.get("type") or "").lower() in {"submit", "button", "reset"}
    ):
        return True
    if name == "value" and tag == "button":
        return False
    return name.startswith("data-") and (
        name.endswith(READ_DATA_SUFFIXES) or name in ("data-props", "data-w-block-data")
    )


def texts_of_html(markup: str | bytes) -> list[str]:
    """Everything a person may read on the screen whose HTML is `markup`."""
    from lxml import html

    if isinstance(markup, bytes):
        markup = markup.decode("utf-8")
    if not markup.strip():
        return []
    if markup.lstrip()[0] in "[{":
        # A modal's JSON answer (choosers, privacy): {"html": "...", ...}.
        return list(_string_texts(markup, 0))
    return list(_element_texts(html.document_fromstring(markup)))


def english_content() -> list[str]:
    """The English translations' titles and names. Content, though some equal interface msgids
    (the English home page is titled with the board's name, the English roles are "Chair",
    "Member"…), and admin lists and switchers show every language's rows."""
    from wagtail.documents import get_document_model
    from wagtail.models import Locale, Page

    from translations.content import translatable_snippet_models

    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return []
    texts = [page.title for page in Page.objects.filter(locale=english)]
    for model in [*translatable_snippet_models(), get_document_model()]:
        texts += [str(instance) for instance in model.objects.filter(locale=english)]
    return texts


def english_strings(markup: str | bytes, language: str, ignore=None) -> list[Finding]:
    """English interface strings in the HTML of an admin screen shown in `language`.
    `ignore`: texts that are content; by default the English translations' titles and names."""
    return english_in_texts(texts_of_html(markup), language, english_content() if ignore is None else ignore)


def english_strings_on(page, language: str, ignore=None) -> list[Finding]:
    """The same for a Playwright page: its DOM as rendered now (client-side parts included)."""
    return english_strings(page.content(), language, ignore)


def assert_no_english(screen, language: str, ignore=None, where: str = "") -> None:
    """Fail with the list of English strings on `screen` (HTML, bytes, a response or a page)."""
    if hasattr(screen, "content") and callable(screen.content):
        findings = english_strings_on(screen, language, ignore)
        where = where or screen.url
    else:
        markup = screen.content if hasattr(screen, "content") else screen
        findings = english_strings(markup, language, ignore)
    assert not findings, f"English on {where or 'the screen'} ({language}):\n" + "\n".join(
        f"  {finding}" for finding in findings
    )
