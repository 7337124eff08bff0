"""Types shared by every part of the GraphQL API: the root, languages, SEO, media, paging.

Names, arguments and types follow WPGraphQL (with Polylang and Helsinki's theme plugins), as
the operations of react-helsinki-headless-cms send them; snake_case fields are theirs.
"""

from __future__ import annotations

import base64
from typing import Any

from ariadne import EnumType, ObjectType
from django.conf import settings
from django.http import HttpRequest

SDL = """
schema {
  query: RootQuery
}

"The root of every query (WPGraphQL's name)."
type RootQuery {
  "The site's languages: Finnish, Swedish and English."
  languages: [Language]
}

enum LanguageCodeEnum {
  FI
  SV
  EN
}

"A language, or every language (ALL)."
enum LanguageCodeFilterEnum {
  FI
  SV
  EN
  ALL
}

type Language {
  code: LanguageCodeEnum
  id: ID!
  "Locale such as fi_FI."
  locale: String
  "The language's name in itself."
  name: String
  slug: String
}

"Image sizes as WordPress names them: a 150×150 crop, within 300×300, 768 wide, within 1024×1024."
enum MediaItemSizeEnum {
  LARGE
  MEDIUM
  MEDIUM_LARGE
  THUMBNAIL
}

type MediaItem {
  id: ID!
  mediaItemUrl: String
  link: String
  altText: String
  mimeType: String
  title: String
  uri: String
  photographerName: String
  sourceUrl(size: MediaItemSizeEnum): String
}

type SEO {
  title: String
  description: String
  openGraphTitle: String
  openGraphDescription: String
  openGraphType: String
  twitterTitle: String
  twitterDescription: String
  canonicalUrl: String
  socialImage: MediaItem
}

type WPPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type Breadcrumb {
  title: String
  uri: String
}

type Link {
  target: String
  title: String
  url: String
}
"""

LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
LANGUAGE_LOCALES = {"fi": "fi_FI", "sv": "sv_SE", "en": "en_GB"}
CONTENT_LANGUAGES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

query = ObjectType("RootQuery")
language_code = EnumType("LanguageCodeEnum", {code.upper(): code for code in CONTENT_LANGUAGES})
language_filter = EnumType(
    "LanguageCodeFilterEnum", {**{code.upper(): code for code in CONTENT_LANGUAGES}, "ALL": "all"}
)
media_item = ObjectType("MediaItem")


def language(code: str) -> dict:
    return {
        "code": code,
        "id": code,
        "locale": LANGUAGE_LOCALES.get(code, code),
        "name": LANGUAGE_NAMES.get(code, code),
        "slug": code,
    }


@query.field("languages")
def resolve_languages(_obj: Any, _info: Any) -> list[dict]:
    return [language(code) for code in CONTENT_LANGUAGES]


@media_item.field("sourceUrl")
def resolve_source_url(obj: dict, _info: Any, size: str | None = None) -> str | None:
    """The rendition of that size (cms/graphql/media.py), the original file without a size."""
    return (obj.get("sizes") or {}).get(size or "") or obj.get("mediaItemUrl")


def request_of(info: Any) -> HttpRequest:
    return info.context["request"]


def language_or_default(code: str | None) -> str:
    """A requested language code (any case, as Polylang's enums or a plain string), else Finnish."""
    code = (code or "").lower()
    return code if code in CONTENT_LANGUAGES else DEFAULT_LANGUAGE


def cursor(offset: int) -> str:
    return base64.b64encode(f"arrayconnection:{offset}".encode()).decode()


def offset_of(after: str | None) -> int:
    """The offset after `after` (0 for none or an unreadable cursor)."""
    if not after:
        return 0
    try:
        return int(base64.b64decode(after).decode().rsplit(":", 1)[1]) + 1
    except (ValueError, IndexError, UnicodeDecodeError):
        return 0


MAX_FIRST = 100


def first_of(first: int | None, default: int = 10) -> int:
    if first is None:
        return default
    return max(0, min(first, MAX_FIRST))


def connection(items: list, offset: int, has_next: bool, **extra: Any) -> dict:
    edges = [{"cursor": cursor(offset + i), "node": node} for i, node in enumerate(items)]
    return {
        "edges": edges,
        "nodes": items,
        "pageInfo": {
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
            "hasNextPage": has_next,
            "hasPreviousPage": offset > 0,
        },
        **extra,
    }


def seo(title: str, description: str, url: str | None, kind: str = "website") -> dict:
    return {
        "title": title,
        "description": description,
        "openGraphTitle": title,
        "openGraphDescription": description,
        "openGraphType": kind,
        "twitterTitle": title,
        "twitterDescription": description,
        "canonicalUrl": url,
        "socialImage": None,
    }


bindables = [query, language_code, language_filter, media_item]
