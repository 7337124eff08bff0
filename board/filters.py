"""Filters of the board's admin listings."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from board.models import Meeting, MeetingStatus, Membership, RoleKind, SeatGroup, Term


def _meeting_years(request=None):
    years = Meeting.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(y, str(y)) for y in years]


class MembershipFilterSet(WagtailFilterSet):
    term = django_filters.ModelChoiceFilter(label=_("Term"), queryset=Term.objects.all())
    role = django_filters.ChoiceFilter(label=_("Role"), field_name="role__kind", choices=RoleKind.choices)
    group = django_filters.ChoiceFilter(label=_("Group"), field_name="seat__group", choices=SeatGroup.choices)

    class Meta:
        model = Membership
        fields = ["term", "role", "group"]


class MeetingFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(label=_("Year"), choices=_meeting_years, coerce=int)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)

    class Meta:
        model = Meeting
        fields = ["year", "status"]
