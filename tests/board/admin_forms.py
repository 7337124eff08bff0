"""Fill in a real Wagtail admin form the way a browser would: read its fields, change some, post."""

from lxml import html as lxml_html
from wagtail.users.models import UserProfile


def use_english(user) -> None:
    """Admin messages in English, whatever translations are compiled."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def form_values(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    forms = [f for f in doc.forms if f.get("method", "").lower() == "post" and f.inputs.keys()]
    form = max(forms, key=lambda f: len(f.inputs.keys()))
    values = dict(form.form_values())
    # StreamFields are drawn by JavaScript; an empty one posts a zero count.
    for name in list(values):
        if name.endswith("-count") and values[name] == "":
            values[name] = "0"
    return values


def error_text(response) -> str:
    """Every error message on an admin form page, as one string."""
    doc = lxml_html.fromstring(response.content.decode())
    parts = doc.xpath(
        '//*[contains(@class,"error-message") or contains(@class,"help-critical") '
        'or contains(@class,"w-field__errors") or contains(@class,"messages")]//text()'
    )
    return " ".join(" ".join(parts).split())
