from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")
    # Which models change what visitors see (content version, cms/public_output.py).
    public_output = {"CustomDocument": True}
