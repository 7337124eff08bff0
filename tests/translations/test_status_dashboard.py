"""The translation status dashboard: every page, snippet and document × locale, translated %,
missing / outdated / not published / up to date, filters, a count on the admin home page,
and a query count that does not grow with the number of objects."""

import pytest
from django.urls import reverse
from lxml import html
from wagtail.models import Locale

from tests.translations.conftest import add_child_page
from translations import status

NEW_LEAD = "Vapaaehtoistoiminta on yhteistä hyvinvointia"


def _rows(response):
    doc = html.fromstring(response.content.decode())
    return [
        {
            "title": tr.xpath("string(td[1])").strip(),
            "kind": tr.get("data-kind"),
            "locale": tr.get("data-locale"),
            "state": tr.get("data-state"),
            "percent": tr.xpath("string(td[4])").strip(),
            "action": (tr.xpath("td[6]//a/@href") or [None])[0],
        }
        for tr in doc.xpath('//table[contains(@class,"translation-status")]/tbody/tr[@data-state]')
    ]


def _row(rows, title, locale):
    found = [r for r in rows if r["title"] == title and r["locale"] == locale]
    assert len(found) == 1, (title, locale, rows)
    return found[0]


def _status_url(**params):
    from urllib.parse import urlencode

    return reverse("translations_status") + ("?" + urlencode(params) if params else "")


def test_translated_home_is_up_to_date_in_both_languages(admin_client_fi, translated_home):
    rows = _rows(admin_client_fi.get(_status_url(type="page")))
    for code in ("sv", "en"):
        row = _row(rows, translated_home["fi"].title, code)
        assert row["state"] == status.UP_TO_DATE and row["percent"] == "100 %"
        assert row["action"] == f"/admin/pages/{translated_home[code].pk}/edit/"


def test_page_without_translation_is_missing_with_a_translate_link(admin_client_fi, translated_home):
    page = add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    rows = _rows(admin_client_fi.get(_status_url()))
    row = _row(rows, "Tietoa yhdistyksille", "sv")
    assert row["state"] == status.MISSING
    assert row["action"] == reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_source_changed_after_translation_is_outdated_before_and_after_sync(admin_client_fi, translated_home):
    fi = translated_home["fi"]
    fi.lead = NEW_LEAD
    fi.save_revision().publish()
    # Changed after the last sync: outdated although every known string is translated.
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), fi.title, "sv")
    assert row["state"] == status.OUTDATED and row["percent"] == "100 %"
    # After the sync the new string is untranslated: still outdated, and the % shows it.
    from wagtail_localize.models import TranslationSource

    TranslationSource.objects.get(object_id=fi.translation_key, locale=fi.locale).update_from_db()
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), fi.title, "sv")
    assert row["state"] == status.OUTDATED
    assert row["percent"] == f"{int(100 * 9 / 10)} %"


def test_translation_not_yet_published_is_reported(admin_client_fi, translated_home):
    translated_home["en"].unpublish()
    rows = _rows(admin_client_fi.get(_status_url()))
    assert _row(rows, translated_home["fi"].title, "en")["state"] == status.UNPUBLISHED
    assert _row(rows, translated_home["fi"].title, "sv")["state"] == status.UP_TO_DATE


def test_snippet_changed_after_translation_is_outdated(admin_client_fi, translated_home, translate):
    from board.factories import SeatFactory

    seat = SeatFactory.create(name="Sosiaali- ja terveysala")
    translate(seat, "sv", {"Sosiaali- ja terveysala": "Social- och hälsovård"})
    assert _row(_rows(admin_client_fi.get(_status_url(type="board.seat"))), str(seat), "sv")["state"] == (
        status.UP_TO_DATE
    )
    assert _row(_rows(admin_client_fi.get(_status_url(type="board.seat"))), str(seat), "en")["state"] == (
        status.MISSING
    )
    seat.name = "Sosiaali- ja terveysjärjestöt"
    seat.save()
    row = _row(_rows(admin_client_fi.get(_status_url(type="board.seat"))), str(seat), "sv")
    assert row["state"] == status.OUTDATED


