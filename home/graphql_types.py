"""Pages, their content modules, menus, the notification and the landing page, for /graphql/.

Shaped as WPGraphQL with Helsinki's theme answers react-helsinki-headless-cms. A page is the
REST API's rendered item (home/api/pages.py: public and live only, Finnish fallback, rich text
expanded with absolute links), wrapped in a `PageNode`. Nodes made together form a generation:
the first time any of them is asked for its translations, children or breadcrumbs, those are
read for the whole generation at once, so a list costs the same queries for 10 pages or 100.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ariadne import ObjectType, UnionType
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

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
from home.api import pages as rest
from home.api.refs import Refs

SDL = """
extend type RootQuery {
  "A published page: by its public path (URI, e.g. /sv/medlemmar/), its database id or its id."
  page(id: ID!, idType: PageIdType): Page
  "Published pages in a language (Finnish stand-ins for untranslated ones), in tree order."
  pages(first: Int, after: String, where: RootQueryToPageConnectionWhereArgs): RootQueryToPageConnection
  "The front page (frontPage) or the page listing posts (postsPage) in a language."
  pageByTemplate(template: TemplateEnum, language: String): Page
  "A menu: by NAME main-fi, main-sv, footer-en…, or by LOCATION PRIMARY, PRIMARY___SV, FOOTER___EN…"
  menu(id: ID!, idType: MenuNodeIdTypeEnum): Menu
  "The site-wide notification on now (published, within its dates) in fi, sv or en (else Finnish), or null."
  notification(language: String): Notification
  "The landing page: the front page of the site (id: front)."
  landingPage(id: ID!, idType: LandingPageIdType): LandingPage
}

enum PageIdType {
  DATABASE_ID
  ID
  URI
}

enum TemplateEnum {
  frontPage
  postsPage
}

enum MenuNodeIdTypeEnum {
  DATABASE_ID
  ID
  LOCATION
  NAME
  SLUG
}

enum LandingPageIdType {
  DATABASE_ID
  ID
  SLUG
  URI
}

input RootQueryToPageConnectionWhereArgs {
  "Words of the title."
  search: String
  language: LanguageCodeFilterEnum
}

input PageChildrenWhereArgs {
  search: String
}

type RootQueryToPageConnection {
  pageInfo: WPPageInfo!
  edges: [PageEdge!]!
  nodes: [Page!]!
}

type PageEdge {
  cursor: String
  node: Page!
}

type PageChildrenConnection {
  pageInfo: WPPageInfo!
  edges: [PageEdge!]!
  nodes: [Page!]!
}

type PageFeaturedImageEdge {
  node: MediaItem
}

type Hero {
  background_color: String
  background_image_url: String
  description: String
  link: Link
  title: String
  wave_motif: String
}

"A page of the site, in the language asked for (or Finnish when it is not translated)."
type Page {
  id: ID!
  databaseId: Int!
  parentId: ID
  title: String
  slug: String
  "The public path, e.g. /sv/medlemmar/."
  uri: String
  "The absolute public address."
  link: String
  lead: String
  "HTML with absolute links: the lead, then a board page's introduction; the body comes as modules."
  content: String
  date: String
  seo: SEO
  hero: Hero
  language: Language
  "The other published language versions."
  translations: [Page]
  featuredImage: PageFeaturedImageEdge
  breadcrumbs: [Breadcrumb]
  sidebar: [PageSidebarUnion]
  modules: [PageModulesUnion]
  "Published child pages in the same language."
  children(first: Int, after: String, where: PageChildrenWhereArgs): PageChildrenConnection
}

union PageSidebarUnion = LayoutLinkList | LayoutArticles | LayoutPages | LayoutCards

union PageModulesUnion =
    LayoutArticles
  | LayoutArticlesCarousel
  | LayoutPages
  | LayoutPagesCarousel
  | EventSearch
  | EventSelected
  | EventSearchCarousel
  | EventSelectedCarousel
  | LayoutCollection
  | LocationsSelected
  | LocationsSelectedCarousel
  | LayoutContent
  | LayoutCard
  | LayoutCards
  | LayoutImage
  | LayoutImageGallery
  | LayoutSteps
  | LayoutSocialMediaFeed

"Text: a heading, rich text, a quote, links, a document, a contact card or questions and answers."
type LayoutContent {
  title: String
  "HTML with absolute links."
  content: String
  backgroundColor: String
}

