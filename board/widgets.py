"""The snippet chooser of the board's forms, with its texts in each request's language.

Wagtail's AdminSnippetChooser formats "Choose %(object)s" and its other texts once, when the
widget is made: with the form class, when the admin's URLs are first loaded, in whatever
language that first request had. A Swedish first visitor left "Välj person" on every Finnish
screen of the process (and an English one "Choose person"). Here they are formatted when the
widget is shown. The model may be named by string, so a model can choose among its own rows.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.widgets import BaseChooser
from wagtail.coreutils import resolve_model_string
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's own msgids (its catalogues translate them); named here, not extracted again.
CHOOSE_ONE = "Choose %(object)s"
CHOOSE_ANOTHER = "Choose another %(object)s"
EDIT_CHOSEN = "Edit this %(object)s"


class SnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        self.model_name = model
        # BaseChooser's, not AdminSnippetChooser's: that one formats the texts right away.
        BaseChooser.__init__(self, **kwargs)

    @cached_property
    def model(self):
        return resolve_model_string(self.model_name)

    def _text(self, msgid: str) -> str:
        return gettext(msgid) % {"object": self.model._meta.verbose_name}

    @property
    def choose_one_text(self) -> str:
        return self._text(CHOOSE_ONE)

    @property
    def choose_another_text(self) -> str:
        return self._text(CHOOSE_ANOTHER)

    @property
    def link_to_chosen_text(self) -> str:
        return self._text(EDIT_CHOSEN)
