from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from translations import guards, public, status, views
from translations.admin_strings import relabel_menu_items


# Those answering for wagtail-localize's own URLs are in cms/upstream_overrides.py.
@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("translations/status/", views.TranslationStatusView.as_view(), name="translations_status"),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_can_see_status(request.user)


@hooks.register("register_reports_menu_item")
def register_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translations_status"),
        name="translation-status",
        icon_name="globe",
        order=900,
    )


# Two package menu labels are translated once at start-up; relabel them per request.
hooks.register("construct_reports_menu", relabel_menu_items)
hooks.register("construct_help_menu", relabel_menu_items)


class TranslationStatusPanel(Component):
    name = "translation_status"
    template_name = "translations/home_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        rows = status.compute_rows()
        counts = status.counts_by_locale(rows)
        languages = [
            {
                "locale": locale,
                "missing": counts[locale.language_code][status.MISSING],
                "outdated": counts[locale.language_code][status.OUTDATED],
                "needs_work": sum(counts[locale.language_code][key] for key in status.NEEDS_WORK),
            }
            for locale in status.target_locales()
        ]
        return {
            "needs_work": status.needs_work_count(rows),
            "languages": languages,
            "status_url": reverse("translations_status"),
        }


@hooks.register("construct_homepage_panels")
def add_status_panel(request, panels):
    if views.user_can_see_status(request.user):
        panels.append(TranslationStatusPanel())


@hooks.register("before_create_snippet")
def refuse_finnish_snippet_create(request, model):
    return guards.refuse_finnish_create(request, model)


@hooks.register("before_edit_snippet")
def refuse_finnish_snippet_edit(request, instance):
    return guards.refuse_if_finnish(request, [instance])


@hooks.register("before_delete_snippet")
def refuse_finnish_snippet_delete(request, instances):
    return guards.refuse_if_finnish(request, instances)


@hooks.register("before_bulk_action")
def refuse_finnish_bulk_action(request, action_type, objects, action_class_instance):
    return guards.refuse_if_finnish(request, objects)


@hooks.register("before_serve_page")
def only_in_finnish_notice(page, request, serve_args, serve_kwargs):
    return public.notice_or_redirect(page, request)