"A list of links (sidebar only; this CMS's pages have no sidebar, so it never appears)."
type LayoutLinkList {
  anchor: String
  title: String
  description: String
  links: [Link]
}

type LayoutArticles {
  title: String
  articles: [Post]
  showAllLink: String
}

type LayoutArticlesCarousel {
  title: String
  articles: [Post]
  showMore: [String]
  showAllLink: String
}

type LayoutPages {
  title: String
  description: String
  pages: [Page]
  showAllLink: String
}

type LayoutPagesCarousel {
  title: String
  description: String
  pages: [Page]
}

type CardImage {
  caption: String
  description: String
  large: String
  medium: String
  medium_large: String
  thumbnail: String
  title: String
}

type LayoutCard {
  alignment: String
  backgroundColor: String
  description: String
  link: Link
  title: String
  image: CardImage
}

type Card {
  backgroundColor: String
  description: String
  icon: String
  link: Link
  title: String
}

type LayoutCards {
  cards: [Card]
}

type LayoutImage {
  border: Boolean
  photographer_name: String
  image: CardImage
  show_on_lightbox: Boolean
}

type LayoutImageGallery {
  gallery: [CardImage]
}

type Step {
  content: String
  title: String
}

type LayoutSteps {
  color: String
  description: String
  steps: [Step]
  title: String
  type: String
}

type LayoutSocialMediaFeed {
  anchor: String
  script: String
  title: String
}

type Collection {
  title: String
}

type LayoutCollection {
  collection: Collection
}

"Modules that show events of the City's event service (LinkedEvents); this CMS makes none."
type EventSearch {
  title: String
  url: String
  module: String
  showAllLink: String
  showAllLinkCustom: String
}

type EventSearchCarousel {
  title: String
  url: String
  orderNewestFirst: Boolean
  eventsNearby: Boolean
  amountOfCards: Int
  showAllLink: String
  showAllLinkCustom: String
}

type EventSelected {
  title: String
  events: [String]
  module: String
}

type EventSelectedCarousel {
  title: String
  module: String
  eventsNearby: Boolean
  events: [String]
  amountOfCardsPerRow: Int
  amountOfCards: Int
}

type LocationsSelected {
  title: String
  locations: [Int]
  module: String
}

type LocationsSelectedCarousel {
  title: String
  locations: [Int]
  module: String
}

union MenuItemLinkable = Page

type MenuItemConnectedNode {
  node: MenuItemLinkable
}

type MenuItem {
  id: ID!
  parentId: ID
  order: Int
  target: String
  title: String
  "The public path of the linked page."
  path: String
  label: String
  connectedNode: MenuItemConnectedNode
}

type MenuToMenuItemConnection {
  nodes: [MenuItem!]!
}

type Menu {
  id: ID!
  name: String
  menuItems(first: Int): MenuToMenuItemConnection
}

"A site-wide notification, edited in the admin (Notifications)."
type Notification {
  "HTML with absolute links."
  content: String
  title: String
  "low (HDS info), info (HDS alert) or high (HDS error), as the library reads them."
  level: String
  "When it went or goes on (ISO 8601), or null."
  startDate: String
  "When it goes off (ISO 8601), or null."
  endDate: String
  linkText: String
  "Absolute address of its link, or null."
  linkUrl: String
}

type LandingPageMediaEdge {
  node: MediaItem
}

type LandingPageToMediaItemConnection {
  edges: [LandingPageMediaEdge]
}

type LandingPageTranslation {
  title: String
  description: String
  heroLink: [String]
}

