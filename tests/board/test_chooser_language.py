"""The membership form's choosers speak the language of each request (board/widgets.py), not
the language of the request that happened to build the form class."""

import pytest
from django.utils import translation

from board.models import Membership


@pytest.mark.parametrize(
    ("built_in", "shown_in", "text"), [("sv", "fi", "Valitse henkilö"), ("fi", "sv", "Välj person")]
)
def test_person_chooser_text_follows_the_request(db, built_in, shown_in, text):
    with translation.override(built_in):
        form_class = Membership.snippet_viewset.get_edit_handler().get_form_class()
        widget = form_class.base_fields["person"].widget
    with translation.override(shown_in):
        html = widget.render("person", None, {"id": "id_person"})
    assert text in html


def test_deputy_chooser_chooses_memberships(db):
    form_class = Membership.snippet_viewset.get_edit_handler().get_form_class()
    widget = form_class.base_fields["deputy_of"].widget
    with translation.override("fi"):
        assert "Valitse jäsenyys" in widget.render("deputy_of", None, {"id": "id_deputy_of"})
    assert widget.model is Membership
