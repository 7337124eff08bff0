"""Demo content of the site's own pages and footer (texts in home/demo_pages.py). Idempotent."""

from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.rich_text import RichText

from cms.localize_programmatic import translate_object
from home import demo_pages as texts
from home.factories import AssociationInfoPageFactory, StandardPageFactory
from home.models import AssociationInfoPage, FooterSettings, HomePage, StandardPage

LANGUAGES = ("sv", "en")

HOME_STRINGS = {
    "sv": {**texts.HOME_SV, texts.HOME_ASSOC_LINK_TEXT: texts.ASSOC_SV[texts.ASSOC["title"]]},
    "en": {**texts.HOME_EN, texts.HOME_ASSOC_LINK_TEXT: texts.ASSOC_EN[texts.ASSOC["title"]]},
}
PAGE_STRINGS = {
    "association": {"sv": texts.ASSOC_SV, "en": texts.ASSOC_EN},
    "accessibility": {"sv": texts.A11Y_SV, "en": texts.A11Y_EN},
    "privacy": {"sv": texts.PRIVACY_SV, "en": texts.PRIVACY_EN},
}
FOOTER_STRINGS = {"sv": texts.FOOTER_SV, "en": texts.FOOTER_EN}


def translate_and_publish(instance, language_code: str, strings: dict[str, str]):
    """Translate through wagtail-localize and publish at once, not on commit.

    wagtail-localize publishes in `transaction.on_commit`; inside one demo transaction
    that publish would run after the children are added and save the page's stale
    tree data (numchild 0), hiding its children. Publishing now avoids that.
    """
    if not isinstance(instance, DraftStateMixin):
        return translate_object(instance, language_code, strings)
    translated = translate_object(instance, language_code, strings, publish=False)
    translated.get_latest_revision().publish()
    return translated


def _text(*paragraphs: str) -> RichText:
    return RichText("".join(f"<p>{p}</p>" for p in paragraphs))


def association_body() -> list:
    t = texts.ASSOC
    return [
        ("heading", {"text": t["h_cooperation"], "level": "h2"}),
        ("text", _text(t["p_cooperation"], t["p_events"])),
        (
            "accordion",
            {
                "heading": t["faq"],
                "items": [
                    {"question": t["q_member"], "answer": _text(t["a_member"])},
                    {"question": t["q_proposal"], "answer": _text(t["a_proposal"])},
                ],
            },
        ),
        (
            "contact",
            {
                "name": t["contact_role"],
                "role": "",
                "email": "sihteeri@example.invalid",
                "phone": "09 000 0000",
            },
        ),
    ]


def accessibility_body() -> list:
    t = texts.A11Y
    return [
        ("heading", {"text": t["h_status"], "level": "h2"}),
        ("text", _text(t["p_status"])),
        ("heading", {"text": t["h_gaps"], "level": "h2"}),
        ("text", _text(t["p_gaps"])),
        ("heading", {"text": t["h_feedback"], "level": "h2"}),
        ("text", _text(t["p_feedback"])),
        (
            "contact",
            {
                "name": t["contact_name"],
                "role": t["contact_role"],
                "email": "saavutettavuus@example.invalid",
                "phone": "09 000 0000",
            },
        ),
        ("heading", {"text": t["h_authority"], "level": "h2"}),
        ("text", _text(t["p_authority"])),
        (
            "links",
            {"heading": "", "links": [{"text": t["link_text"], "page": None, "url": texts.AUTHORITY_URL}]},
        ),
        ("text", _text(t["updated"])),
    ]


def privacy_body() -> list:
    t = texts.PRIVACY
    return [
        ("heading", {"text": t["h_cookies"], "level": "h2"}),
        ("text", _text(t["p_cookies"], t["p_share"])),
        ("heading", {"text": t["h_members"], "level": "h2"}),
        ("text", _text(t["p_members"])),
        ("heading", {"text": t["h_logs"], "level": "h2"}),
        ("text", _text(t["p_logs"])),
        ("heading", {"text": t["h_alerts"], "level": "h2"}),
        ("text", _text(t["p_alerts"])),
        ("heading", {"text": t["h_controller"], "level": "h2"}),
        ("text", _text(t["p_controller"])),
    ]


PAGE_FACTORIES = {AssociationInfoPage: AssociationInfoPageFactory, StandardPage: StandardPageFactory}


def _child(home: HomePage, model, t: dict, body: list, *, in_menu: bool) -> Page:
    existing = model.objects.child_of(home).filter(slug=t["slug"]).first()
    if existing is not None:
        return existing
    page = PAGE_FACTORIES[model](
        parent=home,
        title=t["title"],
        slug=t["slug"],
        lead=t["lead"],
        search_description=t["description"],
        body=body,
        show_in_menus=in_menu,
        locale=home.locale,
    )
    page.save_revision().publish()
    return page