type LandingPage {
  id: ID!
  desktopImage: LandingPageToMediaItemConnection
  translation(language: LanguageCodeEnum!): LandingPageTranslation
}
"""

MENUS = ("main", "footer")
LOCATIONS = {"PRIMARY": "main", "FOOTER": "footer"}


def rich_text(request, html: str, locale_id: int | None, language: str) -> str:
    """Database rich text as the REST API answers it: absolute links (to the linked page's
    translation in `language`), links to hidden items without an address, no Wagtail markup."""
    refs = Refs(request, language=language)
    refs.locale_id = locale_id
    refs.want_rich_text(html)
    refs.load()
    return refs.rich_text(html)


def uri_of(url: str | None) -> str | None:
    return urlsplit(url).path if url else None


class Store:
    """Per request: renders pages in batches and remembers each generation's relations."""

    def __init__(self, request: Any) -> None:
        self.request = request
        self.visible = access.public_pages(request)

    def nodes(self, pages: list[Page]) -> list[PageNode]:
        items = rest.render_pages(self.request, pages, self.visible)
        generation: list[PageNode] = []
        for page, item in zip(pages, items, strict=True):
            generation.append(PageNode(self, page, item, generation))
        return generation

    def load(self, condition: Any, offset: int = 0, limit: int | None = None) -> list[Page]:
        """Specific visible pages (a condition, or a queryset of them), in tree order: one query."""
        queryset = self.visible.filter(condition) if isinstance(condition, Q) else condition
        queryset = rest.specific_queryset(queryset.select_related("locale").order_by("path", "pk"))
        if limit is not None:
            queryset = queryset[offset : offset + limit]
        return [rest._specific(p) for p in queryset]


def store_of(info: Any) -> Store:
    context = info.context
    if "page_store" not in context:
        context["page_store"] = Store(request_of(info))
    return context["page_store"]


class PageNode:
    def __init__(self, store: Store, page: Page, item: dict, generation: list[PageNode]) -> None:
        self.store = store
        self.page = page
        self.item = item
        self.generation = generation
        self._translations: list[PageNode] | None = None
        self._children: list[PageNode] | None = None
        self._breadcrumbs: list[dict] | None = None
        self._image: dict | None = None

    def image(self) -> dict | None:
        """The page's main image as a MediaItem, read for the whole generation at once."""
        if self._image is None:
            from cms.graphql.media import media_items

            ids = {n.item["image"]["id"] for n in self.generation if n.item.get("image")}
            items = media_items(self.store.request, ids)
            for node in self.generation:
                image = node.item.get("image")
                node._image = {"item": items.get(image["id"]) if image else None}
        return self._image["item"]

    # Relations, read for the whole generation at once.
    def translations(self) -> list[PageNode]:
        if self._translations is None:
            wanted = {t["id"] for node in self.generation for t in node.item["translations"]}
            nodes = (
                {n.page.pk: n for n in self.store.nodes(self.store.load(Q(pk__in=wanted)))} if wanted else {}
            )
            for node in self.generation:
                node._translations = [nodes[t["id"]] for t in node.item["translations"] if t["id"] in nodes]
        return self._translations

    def children(self) -> list[PageNode]:
        if self._children is None:
            condition = Q(pk__in=[])
            for node in self.generation:
                p = node.page
                condition |= Q(path__startswith=p.path, depth=p.depth + 1, locale_id=p.locale_id)
            children = self.store.nodes(self.store.load(condition))
            for node in self.generation:
                p = node.page
                node._children = [
                    c for c in children if c.page.path.startswith(p.path) and c.page.locale_id == p.locale_id
                ]
        return self._children

    def breadcrumbs(self) -> list[dict]:
        if self._breadcrumbs is None:
            steplen = Page.steplen
            paths = {
                n.page.path[: steplen * depth]
                for n in self.generation
                for depth in range(2, n.page.depth + 1)
            }
            found = {p.path: p for p in self.store.load(Q(path__in=paths))} if paths else {}
            urls = dict(
                zip([p.pk for p in found.values()], _urls(self.store, list(found.values())), strict=True)
            )
            for node in self.generation:
                crumbs = []
                for depth in range(2, node.page.depth + 1):
                    ancestor = found.get(node.page.path[: steplen * depth])
                    if ancestor is not None:
                        crumbs.append({"title": ancestor.title, "uri": uri_of(urls.get(ancestor.pk))})
                node._breadcrumbs = crumbs
        return self._breadcrumbs


def _urls(store: Store, pages: list[Page]) -> list[str | None]:
    from cms.absolute_urls import page_url

    return [page_url(p, store.request) for p in pages]


# Pages -------------------------------------------------------------------------------------

page_type = ObjectType("Page")


@page_type.field("id")
def resolve_page_id(node: PageNode, _info: Any) -> str:
    return f"page:{node.page.pk}"


@page_type.field("databaseId")
def resolve_database_id(node: PageNode, _info: Any) -> int:
    return node.page.pk


