"""Open data URLs under /opendata/ (namespace `opendata`); the entry points for the open data page."""

from __future__ import annotations

from django.urls import path

from board.opendata import views

app_name = "opendata"

OPARL = "oparl/v1.1/"

urlpatterns = [
    path(OPARL, views.system, name="oparl_system"),
    path(f"{OPARL}bodies/", views.bodies, name="oparl_bodies"),
    path(f"{OPARL}body/", views.body, name="oparl_body"),
    path(f"{OPARL}legislative-terms/", views.terms, name="oparl_terms"),
    path(f"{OPARL}legislative-terms/<int:pk>/", views.term, name="oparl_term"),
    path(f"{OPARL}organizations/", views.organizations, name="oparl_organizations"),
    path(f"{OPARL}organizations/board/", views.organization_board, name="oparl_organization_board"),
    path(
        f"{OPARL}organizations/group/<str:group>/", views.organization_group, name="oparl_organization_group"
    ),
    path(f"{OPARL}organizations/<int:pk>/", views.represented, name="oparl_represented"),
    path(f"{OPARL}people/", views.people, name="oparl_people"),
    path(f"{OPARL}people/<int:pk>/", views.person, name="oparl_person"),
    path(f"{OPARL}memberships/", views.memberships, name="oparl_memberships"),
    path(f"{OPARL}memberships/<int:pk>/", views.membership, name="oparl_membership"),
    path(f"{OPARL}meetings/", views.meetings, name="oparl_meetings"),
    path(f"{OPARL}meetings/<int:pk>/", views.meeting, name="oparl_meeting"),
    path(f"{OPARL}meetings/<int:pk>/location/", views.location, name="oparl_location"),
    path(f"{OPARL}files/", views.files, name="oparl_files"),
    path(f"{OPARL}files/<int:pk>/", views.file, name="oparl_file"),
    path(f"{OPARL}papers/", views.papers, name="oparl_papers"),
    path("popolo/", views.popolo_export, name="popolo"),
]
