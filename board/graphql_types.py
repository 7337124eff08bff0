"""Posts for /graphql/: the board's meetings and events, with categories (meetings, events) and
tags (a meeting's status), shaped as WPGraphQL's posts for react-helsinki-headless-cms.

Items come from the REST API's renderers (board/api.py; visibility through cms/graphql/access.py):
published only, in the language asked for or in Finnish as a fallback, documents public only.
"""

from __future__ import annotations

import heapq
from typing import Any
from urllib.parse import urlsplit

from ariadne import ObjectType
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from board import api as rest
from board.models import Event, Meeting, MeetingStatus, MinutesArchivePage
from cms.graphql import access
from cms.graphql.common import (
    CONTENT_LANGUAGES,
    DEFAULT_LANGUAGE,
    connection,
    first_of,
    language,
    language_or_default,
    offset_of,
    query,
    request_of,
    seo,
)
from home.graphql_types import TEMPLATE_PAGE_TYPES

# pageByTemplate(template: postsPage) answers with the minutes archive, which lists the posts.
TEMPLATE_PAGE_TYPES["postsPage"] = MinutesArchivePage

SDL = """
extend type RootQuery {
  "A meeting or an event: by its public path (URI, meetings only), its id (meeting:12, event:3) or slug."
  post(id: ID!, idType: PostIdType): Post
  "Meetings and events, newest first, in a language (Finnish stand-ins for untranslated ones)."
  posts(first: Int, after: String, where: RootQueryToPostConnectionWhereArgs): RootQueryToPostConnection
  "The two kinds of post: meetings and events."
  categories(
    first: Int, after: String, where: RootQueryToCategoryConnectionWhereArgs
  ): RootQueryToCategoryConnection
  category(id: ID!, idType: CategoryIdType): Category
  "A meeting's status: planned, agenda_published, held, minutes_approved, cancelled."
  tags(first: Int, after: String, where: RootQueryToTagConnectionWhereArgs): RootQueryToTagConnection
  tag(id: ID!, idType: TagIdType): Tag
}

enum PostIdType {
  DATABASE_ID
  ID
  SLUG
  URI
}

enum CategoryIdType {
  DATABASE_ID
  ID
  NAME
  SLUG
  URI
}

enum TagIdType {
  DATABASE_ID
  ID
  NAME
  SLUG
  URI
}

input RootQueryToPostConnectionWhereArgs {
  "Words of the title."
  search: String
  language: LanguageCodeFilterEnum
  "Category ids or slugs: meetings, events."
  categoryIn: [ID]
  "Meeting statuses."
  tagSlugIn: [String]
}

input RootQueryToCategoryConnectionWhereArgs {
  language: LanguageCodeFilterEnum
  search: String
}

input RootQueryToTagConnectionWhereArgs {
  language: LanguageCodeFilterEnum
  search: String
}

type RootQueryToPostConnection {
  pageInfo: WPPageInfo!
  edges: [PostEdge!]!
  nodes: [Post!]!
}

type PostEdge {
  cursor: String
  node: Post!
}

type PostFeaturedImageEdge {
  node: MediaItem
}

"A board meeting or an event of the activity calendar."
type Post {
  id: ID!
  databaseId: Int!
  "When it starts (ISO 8601)."
  date: String
  title: String
  slug: String
  "The public path (a meeting's own page; an event's calendar page)."
  uri: String
  link: String
  "Number, time and place."
  lead: String
  "HTML: the summary or description and links to the public documents."
  content: String
  seo: SEO
  language: Language
  translations: [Post]
  categories: PostToCategoryConnection
  tags: PostToTagConnection
  featuredImage: PostFeaturedImageEdge
  breadcrumbs: [Breadcrumb]
  sidebar: [PageSidebarUnion]
  modules: [PageModulesUnion]
}

type CategoryEdge {
  node: Category
}

type PostToCategoryConnection {
  edges: [CategoryEdge]
  nodes: [Category]
}

type TagEdge {
  node: Tag
}

type PostToTagConnection {
  edges: [TagEdge]
  nodes: [Tag]
}

type RootQueryToCategoryConnection {
  nodes: [Category!]!
}

type RootQueryToTagConnection {
  nodes: [Tag!]!
}

type Category {
  id: ID!
  databaseId: Int!
  name: String
  slug: String
  "The page that lists these posts."
  uri: String
  language: Language
  translations: [Category]
  translation(language: LanguageCodeEnum!): Category
}

type Tag {
  id: ID!
  databaseId: Int!
  name: String
  slug: String
  uri: String
  language: Language
  translations: [Tag]
  translation(language: LanguageCodeEnum!): Tag
}
"""

