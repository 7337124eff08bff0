"""Links from content to pages, documents and images, resolved in bulk.

A list answer must cost the same number of queries for 10 items as for 100, so every
reference in every item (StreamField choosers, rich text links, foreign keys) is
collected first and fetched with one query per kind; serializers then read the maps.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from django.http import HttpRequest
from django.utils.html import escape
from ninja import Schema
from pydantic import Field
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from cms import visibility
from cms.absolute_urls import absolute_url, page_url
from cms.links import Translations, link_target, link_translations
from cms.locales import locales_by_id
from documents.languages import file_language
from documents.rich_text import add_file_language_notes, link_start


class PageLink(Schema):
    """A link to a published page of this site."""

    id: int
    title: str
    locale: str = Field(description="Language code of the linked page.")
    url: str | None = Field(description="Absolute public address of the page.")


class DocumentLink(Schema):
    """A public document (PDF)."""

    id: int
    title: str
    url: str = Field(description="Absolute download address of the file.")
    kind: str | None = Field(default=None, description="agenda, minutes, calendar, programme or other.")
    language: str | None = Field(default=None, description="Language the file is written in.")
    file_size: int | None = Field(default=None, description="Size in bytes, when known.")


class ImageRef(Schema):
    """An image file."""

    id: int
    title: str
    url: str = Field(description="Absolute address of the original image file.")
    width: int
    height: int


def document_link(request: HttpRequest, doc: Any) -> dict:
    return {
        "id": doc.pk,
        "title": doc.title,
        "url": absolute_url(doc.url, request),
        "kind": getattr(doc, "kind", None),
        "language": getattr(doc, "language", None),
        "file_size": doc.file_size,
    }


class Refs:
    """Collects references, loads them in one query per kind, then answers lookups.

    Links to pages lead, as on the site, to the linked page's translation in the language of
    the item being collected or rendered (`locale_id`, set by the caller per item) where one
    is public (cms/links.py): one more query, only when some link needs it.
    """

    def __init__(self, request: HttpRequest, language: str | None = None):
        self.request = request
        # Documents are answered in their version for this language where there is one
        # (documents/languages.py, the rule the HTML pages follow).
        self.language = language
        self.wanted: dict[str, set[int]] = {"page": set(), "document": set(), "image": set()}
        self.loaded: dict[str, dict[int, Any]] = {"page": {}, "document": {}, "image": {}}
        # The language of the text whose links are being collected or rendered (None: as stored).
        self.locale_id: int | None = None
        self.link_locales: set[int | None] = set()
        self.translations: Translations = {}
        # Documents linked from rich text, per language of the text: {(locale id, id): file}.
        self.rich_text_documents: set[tuple[int | None, int]] = set()
        self.text_files: dict[tuple[int | None, int], Any] = {}

    def want(self, kind: str, pk: Any) -> None:
        with contextlib.suppress(TypeError, ValueError):
            self.wanted[kind].add(int(pk))
            if kind == "page":
                self.link_locales.add(self.locale_id)

    def want_rich_text(self, html: str | None) -> None:
        if not html:
            return
        for match in FIND_A_TAG.finditer(html):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") in ("page", "document"):
                self.want(attrs["linktype"], attrs.get("id"))
            if attrs.get("linktype") == "document" and _int(attrs.get("id")) is not None:
                self.rich_text_documents.add((self.locale_id, _int(attrs.get("id"))))
        for match in FIND_EMBED_TAG.finditer(html):
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image":
                self.want("image", attrs.get("id"))

    def load(self) -> None:
        ids = self.wanted["page"] - set(self.loaded["page"])
        if ids:
            pages = visibility.public_pages(Page).filter(pk__in=ids)
            by_id = locales_by_id(self.request)
            for page in pages:
                page.locale = by_id.get(page.locale_id) or page.locale
                self.loaded["page"][page.pk] = page
            found = link_translations(
                [self.loaded["page"][pk] for pk in ids if pk in self.loaded["page"]],
                self.link_locales,
                visibility.public_pages(Page),
            )
            for translated in found.values():
                translated.locale = by_id.get(translated.locale_id) or translated.locale
            self.translations.update(found)
        ids = self.wanted["document"] - set(self.loaded["document"])
        if ids:
            # Without the PDFs' whole text (kept for search, never in an answer).
            public = visibility.public_documents().defer("extracted_text")
            if self.language:
                from documents.languages import choose_files_by_id

                self.loaded["document"].update(choose_files_by_id(ids, self.language, public))
            else:
                self.loaded["document"].update({d.pk: d for d in public.filter(pk__in=ids)})
        self._load_text_files()
        ids = self.wanted["image"] - set(self.loaded["image"])
        if ids:
            images = visibility.public_images().filter(pk__in=ids)
            self.loaded["image"].update({i.pk: i for i in images})

    def _load_text_files(self) -> None:
        """Rich text links the file in the text's language, as the site does: one query per
        language of the texts (documents/languages.py)."""
        from documents.languages import choose_files

        pending: dict[int | None, list[Any]] = {}
        for locale_id, pk in self.rich_text_documents - set(self.text_files):
            doc = self.loaded["document"].get(pk)
            if doc is not None:
                pending.setdefault(locale_id, []).append(doc)
        if not pending:
            return  # most answers: no rich text links a file, and the rule's query is not built
        public = visibility.public_documents().defer("extracted_text")
        for locale_id, docs in pending.items():
            language = self._language(locale_id)
            chosen = choose_files(docs, language, public) if language else {d.pk: d for d in docs}
            for doc in docs:
                self.text_files[(locale_id, doc.pk)] = chosen[doc.pk]

    def _language(self, locale_id: int | None) -> str | None:
        locale = locales_by_id(self.request).get(locale_id) if locale_id is not None else None
        return locale.language_code if locale is not None else self.language

    # Lookups (after load()).
    def page(self, pk: Any) -> dict | None:
        page = self.loaded["page"].get(_int(pk))
        if page is None:
            return None
        page = link_target(page, self.locale_id, self.translations)
        return {
            "id": page.pk,
            "title": page.title,
            "locale": page.locale.language_code,
            "url": page_url(page, self.request),
        }

    def document(self, pk: Any) -> dict | None:
        doc = self.loaded["document"].get(_int(pk))
        return document_link(self.request, doc) if doc is not None else None

    def image(self, pk: Any) -> dict | None:
        image = self.loaded["image"].get(_int(pk))
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "url": absolute_url(image.file.url, self.request),
            "width": image.width,
            "height": image.height,
        }

    def rich_text(self, html: str | None) -> str:
        """Database HTML to public HTML with absolute links; links to hidden items lose their href."""
        if not html:
            return ""

        def link(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1))
            kind = attrs.get("linktype")
            if kind == "page":
                target = self.page(attrs.get("id"))
                return f'<a href="{escape(target["url"])}">' if target and target["url"] else "<a>"
            if kind == "document":
                doc = self.text_files.get((self.locale_id, _int(attrs.get("id"))))
                if doc is None:
                    doc = self.loaded["document"].get(_int(attrs.get("id")))
                if doc is None:
                    return "<a>"
                return link_start(doc, absolute_url(doc.url, self.request), language or file_language(doc))
            return match.group(0)

        def embed(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") != "image":
                return ""
            image = self.image(attrs.get("id"))
            if image is None:
                return ""
            alt = escape(attrs.get("alt", ""))
            size = f'width="{image["width"]}" height="{image["height"]}"'
            return f'<img src="{escape(image["url"])}" alt="{alt}" {size}>'

        language = self._language(self.locale_id)
        html = FIND_EMBED_TAG.sub(embed, FIND_A_TAG.sub(link, html))
        # The note inside links to files in another language, as on the site (documents/rich_text.py).
        return add_file_language_notes(html, language) if language else html


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


Document = get_document_model()
Image = get_image_model()
