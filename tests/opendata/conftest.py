"""Fixtures for the open data tests: the API tests' board (tests/api/conftest.py), a Swedish
version of its agenda, and the official schemas."""

from __future__ import annotations

import pytest

from tests.api.conftest import api, board, make_meetings, pdf, private_pdf  # noqa: F401
from tests.opendata.schemas import Schemas, find_schemas

ENTRY = "/opendata/oparl/v1.1/"
POPOLO = "/opendata/popolo/"


@pytest.fixture
def opendata(board, translate, private_pdf):  # noqa: F811 (fixtures imported above)
    """The board with a Swedish agenda and a Swedish name for one represented organisation."""
    from board import factories as bf
    from board.models import Membership, RoleKind
    from documents.extraction import reanalyse_document

    sv_agenda = translate(board["agenda"], "sv", {"Esityslista 1/2025": "Föredragningslista 1/2025"})
    organisation = bf.OrganisationFactory(name="Kulttuurin ja vapaa-ajan toimiala")
    translate(organisation, "sv", {"Kulttuurin ja vapaa-ajan toimiala": "Kultur- och fritidssektorn"})
    chair = Membership.objects.get(person=board["consenting"], role__kind=RoleKind.CHAIR)
    chair.organisation = organisation
    chair.save()
    for document in (board["agenda"], board["minutes"]):
        reanalyse_document(document)  # what the upload's background task does: the text read
    return {**board, "sv_agenda": sv_agenda, "organisation": organisation}


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    found = find_schemas()
    if found is None:
        # Only when the schemas are truly absent (no ../shared beside the checkout, no
        # OPENDATA_SCHEMAS): the rest of the open data tests still run.
        pytest.skip("the official JSON Schemas (../shared/schemas/) are not beside this checkout")
    return Schemas(found)
