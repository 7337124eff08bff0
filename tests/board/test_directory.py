"""The member directory: seats by group, leaders first, deputies, former members, past terms, consent."""

import pytest
from django.utils import translation
from lxml import html as lxml_html

from board.models import Membership, SeatGroup
from tests.board.scenario import build_board


def doc(response):
    return lxml_html.fromstring(response.content.decode())


def fi(message: str) -> str:
    """An interface string as the Finnish page shows it (translated once locale/ has it)."""
    with translation.override("fi"):
        return translation.gettext(message)


def text(node) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture
def board(board_pages, roles, seats, terms):
    return build_board(roles, seats, terms)


def test_directory_lists_groups_in_order_with_member_deputy_and_organisation(client, board):
    page = doc(client.get("/fi/jasenet/"))
    board_headings = (
        "//main//h2[@id='leaders-heading' or starts-with(@id,'group-') "
        "or @id='officers-heading' or @id='former-heading']"
    )
    headings = [text(h) for h in page.xpath(board_headings)]
    with translation.override("fi"):
        labels = [str(label) for _value, label in SeatGroup.choices]
    assert headings == [
        fi("Chair and vice chair"),
        *labels,
        fi("Secretary and permanent experts"),
        fi("Former members of the term"),
    ]
    elected = page.xpath('//section[@aria-labelledby="group-elected"]//tbody/tr')
    first = text(elected[0])
    assert "Aino Puheenjohtaja" in first and "Kaupunginvaltuusto" in first and "Dora Varajäsen" in first
    assert page.xpath('//section[@aria-labelledby="group-elected"]//table/caption')
    assert page.xpath('//section[@aria-labelledby="group-elected"]//th[@scope="col"]')


def test_chair_and_vice_chair_come_first(client, board):
    page = doc(client.get("/fi/jasenet/"))
    first_section = page.xpath("//main//section")[0]
    items = [text(li) for li in first_section.xpath(".//li[not(ancestor::ul[@class='person__contact'])]")]
    assert items[0].startswith("Puheenjohtaja: Aino Puheenjohtaja")
    assert items[1].startswith("Varapuheenjohtaja: Veikko Varapuheenjohtaja")


def test_mid_term_replacement_sits_and_the_leaver_is_listed_as_former(client, board):
    page = doc(client.get("/fi/jasenet/"))
    agencies = text(page.xpath('//section[@aria-labelledby="group-agencies"]')[0])
    assert "Seppo Seuraaja" in agencies
    assert "Lauri Lähtijä" not in agencies
    former = text(page.xpath('//section[@aria-labelledby="former-heading"]')[0])
    assert "Lauri Lähtijä" in former


def test_member_without_successor_stays_in_the_seat_after_the_term(client, board):
    page = doc(client.get("/fi/jasenet/"))
    organisations = text(page.xpath('//section[@aria-labelledby="group-organisations"]')[0])
    assert "Hilkka Jatkaja" in organisations
    assert fi("continues until a successor is appointed") in organisations
    assert Membership.objects.current().filter(pk=board["memberships"]["holdover"].pk).exists()


def test_officers_are_listed_without_seats(client, board):
    page = doc(client.get("/fi/jasenet/"))
    officers = text(page.xpath('//section[@aria-labelledby="officers-heading"]')[0])
    assert "Sihteeri: Sirpa Sihteeri" in officers
    assert "Pysyvä asiantuntija: Asko Asiantuntija" in officers


def test_term_selector_shows_a_past_term(client, board, terms):
    page = doc(client.get("/fi/jasenet/"))
    options = page.xpath('//select[@name="term"]/option')
    assert {o.get("value") for o in options} == {str(terms["current"].pk), str(terms["previous"].pk)}
    assert page.xpath('//label[@for="term-select"]')
    past = doc(client.get(f"/fi/jasenet/?term={terms['previous'].pk}"))
    agencies = text(past.xpath('//section[@aria-labelledby="group-agencies"]')[0])
    assert "Eero Entinen" in agencies
    assert "Seppo Seuraaja" not in agencies
    selected = past.xpath('//select[@name="term"]/option[@selected]')
    assert [o.get("value") for o in selected] == [str(terms["previous"].pk)]


@pytest.mark.parametrize("bad", ["abc", "999999", "1 OR 1=1"])
def test_unknown_term_is_a_404(client, board, bad):
    assert client.get("/fi/jasenet/", {"term": bad}).status_code == 404


def test_consented_contact_details_of_serving_people_are_shown(client, board):
    body = client.get("/fi/jasenet/").content.decode()
    people = board["people"]
    assert f'href="mailto:{people["chair"].email}"' in body
    assert people["chair"].phone in body
    assert people["holdover"].email in body  # still serving after the term
    assert people["successor"].phone in body
    assert people["secretary"].email in body


def test_unconsented_or_ended_contact_details_appear_nowhere(client, board, terms):
    people = board["people"]
    hidden = [
        people["secret"].email,
        people["secret"].phone,
        people["vice"].phone,  # consented to email only
        people["deputy"].phone,
        people["successor"].email,  # consented to phone only
        people["expert"].email,
        people["leaver"].email,  # left mid-term, consent no longer applies
        people["leaver"].phone,
        people["former"].email,  # all memberships ended
        people["former"].phone,
    ]
    for url in ("/fi/jasenet/", f"/fi/jasenet/?term={terms['previous'].pk}"):
        body = client.get(url).content.decode()
        for value in hidden:
            assert value not in body, (url, value)
    # The former member is still listed by name in the past term, just without contact details.
    assert "Eero Entinen" in client.get(f"/fi/jasenet/?term={terms['previous'].pk}").content.decode()


def test_public_contact_helpers_follow_consent_and_service(board):
    people = board["people"]
    assert people["chair"].public_email == people["chair"].email
    assert people["vice"].public_phone is None
    assert people["former"].public_email is None
    assert people["leaver"].public_phone is None
    from board.models import Person

    flags = dict(Person.objects.with_serving().values_list("last_name", "serving"))
    assert flags["Entinen"] is False and flags["Jatkaja"] is True and flags["Lähtijä"] is False
