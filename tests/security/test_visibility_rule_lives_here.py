"""The visibility rule lives in cms/visibility.py only (issue 15, item 1): no other module decides
"may the public see this?" on its own.

The project's Python modules (not tests, migrations, demo data or benchmarks) are parsed, and
each use of the rule's ingredients outside cms/visibility.py is a failure:

- Wagtail's view restrictions: `PageViewRestriction`, `CollectionViewRestriction`,
  `BaseViewRestriction` named, or `get_view_restrictions()` called;
- publication state as a filter: `live=True` / `live=False` (or `live__…`) in a query,
  `.live()` / `.not_live()` / `.public()` called on a queryset;
- the reference index read to decide whether a document is public (`ReferenceIndex` named);
- consent flags of contact fields read (`email_public`, `phone_public`).

The few places that use one of these for something else say why in ALLOWED, by file and name.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULE_MODULE = "cms/visibility.py"
SKIPPED_PARTS = {"tests", "migrations", ".venv", "node_modules", "bench", "static", "var", "locale"}
SKIPPED_FILES = {
    "board/demo.py",
    "board/factories.py",
    "home/demo.py",
    "home/demo_pages.py",
    "home/demo_site.py",
    "home/factories.py",
    "documents/demo.py",
    "documents/factories.py",
}

NAMES = {"PageViewRestriction", "CollectionViewRestriction", "BaseViewRestriction", "ReferenceIndex"}
CALLS = {"get_view_restrictions", "live", "not_live", "public"}
ATTRIBUTES = {"email_public", "phone_public"}

# (file, ingredient): why it is not a visibility decision.
ALLOWED = {
    # The page model hands Wagtail's serve view the restrictions cms/visibility.py computes.
    ("cms/pages.py", "PageViewRestriction"): "the return type of get_view_restrictions()",
    # Routing finds a site's root and a page on a path; Wagtail's serve view then applies the rule.
    ("cms/routing.py", "live=True"): "the live root page of a site, for routing (not a public listing)",
    # Search groups a document found under the public meeting or page that links it (the owners
    # come from each type's public queryset: cms/visibility.py).
    ("home/search.py", "ReferenceIndex"): "which public object a found document belongs to",
    ("board/opendata/oparl.py", "ReferenceIndex"): "which public meeting each public file belongs to",
    # Translators' tools copy restrictions to a translation (wagtail-localize's sync).
    ("translations/views.py", "get_view_restrictions"): "not called; update_target_view_restrictions",
    # The admin and the GDPR export show the consent flags to staff and to the person themselves.
    ("board/wagtail_hooks.py", "email_public"): "the admin's people listing",
    ("board/wagtail_hooks.py", "phone_public"): "the admin's people listing",
    ("board/models/people.py", "email_public"): "the field's definition and the admin panel",
    ("board/models/people.py", "phone_public"): "the field's definition and the admin panel",
    ("cms/security/gdpr.py", "email_public"): "erasure and the person's own data export",
    ("cms/security/gdpr.py", "phone_public"): "erasure and the person's own data export",
    # The content version notices the reference index's writes (cache invalidation, not access).
    ("cms/cache.py", "ReferenceIndex"): "counting the index's rows to bump the content version",
    ("board/search.py", "public"): "people found by name: the directory's rule (PersonQuerySet.public)",
    (
        "board/opendata/visibility.py",
        "public",
    ): "the open data's people: the directory's rule (PersonQuerySet.public)",
    # The directory's people (names only): a membership, no draft state; defined beside the model.
    ("board/models/people.py", "public"): "PersonQuerySet.public's definition",
}


def project_modules() -> list[Path]:
    modules = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(relative.parts) or str(relative) in SKIPPED_FILES:
            continue
        modules.append(path)
    return sorted(modules)


def ingredients(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in NAMES:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in NAMES:
            found.append((node.lineno, node.name.split(".")[-1]))
        elif (isinstance(node, ast.Attribute) and node.attr in NAMES) or (
            isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES
        ):
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in CALLS and not node.args:
                found.append((node.lineno, func.attr))
            for keyword in node.keywords:
                is_live = keyword.arg is not None and (
                    keyword.arg == "live" or keyword.arg.startswith("live__")
                )
                if (
                    is_live
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, bool)
                ):
                    found.append((node.lineno, f"live={keyword.value.value}"))
                if keyword.arg in ATTRIBUTES:
                    found.append((node.lineno, keyword.arg))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ATTRIBUTES:
            found.append((node.lineno, node.value))
    return found


def test_no_module_but_cms_visibility_decides_visibility():
    offences = []
    for path in project_modules():
        relative = str(path.relative_to(ROOT))
        if relative == RULE_MODULE:
            continue
        for line, what in ingredients(ast.parse(path.read_text(), relative)):
            if (relative, what) not in ALLOWED:
                offences.append(f"{relative}:{line}: {what}")
    assert not offences, "ask cms/visibility.py instead:\n" + "\n".join(offences)


def test_the_guard_sees_each_kind_of_reimplementation():
    """The scan is not blind: each way of deciding visibility anew is caught."""
    samples = {
        "Document.objects.exclude(collection__in=CollectionViewRestriction.objects.values('collection'))": (
            "CollectionViewRestriction"
        ),
        "from wagtail.models import PageViewRestriction": "PageViewRestriction",
        "page.get_view_restrictions()": "get_view_restrictions",
        "Meeting.objects.filter(live=True)": "live=True",
        "Page.objects.live()": "live",
        "ReferenceIndex.get_references_to(document)": "ReferenceIndex",
        "person.email if person.email_public else None": "email_public",
    }
    for source, expected in samples.items():
        assert expected in [what for _line, what in ingredients(ast.parse(source))], source


def test_the_rule_module_imports_no_domain_app():
    """A shared building block: models are reached through Wagtail's APIs and the app registry."""
    tree = ast.parse((ROOT / RULE_MODULE).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
    assert not imported & {"board", "home", "documents", "translations"}, imported


def test_the_old_copies_are_gone():
    assert not (ROOT / "documents/access.py").exists()
    assert not (ROOT / "cms/api/access.py").exists()