@page_type.field("parentId")
def resolve_parent_id(node: PageNode, _info: Any) -> str | None:
    parent = node.item["meta"]["parent_id"]
    return f"page:{parent}" if parent else None


@page_type.field("title")
def resolve_title(node: PageNode, _info: Any) -> str:
    return node.item["title"]


@page_type.field("slug")
def resolve_slug(node: PageNode, _info: Any) -> str:
    return node.page.slug


@page_type.field("uri")
def resolve_uri(node: PageNode, _info: Any) -> str | None:
    return uri_of(node.item["meta"]["html_url"])


@page_type.field("link")
def resolve_link(node: PageNode, _info: Any) -> str | None:
    return node.item["meta"]["html_url"]


@page_type.field("lead")
def resolve_lead(node: PageNode, _info: Any) -> str:
    return node.item.get("lead") or ""


@page_type.field("content")
def resolve_content(node: PageNode, _info: Any) -> str:
    # The library's page view shows `content` and the modules, not `lead`: the lead opens the content.
    lead = node.item.get("lead") or ""
    lead_html = f'<p class="lead">{escape(lead)}</p>' if lead else ""
    return lead_html + (node.item.get("intro") or "")


@page_type.field("date")
def resolve_date(node: PageNode, _info: Any) -> str | None:
    published = node.item["meta"]["first_published_at"]
    return published.isoformat() if published else None


@page_type.field("seo")
def resolve_seo(node: PageNode, _info: Any) -> dict:
    meta = node.item["meta"]
    return seo(meta["seo_title"] or node.item["title"], meta["search_description"], meta["html_url"])


@page_type.field("hero")
def resolve_hero(node: PageNode, _info: Any) -> None:
    return None  # the board's pages have no hero


@page_type.field("language")
def resolve_language(node: PageNode, _info: Any) -> dict:
    return language(node.item["meta"]["locale"])


@page_type.field("translations")
def resolve_translations(node: PageNode, _info: Any) -> list[PageNode]:
    return node.translations()


@page_type.field("featuredImage")
def resolve_featured_image(node: PageNode, _info: Any) -> dict | None:
    image = node.image()  # the home page's and section pages' main image; board pages have none
    return {"node": image} if image else None


@page_type.field("breadcrumbs")
def resolve_breadcrumbs(node: PageNode, _info: Any) -> list[dict]:
    return node.breadcrumbs()


@page_type.field("sidebar")
def resolve_sidebar(node: PageNode, _info: Any) -> list:
    return []


@page_type.field("modules")
def resolve_modules(node: PageNode, _info: Any) -> list[dict]:
    return modules(node.item.get("body") or [])


@page_type.field("children")
def resolve_children(
    node: PageNode, _info: Any, first: int | None = None, after: str | None = None, where: dict | None = None
) -> dict:
    children = node.children()
    search = ((where or {}).get("search") or "").strip().lower()
    if search:
        children = [c for c in children if search in c.item["title"].lower()]
    offset, size = offset_of(after), first_of(first, default=10)
    return connection(children[offset : offset + size], offset, offset + size < len(children))


def _module(typename: str, **fields: Any) -> dict:
    return {"__typename": typename, **fields}


def _heading(text: str | None, level: str = "h2") -> str:
    return f"<{level}>{escape(text)}</{level}>" if text else ""


def modules(stream: list[dict]) -> list[dict]:
    """The body's blocks as Helsinki's modules, in order: `LayoutContent` with HTML (absolute links).

    The library shows a LayoutContent's `content` only, so every heading is in the HTML too.
    """
    out = []

    def content(title: str, html: str) -> None:
        out.append(_module("LayoutContent", title=title, content=html, backgroundColor=None))

    for block in stream:
        kind, value = block["type"], block["value"]
        if kind == "text":
            content("", value)
        elif kind == "heading":
            level = value.get("level") if value.get("level") in ("h2", "h3") else "h2"
            content(value["text"], _heading(value["text"], level))
        elif kind == "quote":
            attribution = (
                f"<footer>{escape(value['attribution'])}</footer>" if value.get("attribution") else ""
            )
            content("", f"<blockquote><p>{escape(value['quote'])}</p>{attribution}</blockquote>")
        elif kind == "links":
            links = [
                ((link.get("page") or {}).get("url") or link.get("url"), link["text"])
                for link in value["links"]
            ]
            heading = value.get("heading") or ""
            content(heading, _heading(heading) + _link_list(links))
        elif kind == "document":
            doc = value.get("document")
            if doc:
                content("", _link_list([(doc["url"], value.get("text") or doc["title"])]))
        elif kind == "contact":
            content(value["name"], _heading(value["name"], "h3") + _contact_html(value))
        elif kind == "accordion":
            heading = value.get("heading") or ""
            items = "".join(_heading(item["question"], "h3") + item["answer"] for item in value["items"])
            content(heading, _heading(heading) + items)
    return out


