"""Every project view that answers for a Wagtail or wagtail-localize URL is listed, and watched.

cms/upstream_overrides.py lists them. For each: the project's view answers the path; behind it
the upstream URL name still exists at that same path and still runs the recorded upstream view;
and that view's signature, with those of every method the project's class overrides, is as
recorded. A Wagtail upgrade that moves, renames or rewrites one fails here instead of quietly
bypassing the project's view.
"""

import functools
import importlib
import inspect

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.utils import translation

from cms.upstream_overrides import OVERRIDES, Override

PROJECT_MODULES = ("cms.", "documents.", "translations.", "home.", "board.")


def _import(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _matches(patterns, path_info: str, namespace: str = ""):
    """Every pattern that matches path_info, in the order Django tries them: (name, callback)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            match = pattern.pattern.match(path_info)
            if match:
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from _matches(pattern.url_patterns, match[0], inner)
        elif isinstance(pattern, URLPattern) and pattern.resolve(path_info):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), pattern.callback


def _runs(callback, view) -> bool:
    """Whether a URL's callback is `view`: the function itself or wrapped, or a class's as_view()."""
    while callback is not None:
        if callback is view or getattr(callback, "view_class", None) is view:
            return True
        callback = getattr(callback, "__wrapped__", None)
    return False


def _project_class(callback):
    """The class behind a view function, through decorators (__wrapped__ or their closures)."""
    seen = set()
    while callback is not None and id(callback) not in seen:
        seen.add(id(callback))
        if hasattr(callback, "view_class"):
            return callback.view_class
        inner = getattr(callback, "__wrapped__", None)
        if inner is None:
            cells = [cell.cell_contents for cell in getattr(callback, "__closure__", None) or ()]
            inner = next((c for c in cells if callable(c) and hasattr(c, "__closure__")), None)
        callback = inner
    return None


def _upstream_patterns(override: Override) -> list:
    """The URLs the upstream view is mounted in: for documents and pages the project mounts
    Wagtail's URL module without the replaced pattern, so it is read from Wagtail itself."""
    if override.mount == "documents":
        return [path("documents/", include("wagtail.documents.urls"))]
    if override.mount == "pages":
        return [path("fi/", include("wagtail.urls"))]
    return get_resolver().url_patterns


def _signatures(override: Override, project_view) -> dict[str, str]:
    upstream = _import(override.upstream_view)
    signatures = {"": str(inspect.signature(upstream))}
    project_class = _project_class(project_view)
    if inspect.isclass(upstream) and project_class is not None:
        for cls in project_class.__mro__:
            if cls is upstream or not cls.__module__.startswith(PROJECT_MODULES):
                continue
            for attribute, value in vars(cls).items():
                if attribute.startswith("__") or not hasattr(upstream, attribute):
                    continue
                inherited = inspect.getattr_static(upstream, attribute)
                if isinstance(inherited, property | functools.cached_property):
                    signatures[attribute] = "property"
                elif callable(getattr(upstream, attribute)) and callable(value):
                    signatures[attribute] = str(inspect.signature(getattr(upstream, attribute)))
    return signatures


@pytest.mark.parametrize("override", OVERRIDES, ids=lambda o: o.upstream_name)
def test_each_override_shadows_an_upstream_url_that_is_still_there(override, db):
    get_resolver().url_patterns  # noqa: B018 - loading the admin's URLs registers its viewsets
    project_view = override.view()
    if override.mount == "page_viewset":
        # Replaced through Wagtail's page viewsets: Wagtail's URL routes to the project's view.
        from wagtail.admin.viewsets.pages import base_page_viewset, page_viewset_registry
        from wagtail.models import Page

        assert page_viewset_registry.get_by_type(Page) is not base_page_viewset
        first_callback = project_view
        assert _project_class(project_view).__module__.startswith(PROJECT_MODULES)
    else:
        with translation.override("fi"):
            ours = list(_matches(get_resolver().url_patterns, override.sample.lstrip("/")))
        assert ours, f"{override.sample} resolves to nothing"
        _name, first_callback = ours[0]
        # The project's view answers first ...
        assert first_callback is project_view or _project_class(first_callback) is _project_class(
            project_view
        ), f"{override.sample} is answered by {first_callback}, not the project's view"
    # ... for the path where the upstream URL name still is, running the recorded upstream view.
    upstream = [
        callback
        for name, callback in _matches(_upstream_patterns(override), override.sample.lstrip("/"))
        if name == override.upstream_name
    ]
    assert upstream, f"{override.upstream_name} no longer answers {override.sample}"
    if override.upstream_viewset_attr:
        from wagtail.admin.viewsets.pages import base_page_viewset

        assert upstream[0].__name__ == "view_router", f"{override.upstream_name} is not routed by page type"
        assert getattr(base_page_viewset, override.upstream_viewset_attr) is _import(override.upstream_view)
    else:
        assert _runs(upstream[0], _import(override.upstream_view)), (
            f"{override.upstream_name} no longer runs {override.upstream_view}"
        )
    # The upstream view, and every method of it the project's class overrides, as recorded.
    assert _signatures(override, first_callback) == override.signatures


def _routes(patterns, prefix: str = ""):
    """The full route of every path()-style pattern (regular expressions are skipped)."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + route)
        else:
            yield prefix + route


def _sample(route: str) -> str:
    for converter, value in (("int", "1"), ("slug", "x"), ("str", "x"), ("path", "x"), ("uuid", "0" * 32)):
        while f"<{converter}:" in route:
            start = route.index(f"<{converter}:")
            route = route[:start] + value + route[route.index(">", start) + 1 :]
    return route


def _module(callback) -> str:
    view = _project_class(callback) or callback
    while getattr(view, "__wrapped__", None) is not None and not hasattr(view, "view_class"):
        view = view.__wrapped__
    return getattr(view, "__module__", "") or ""


def test_every_project_view_answering_for_an_upstream_url_is_listed():
    """Walk every URL of the site: where a project view answers a path that an upstream URL name
    also matches, behind it, that upstream name must be in OVERRIDES (watched by the test above)."""
    listed = {override.upstream_name for override in OVERRIDES}
    shadowed = set()
    with translation.override("fi"):
        for route in set(_routes(get_resolver().url_patterns)):
            matches = list(_matches(get_resolver().url_patterns, _sample(route)))
            if len(matches) < 2 or not _module(matches[0][1]).startswith(PROJECT_MODULES):
                continue
            shadowed |= {
                name
                for name, callback in matches[1:]
                if name and _module(callback).startswith(("wagtail.", "wagtail_localize."))
            }
    assert shadowed - listed == set()
    # And the walk does see the overrides it should (it is not blind).
    assert {
        "wagtaildocs:add",
        "wagtaildocs:index",
        "wagtail_localize:update_translations",
    } <= shadowed
