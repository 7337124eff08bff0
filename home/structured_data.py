"""schema.org JSON-LD: the board as a GovernmentOrganization, and how any JSON-LD is put in a page.

The data are built as Python dicts and serialised with json.dumps, never by templating
strings; `<`, `>` and `&` are escaped as in Django's json_script, so a value cannot end the
<script> element. A `type="application/ld+json"` element is data: browsers do not run it, so
it needs no exception in the strict Content-Security-Policy (cms/security/csp.py).
"""

import json
import re

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from home.models import FooterSettings

SCHEMA = "https://schema.org"
# As django.utils.html.json_script escapes them.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The last line of a Finnish postal address: "00099 Helsingin kaupunki", "FI-00099 City of Helsinki".
_POSTAL_LINE = re.compile(r"^(?:FI-)?(?P<code>\d{5})\s+(?P<locality>.+)$")


def json_ld_script(data: dict | list) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def organisation_id(home_url: str) -> str:
    """The board's node id, so that events can name it as their organiser."""
    return f"{home_url}#organization"


def postal_address(text: str) -> dict | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "FI"}
    match = _POSTAL_LINE.match(lines[-1])
    if match:
        address["postalCode"] = match["code"]
        address["addressLocality"] = match["locality"]
        lines = lines[:-1]
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return address


def organisation(footer: FooterSettings | None, home_url: str, language_code: str) -> dict:
    """The board, part of the City of Helsinki, with the address and contact of the footer settings."""
    name = footer.organisation if footer is not None else _("Volunteer Work Advisory Board")
    data = {
        "@context": SCHEMA,
        "@type": "GovernmentOrganization",
        "@id": organisation_id(home_url),
        "name": name,
        "url": home_url,
        # The City Board founded it in 1986 (the page this site replaces, shared/seed/).
        "foundingDate": "1986",
        "parentOrganization": {"@type": "GovernmentOrganization", "name": _("City of Helsinki")},
    }
    if footer is None:
        return data
    address = postal_address(footer.address)
    if address:
        data["address"] = address
    contact = {"@type": "ContactPoint"}
    if footer.contact_text:
        contact["description"] = footer.contact_text
    if footer.email:
        contact["email"] = footer.email
        data["email"] = footer.email
    if footer.phone:
        contact["telephone"] = footer.phone
        data["telephone"] = footer.phone
    if footer.email or footer.phone:
        contact["availableLanguage"] = [code for code, _name in settings.LANGUAGES]
        data["contactPoint"] = contact
    return data