def test_documents_are_listed(admin_client_fi, translated_home):
    from documents.factories import DocumentFactory

    if status.translatable_document_model() is None:
        pytest.skip("the document model is not translatable")
    document = DocumentFactory.create(title="Toimintakalenteri 2026", read=False)
    rows = _rows(admin_client_fi.get(_status_url(type="document")))
    assert _row(rows, document.title, "sv")["state"] == status.MISSING
    assert {r["kind"] for r in rows} == {"document"}


def test_filters_by_locale_type_and_state(admin_client_fi, translated_home):
    add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    rows = _rows(admin_client_fi.get(_status_url(locale="en", type="page", state="missing")))
    assert rows and all(r["locale"] == "en" and r["kind"] == "page" and r["state"] == "missing" for r in rows)
    assert [r["title"] for r in rows] == ["Tietoa yhdistyksille"]
    everything = _rows(admin_client_fi.get(_status_url()))
    assert {r["locale"] for r in everything} == {"sv", "en"}
    assert len(everything) > len(rows)


def test_invalid_filter_is_reported_and_ignored(admin_client_fi, translated_home):
    response = admin_client_fi.get(_status_url(locale="de", state="valmis"))
    assert response.status_code == 200
    doc = html.fromstring(response.content.decode())
    alert = doc.xpath('string(//*[@role="alert"])')
    assert "de" in alert and "valmis" in alert
    assert len(_rows(response)) == len(_rows(admin_client_fi.get(_status_url())))


def test_admin_home_shows_the_count_of_missing_and_outdated(admin_client_fi, translated_home):
    add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    expected = status.needs_work_count()
    assert expected >= 2  # the new page in Swedish and English
    doc = html.fromstring(admin_client_fi.get(reverse("wagtailadmin_home")).content.decode())
    panel = doc.xpath('//*[@id="translation-status-section"]')
    assert panel, "translation status panel missing from the admin home"
    assert str(expected) in panel[0].text_content()
    assert reverse("translations_status") in html.tostring(panel[0]).decode()


def test_dashboard_is_in_the_reports_menu_and_closed_to_users_without_translation_rights(
    admin_client_fi, translated_home, client, django_user_model
):
    home = admin_client_fi.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("translations_status") in home
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("lukija", "lukija@example.invalid", "x-salasana-9")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)
    assert client.get(reverse("translations_status")).status_code in (302, 403)


