"""The demo content (load_demo) and the benchmark's data set are made by the factories the
tests use, with one DocumentFactory and one PDF maker (issue 15, item 8): read from the
source, so a demo module that starts making its objects by hand again fails here."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What builds demo or benchmark data: load_demo's modules and bench's data set.
BUILDERS = ["board/demo.py", "documents/demo.py", "home/demo.py", "home/demo_site.py", "bench/dataset.py"]
# Models these modules make; each has a factory (board/factories.py, home/factories.py,
# documents/factories.py).
MODELS = {
    "CalendarPage",
    "CustomDocument",
    "Event",
    "HomePage",
    "Meeting",
    "MemberDirectoryPage",
    "Membership",
    "MinutesArchivePage",
    "OpenDataPage",
    "Organisation",
    "Person",
    "Role",
    "Seat",
    "StandardPage",
    "AssociationInfoPage",
    "Term",
}


def _project_files():
    skipped = {".venv", "node_modules", "tests", "migrations", "static", "var"}
    for path in ROOT.rglob("*.py"):
        if not skipped & set(path.relative_to(ROOT).parts):
            yield path


def _made_by_hand(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        # Model(...), Model.objects.create(...) / get_or_create(...), parent.add_child(instance=...);
        # bulk_create() of objects a factory built is fine.
        if isinstance(func, ast.Name) and func.id in MODELS:
            found.append(f"{path.name}:{node.lineno} {func.id}(...)")
        elif isinstance(func, ast.Attribute) and func.attr in {"create", "get_or_create"}:
            owner = func.value
            if isinstance(owner, ast.Attribute) and owner.attr == "objects":
                model = owner.value
                if isinstance(model, ast.Name) and model.id in MODELS:
                    found.append(f"{path.name}:{node.lineno} {model.id}.objects.{func.attr}(...)")
        elif isinstance(func, ast.Attribute) and func.attr == "add_child":
            found.append(f"{path.name}:{node.lineno} add_child(...)")
    return found


def test_demo_and_bench_data_are_made_by_the_factories():
    problems = [problem for name in BUILDERS for problem in _made_by_hand(ROOT / name)]
    assert problems == [], "made by hand instead of by a factory: " + ", ".join(problems)


def test_one_document_factory_and_one_pdf_maker():
    factories, pdf_makers = [], []
    for path in _project_files():
        tree = ast.parse(path.read_text())
        name = str(path.relative_to(ROOT))
        factories += [
            name for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "DocumentFactory"
        ]
        if name != "documents/pdfgen.py":
            pdf_makers += [
                name
                for n in ast.walk(tree)
                if isinstance(n, ast.Call)
                and getattr(n.func, "id", getattr(n.func, "attr", "")) in {"build_pdf", "build_scanned_pdf"}
            ]
    assert factories == ["documents/factories.py"]
    # Outside the tests, PDFs are made only by documents.factories.pdf_file().
    assert set(pdf_makers) == {"documents/factories.py"}
