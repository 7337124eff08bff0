"""Filters by kind, language and year for the admin's document listing, chooser and report."""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet

from documents.models import CustomDocument, Language


def year_choices() -> list[tuple[str, str]]:
    years = get_document_model().objects.dates("document_date", "year", order="DESC")
    return [(str(d.year), str(d.year)) for d in years]


def filter_year(queryset: QuerySet, year) -> QuerySet:
    # A range rather than __year: the search backend accepts only simple lookups.
    year = int(year)
    return queryset.filter(
        document_date__gte=datetime.date(year, 1, 1), document_date__lte=datetime.date(year, 12, 31)
    )


class DocumentMetadataFilterSet(DocumentsFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CustomDocument.Kind.choices)
    language = django_filters.ChoiceFilter(label=_("Language of the file"), choices=Language.choices)
    year = django_filters.ChoiceFilter(label=_("Year"), choices=year_choices, method="filter_by_year")

    def filter_by_year(self, queryset, name, value):
        return filter_year(queryset, value) if value else queryset

    class Meta(DocumentsFilterSet.Meta):
        model = get_document_model()
        fields = []


class DocumentChooserFilterMixin(forms.Form):
    """Extra fields for the chooser's filter form (the chooser builds its form from mixins)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind"), choices=[("", _("All kinds")), *CustomDocument.Kind.choices], required=False
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the file"),
            choices=[("", _("All languages")), *Language.choices],
            required=False,
        )
        self.fields["year"] = forms.ChoiceField(
            label=_("Year"), choices=[("", _("All years")), *year_choices()], required=False
        )

    def filter(self, objects):
        if kind := self.cleaned_data.get("kind"):
            objects = objects.filter(kind=kind)
        if language := self.cleaned_data.get("language"):
            objects = objects.filter(language=language)
        if year := self.cleaned_data.get("year"):
            objects = filter_year(objects, year)
        return super().filter(objects)
