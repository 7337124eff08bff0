"""The content languages in the API (/api/v3/locales/)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from wagtail.models import Locale

from cms.api.common import Id, LocaleQuery, Pagination, envelope, paginate, paginated
from cms.api.errors import error_responses

router = Router(tags=["locales"])


class LocaleItem(Schema):
    id: int
    language_code: str
    display_name: str
    is_default: bool


LocaleList = paginated(LocaleItem, "LocaleList")


def _locale_item(locale: Locale) -> dict:
    return {
        "id": locale.pk,
        "language_code": locale.language_code,
        "display_name": str(locale.get_display_name() or locale.language_code),
        "is_default": locale.language_code == settings.LANGUAGE_CODE,
    }


@router.get(
    "/",
    response={200: LocaleList, **error_responses(400)},
    url_name="list_locales",
    summary="List content languages",
    description="The languages content is written in: Finnish (the source) and its translations.",
    operation_id="locales_list",
)
def list_locales(request: HttpRequest, lang: LocaleQuery = Query(...), pagination: Pagination = Query(...)):  # noqa: B008
    count, locales = paginate(Locale.objects.order_by("pk"), pagination)
    return envelope(count, pagination, [_locale_item(locale) for locale in locales])


@router.get(
    "/{locale_id}/",
    response={200: LocaleItem, **error_responses(400, 404)},
    url_name="detail_locale",
    summary="Content language detail",
    description="One content language by id; 404 for an unknown id.",
    operation_id="locales_detail",
)
def locale_detail(request: HttpRequest, locale_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    locale = Locale.objects.filter(pk=locale_id).first()
    if locale is None:
        raise Http404(_("No such locale."))
    return _locale_item(locale)
