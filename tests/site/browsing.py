"""What the public site's browser tests share: the sitemap's paths and axe-core.

The live server with the demo loaded is the `demo_site` fixture (tests/site/conftest.py);
Chromium is the `browser` fixture (tests/conftest.py).
"""

from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(base: str, page, languages=("fi", "sv")) -> list[str]:
    """The paths of sitemap.xml's URLs in `languages`, fetched through the browser page."""
    response = page.request.get(f"{base}/sitemap.xml")
    assert response.ok
    locations = etree.fromstring(response.body()).xpath("//sm:loc/text()", namespaces=NS)
    paths = [loc.removeprefix(base) for loc in locations]
    return [p for p in paths if p.startswith(tuple(f"/{code}/" for code in languages))]


def axe_violations(page, include: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page, or only within the `include` selector.

    The page's context must bypass the CSP (`bypass_csp=True`): axe is injected inline.
    """
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make install` (npm ci installs it from package-lock.json)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, include]) => {
            const context = include ? {include: [include]} : document;
            const result = await axe.run(context, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(
                v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})
            );
        }""",
        [WCAG_TAGS, include],
    )
