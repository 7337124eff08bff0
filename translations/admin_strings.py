"""Wagtail's and wagtail-localize's admin strings that reach Finnish or Swedish users in English.

The admin must show no English to a user working in Finnish or Swedish (issue 13).

1. Strings the packages' fi/sv catalogues lack. Django looks a msgid up in LOCALE_PATHS (the
   project's locale/) before the apps' own catalogues, so the project's catalogue fills the
   gaps. `makemessages` keeps only msgids it finds in the project's source: ADMIN_STRINGS
   lists them, exactly as the packages write them. Client-side strings (the djangojs domain)
   are in locale/*/LC_MESSAGES/djangojs.po.
2. Two menu labels the packages translate once, at the first request, in whatever language
   that request had (menus are cached): `relabel_menu_items` translates them per request.

tests/translations/test_admin_language.py visits the admin screens of the staff's journeys
and fails on any English interface string; add the msgids it reports here.
"""

# ruff: noqa: E501 - msgids are copied exactly, however long
from copy import copy

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.security.editing import StaleSaveRefusalMixin

ADMIN_STRINGS = [
    # Wagtail's page form: the Finnish catalogue lacks it (a clash of ASCII slugs shows it).
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("Close dialog"),
    gettext_noop("Section"),
    gettext_noop("Application"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Add or show comments"),
    gettext_noop("Text editing"),
    gettext_noop("Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."),
    gettext_noop("account"),
    gettext_noop("Toggle section"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Search all pages…"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Usage count"),
    gettext_noop("Minimum"),
    gettext_noop("Maximum"),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Toggle status"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Checks"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Show issue"),
    gettext_noop("Content metrics"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
    ),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_noop("View latest version"),
    gettext_noop("Sort menu order"),
    gettext_noop("Once live anyone can view"),
    gettext_noop(
        'This publishing schedule will only take effect after you select the "Schedule to publish" option'
    ),
    gettext_noop("But only those with publishing permissions can make them effective."),
    gettext_noop("Schedule to publish"),
    gettext_noop("Scheduling…"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop(
        "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."
    ),
    gettext_noop("Is commenting action"),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop("Snug"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Exploring"),
    gettext_noop("Choose parent"),
    gettext_noop("(blank)"),
    gettext_noop("%(field_label)s:"),
    gettext_noop("Expiry date/time must be in the future."),
    gettext_noop("Go to the first error"),
    gettext_noop("Default avatar"),
    gettext_noop("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    gettext_noop("Changing the privacy for this page has been disabled."),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."),
    gettext_noop(
        "Version from %(previous_revision_datetime)s of page '%(page_title)s' has been scheduled for publishing."
    ),
    gettext_noop("Version from %(datetime)s of page '%(page_title)s' has been published."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("'%(object)s' unpublished."),
    gettext_noop('Version %(revision_id)s of "%(object)s" unscheduled.'),
    gettext_noop("Revision %(revision_id)s from %(created_at)s scheduled for publishing at %(go_live_at)s."),
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s scheduled for publishing"),
    gettext_noop(
        "Revision %(revision_id)s from %(created_at)s unscheduled from publishing at %(go_live_at)s."
    ),
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s unscheduled from publishing"),
    gettext_noop("Copied for translation from %(title)s (%(locale)s)"),
    gettext_noop("You do not have permission to access the admin."),
    gettext_noop("locale"),
    gettext_noop("revision"),
    gettext_noop("revisions"),
    gettext_noop("latest revision"),
    gettext_noop("- Select an option -"),
    gettext_noop("Date cannot be in the future."),
    gettext_noop("The file could not be found. Please change the source or delete the document."),
    gettext_noop(
        'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?'
    ),
    gettext_noop(
        'You haven\'t created any %(snippet_type_name)s snippets. Why not <a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">create one now</a>?'
    ),
    gettext_noop('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."),
    gettext_noop("Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop("No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    gettext_noop(
        "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."
    ),
    gettext_noop("Sort item order"),
    gettext_noop("Anyone"),
    gettext_noop("Locked by"),
    gettext_noop("Filter by up to ten most popular tags."),
    gettext_noop("any"),
    gettext_noop("item"),
    gettext_noop("items"),
    gettext_noop("Dummy translator"),
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop("Start Synced translation"),
    gettext_noop("The {model_name} '{object}' was successfully submitted for translation into {locales}"),
    gettext_noop("Translated with {tool_name} on {date}"),
    gettext_noop("This locale cannot be synced into itself."),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop(
        "Choose a locale to synchronise content from. Any existing and future content authored in the selected locale will be automatically copied to this one."
    ),
    gettext_noop(
        "<{}> tag is not allowed. Strings can only contain standard HTML inline tags (such as <b>, <a>)"
    ),
    gettext_noop("Strings cannot have any HTML tags with attributes (except for 'id' in <a> tags)"),
    gettext_noop("Unrecognised id found in an <a> tag: {}"),
    gettext_noop("Convert to alias %(title)s"),
    gettext_noop("Convert to alias"),
    gettext_noop(
        "Are you sure you want to convert this page into an alias? This will overwrite the content of the page with the content of '%(source_page_title)s' (%(source_page_locale)s)"
    ),
    gettext_noop("No, leave it as a page"),
    gettext_noop(
        'This page hasn\'t been translated yet. It is mirroring the <a href="%(edit_original_page_url)s" target="_blank">%(original_locale)s page</a>.'
    ),
    gettext_noop("Translation of %(instance)s into %(locale)s"),
    gettext_noop(
        "Changes are not automatically applied between translated pages. Syncing will add new content for translation and remove deleted content."
    ),
    gettext_noop("The last sync date was %(last_sync_date)s. You are about to sync the following:"),
    gettext_noop("Page '{}' has been converted into an alias."),
    gettext_noop(
        "New validation errors were found when publishing '{object}' in {locale}. Please fix them or click publish again to ignore these translations for now."
    ),
    gettext_noop("Published '{object}' in {locale} with missing translations - see below."),
    gettext_noop("Published '{object}' in {locale}."),
    gettext_noop(
        "The data model for '{model_name}' has been changed since the last translation sync. If any new fields have been added recently, these may not be visible until the next translation sync."
    ),
    gettext_noop("Cannot import PO file that was created for a different translation."),
    gettext_noop("Successfully translated with {}."),
    gettext_noop("Source title"),
    gettext_noop("The page '{page_title}' was successfully submitted for translation into {locales}"),
    gettext_noop(
        'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".'
    ),
    gettext_noop("Use machine translation"),
    gettext_noop("Apply machine translations to the incoming changes."),
    gettext_noop(
        "Apply the updates and publish immediately. The changes will use the original language until translated."
    ),
    gettext_noop("Successfully updated translations for '{object}'"),
    gettext_noop("Sync translated snippets"),
    gettext_noop("Sync translations of '%(title)s'"),
    gettext_noop("Convert page to alias"),
    gettext_noop("Converted page '%(title)s' to an alias of the translation source page '%(source_title)s'"),
    gettext_noop("Converted page to an alias of the translation source page"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Once scheduled:"),
    gettext_noop("Side panels"),
    gettext_noop("Side panel width"),
    gettext_noop("Minimap"),
    gettext_noop("Button text is empty"),
    gettext_noop("Empty heading found"),
    gettext_noop("Link text is empty"),
    gettext_noop("Go-live:"),
    gettext_noop("Expiry:"),
    gettext_noop("Invalid schedule"),
    gettext_noop("Anyone with editing permissions can create schedules"),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop('You do not have permission to publish pages at "%(page_title)s"'),
    gettext_noop("The %(model_name)s could not be saved as it is locked"),
]


def relabel_menu_items(request, menu_items):
    """A `construct_reports_menu` / `construct_help_menu` hook: wagtail-localize's "Translations"
    report item calls gettext at registration and Wagtail's "What's new in Wagtail 8.0" formats
    its lazy label at once, so both keep the language of the first request. Replace them, for
    this request only, with copies labelled in the request's language."""
    from wagtail.admin.menu import DismissibleMenuItem
    from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem

    for index, item in enumerate(menu_items):
        if isinstance(item, TranslationsReportMenuItem):
            label = gettext("Translations")
        elif isinstance(item, DismissibleMenuItem) and item.name.startswith("whats-new-in-wagtail-"):
            label = gettext("What's new in Wagtail %(version)s") % {
                "version": item.name.removeprefix("whats-new-in-wagtail-")
            }
        else:
            continue
        menu_items[index] = copy(item)
        menu_items[index].label = label


class TranslatedSnippetViewSet(SnippetViewSet):
    """Wagtail's SnippetViewSet with its breadcrumbs in each request's language: Wagtail labels
    them with plain gettext when the admin's URLs load, so the first request's language
    ("Home" in English) stayed on every snippet screen of the process.

    Its edit view refuses a save made from an older version (cms/security/editing.py)."""

    edit_view_class = type("EditView", (StaleSaveRefusalMixin, SnippetEditView), {})

    @property
    def breadcrumbs_items(self):
        home = {"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}
        snippets = {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
        # Wagtail's own rule for when the snippets index is a step of the trail.
        listed = (
            getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
            or not self.get_menu_item_is_registered()
        )
        return [home, snippets] if listed else [home]