CATEGORIES = ("meetings", "events")
TAGS = tuple(MeetingStatus.values)


def _uri(url: str | None) -> str | None:
    return urlsplit(url).path if url else None


# Categories and tags -----------------------------------------------------------------------


def category(slug: str, code: str) -> dict:
    with translation.override(code):
        name = _("Meetings") if slug == "meetings" else _("Events")
    return {"kind": "category", "slug": slug, "code": code, "name": name}


def tag(slug: str, code: str) -> dict:
    with translation.override(code):
        name = str(MeetingStatus(slug).label)
    return {"kind": "tag", "slug": slug, "code": code, "name": name}


def _term_object(name: str, make: Any, slugs: tuple[str, ...]) -> ObjectType:
    term = ObjectType(name)
    term.set_field("id", lambda obj, _info: f"{obj['kind']}:{obj['slug']}")
    term.set_field("databaseId", lambda obj, _info: slugs.index(obj["slug"]) + 1)
    term.set_field("language", lambda obj, _info: language(obj["code"]))
    term.set_field(
        "translations",
        lambda obj, _info: [make(obj["slug"], code) for code in CONTENT_LANGUAGES if code != obj["code"]],
    )
    term.set_field(
        "translation", lambda obj, _info, language: make(obj["slug"], language_or_default(language))
    )
    return term


category_type = _term_object("Category", category, CATEGORIES)
tag_type = _term_object("Tag", tag, TAGS)


@category_type.field("uri")
def resolve_category_uri(obj: dict, info: Any) -> str | None:
    return _uri(listing_urls(request_of(info))[obj["slug"]].get(obj["code"]))


@tag_type.field("uri")
def resolve_tag_uri(obj: dict, info: Any) -> str | None:
    return _uri(listing_urls(request_of(info))["meetings"].get(obj["code"]))


def listing_urls(request: Any) -> dict[str, dict[str, str]]:
    """{meetings|events: {language: absolute URL of the minutes archive / calendar}}: two queries."""
    cached = getattr(request, "_graphql_listings", None)
    if cached is None:
        from board.models import CalendarPage, MinutesArchivePage
        from cms.absolute_urls import page_url

        cached = {}
        for slug, model in (("meetings", MinutesArchivePage), ("events", CalendarPage)):
            urls: dict[str, str] = {}
            for page in access.public_pages(request, model).select_related("locale").order_by("path"):
                urls.setdefault(page.locale.language_code, page_url(page, request))
            cached[slug] = urls
        request._graphql_listings = cached
    return cached


def _term_id(id: str, id_type: str | None, slugs: tuple[str, ...]) -> str | None:
    value = id.rsplit(":", 1)[-1]
    if (id_type or "ID") == "DATABASE_ID" or value.isdigit():
        return slugs[int(value) - 1] if value.isdigit() and 0 < int(value) <= len(slugs) else None
    return value if value in slugs else None


def _terms(
    make: Any, slugs: tuple[str, ...], where: dict | None, first: int | None, after: str | None
) -> dict:
    where = where or {}
    code = language_or_default(where.get("language"))
    items = [make(slug, code) for slug in slugs]
    search = (where.get("search") or "").strip().lower()
    if search:
        items = [item for item in items if search in item["name"].lower()]
    offset = offset_of(after)
    return {"nodes": items[offset : offset + first_of(first, default=100)]}


@query.field("categories")
def resolve_categories(
    _obj: Any, _info: Any, first: int | None = None, after: str | None = None, where: dict | None = None
) -> dict:
    return _terms(category, CATEGORIES, where, first, after)


@query.field("tags")
def resolve_tags(
    _obj: Any, _info: Any, first: int | None = None, after: str | None = None, where: dict | None = None
) -> dict:
    return _terms(tag, TAGS, where, first, after)


@query.field("category")
def resolve_category(_obj: Any, _info: Any, id: str, idType: str | None = None) -> dict | None:
    slug = _term_id(id, idType, CATEGORIES)
    return category(slug, DEFAULT_LANGUAGE) if slug else None


@query.field("tag")
def resolve_tag(_obj: Any, _info: Any, id: str, idType: str | None = None) -> dict | None:
    slug = _term_id(id, idType, TAGS)
    return tag(slug, DEFAULT_LANGUAGE) if slug else None


# Posts ---------------------------------------------------------------------------------------


