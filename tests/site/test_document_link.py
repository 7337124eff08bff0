"""The document link every list and meeting page shows (home/templatetags/site_tags.py)."""

from django.template import Context, Template
from django.utils import translation

from documents.factories import DocumentFactory

TAG = Template("{% load site_tags %}{% document_link document label %}")


def render(document, label=""):
    return TAG.render(Context({"document": document, "label": label}))


def test_link_shows_the_label_or_title_the_kind_and_size_escaped(db):
    document = DocumentFactory(title="Pöytäkirja <1/2026> & liitteet")
    with translation.override("fi"):
        html = render(document)
        assert html.startswith(f'<a href="{document.url}" hreflang="fi" class="document-link">')
        assert "Pöytäkirja &lt;1/2026&gt; &amp; liitteet" in html and "<1/2026>" not in html
        assert '<span class="document-link__meta">(PDF, ' in html
        assert render(document, "Esityslista").count("Esityslista") == 1


def test_no_document_no_link(db):
    assert render(None) == ""
