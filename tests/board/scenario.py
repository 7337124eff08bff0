"""A small but complete board: leaders, seats, deputies, a replacement, a holdover, officers."""

import datetime

from django.utils import timezone

from board import factories as f
from board.models import RoleKind, SeatGroup


def build_board(roles, seats, terms) -> dict:
    cur, prev = terms["current"], terms["previous"]
    mid = cur.start_date + datetime.timedelta(days=180)
    E, A, Org = (seats[g] for g in (SeatGroup.ELECTED, SeatGroup.AGENCIES, SeatGroup.ORGANISATIONS))
    people = {
        "chair": f.PersonFactory(
            first_name="Aino", last_name="Puheenjohtaja", email_public=True, phone_public=True
        ),
        "vice": f.PersonFactory(first_name="Veikko", last_name="Varapuheenjohtaja", email_public=True),
        "secret": f.PersonFactory(first_name="Salla", last_name="Salainen"),  # no consent at all
        "deputy": f.PersonFactory(first_name="Dora", last_name="Varajäsen", email_public=True),
        "leaver": f.PersonFactory(
            first_name="Lauri", last_name="Lähtijä", email_public=True, phone_public=True
        ),
        "successor": f.PersonFactory(first_name="Seppo", last_name="Seuraaja", phone_public=True),
        "holdover": f.PersonFactory(first_name="Hilkka", last_name="Jatkaja", email_public=True),
        "former": f.PersonFactory(
            first_name="Eero", last_name="Entinen", email_public=True, phone_public=True
        ),
        "secretary": f.PersonFactory(first_name="Sirpa", last_name="Sihteeri", email_public=True),
        "expert": f.PersonFactory(first_name="Asko", last_name="Asiantuntija"),
    }
    m = {}
    m["chair"] = f.MembershipFactory(
        person=people["chair"],
        role=roles[RoleKind.CHAIR],
        seat=E[0],
        term=cur,
        organisation=f.OrganisationFactory(name="Kaupunginvaltuusto"),
    )
    m["deputy"] = f.MembershipFactory(
        person=people["deputy"], role=roles[RoleKind.DEPUTY], seat=E[0], term=cur, deputy_of=m["chair"]
    )
    m["vice"] = f.MembershipFactory(
        person=people["vice"],
        role=roles[RoleKind.VICE_CHAIR],
        seat=Org[0],
        term=cur,
        organisation=f.OrganisationFactory(name="Suomen Punainen Risti"),
    )
    m["secret"] = f.MembershipFactory(
        person=people["secret"], role=roles[RoleKind.MEMBER], seat=E[1], term=cur
    )
    m["leaver"] = f.MembershipFactory(
        person=people["leaver"], role=roles[RoleKind.MEMBER], seat=A[0], term=cur, end_date=mid
    )
    m["successor"] = f.MembershipFactory(
        person=people["successor"],
        role=roles[RoleKind.MEMBER],
        seat=A[0],
        term=cur,
        start_date=mid + datetime.timedelta(days=1),
    )
    # Appointed for the previous term without an end date and no successor yet: serves on.
    m["holdover"] = f.MembershipFactory(
        person=people["holdover"], role=roles[RoleKind.MEMBER], seat=Org[1], term=prev
    )
    # Served the previous term only; a successor sits in the seat now.
    m["former"] = f.MembershipFactory(
        person=people["former"], role=roles[RoleKind.MEMBER], seat=A[1], term=prev, end_date=prev.end_date
    )
    m["a1_now"] = f.MembershipFactory(role=roles[RoleKind.MEMBER], seat=A[1], term=cur)
    m["secretary"] = f.MembershipFactory(
        person=people["secretary"], role=roles[RoleKind.SECRETARY], seat=None, term=cur
    )
    m["expert"] = f.MembershipFactory(
        person=people["expert"], role=roles[RoleKind.EXPERT], seat=None, term=cur
    )
    return {"people": people, "memberships": m, "mid": mid}


def members_for_retention(*, public_contacts: bool = False) -> dict:
    """Three members for the contact-detail retention rule (purge_contact_details): one
    whose membership ended years ago, one serving, one who left a month ago. With
    `public_contacts` the first two consented to publishing their contact details."""
    today = timezone.localdate()
    old_term = f.TermFactory(
        start_date=datetime.date(today.year - 6, 1, 1), end_date=datetime.date(today.year - 5, 12, 31)
    )
    recent_term = f.TermFactory(
        start_date=today - datetime.timedelta(days=400), end_date=today + datetime.timedelta(days=300)
    )
    member = f.RoleFactory(kind=RoleKind.MEMBER)
    long_gone = f.PersonFactory(
        first_name="Anna", last_name="Vanha", email_public=public_contacts, phone_public=public_contacts
    )
    f.MembershipFactory(person=long_gone, term=old_term, role=member, end_date=old_term.end_date)
    serving = f.PersonFactory(first_name="Bertta", last_name="Nykyinen", email_public=public_contacts)
    f.MembershipFactory(person=serving, term=recent_term, role=member)
    just_left = f.PersonFactory(first_name="Cecilia", last_name="Äskettäin")
    f.MembershipFactory(
        person=just_left, term=recent_term, role=member, end_date=today - datetime.timedelta(days=30)
    )
    return {"long_gone": long_gone, "serving": serving, "just_left": just_left}
