"""The admin's sign-in form, with every label translated."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's form gives its password field no label, so Django names it after the field
    ("Password"), a text no catalogue translates: the Finnish and Swedish sign-in page showed
    it in English. WAGTAILADMIN_USER_LOGIN_FORM points here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
