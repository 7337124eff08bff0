"""Who sits on the board: terms, seats, roles, people and their memberships."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from board.widgets import SnippetChooser
from cms import visibility

# Seats are chosen among the rows of the source (Finnish) locale; templates show their translation.
SOURCE_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


class Term(models.Model):
    """A two-year term (toimikausi) for which the City Board appoints the members."""

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [models.UniqueConstraint(fields=["start_date"], name="board_term_unique_start")]

    def __str__(self) -> str:
        if self.start_date and self.end_date:
            return f"{self.start_date.year}–{self.end_date.year}"
        return str(_("New term"))

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("A term must end after it starts.")})


class SeatGroup(models.TextChoices):
    # Fixed by the City Board's decision, so interface strings rather than content.
    ELECTED = "elected", _("Elected officials")
    AGENCIES = "agencies", _("City agencies")
    ORGANISATIONS = "organisations", _("Volunteer organisation sectors")


class Seat(TranslatableMixin, models.Model):
    """One of the board's 21 seats and the agency or sector it represents."""

    group = models.CharField(_("group"), max_length=20, choices=SeatGroup.choices)
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Order of the seat within its group."))
    name = models.CharField(
        _("represents"),
        max_length=200,
        help_text=_("The city agency or the sector of volunteer organisations the seat represents."),
    )

    panels = [FieldPanel("group"), FieldPanel("number"), FieldPanel("name")]
    override_translatable_fields = [
        SynchronizedField("group", overridable=False),
        SynchronizedField("number", overridable=False),
        TranslatableField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["group", "number"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.number}: {self.name}"

    @property
    def group_order(self) -> int:
        return list(SeatGroup.values).index(self.group)


class RoleKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Personal deputy")
    SECRETARY = "secretary", _("Secretary")
    EXPERT = "expert", _("Permanent expert")


# Roles that hold a seat (the chair and vice chair are members of a seat too).
HOLDER_KINDS = (RoleKind.CHAIR, RoleKind.VICE_CHAIR, RoleKind.MEMBER)
SEAT_KINDS = (*HOLDER_KINDS, RoleKind.DEPUTY)


class Role(TranslatableMixin, models.Model):
    """A role on the board. The kind drives the rules; the name is translatable content."""

    kind = models.CharField(_("kind"), max_length=20, choices=RoleKind.choices)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("sort_order")]
    override_translatable_fields = [
        SynchronizedField("kind", overridable=False),
        SynchronizedField("sort_order", overridable=False),
        TranslatableField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["kind", "locale"], name="board_role_unique_kind")]

    def __str__(self) -> str:
        return self.name