def _make_pages(home, count):
    for number in range(count):
        add_child_page(home, f"Sivu {number}", f"sivu-{number}")


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow_with_the_number_of_pages(
    admin_client_fi, translated_home, translate, count, django_assert_max_num_queries
):
    _make_pages(translated_home["fi"], count)
    from board.factories import SeatFactory

    for number in range(count // 5):
        seat = SeatFactory.create(name=f"Sektori {number}")
        translate(seat, "sv", {})
    admin_client_fi.get(_status_url())  # warm per-process caches (content types, locales)
    # A fixed number: queries per translatable model (seats, roles, organisations, the site
    # notification, …), none per row.
    with django_assert_max_num_queries(38):
        response = admin_client_fi.get(_status_url())
    assert response.status_code == 200
    # Two target locales × (home + pages + seats); each language's list shows 50 rows per page.
    assert len(_rows(response)) == 2 * min(50, 1 + count + count // 5)
    with django_assert_max_num_queries(
        24
    ):  # two per translatable model (organisations and the notification added two each)
        assert status.needs_work_count() >= 2 * count


def test_status_counts_are_exact_for_two_sizes(translated_home):
    small = len(status.compute_rows())
    add_child_page(translated_home["fi"], "Lisäsivu", "lisasivu")
    assert len(status.compute_rows()) == small + len(
        [loc for loc in Locale.objects.all() if loc.language_code != "fi"]
    )


# --- Swedish apart from English; files that need no Swedish; no false "outdated" --------------


def _sections(response):
    doc = html.fromstring(response.content.decode())
    return [
        (
            section.get("data-locale"),
            {tr.get("data-locale") for tr in section.xpath(".//tbody/tr[@data-state]")},
            {
                span.get("data-state-count"): int(span.text)
                for span in section.xpath(".//*[@data-state-count]")
            },
        )
        for section in doc.xpath('//section[contains(@class,"translation-status-section")]')
    ]


def test_swedish_and_english_backlogs_are_shown_apart_swedish_first(admin_client_fi, translated_home):
    add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    translated_home["en"].unpublish()
    sections = _sections(admin_client_fi.get(_status_url()))
    assert [code for code, _locales, _counts in sections] == ["sv", "en"]
    (_sv, sv_rows, sv_counts), (_en, en_rows, en_counts) = sections
    assert sv_rows == {"sv"} and en_rows == {"en"}
    # English work does not show in the Swedish numbers, and the other way round.
    assert sv_counts[status.MISSING] == 1 and sv_counts[status.UNPUBLISHED] == 0
    assert en_counts[status.MISSING] == 1 and en_counts[status.UNPUBLISHED] == 1
    # A language filter shows that language's section only.
    assert [code for code, *_rest in _sections(admin_client_fi.get(_status_url(locale="en")))] == ["en"]


@pytest.fixture
def communications_client(client, db):
    from django.contrib.auth import get_user_model

    from board.permissions import ensure_communications_group

    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "v-salasana-9")
    user.groups.add(ensure_communications_group())
    client.force_login(user)
    return client


def test_finnish_only_pdf_marked_by_staff_leaves_the_backlog_and_an_unmarked_one_stays(
    communications_client, translated_home
):
    from documents.factories import DocumentFactory
    from documents.models import CustomDocument
    from tests.board.admin_forms import form_values

    internal = DocumentFactory.create(title="Sisäinen muistio", read=False)
    programme = DocumentFactory.create(title="Toimintaohjelma 2027", read=False)
    # Staff tick the box in the document's own edit form.
    url = reverse("wagtaildocs:edit", args=[internal.pk])
    values = form_values(communications_client, url)
    assert "swedish_not_needed" in html.fromstring(communications_client.get(url).content.decode()).xpath(
        "//input/@name"
    )
    values["swedish_not_needed"] = "on"
    values.pop("file", None)
    response = communications_client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CustomDocument.objects.get(pk=internal.pk).swedish_not_needed

    rows = [row for row in status.compute_rows() if row.kind == status.DOCUMENT]
    by_title = {(row.title, row.locale.language_code): row.state for row in rows}
    assert by_title[(internal.title, "sv")] == status.NOT_NEEDED
    assert by_title[(internal.title, "en")] == status.NOT_NEEDED
    assert by_title[(programme.title, "sv")] == status.MISSING
    needs_work = status.needs_work_count()
    programme_fi = CustomDocument.objects.get(pk=programme.pk)
    programme_fi.swedish_not_needed = True
    programme_fi.save()
    assert status.needs_work_count() == needs_work - 2


def test_not_needed_cannot_be_set_on_a_swedish_version(communications_client, translated_home, translate):
    from documents.factories import DocumentFactory

    document = DocumentFactory.create(title="Toimintaohjelma 2027", read=False)
    swedish = translate(document, "sv", {"Toimintaohjelma 2027": "Verksamhetsprogram 2027"})
    page = communications_client.get(reverse("wagtaildocs:edit", args=[swedish.pk])).content.decode()
    assert "swedish_not_needed" not in html.fromstring(page).xpath("//input/@name")


def test_translation_published_through_wagtail_localize_is_not_outdated(
    admin_client_fi, translated_home, translate
):
    page = add_child_page(
        translated_home["fi"], "Talkoopäivä 2027", "talkoopaiva-2027", lead="Tervetuloa talkoisiin"
    )
    # The translator translates what the editor shows on its first tab and publishes; the
    # slug, on the Promote tab, is never touched.
    swedish = translate(
        page, "sv", {"Talkoopäivä 2027": "Talkodag 2027", "Tervetuloa talkoisiin": "Välkommen"}
    )
    assert swedish.live and swedish.slug == "talkodag-2027"
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), page.title, "sv")
    assert (row["state"], row["percent"]) == (status.UP_TO_DATE, "100 %")
    # Publishing again later keeps the published address.
    translate(page, "sv", {"Talkoopäivä 2027": "Talkodagen 2027"})
    swedish.refresh_from_db()
    assert swedish.slug == "talkodag-2027" and swedish.title == "Talkodagen 2027"
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), page.title, "sv")
    assert row["state"] == status.UP_TO_DATE


