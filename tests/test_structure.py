"""The code's structure: import contracts hold, one document-link block, one source-locale accessor."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from board.models import Meeting
from cms.locales import locale_for, source_locale
from documents.blocks import DocumentLinkBlock
from home.blocks import BodyBlock, SectionBlock

ROOT = Path(__file__).resolve().parent.parent
APPS = ("board", "cms", "documents", "home", "translations", "bench")


def test_import_contracts_hold(tmp_path):
    """`lint-imports` (.importlinter): board's layers go one way, no cycle inside board."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        lint_imports = shutil.which("lint-imports")
    assert lint_imports, "import-linter is not installed: pip install -r requirements.lock"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contract_names_every_board_module():
    """A new module of board/ must take its place in the layers, or the contract would not see it."""
    contract = (ROOT / ".importlinter").read_text()
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "board").rglob("*.py")
        if "migrations" not in path.parts and path.name != "__init__.py"
    }
    missing = sorted(m for m in modules if not re.search(rf"(?<![\w.]){re.escape(m)}(?![\w.])", contract))
    assert not missing, f"add to the board-layers contract in .importlinter: {missing}"


def test_one_document_link_block():
    """Page bodies and meeting attachments link documents with the same block class."""
    assert type(BodyBlock().child_blocks["document"]) is DocumentLinkBlock
    assert type(SectionBlock().child_blocks["document"]) is DocumentLinkBlock
    attachment = Meeting._meta.get_field("attachments").stream_block.child_blocks["attachment"]
    assert type(attachment) is DocumentLinkBlock
    with translation.override("en"):
        assert str(attachment.label) == "Attachment"  # the editor's label stays


@pytest.mark.django_db
def test_the_source_locale_is_read_once_per_content_version():
    fi = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    sv = Locale.objects.get_or_create(language_code="sv")[0]
    assert source_locale() == fi
    with CaptureQueriesContext(connection) as queries:
        assert source_locale() == fi
        assert locale_for("sv") == sv
        assert locale_for("xx") == fi  # an unknown language: the source locale
    assert len(queries) <= 1  # at most the content version, never the locales again


# Serving code asks cms/locales.py; code that writes content asks Wagtail's Locale.get_default().
# A lookup of the Finnish locale by its code anywhere else is a ninth accessor.
FINNISH_BY_CODE = re.compile(r"""Locale\.objects\.get\(language_code=(?:"fi"|settings\.LANGUAGE_CODE)\)""")


def test_no_other_accessor_of_the_finnish_locale():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FINNISH_BY_CODE.search(line)
    ]
    assert not found, found
