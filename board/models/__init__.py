from board.models.meetings import Event, Meeting, MeetingStatus
from board.models.opendata import OpenDataStamp
from board.models.pages import CalendarPage, MemberDirectoryPage, MinutesArchivePage, OpenDataPage
from board.models.people import (
    HOLDER_KINDS,
    SEAT_KINDS,
    Membership,
    Organisation,
    Person,
    Role,
    RoleKind,
    Seat,
    SeatGroup,
    Term,
)

__all__ = [
    "HOLDER_KINDS",
    "SEAT_KINDS",
    "CalendarPage",
    "Event",
    "Meeting",
    "MeetingStatus",
    "MemberDirectoryPage",
    "Membership",
    "MinutesArchivePage",
    "OpenDataPage",
    "OpenDataStamp",
    "Organisation",
    "Person",
    "Role",
    "RoleKind",
    "Seat",
    "SeatGroup",
    "Term",
]
