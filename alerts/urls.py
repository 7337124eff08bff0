from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.functional import lazy

from alerts import views

app_name = "alerts"

PATHS = {"fi": "sahkopostitilaus/", "sv": "e-postprenumeration/", "en": "email-alerts/"}


def _route() -> str:
    return PATHS.get(translation.get_language() or settings.LANGUAGE_CODE, "email-alerts/")


# Resolved and reversed per active language, like the search page's address.
route = lazy(_route, str)()

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
