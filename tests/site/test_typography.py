"""E-mail addresses that wrap only at sensible points on phones (issue 14, item 8): the
`breakable_email` filter, and every template that shows an address using it. The browser
test (tests/site/test_phones.py) measures where they break."""

import pytest
from django.template import Context, Template

from cms.templatetags.typography import breakable_email
from tests.site.conftest import parse


@pytest.mark.parametrize(
    ("value", "html"),
    [
        ("aino.esimerkki@example.invalid", "aino<wbr>.esimerkki@<wbr>example<wbr>.invalid"),
        ("sihteeri@hel.fi", "sihteeri@<wbr>hel<wbr>.fi"),
        ('"a&b"<x>@example.invalid', "&quot;a&amp;b&quot;&lt;x&gt;@<wbr>example<wbr>.invalid"),
        ("not.an.address", "not<wbr>.an<wbr>.address"),
        ("", ""),
        (None, ""),
    ],
)
def test_breakable_email_breaks_after_the_at_sign_and_before_dots_and_escapes_the_rest(value, html):
    assert breakable_email(value) == html


def test_the_filter_is_safe_in_a_template_and_the_text_stays_the_address():
    rendered = Template("{% load typography %}{{ email|breakable_email }}").render(
        Context({"email": "a.b@<script>.fi"})
    )
    assert rendered == "a<wbr>.b@<wbr>&lt;script&gt;<wbr>.fi"


@pytest.mark.parametrize("url", ["/fi/jasenet/", "/sv/medlemmar/", "/fi/saavutettavuusseloste/", "/sv/"])
def test_every_shown_address_breaks_after_the_at_sign_and_reads_as_the_address(client, demo, url):
    doc = parse(client.get(url))
    # Addresses, not the share link's "mailto:?subject=…".
    links = doc.xpath("//a[starts-with(@href, 'mailto:') and not(starts-with(@href, 'mailto:?'))]")
    assert links
    for link in links:
        address = link.get("href").removeprefix("mailto:")
        assert link.text_content() == address  # <wbr> adds no character
        assert link.xpath("count(.//wbr)") == address.count(".") + 1, address
