"""Translation status of every page, snippet and document in every target locale.

The number of queries depends on the number of locales and translatable models, never on
the number of objects: objects, their translations and wagtail-localize's sources are read
in one query per model, and translated percentages come from a single aggregate over
StringSegment (segments per source, counted with and without a StringTranslation per locale).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from translations.content import translatable_document_model, translatable_snippet_models
from translations.models import SourceChange

MISSING = "missing"
OUTDATED = "outdated"
UNPUBLISHED = "unpublished"
UP_TO_DATE = "up_to_date"
NOT_NEEDED = "not_needed"

STATES = [
    (MISSING, _("Missing")),
    (OUTDATED, _("Outdated")),
    (UNPUBLISHED, _("Not published")),
    (UP_TO_DATE, _("Up to date")),
    (NOT_NEEDED, _("Not needed")),
]
STATE_LABELS = dict(STATES)
# What a translator can act on: the backlog counted on the admin home page.
NEEDS_WORK = (MISSING, OUTDATED)
# Swedish is the city's legal duty (Finland's Language Act); English is a service.
REQUIRED_LANGUAGES = ("sv",)

PAGE = "page"
DOCUMENT = "document"


@dataclass
class Row:
    kind: str  # PAGE, DOCUMENT or the snippet model's label ("board.meeting")
    type_label: str
    title: str
    locale: Locale
    state: str
    percent: int | None
    source_url: str | None
    action_url: str | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class _Item:
    kind: str
    type_label: str
    title: str
    translation_key: object
    changed_at: datetime | None
    source_url: str | None
    submit_url: str | None
    model: type | None = None
    # Staff marked the Finnish original as needing no translation (documents only).
    not_needed: bool = False


def target_locales() -> list[Locale]:
    order = [code for code, _name in settings.LANGUAGES]
    default = Locale.get_default()
    locales = [loc for loc in Locale.objects.all() if loc.pk != default.pk]
    return sorted(
        locales, key=lambda loc: order.index(loc.language_code) if loc.language_code in order else 99
    )


def type_choices() -> list[tuple[str, str]]:
    choices = [(PAGE, str(_("Pages")))]
    for model in translatable_snippet_models():
        choices.append((model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize()))
    if translatable_document_model() is not None:
        choices.append((DOCUMENT, str(_("Documents"))))
    return choices


def _safe_reverse(name: str, args: list) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _page_items(default: Locale) -> tuple[list[_Item], dict]:
    items = []
    for row in (
        Page.objects.filter(locale=default, depth__gt=1)
        .order_by("path")
        .values("id", "title", "translation_key", "last_published_at")
    ):
        items.append(
            _Item(
                kind=PAGE,
                type_label=str(_("Page")),
                title=row["title"],
                translation_key=row["translation_key"],
                changed_at=row["last_published_at"],
                source_url=reverse("wagtailadmin_pages:edit", args=[row["id"]]),
                submit_url=_safe_reverse("wagtail_localize:submit_page_translation", [row["id"]]),
            )
        )
    targets = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.exclude(locale=default)
        .filter(depth__gt=1)
        .values("id", "translation_key", "locale_id", "live", "has_unpublished_changes")
    }
    for target in targets.values():
        target["edit_url"] = reverse("wagtailadmin_pages:edit", args=[target["id"]])
    return items, targets


def _model_items(model, kind: str, type_label: str, default: Locale, changes: dict) -> tuple[list, dict]:
    draftable = issubclass(model, DraftStateMixin)
    is_document = kind == DOCUMENT
    meta = model._meta
    items = []
    # select_related() follows non-null foreign keys, so a __str__ that names a related
    # object costs no extra query per row.
    for obj in model.objects.filter(locale=default).select_related():
        if is_document:
            source_url = reverse("wagtaildocs:edit", args=[obj.pk])
            submit_url = None
        else:
            namespace = model.snippet_viewset.url_namespace
            source_url = _safe_reverse(f"{namespace}:edit", [quote(obj.pk)])
            submit_url = _safe_reverse(
                "wagtail_localize:submit_snippet_translation",
                [meta.app_label, meta.model_name, quote(obj.pk)],
            )
        changed_at = obj.last_published_at if draftable else changes.get(obj.translation_key)
        items.append(
            _Item(
                kind,
                type_label,
                str(obj),
                obj.translation_key,
                changed_at,
                source_url,
                submit_url,
                model,
                not_needed=bool(getattr(obj, "swedish_not_needed", False)),
            )
        )
    fields = ["pk", "translation_key", "locale_id"] + (
        ["live", "has_unpublished_changes"] if draftable else []
    )
    targets = {}
    for row in model.objects.exclude(locale=default).values(*fields):
        row.setdefault("live", True)
        row.setdefault("has_unpublished_changes", False)
        if is_document:
            row["edit_url"] = reverse("wagtaildocs:edit", args=[row["pk"]])
        else:
            row["edit_url"] = _safe_reverse(f"{model.snippet_viewset.url_namespace}:edit", [quote(row["pk"])])
        targets[(row["translation_key"], row["locale_id"])] = row
    return items, targets


def _segment_counts(default: Locale, locales: list[Locale]) -> dict:
    """{source_id: {"total": n, locale_id: translated}} in one aggregate query."""
    annotations = {}
    for locale in locales:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale.pk,
            has_error=False,
        )
        annotations[f"t{locale.pk}"] = Count("pk", filter=Q(Exists(translated)))
    rows = (
        StringSegment.objects.filter(source__locale=default)
        .values("source_id")
        .annotate(total=Count("pk"), **annotations)
        .order_by()
    )
    return {
        row["source_id"]: {"total": row["total"], **{loc.pk: row[f"t{loc.pk}"] for loc in locales}}
        for row in rows
    }


def compute_rows() -> list[Row]:
    default = Locale.get_default()
    locales = target_locales()
    changes = dict(SourceChange.objects.values_list("translation_key", "changed_at"))

    items, targets = _page_items(default)
    for model in translatable_snippet_models():
        more, more_targets = _model_items(
            model, model._meta.label_lower, str(model._meta.verbose_name).capitalize(), default, changes
        )
        items += more
        targets.update(more_targets)
    document_model = translatable_document_model()
    if document_model is not None:
        more, more_targets = _model_items(document_model, DOCUMENT, str(_("Document")), default, changes)
        items += more
        targets.update(more_targets)

    sources = {
        row["object_id"]: row
        for row in TranslationSource.objects.filter(locale=default).values(
            "id", "object_id", "last_updated_at"
        )
    }
    counts = _segment_counts(default, locales)

    rows = []
    for item in items:
        source = sources.get(item.translation_key)
        count = counts.get(source["id"]) if source else None
        for locale in locales:
            target = targets.get((item.translation_key, locale.pk))
            percent = None
            if count is not None:
                percent = 100 if count["total"] == 0 else int(100 * count[locale.pk] / count["total"])
            if target is None and item.not_needed:
                # A file that stays in Finnish (and so needs no English either) is no one's task.
                state, action_url = NOT_NEEDED, None
            elif target is None:
                state, action_url = MISSING, item.submit_url
                percent = percent or 0
            else:
                action_url = target["edit_url"]
                source_changed = (
                    source is not None
                    and item.changed_at is not None
                    and item.changed_at > source["last_updated_at"]
                )
                if (percent is not None and percent < 100) or source_changed:
                    state = OUTDATED
                elif not target["live"] or target["has_unpublished_changes"]:
                    state = UNPUBLISHED
                else:
                    state = UP_TO_DATE
            rows.append(
                Row(
                    item.kind,
                    item.type_label,
                    item.title,
                    locale,
                    state,
                    percent,
                    item.source_url,
                    action_url,
                )
            )
    return rows


def needs_work_count(rows: list[Row] | None = None) -> int:
    """Missing and outdated translations: the number on the admin home page."""
    rows = compute_rows() if rows is None else rows
    return sum(1 for row in rows if row.state in NEEDS_WORK)


def counts_by_locale(rows: list[Row]) -> dict[str, dict[str, int]]:
    """{language code: {state: number of rows}}, every state present, in target-locale order."""
    counts = {locale.language_code: dict.fromkeys(STATE_LABELS, 0) for locale in target_locales()}
    for row in rows:
        counts.setdefault(row.locale.language_code, dict.fromkeys(STATE_LABELS, 0))[row.state] += 1
    return counts
