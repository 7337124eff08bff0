"""Filters and search of the board's admin listings and choosers."""

from functools import reduce
from operator import and_, or_

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from board.models import Event, Meeting, MeetingStatus, Membership, RoleKind, SeatGroup, Term
from cms.locales import source_locale


def word_search(queryset, fields, text: str):
    """Rows where every word of `text` is in one of `fields` (case-insensitive), so a full
    name ("Aino Puheenjohtaja") finds a person whose first and last names are two columns.
    Searched in the database, not the search index: people's contact details stay out of it."""
    words = text.split()
    if not words or not fields:
        return queryset
    return queryset.filter(
        reduce(
            and_, (reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words)
        )
    )


class WordSearchFilterForm(SearchFilterMixin, BaseFilterForm):
    """A chooser's search box (Wagtail's own field) over `search_fields`, see word_search."""

    search_fields: list[str] = []

    def filter(self, objects):
        # Skips SearchFilterMixin.filter, which asks the search index.
        objects = super(SearchFilterMixin, self).filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = word_search(objects, self.search_fields, query)
        return objects


def _meeting_years(request=None):
    years = Meeting.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(y, str(y)) for y in years]


def _language_versions():
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [(code, name) for code, name in get_content_languages().items() if code in existing]


class LanguageVersionFilter(django_filters.ChoiceFilter):
    """Instead of Wagtail's locale filter: by default each item is listed once, in the working
    language (the view does that); choosing a language lists that language's copies only."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Language version"),
            choices=_language_versions,
            empty_label=_("Each once, in my language"),
            widget=forms.RadioSelect,
            **kwargs,
        )

    def filter(self, qs, value):
        return qs.filter(locale__language_code=value) if value else qs


class MembershipFilterSet(WagtailFilterSet):
    term = django_filters.ModelChoiceFilter(label=_("Term"), queryset=Term.objects.all())
    role = django_filters.ChoiceFilter(label=_("Role"), field_name="role__kind", choices=RoleKind.choices)
    group = django_filters.ChoiceFilter(label=_("Group"), field_name="seat__group", choices=SeatGroup.choices)

    class Meta:
        model = Membership
        fields = ["term", "role", "group"]


def _by_source(queryset, **lookups):
    """Filter on the synchronised facts, which the source (Finnish) row carries: a translated
    copy keeps the values of its last sync (board/localization.py)."""
    sources = queryset.model.objects.filter(locale=source_locale(), **lookups)
    return queryset.filter(translation_key__in=sources.values("translation_key"))


class MeetingFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label=_("Year"),
        choices=_meeting_years,
        coerce=int,
        method=lambda qs, name, value: _by_source(qs, year=value),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=MeetingStatus.choices,
        method=lambda qs, name, value: _by_source(qs, status=value),
    )
    locale = LanguageVersionFilter()

    class Meta:
        model = Meeting
        fields = ["year", "status", "locale"]


class EventFilterSet(WagtailFilterSet):
    locale = LanguageVersionFilter()

    class Meta:
        model = Event
        fields = ["locale"]
