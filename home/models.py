from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel, PublishingPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.locales import locales_by_code
from cms.pages import SitePageMixin
from home.blocks import BodyBlock, SectionBlock


def main_image_field() -> models.ForeignKey:
    """The optional main image of the home and section pages (served to GraphQL frontends)."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: shown at the top of the page and on cards that list it (GraphQL frontends)."),
    )


class HomePage(SitePageMixin, Page):
    """The board's front page, one per language."""

    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("The hero text shown large under the title."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = main_image_field()

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class SectionPage(SitePageMixin, Page):
    """A page made of StreamField sections: text, links, documents, contact cards, FAQs."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("A short introduction shown under the title."))
    body = StreamField(SectionBlock(), blank=True, verbose_name=_("body"))
    image = main_image_field()

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        abstract = True


class StandardPage(SectionPage):
    """A general content page, e.g. the accessibility statement or the privacy notice."""

    parent_page_types = ["home.HomePage", "home.StandardPage", "home.AssociationInfoPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AssociationInfoPage(SectionPage):
    """Information for volunteer associations (Tietoa yhdistyksille)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("association info page")
        verbose_name_plural = _("association info pages")


class FooterSettings(TranslatableMixin, models.Model):
    """The site's contact details and footer links, one per language (edited under Settings).

    A snippet rather than a `wagtail.contrib.settings` model, because settings models
    cannot be translated in wagtail-localize; this one is translated like any snippet.
    """

    organisation = models.CharField(_("organisation"), max_length=200)
    address = models.TextField(_("postal address"), blank=True)
    contact_text = models.TextField(
        _("contact text"), blank=True, help_text=_("A sentence or two shown above the contact details.")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The linked pages stay the Finnish originals; the footer shows their translation
    # in the visitor's language (home.chrome resolves them by translation key).
    translatable_fields = [
        TranslatableField("organisation"),
        TranslatableField("address"),
        TranslatableField("contact_text"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("accessibility_page"),
        SynchronizedField("privacy_page"),
    ]

    panels = [
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldPanel("contact_text"), FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [PageChooserPanel("accessibility_page"), PageChooserPanel("privacy_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footer")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.locale_id and self.locale.get_display_name()})"

    @classmethod
    def for_language(cls, language_code: str) -> "FooterSettings | None":
        """The footer in `language_code`, or the default language's when not translated (one query)."""

        # Locales from the per-version memo: no join, and each footer gets its Locale object.
        locales = locales_by_code()
        wanted = [locales[code] for code in (language_code, settings.LANGUAGE_CODE) if code in locales]
        candidates = list(
            cls.objects.filter(locale_id__in=[locale.pk for locale in wanted])
            .select_related("accessibility_page", "privacy_page")
            # Of the linked pages only their translation key (home/chrome.py): fewer columns to build.
            .only(
                *(f.attname for f in cls._meta.concrete_fields),
                "accessibility_page__translation_key",
                "privacy_page__translation_key",
            )
            .order_by("pk")
        )
        for locale in wanted:
            for footer in candidates:
                if footer.locale_id == locale.pk:
                    footer.locale = locale
                    return footer
        return None


class NotificationLevel(models.TextChoices):
    """The levels of Helsinki's headless CMS library (its `Notification` maps them to HDS types)."""

    LOW = "low", _("For information")
    INFO = "info", _("Notice")
    HIGH = "high", _("Urgent")


class Notification(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A site-wide notice shown above every page (and served to headless frontends).

    Shown while published and within its schedule: the publishing panel's go-live and expiry
    dates are its start and end (Wagtail's scheduled publishing takes it down at the end; the
    public never sees one outside them, cms/visibility.py `public_current_objects`). When
    several are on, the most recently published one is shown.
    """

    title = models.CharField(_("title"), max_length=200)
    content = RichTextField(
        _("content"), blank=True, features=["bold", "italic", "link"], help_text=_("A sentence or two.")
    )
    level = models.CharField(
        _("level"), max_length=10, choices=NotificationLevel.choices, default=NotificationLevel.LOW
    )
    link_url = models.URLField(_("link address"), blank=True)
    link_text = models.CharField(_("link text"), max_length=100, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("content"),
        FieldPanel("level"),
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("link_text")], heading=_("Link")),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("content"),
        TranslatableField("link_text"),
        SynchronizedField("link_url"),
        SynchronizedField("level", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
