"""The one rule for which file a language links and what language it is in
(documents/languages.py), used by the pages, the feeds and the API."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cms.locales import locales_by_code
from documents.factories import DocumentFactory
from documents.languages import choose_file, choose_files, choose_files_by_id, language_note
from documents.models import CustomDocument


def _swedish_file(document, translate):
    """A Swedish version with a Swedish file, as Documents → Add a version makes it."""
    version = translate(document, "sv", {document.title: f"SV {document.title}"})
    version.language = "sv"
    version.save()
    return version


def test_the_version_in_the_wanted_language_is_chosen_else_the_document(translated_home, translate):
    with_file = DocumentFactory(title="Esityslista 1/2025")
    sv_file = _swedish_file(with_file, translate)
    title_only = DocumentFactory(title="Pöytäkirja 1/2025")
    sv_title = translate(title_only, "sv", {"Pöytäkirja 1/2025": "Protokoll 1/2025"})  # the Finnish file
    finnish_only = DocumentFactory(title="Liite 1/2025")

    chosen = choose_files([with_file, title_only, finnish_only], "sv")
    assert chosen == {with_file.pk: sv_file, title_only.pk: sv_title, finnish_only.pk: finnish_only}
    assert [d.language for d in chosen.values()] == ["sv", "fi", "fi"]
    # Back to Finnish from a Swedish version; a language without versions keeps the document.
    assert choose_file(sv_file, "fi") == with_file
    assert choose_file(with_file, "en") == with_file

    with translation.override("sv"):
        assert language_note(sv_title, "sv") == "på finska"
        assert language_note(sv_file, "sv") == ""


def test_one_query_for_a_list_and_none_when_chosen_before(translated_home, translate):
    documents = [DocumentFactory() for _ in range(5)]
    _swedish_file(documents[0], translate)
    documents = list(CustomDocument.objects.filter(pk__in=[d.pk for d in documents]))
    locales_by_code()  # cached per content version, as on every page
    with CaptureQueriesContext(connection) as queries:
        chosen = choose_files(documents, "sv")
    assert len(queries) == 1, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        assert [choose_file(d, "sv") for d in chosen.values()] == list(chosen.values())
    assert len(queries) == 0


def test_the_api_choice_reads_ids_and_versions_in_one_query_within_the_public_ones(
    translated_home,
    translate,
):
    agenda = DocumentFactory(title="Esityslista 2/2025")
    sv_agenda = _swedish_file(agenda, translate)
    minutes = DocumentFactory(title="Pöytäkirja 2/2025")
    public = CustomDocument.objects.all()
    locales_by_code()
    with CaptureQueriesContext(connection) as queries:
        chosen = choose_files_by_id({agenda.pk, minutes.pk}, "sv", public)
    assert len(queries) == 1
    assert chosen == {agenda.pk: sv_agenda, minutes.pk: minutes}
    # A version outside the public ones is never given out: the document itself is.
    assert choose_files_by_id({agenda.pk}, "sv", public.exclude(pk=sv_agenda.pk)) == {agenda.pk: agenda}
    # The HTML rule and the API rule agree.
    assert choose_files([agenda, minutes], "sv") == chosen
