from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts import tokens
from alerts.models import ALERT_LANGUAGES, Kind


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the messages"), choices=ALERT_LANGUAGES, widget=forms.RadioSelect
    )
    kinds = forms.MultipleChoiceField(
        label=_("Send me"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of news.")},
    )
    # Signed and dated by the server instead of a CSRF cookie (alerts/views.py).
    form_token = forms.CharField(widget=forms.HiddenInput)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_form_token(self) -> str:
        token = self.cleaned_data["form_token"]
        if not tokens.form_token_valid(token):
            raise forms.ValidationError(_("The form has expired. Please fill it in again."))
        return token