def _link_list(links: list[tuple[str | None, str]]) -> str:
    """Links as an HTML list (the library's modules have no link list; its sidebar has)."""
    items = "".join(f'<li><a href="{escape(url)}">{escape(text)}</a></li>' for url, text in links if url)
    return f"<ul>{items}</ul>" if items else ""


def _contact_html(value: dict) -> str:
    """A contact card as the editor published it on the page (not a person record of the board)."""
    parts = []
    if value.get("role"):
        parts.append(f"<p>{escape(value['role'])}</p>")
    if value.get("email"):
        email = escape(value["email"])
        parts.append(f'<p><a href="mailto:{email}">{email}</a></p>')
    if value.get("phone"):
        phone = escape(value["phone"])
        parts.append(f'<p><a href="tel:{escape(value["phone"].replace(" ", ""))}">{phone}</a></p>')
    return "".join(parts)


modules_union = UnionType("PageModulesUnion", lambda obj, *_: obj["__typename"])
sidebar_union = UnionType("PageSidebarUnion", lambda obj, *_: obj["__typename"])
linkable_union = UnionType("MenuItemLinkable", lambda obj, *_: "Page")


# Root fields -------------------------------------------------------------------------------


def _page_in(store: Store, base: Page | None, code: str) -> PageNode | None:
    """`base`'s version in `code`, or its Finnish one as a fallback."""
    if base is None:
        return None
    versions = {p.locale.language_code: p for p in store.load(Q(translation_key=base.translation_key))}
    chosen = versions.get(code)
    if chosen is None:
        chosen = versions.get(DEFAULT_LANGUAGE)
        if chosen is None:
            return None
        chosen.api_fallback = True
    return store.nodes([chosen])[0]


@query.field("page")
def resolve_page(_obj: Any, info: Any, id: str, idType: str | None = None) -> PageNode | None:
    store = store_of(info)
    kind = idType or "ID"
    if kind == "URI":
        try:
            page = rest.resolve_public_path(store.request, id if id.startswith("/") else f"/{id}")
        except Exception:  # noqa: BLE001 - Http404: no page there, as WPGraphQL answers null
            return None
        pages = store.load(Q(pk=page.pk))
    else:
        pk = id.removeprefix("page:") if kind == "ID" else id
        if not pk.isdigit():
            return None
        pages = store.load(Q(pk=int(pk)))
    return store.nodes(pages)[0] if pages else None


@query.field("pages")
def resolve_pages(
    _obj: Any, info: Any, first: int | None = None, after: str | None = None, where: dict | None = None
) -> dict:
    store = store_of(info)
    where = where or {}
    code = where.get("language")
    queryset = access.public_pages(store.request)
    if code != "all":
        code = language_or_default(code)
        queryset = access.localize(
            queryset,
            store.visible,
            access.get_locale(store.request, code),
            access.get_locale(store.request, None),
        )
    if where.get("search"):
        queryset = queryset.filter(title__icontains=where["search"])
    offset, size = offset_of(after), first_of(first)
    window = store.load(queryset, offset, size + 1)
    nodes = store.nodes(window[:size])
    return connection(nodes, offset, len(window) > size)


def _home(store: Store) -> Page | None:
    return store.visible.filter(depth=2, locale__language_code=DEFAULT_LANGUAGE).order_by("path").first()


# The page type each template of pageByTemplate other than the front page stands for, added by
# the app that owns the type (board/graphql_types.py: postsPage, the minutes archive).
TEMPLATE_PAGE_TYPES: dict[str, type[Page]] = {}


