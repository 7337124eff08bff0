"""Admin views: the translation status dashboard, a safe sync, and a checked PO upload."""

import contextlib
import os
import tempfile

import polib
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translations import status

MAX_PO_BYTES = 2 * 1024 * 1024


def user_can_see_status(user) -> bool:
    return user.is_superuser or user.has_perm("wagtail_localize.submit_translation")


class StatusFilterForm(forms.Form):
    locale = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["locale"].choices = everything + [
            (loc.language_code, loc.get_display_name()) for loc in locales
        ]
        self.fields["type"].choices = everything + status.type_choices()
        self.fields["state"].choices = everything + [(key, str(label)) for key, label in status.STATES]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = status.target_locales()
        form = StatusFilterForm(self.request.GET or None, locales=locales)
        rows = status.compute_rows()
        counts = status.counts_by_locale(rows)
        wanted = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if wanted.get("type"):
            rows = [row for row in rows if row.kind == wanted["type"]]
        if wanted.get("state"):
            rows = [row for row in rows if row.state == wanted["state"]]
        # One section per language, Swedish (the legal duty) first: its backlog is never
        # mixed with the optional English one.
        sections = []
        for locale in locales:
            code = locale.language_code
            if wanted.get("locale") and wanted["locale"] != code:
                continue
            mine = [row for row in rows if row.locale.pk == locale.pk]
            page_param = f"p_{code}"
            page = Paginator(mine, self.paginate_by).get_page(self.request.GET.get(page_param))
            query = self.request.GET.copy()
            query.pop(page_param, None)
            sections.append(
                {
                    "locale": locale,
                    "required": code in status.REQUIRED_LANGUAGES,
                    "rows": page,
                    "page_obj": page,
                    "page_param": page_param,
                    "total": len(mine),
                    "needs_work": sum(counts[code][key] for key in status.NEEDS_WORK),
                    "state_counts": [(key, label, counts[code][key]) for key, label in status.STATES],
                    "query": query.urlencode(),
                }
            )
        context.update({"form": form, "sections": sections})
        return context


class SafeUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", without publishing a silent mix.

    Publishing after a sync fills every string that is not yet translated with the Finnish
    source text. Here a translation is published only when all its strings are translated;
    the others keep their previous live version until a translator finishes and publishes.
    """

    @transaction.atomic
    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        if not publish:
            return super().form_valid(form)
        self.object.update_from_db()
        segments = StringSegment.objects.filter(source=self.object)
        held_back = []
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            untranslated = segments.annotate_translation(translation.target_locale).filter(
                translation__isnull=True
            )
            if untranslated.exists():
                held_back.append(translation.target_locale.get_display_name())
                with contextlib.suppress(ValidationError):
                    translation.source.update_target_view_restrictions(translation.target_locale)
                continue
            with contextlib.suppress(ValidationError):
                translation.save_target(user=self.request.user, publish=True)
        enabled = list(self.object.translations.filter(enabled=True))
        self.components.save(self.object, sources_and_translations={self.object: enabled})
        messages.success(self.request, self.get_success_message())
        if held_back:
            messages.warning(
                self.request,
                _(
                    "Not published in %(languages)s: some strings are not translated yet. "
                    "The previous translation stays public until a translator finishes it."
                )
                % {"languages": ", ".join(held_back)},
            )
        return redirect(self.get_success_url() or self.get_default_success_url())


def _target_edit_url(instance) -> str:
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    from django.contrib.admin.utils import quote

    return reverse(f"{instance.snippet_viewset.url_namespace}:edit", args=[quote(instance.pk)])


def _read_po(upload, translation: Translation) -> polib.POFile:
    """The uploaded PO file, or ValidationError with a message for the translator."""
    if upload is None:
        raise ValidationError(_("Choose a PO file to upload."))
    if upload.size > MAX_PO_BYTES:
        raise ValidationError(_("The file is too large for a PO file of one page or snippet."))
    data = upload.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_("This is not a PO file: it is not UTF-8 text.")) from error
    # polib reads a path when given a string, so parse from a file of our own.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(data)
    try:
        po = polib.pofile(handle.name, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise ValidationError(
            _("The PO file is broken and could not be read (%(detail)s). Nothing was imported.")
            % {"detail": str(error).replace(handle.name, upload.name)}
        ) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
    file_translation = po.metadata.get("X-WagtailLocalize-TranslationID")
    if not file_translation:
        raise ValidationError(
            _(
                "This PO file was not downloaded from this translation. "
                "Download it again and translate that file."
            )
        )
    if file_translation != str(translation.uuid):
        raise ValidationError(
            _(
                "This PO file belongs to another page, snippet or language. "
                "Download the file of this translation and upload it here."
            )
        )
    return po


@require_POST
def upload_pofile(request, translation_id: int):
    """wagtail-localize's PO upload, with clear errors and nothing saved on a bad file."""
    translation = get_object_or_404(Translation, id=translation_id)
    instance = translation.get_target_instance()
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    from wagtail.admin.utils import get_valid_next_url_from_request

    next_url = get_valid_next_url_from_request(request) or _target_edit_url(instance)
    try:
        po = _read_po(request.FILES.get("file"), translation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(next_url)
    current = {
        (row["string__data"], row["context__path"]): row["translation"]
        for row in StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .values("string__data", "context__path", "translation")
    }
    # New or changed translations only: re-uploading a file changes nothing and says so.
    imported = sum(
        1
        for entry in po
        if entry.msgstr
        and (entry.msgid, entry.msgctxt) in current
        and current[(entry.msgid, entry.msgctxt)] != entry.msgstr
    )
    with transaction.atomic():
        warnings = translation.import_po(po, user=request.user, tool_name="PO File")
    if imported == 0:
        messages.warning(request, _("The PO file contained no translations for this page or snippet."))
    else:
        messages.success(
            request,
            ngettext(
                "Imported %(count)d translation from the PO file.",
                "Imported %(count)d translations from the PO file.",
                imported,
            )
            % {"count": imported},
        )
    if warnings:
        messages.warning(
            request,
            ngettext(
                "%(count)d entry in the file did not match the current source text and was skipped.",
                "%(count)d entries in the file did not match the current source text and were skipped.",
                len(warnings),
            )
            % {"count": len(warnings)},
        )
    return redirect(next_url)
