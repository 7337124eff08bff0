"""Links to documents in rich text, by the rule of documents/languages.py.

The link handler links the file in the page's (active) language where there is one and
writes its `hreflang`; a handler writes only the opening `<a>`, so when the file is in
another language it marks the link (`data-file-language`) and `add_file_language_notes()`
puts the note inside the link text, before its `</a>` ("… (på finska)"). The site runs it on
every rich text it renders (templates/wagtailcore/shared/richtext.html) and the API on its
rich text (home/api/refs.py), so both give the same links.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler

from documents.languages import choose_files, file_language, language_note, note_for

MARK = "data-file-language"


def link_start(document: Any, url: str, page_language: str) -> str:
    """The opening tag of a rich text link to `document` (already chosen for the page's language)."""
    language = file_language(document)
    mark = f' {MARK}="{escape(language)}"' if language_note(document, page_language) else ""
    return f'<a href="{escape(url)}" hreflang="{escape(language)}"{mark}>'


class FileLanguageDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document link, with the file in the page's language: two queries per text."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        page_language = translation.get_language() or settings.LANGUAGE_CODE
        documents = cls.get_many(attrs_list)
        chosen = choose_files(documents, page_language)
        return [
            link_start(chosen[doc.pk], chosen[doc.pk].url, page_language) if doc is not None else "<a>"
            for doc in documents
        ]


class _NoteWriter(HTMLParser):
    """Copies HTML as it is, but a marked link loses its mark and gets the note before `</a>`."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=False)
        self.page_language = page_language
        self.out: list[str] = []
        self.notes: list[str] = []  # one per open <a>: its note, or ""

    def _note(self, language: str) -> str:
        with translation.override(self.page_language):
            text = note_for(language, self.page_language)
        return f' <span class="document-link__meta">({escape(text)})</span>' if text else ""

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        if tag == "a":
            values = dict(attrs)
            note = self._note(values.get(MARK) or "") if MARK in values else ""
            self.notes.append(note)
            if MARK in values:
                kept = "".join(
                    f' {name}="{escape(value)}"' if value is not None else f" {name}"
                    for name, value in attrs
                    if name != MARK
                )
                raw = f"<a{kept}>"
        self.out.append(raw)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.notes:
            self.out.append(self.notes.pop())
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def add_file_language_notes(html: str, page_language: str | None = None) -> str:
    """Expanded rich text with the language note inside each marked link, in the page's language."""
    if MARK not in html:
        return html
    writer = _NoteWriter(page_language or translation.get_language() or settings.LANGUAGE_CODE)
    writer.feed(html)
    writer.close()
    if writer.rawdata:  # an unfinished tag at the end: kept as written
        writer.out.append(writer.rawdata)
    return "".join(writer.out)