@query.field("pageByTemplate")
def resolve_page_by_template(
    _obj: Any, info: Any, template: str | None = None, language: str | None = None
) -> PageNode | None:
    store = store_of(info)
    code = language_or_default(language)
    page_type = TEMPLATE_PAGE_TYPES.get(template or "")
    if page_type is not None:
        base = (
            access.public_pages(store.request, page_type)
            .filter(locale__language_code=DEFAULT_LANGUAGE)
            .order_by("path")
            .first()
        )
    else:
        base = _home(store)
    return _page_in(store, base, code)


menu_type = ObjectType("Menu")


def _menu_key(id: str, id_type: str | None) -> tuple[str, str] | None:
    """(menu, language) of a menu's NAME (main-sv) or LOCATION (PRIMARY___SV, Polylang's way)."""
    if (id_type or "NAME") == "LOCATION":
        location, _sep, code = id.partition("___")
        menu = LOCATIONS.get(location.upper())
        code = code.lower() or DEFAULT_LANGUAGE
    else:
        menu, _sep, code = id.lower().rpartition("-")
        if not menu:
            menu, code = code, DEFAULT_LANGUAGE
    if menu not in MENUS or code not in CONTENT_LANGUAGES:
        return None
    return menu, code


@query.field("menu")
def resolve_menu(_obj: Any, info: Any, id: str, idType: str | None = None) -> dict | None:
    key = _menu_key(id, idType)
    if key is None:
        return None
    menu, code = key
    store = store_of(info)
    if menu == "main":
        # As the site's header: the home page's children shown in menus, in the language asked for.
        home = store.load(Q(depth=2, locale__language_code=code))
        pages = (
            store.load(
                Q(path__startswith=home[0].path, depth=3, show_in_menus=True, locale__language_code=code)
            )
            if home
            else []
        )
    else:
        from home.chrome import build_chrome

        chrome = build_chrome(code)
        ids = [link.page_id for link in (chrome.accessibility, chrome.privacy) if link is not None]
        pages = store.load(Q(pk__in=ids)) if ids else []
    nodes = store.nodes(pages)
    items = [
        {
            "id": f"menuitem:{menu}:{node.page.pk}",
            "parentId": None,
            "order": index + 1,
            "target": "",
            "title": node.item["title"],
            "label": node.item["title"],
            "path": uri_of(node.item["meta"]["html_url"]),
            "connectedNode": {"node": node},
        }
        for index, node in enumerate(nodes)
    ]
    return {"id": f"menu:{menu}-{code}", "name": f"{menu}-{code}", "items": items}


@menu_type.field("menuItems")
def resolve_menu_items(menu: dict, _info: Any, first: int | None = None) -> dict:
    return {"nodes": menu["items"][: first_of(first, default=100)]}


@query.field("notification")
def resolve_notification(_obj: Any, info: Any, language: str | None = None) -> dict | None:
    from home.notifications import current_notification

    code = language_or_default(language)
    notification = current_notification(code)
    if notification is None:
        return None
    return {
        "title": notification.title,
        "content": rich_text(request_of(info), notification.content, notification.locale_id, code),
        "level": notification.level,
        "startDate": notification.go_live_at.isoformat() if notification.go_live_at else None,
        "endDate": notification.expire_at.isoformat() if notification.expire_at else None,
        "linkText": notification.link_text or None,
        "linkUrl": notification.link_url or None,
    }


landing_type = ObjectType("LandingPage")


@query.field("landingPage")
def resolve_landing_page(_obj: Any, info: Any, id: str, idType: str | None = None) -> dict | None:
    store = store_of(info)
    home = _home(store)
    if home is None:
        return None
    # The home page's main image, as the landing page's picture.
    image = store.nodes(store.load(Q(pk=home.pk)))[0].image()
    return {
        "id": f"landing:{home.pk}",
        "home": home,
        "desktopImage": {"edges": [{"node": image}] if image else []},
    }


@landing_type.field("translation")
def resolve_landing_translation(landing: dict, info: Any, language: str) -> dict | None:
    node = _page_in(store_of(info), landing["home"], language_or_default(language))
    if node is None:
        return None
    return {
        "title": node.item["title"],
        "description": node.item.get("lead") or "",
        "heroLink": [node.item["meta"]["html_url"], _("Read more")],
    }


bindables = [
    page_type,
    menu_type,
    landing_type,
    modules_union,
    sidebar_union,
    linkable_union,
]