def load_pages(home: HomePage) -> dict[str, Page]:
    return {
        "association": _child(home, AssociationInfoPage, texts.ASSOC, association_body(), in_menu=True),
        "accessibility": _child(home, StandardPage, texts.A11Y, accessibility_body(), in_menu=False),
        "privacy": _child(home, StandardPage, texts.PRIVACY, privacy_body(), in_menu=False),
    }


def load_footer(pages: dict[str, Page]) -> FooterSettings:
    fi = Locale.get_default()
    footer = FooterSettings.objects.filter(locale=fi).first()
    if footer is None:
        footer = FooterSettings.objects.create(
            locale=fi,
            accessibility_page=pages["accessibility"],
            privacy_page=pages["privacy"],
            **texts.FOOTER,
        )
    return footer


HOME_IMAGE_TITLE = "Vapaaehtoistyön neuvottelukunta – kuvitus"
HOME_IMAGE_ALT = "Kuvitus: Helsingin sinisiä aaltoja ja ympyröitä, jotka pitävät toisiaan kädestä"


def _home_image_file():
    """A drawn illustration (Pillow, no file in the repository): Helsinki's blue, a wave, circles."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = 1600, 900
    picture = PILImage.new("RGB", (width, height), (0, 0, 191))  # HDS coat of arms blue
    draw = ImageDraw.Draw(picture)
    for i in range(0, width + 80, 80):  # the koros wave along the bottom
        draw.ellipse((i - 60, height - 260, i + 60, height - 140), fill=(158, 220, 255))
    draw.rectangle((0, height - 200, width, height), fill=(158, 220, 255))
    colours = [(255, 218, 7), (255, 255, 255), (255, 166, 214), (0, 208, 142), (255, 255, 255)]
    for index, colour in enumerate(colours):
        x = 260 + index * 270
        draw.ellipse((x - 90, 260, x + 90, 440), fill=colour)  # heads
        draw.rounded_rectangle((x - 110, 470, x + 110, 700), radius=90, fill=colour)  # bodies
        if index:
            draw.rectangle((x - 200, 560, x - 70, 590), fill=colour)  # hands held
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return ImageFile(buffer, name="vapaaehtoistyon-neuvottelukunta.png")


def give_home_image(home: HomePage) -> bool:
    """The home page's main image (shown by GraphQL frontends), once."""
    from wagtail.images import get_image_model

    if home.image_id:
        return False
    Image = get_image_model()
    image = Image.objects.filter(title=HOME_IMAGE_TITLE).first()
    if image is None:
        image = Image(title=HOME_IMAGE_TITLE, description=HOME_IMAGE_ALT, file=_home_image_file())
        image.save()
    home.image = image
    home.save_revision().publish()
    return True


def link_home(home: HomePage, association: Page, programme=None) -> bool:
    """Add the association page link and the action programme PDF to the home page, once."""
    changed = False
    blocks = list(home.body)
    if programme is not None and not any(
        b.block_type == "document" and b.value["document"] and b.value["document"].pk == programme.pk
        for b in blocks
    ):
        home.body.append(("document", {"document": programme, "text": ""}))
        changed = True
    if not any(
        b.block_type == "links"
        and any(link["page"] and link["page"].pk == association.pk for link in b.value["links"])
        for b in blocks
    ):
        home.body.append(
            (
                "links",
                {
                    "heading": texts.HOME_ASSOC_LINKS_HEADING,
                    "links": [{"text": texts.HOME_ASSOC_LINK_TEXT, "page": association, "url": ""}],
                },
            )
        )
        changed = True
    if changed:
        home.save_revision().publish()
    return changed


def ensure_linked_documents_translated(page: Page, language_code: str) -> None:
    """wagtail-localize needs a page's documents in the target locale before the page.

    The documents app translates its demo documents; a document it left untranslated
    gets a translation with the same file and title here, so the page can be translated.
    """
    body = getattr(page, "body", None)
    if body is None:
        return
    locale = Locale.objects.get(language_code=language_code)
    for block in body:
        document = block.value.get("document") if block.block_type == "document" else None
        if document is not None and not document.has_translation(locale):
            translate_and_publish(document, language_code, {})


def translate_pages(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for code in LANGUAGES:
            if page.get_translations().filter(locale__language_code=code).exists():
                continue
            translate_and_publish(page, code, PAGE_STRINGS[name][code])


def translate_footer(footer: FooterSettings) -> None:
    for code in LANGUAGES:
        if footer.get_translations().filter(locale__language_code=code).exists():
            continue
        translate_and_publish(footer, code, FOOTER_STRINGS[code])
