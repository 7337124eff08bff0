"""The code's structure: import contracts hold, no import cycle, one document-link block, one
source-locale accessor."""

import configparser
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
    """`lint-imports` (.importlinter): the shared part of cms imports no app, the apps never
    import the wiring, board's layers go one way, no cycle between the parts of any package."""
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


# The project wiring: the only modules of cms that may import an app (they assemble them).
WIRING = {
    "cms.urls",
    "cms.api.api",
    "cms.graphql.schema",
    "cms.wagtail_hooks",
    "cms.upstream_overrides",
}
DOMAIN_APPS = ("alerts", "board", "documents", "home", "translations")


def _graph():
    import grimp

    sys.path.insert(0, str(ROOT))
    try:
        return grimp.build_graph("cms", *DOMAIN_APPS, include_external_packages=False, cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))


def test_only_the_wiring_of_cms_imports_an_app():
    """A shared module of cms (content version, locales, visibility, URLs, the API's common
    parts…) importing an app would turn the layers around; only the wiring assembles the apps,
    and the contract's exceptions (.importlinter) name wiring modules only."""
    graph = _graph()
    importers = {
        importer
        for importer in graph.modules
        if importer.split(".")[0] == "cms"
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported.split(".")[0] in DOMAIN_APPS
    }
    assert importers <= WIRING, f"shared cms modules importing an app: {sorted(importers - WIRING)}"
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    contract = config["importlinter:contract:shared-imports-no-app"]
    excepted = {
        line.split("->")[0].strip() for line in contract["ignore_imports"].split("\n") if "->" in line
    }
    assert excepted <= WIRING, f"exceptions for modules that are not wiring: {sorted(excepted - WIRING)}"
    assert contract["source_modules"].split() == ["cms"]


def test_the_apps_depend_one_way():
    """No two domain apps import each other, through any chain of modules: the package graph
    of the apps is the order of the app-layers contract (.importlinter), and that contract
    names every app."""
    graph = _graph()
    depends = {
        app: {
            imported.split(".")[0]
            for importer in graph.find_descendants(app) | {app}
            for imported in graph.find_modules_directly_imported_by(importer)
        }
        & (set(DOMAIN_APPS) - {app})
        for app in DOMAIN_APPS
    }
    mutual = sorted((a, b) for a in DOMAIN_APPS for b in depends[a] if a < b and a in depends[b])
    assert not mutual, f"apps importing each other: {mutual}"
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = config["importlinter:contract:app-layers"]["layers"]
    assert sorted(re.findall(r"\w+", layers)) == sorted(DOMAIN_APPS)
    order = [set(re.findall(r"\w+", line)) for line in layers.strip().splitlines()]
    rank = {app: index for index, apps in enumerate(order) for app in apps}
    upward = sorted((a, b) for a in DOMAIN_APPS for b in depends[a] if rank[b] <= rank[a])
    assert not upward, f"apps importing one at their level or above (.importlinter app-layers): {upward}"


def test_no_import_cycle_anywhere():
    """No module imports itself through any chain (function-local imports count too)."""
    graph = _graph()
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    cycles = []
    for module in sorted(edges):
        for imported in edges[module]:
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(
                    " -> ".join(graph.find_shortest_chain(importer=imported, imported=module) + (imported,))
                )
    assert not cycles, "\n".join(cycles)


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