class PostNode:
    """A meeting or an event rendered by the REST API in one language, with its generation."""

    def __init__(self, kind: str, source: Any, item: dict, code: str, generation: list[PostNode]) -> None:
        self.kind = kind
        self.source = source
        self.item = item
        self.code = code
        self.generation = generation
        self._translations: list[PostNode] | None = None

    def translations(self, request: Any) -> list[PostNode]:
        if self._translations is None:
            wanted = {t["locale"] for node in self.generation for t in node.item["translations"]}
            rendered: dict[tuple[str, int], PostNode] = {}
            for code in sorted(wanted):
                for node in posts_of(request, [(n.kind, n.source) for n in self.generation], code):
                    rendered[(node.kind, node.item["id"])] = node
            for node in self.generation:
                node._translations = [
                    rendered[(node.kind, t["id"])]
                    for t in node.item["translations"]
                    if (node.kind, t["id"]) in rendered
                ]
        return self._translations


def posts_of(request: Any, sources: list[tuple[str, Any]], code: str) -> list[PostNode]:
    """PostNodes for (kind, Finnish source) pairs in `code`: a fixed number of queries."""
    meetings = [s for kind, s in sources if kind == "meeting"]
    events = [s for kind, s in sources if kind == "event"]
    items = {
        ("meeting", s.pk): item
        for s, item in zip(meetings, rest.meeting_items(request, meetings, code), strict=True)
    }
    items.update(
        {
            ("event", s.pk): item
            for s, item in zip(events, rest.event_items(request, events, code), strict=True)
        }
    )
    generation: list[PostNode] = []
    for kind, source in sources:
        generation.append(PostNode(kind, source, items[(kind, source.pk)], code, generation))
    return generation


post_type = ObjectType("Post")


@post_type.field("id")
def resolve_post_id(node: PostNode, _info: Any) -> str:
    return f"{node.kind}:{node.item['id']}"


@post_type.field("databaseId")
def resolve_post_database_id(node: PostNode, _info: Any) -> int:
    return node.item["id"]


@post_type.field("date")
def resolve_post_date(node: PostNode, _info: Any) -> str:
    return node.item["start"].isoformat()


@post_type.field("title")
def resolve_post_title(node: PostNode, _info: Any) -> str:
    if node.kind == "meeting":
        return f"{node.item['reference']} {node.item['title']}"
    return node.item["title"]


@post_type.field("slug")
def resolve_post_slug(node: PostNode, _info: Any) -> str:
    if node.kind == "meeting":
        return f"{node.item['year']}-{node.item['number']}"
    return f"event-{node.source.pk}"


@post_type.field("uri")
def resolve_post_uri(node: PostNode, _info: Any) -> str | None:
    return _uri(node.item["meta"]["html_url"])


@post_type.field("link")
def resolve_post_link(node: PostNode, _info: Any) -> str | None:
    return node.item["meta"]["html_url"]


@post_type.field("lead")
def resolve_post_lead(node: PostNode, _info: Any) -> str:
    with translation.override(node.code):
        when = date_format(timezone.localtime(node.item["start"]), "SHORT_DATETIME_FORMAT")
    parts = [when, node.item["place"]]
    if node.kind == "meeting":
        parts.append(node.item["status_label"])
    return " · ".join(part for part in parts if part)


@post_type.field("content")
def resolve_post_content(node: PostNode, _info: Any) -> str:
    item = node.item
    html = []
    text = item.get("summary") if node.kind == "meeting" else item.get("description")
    if text:
        html.extend(f"<p>{escape(paragraph)}</p>" for paragraph in text.split("\n\n") if paragraph.strip())
    if node.kind == "meeting":
        documents = [item["agenda"], item["minutes"]] + [
            {**(a.get("document") or {}), "title": a.get("text") or (a.get("document") or {}).get("title")}
            for a in item["attachments"]
            if a.get("document")
        ]
    else:
        documents = [item["document"]]
    links = [f'<li><a href="{escape(d["url"])}">{escape(d["title"])}</a></li>' for d in documents if d]
    if node.kind == "event" and item.get("link"):
        with translation.override(node.code):
            more = _("More information")
        links.append(f'<li><a href="{escape(item["link"])}">{escape(more)}</a></li>')
    if links:
        html.append(f"<ul>{''.join(links)}</ul>")
    return "".join(html)


@post_type.field("seo")
def resolve_post_seo(node: PostNode, info: Any) -> dict:
    return seo(
        resolve_post_title(node, info),
        resolve_post_lead(node, info),
        node.item["meta"]["html_url"],
        "article",
    )


@post_type.field("language")
def resolve_post_language(node: PostNode, _info: Any) -> dict:
    return language(node.item["meta"]["locale"])


@post_type.field("translations")
def resolve_post_translations(node: PostNode, info: Any) -> list[PostNode]:
    return node.translations(request_of(info))


@post_type.field("categories")
def resolve_post_categories(node: PostNode, _info: Any) -> dict:
    item = category("meetings" if node.kind == "meeting" else "events", node.code)
    return {"nodes": [item], "edges": [{"node": item}]}