def test_a_slug_typed_by_the_translator_is_kept(translated_home, translate):
    page = add_child_page(translated_home["fi"], "Talkoopäivä 2027", "talkoopaiva-2027")
    swedish = translate(page, "sv", {"talkoopaiva-2027": "talko-2027", "Talkoopäivä 2027": "Talkodag 2027"})
    assert swedish.slug == "talko-2027"


def test_the_dashboard_is_in_swedish_for_a_translator(client, translator, translated_home):
    from django.utils import translation
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(translator)
    add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    doc = html.fromstring(client.get(_status_url()).content.decode())
    text = " ".join(doc.xpath("//main//text()"))
    with translation.override("sv"):
        for message in (
            "Translation status",
            "Required: the city publishes in Finnish and Swedish.",
            "Missing",
            "Not needed",
            "Translate",
        ):
            assert translation.gettext(message) != message, message
            assert translation.gettext(message) in text, message
    for english in ("Required:", "Optional:", "Not needed", "Missing", "Up to date", "Translate"):
        assert english not in text, english
    assert doc.xpath('//section[@data-locale="sv"]/h2/text()')[0].strip() == "Svenska"


def test_published_translations_with_an_untranslated_slug_string_are_repaired_once(
    admin_client_fi, translated_home, translate
):
    """Translations made before slugs followed titles: the slug string was left untranslated."""
    import importlib

    from django.apps import apps
    from wagtail_localize.models import StringTranslation

    page = add_child_page(translated_home["fi"], "Talkoopäivä 2027", "talkoopaiva-2027")
    swedish = translate(page, "sv", {"Talkoopäivä 2027": "Talkodag 2027"})
    StringTranslation.objects.filter(context__object_id=page.translation_key, context__path="slug").delete()
    assert (
        _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), page.title, "sv")["state"]
        == status.OUTDATED
    )

    importlib.import_module("cms.migrations.0003_translated_slugs").fill_slug_strings(apps, None)
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), page.title, "sv")
    assert (row["state"], row["percent"]) == (status.UP_TO_DATE, "100 %")
    swedish.refresh_from_db()
    assert swedish.slug == "talkodag-2027"


def test_a_new_finnish_slug_leaves_published_translations_up_to_date(
    admin_client_fi, translated_home, translate
):
    from wagtail_localize.models import TranslationSource

    page = add_child_page(translated_home["fi"], "Talkoopäivä 2027", "talkoopaiva-2027")
    swedish = translate(page, "sv", {"Talkoopäivä 2027": "Talkodag 2027"})
    page.slug = "talkoot-2027"
    page.save_revision().publish()
    TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale).update_from_db()
    row = _row(_rows(admin_client_fi.get(_status_url(locale="sv"))), page.title, "sv")
    assert (row["state"], row["percent"]) == (status.UP_TO_DATE, "100 %")
    swedish.refresh_from_db()
    assert swedish.slug == "talkodag-2027"
