"""StreamField blocks shared by the site's page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from documents.blocks import DocumentLinkBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to an external address."""

    text = blocks.CharBlock(label=_("Link text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": [_("Choose either a page or an external address, not both.")]}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Links")
        template = "blocks/link_list.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Title or role"), required=False, max_length=200)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact_card.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Title or question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Content"), features=["bold", "italic", "link", "ol", "ul"])


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "blocks/accordion.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class BodyBlock(blocks.StreamBlock):
    """The body of the home page: text, headings, quotes, links and documents."""

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/text.html")
    heading = HeadingBlock()
    quote = QuoteBlock()
    links = LinkListBlock()
    document = DocumentLinkBlock()


class SectionBlock(BodyBlock):
    """Sections of the general pages: the body blocks plus contact cards and FAQs."""

    contact = ContactCardBlock()
    accordion = AccordionBlock()