class Organisation(TranslatableMixin, models.Model):
    """An agency, party or organisation members come from. Its name is translatable content,
    shown in the visitor's language (an association without a Swedish name keeps its own)."""

    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name")]
    override_translatable_fields = [TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def public(self) -> PersonQuerySet:
        """People the public may see by name: those with a membership (the directory's terms)."""
        return self.filter(pk__in=Membership.objects.values("person_id"))

    def with_serving(self, on: datetime.date | None = None) -> PersonQuerySet:
        """Annotate `serving`: whether the person holds a current membership (for contact details)."""
        current = Membership.objects.current(on).filter(person=OuterRef("pk"))
        return self.annotate(serving=Exists(current))


class Person(index.Indexed, models.Model):
    """A member, deputy, secretary or expert. Names are not translated.

    Contact details are published only with the person's consent, per field, and only
    while the person serves: `public_email` / `public_phone` are the one rule used by
    every public output. Not revisioned, so erasing details leaves no old copies.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    email_public = models.BooleanField(
        _("email may be published"), default=False, help_text=_("The person has consented.")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_public = models.BooleanField(
        _("phone may be published"), default=False, help_text=_("The person has consented.")
    )

    objects = PersonQuerySet.as_manager()

    # Only the names: contact details are never searched (search shows what the directory shows).
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.FilterField("id"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("email_public"),
                FieldPanel("phone"),
                FieldPanel("phone_public"),
            ],
            heading=_("Contact details"),
        ),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_serving(self) -> bool:
        # Set by PersonQuerySet.with_serving() or board.contact.prime_serving(); else one query.
        if "serving" not in self.__dict__:
            self.serving = Membership.objects.current().filter(person=self).exists()
        return self.serving

    @property
    def public_email(self) -> str | None:
        return visibility.public_contact(self, "email")

    @property
    def public_phone(self) -> str | None:
        return visibility.public_contact(self, "phone")


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships in force on `on` (today).

        An empty end date means "until a successor is appointed": a seat's member or deputy
        serves on, even past the term, until someone later starts in the same position.
        A secretary or expert without an end date serves until the term ends.
        """
        on = on or timezone.localdate()
        later = Membership.objects.filter(
            seat=OuterRef("seat"), start_date__gt=OuterRef("start_date"), start_date__lte=on
        )
        holder_succeeded = Exists(later.filter(role__kind__in=HOLDER_KINDS))
        deputy_succeeded = Exists(later.filter(role__kind=RoleKind.DEPUTY))
        open_ended = Q(end_date__isnull=True) & (
            Q(seat__isnull=True, term__end_date__gte=on)
            | Q(seat__isnull=False, role__kind__in=HOLDER_KINDS) & ~holder_succeeded
            | Q(seat__isnull=False, role__kind=RoleKind.DEPUTY) & ~deputy_succeeded
        )
        return self.filter(Q(start_date__lte=on) & (Q(end_date__gte=on) | open_ended))


class Membership(models.Model):
    """A person's appointment to a role (and seat) for a term."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("term")
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("role"),
        limit_choices_to=SOURCE_LOCALE,
    )
    seat = models.ForeignKey(
        Seat,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("seat"),
        limit_choices_to=SOURCE_LOCALE,
        help_text=_("Required for members, the chair, the vice chair and deputies."),
    )
    deputy_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("deputy of"),
        help_text=_("For a personal deputy: the member's membership."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("represented organisation"),
        limit_choices_to=SOURCE_LOCALE,
        help_text=_("The agency, party or organisation the person comes from."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty: the person serves until a successor is appointed."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    diary_number = models.CharField(
        _("diary number"), max_length=50, blank=True, help_text=_("For example HEL 2025-001234.")
    )
    decision_section = models.CharField(
        _("section (§)"), max_length=20, blank=True, help_text=_("For example § 123.")
    )

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldPanel("person", widget=SnippetChooser("board.Person")),
        # Short lists of source-language rows: plain selects rather than choosers.
        FieldRowPanel([FieldPanel("term", widget=forms.Select), FieldPanel("role", widget=forms.Select)]),
        FieldPanel("seat", widget=forms.Select),
        FieldPanel("deputy_of", widget=SnippetChooser("board.Membership")),
        FieldPanel("organisation", widget=forms.Select),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [FieldPanel("decision_date"), FieldPanel("diary_number"), FieldPanel("decision_section")],
            heading=_("Appointing decision"),
        ),
    ]

    class Meta:
        ordering = ["-term__start_date", "role__sort_order", "seat__group", "seat__number", "start_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        parts = [
            str(self.person) if self.person_id else "",
            self.role.name if self.role_id else "",
            self.seat.name if self.seat_id else "",
        ]
        label = ", ".join(p for p in parts if p)
        return f"{label} ({self.term})" if self.term_id else label

    @property
    def is_deputy(self) -> bool:
        return self.role.kind == RoleKind.DEPUTY

    @property
    def decision(self) -> str:
        return " ".join(p for p in (self.diary_number, self.decision_section) if p)

    def _overlapping(self) -> MembershipQuerySet:
        """Other memberships of the same term whose period overlaps this one's."""
        qs = Membership.objects.filter(term_id=self.term_id).exclude(pk=self.pk)
        if self.end_date:
            qs = qs.filter(start_date__lte=self.end_date)
        return qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A membership cannot end before it starts.")})
        if not (self.role_id and self.term_id and self.start_date):
            return
        kind = self.role.kind
        if kind in SEAT_KINDS and not self.seat_id:
            raise ValidationError({"seat": _("Choose the seat for a member, chair, vice chair or deputy.")})
        if self.start_date < self.term.start_date or self.start_date > self.term.end_date:
            raise ValidationError(
                {
                    "start_date": _("The membership must start within its term (%(term)s).")
                    % {"term": self.term}
                }
            )
        overlapping = self._overlapping().select_related("person")
        if kind in (RoleKind.CHAIR, RoleKind.VICE_CHAIR):
            other = overlapping.filter(role__kind=kind).first()
            if other:
                message = (
                    _("The term already has a chair for this period: %(name)s.")
                    if kind == RoleKind.CHAIR
                    else _("The term already has a vice chair for this period: %(name)s.")
                )
                raise ValidationError({"role": message % {"name": other.person}})
        if kind in HOLDER_KINDS:
            other = overlapping.filter(seat_id=self.seat_id, role__kind__in=HOLDER_KINDS).first()
            if other:
                raise ValidationError(
                    {
                        "seat": _("The seat already has a member for this period: %(name)s.")
                        % {"name": other.person}
                    }
                )
        if kind == RoleKind.DEPUTY:
            members = overlapping.filter(seat_id=self.seat_id, role__kind__in=HOLDER_KINDS)
            if not members.exists():
                raise ValidationError(
                    {
                        "seat": _(
                            "The seat has no member in this term for this period: appoint the member first."
                        )
                    }
                )
            other = overlapping.filter(seat_id=self.seat_id, role__kind=RoleKind.DEPUTY).first()
            if other:
                raise ValidationError(
                    {
                        "seat": _("The seat already has a deputy for this period: %(name)s.")
                        % {"name": other.person}
                    }
                )
            if self.deputy_of_id and not members.filter(pk=self.deputy_of_id).exists():
                raise ValidationError({"deputy_of": _("Choose a member of the same seat, term and period.")})
        elif self.deputy_of_id:
            raise ValidationError({"deputy_of": _("Only a personal deputy can be the deputy of a member.")})