@post_type.field("tags")
def resolve_post_tags(node: PostNode, _info: Any) -> dict:
    items = [tag(node.item["status"], node.code)] if node.kind == "meeting" else []
    return {"nodes": items, "edges": [{"node": item} for item in items]}


@post_type.field("featuredImage")
def resolve_post_image(node: PostNode, _info: Any) -> None:
    return None


@post_type.field("breadcrumbs")
def resolve_post_breadcrumbs(node: PostNode, info: Any) -> list[dict]:
    slug = "meetings" if node.kind == "meeting" else "events"
    listing = category(slug, node.code)
    return [{"title": listing["name"], "uri": resolve_category_uri(listing, info)}]


@post_type.field("sidebar")
def resolve_post_sidebar(node: PostNode, _info: Any) -> list:
    return []


@post_type.field("modules")
def resolve_post_modules(node: PostNode, _info: Any) -> list:
    return []


def _sources(model: type, where: dict) -> Any:
    sources = (
        rest.source_meetings()
        if model is Meeting
        else access.public_objects(Event).filter(locale=rest.get_default_locale()).select_related("locale")
    )
    search = (where.get("search") or "").strip()
    if search:
        keys = access.public_objects(model).filter(title__icontains=search).values("translation_key")
        sources = sources.filter(translation_key__in=keys)
    return sources


@query.field("posts")
def resolve_posts(
    _obj: Any, info: Any, first: int | None = None, after: str | None = None, where: dict | None = None
) -> dict:
    request = request_of(info)
    where = where or {}
    code = language_or_default(where.get("language"))
    wanted = {str(c).rsplit(":", 1)[-1] for c in (where.get("categoryIn") or []) if c is not None}
    kinds = {_term_id(c, None, CATEGORIES) for c in wanted} if wanted else set(CATEGORIES)
    tags = [t for t in (where.get("tagSlugIn") or []) if t]
    offset, size = offset_of(after), first_of(first)
    window = offset + size + 1
    lists = []
    if "meetings" in kinds:
        meetings = _sources(Meeting, where)
        if tags:
            meetings = meetings.filter(status__in=tags)
        lists.append([("meeting", m) for m in meetings.order_by("-start", "-pk")[:window]])
    if "events" in kinds and not tags:  # statuses are meetings' only
        events = _sources(Event, where)
        lists.append([("event", e) for e in events.order_by("-start", "-pk")[:window]])
    merged = list(heapq.merge(*lists, key=lambda pair: pair[1].start, reverse=True))[offset:window]
    nodes = posts_of(request, merged[:size], code)
    return connection(nodes, offset, len(merged) > size)


@query.field("post")
def resolve_post(_obj: Any, info: Any, id: str, idType: str | None = None) -> PostNode | None:
    request = request_of(info)
    kind_of_id = idType or "ID"
    found: tuple[str, Any] | None = None
    code = DEFAULT_LANGUAGE
    if kind_of_id == "URI":
        found, code = _meeting_by_uri(request, id)
    elif kind_of_id == "SLUG":
        year, _sep, number = id.partition("-")
        if year.isdigit() and number.isdigit():
            meeting = rest.source_meetings().filter(year=int(year), number=int(number)).first()
            found = ("meeting", meeting) if meeting else None
    else:
        kind, _sep, pk = id.partition(":")
        if kind_of_id == "DATABASE_ID":
            kind, pk = "meeting", id
        if kind in ("meeting", "event") and pk.isdigit():
            model = Meeting if kind == "meeting" else Event
            obj = access.public_objects(model).filter(pk=int(pk)).select_related("locale").first()
            if obj is not None:
                code = obj.locale.language_code
                source = obj.get_translation_or_none(rest.get_default_locale())
                if source is None or not source.live:
                    source = obj
                return posts_of(request, [(kind, source)], code)[0]
    if found is None:
        return None
    return posts_of(request, [found], code)[0]


def _meeting_by_uri(request: Any, uri: str) -> tuple[tuple[str, Any] | None, str]:
    """A meeting's public path …/<archive>/<year>/<number>/ in any language."""
    path = _uri(uri) or ""
    for code, base in listing_urls(request)["meetings"].items():
        prefix = _uri(base) or ""
        if prefix and path.startswith(prefix):
            parts = [p for p in path[len(prefix) :].split("/") if p]
            if len(parts) == 2 and all(p.isdigit() for p in parts):
                meeting = rest.source_meetings().filter(year=int(parts[0]), number=int(parts[1])).first()
                if meeting is not None:
                    return ("meeting", meeting), code
    return None, DEFAULT_LANGUAGE


bindables = [post_type, category_type, tag_type]
