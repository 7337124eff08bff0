"""Phones, measured in Debian's Chromium (issue 14, items 7 and 8).

Item 7, the board's core content first: at 375 × 667 px the home page shows links to the
member directory, the minutes archive and the calendar in the header menu and in its own
content, each box wholly within the first screen, in Finnish and Swedish.

Item 8, phones: every sitemap URL (every language) at 320 and 375 px scrolls not sideways
(`document.scrollingElement.scrollWidth` ≤ the viewport's width), and no heading, table
cell or caption breaks a word except at a hyphenation point. The tables are stacked cards
there, each cell labelled with its column's header, still tables for assistive technology
(Chromium's own accessibility tree), and axe-core finds no WCAG 2.1 AA violation on them.

How a break is judged (BREAKS_JS below). A word is a run of characters without white space
inside the element, across inline elements (`<a>`, `<span>`, `<wbr>`); block boundaries and
`<br>` end it. A Range over the word gives its client rects: when they lie on one line, the
word is whole. Otherwise each character is measured (a Range over that character) and every
character that starts a new line is a break, which is legitimate only when

- the line ends at a break opportunity put there deliberately and visible as such: after a
  hyphen or dash in the text ("Sosiaali-", "2025–"), a slash, or a soft hyphen (U+00AD, which
  the browser draws as a hyphen at the break), or at a `<wbr>` that a template inserted
  (e-mail addresses break after "@" and before dots: cms/templatetags/typography.py); or
- the browser hyphenated it itself (`hyphens: auto`), which draws a hyphen and uses the
  dictionary of the text's language: told apart by setting `hyphens: manual` on the element
  and measuring again. If the word still breaks at the same letter, the break was not a
  hyphenation but the emergency break of `overflow-wrap`, "Esityslist/a": a failure. The
  language must be declared (`lang` on the element or an ancestor).

A heading or cell whose content is wider than its box (a word running out of it) fails too.
Debian's Chromium ships no hyphenation dictionaries, so here every word must fit whole or
break at a deliberate opportunity; the layout (clamp()-sized headings, stacked tables) is
made for that.
"""

import pytest

from tests.site.browsing import axe_violations, sitemap_paths

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 667}
WIDTHS = (320, 375)
CHECKED = "h1, h2, h3, h4, h5, h6, th, td, caption"
# Characters after which a line may end inside a word: hyphens and dashes, the slash, the soft hyphen.
BREAK_AFTER = "-\u2010\u2013\u2014/\u00ad"

BREAKS_JS = """
([selector, breakAfter]) => {
    const space = /\\s/;
    const problems = [];

    // The words of an element: runs of non-space characters, with the text node and offset
    // of each character, and whether a <wbr> stands just before it.
    function wordsOf(root) {
        const words = [];
        let word = null;
        let wbr = false;
        const end = () => { if (word) words.push(word); word = null; wbr = false; };
        const visit = (node) => {
            if (node.nodeType === Node.TEXT_NODE) {
                for (let i = 0; i < node.data.length; i++) {
                    const ch = node.data[i];
                    if (space.test(ch)) { end(); continue; }
                    if (!word) word = {chars: []};
                    word.chars.push({node, i, ch, wbr});
                    wbr = false;
                }
            } else if (node.nodeType === Node.ELEMENT_NODE) {
                if (node.tagName === "WBR") { wbr = true; return; }
                if (node.tagName === "BR") { end(); return; }
                const display = getComputedStyle(node).display;
                if (display === "none") return;
                const inline = display.startsWith("inline") || display === "contents";
                if (!inline) end();
                node.childNodes.forEach(visit);
                if (!inline) end();
            }
        };
        root.childNodes.forEach(visit);
        end();
        return words;
    }

    function rects(startNode, start, endNode, stop) {
        const range = document.createRange();
        range.setStart(startNode, start);
        range.setEnd(endNode, stop);
        return [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    }

    // Below by more than half a line: on a later line.
    const below = (a, b) => b.top - a.top > a.height / 2;

    function onSeveralLines(word) {
        const first = word.chars[0], last = word.chars[word.chars.length - 1];
        const boxes = rects(first.node, first.i, last.node, last.i + 1);
        return boxes.some(a => boxes.some(b => below(a, b)));
    }

    // Indexes of the characters that start a new line.
    function breaks(word) {
        const found = [];
        let previous = null;
        word.chars.forEach((c, k) => {
            const box = rects(c.node, c.i, c.node, c.i + 1)[0];
            if (!box) return;
            if (previous && below(previous, box)) found.push(k);
            previous = box;
        });
        return found;
    }

    // Was the break at k the browser's own hyphenation? Not if it stays with `hyphens: manual`.
    function hyphenatedByBrowser(element, word, k) {
        const parent = word.chars[k].node.parentElement;
        if (getComputedStyle(parent).hyphens !== "auto" || !parent.closest("[lang]")?.lang) return false;
        const touched = [element, ...element.querySelectorAll("*")];
        touched.forEach(e => {
            e.style.setProperty("hyphens", "manual", "important");
            e.style.setProperty("-webkit-hyphens", "manual", "important");
        });
        const stays = breaks(word).includes(k);
        touched.forEach(e => {
            e.style.removeProperty("hyphens");
            e.style.removeProperty("-webkit-hyphens");
        });
        return !stays;
    }

    // Visually hidden (clipped to a pixel, like the stacked tables' column headers): not shown.
    function clippedAway(element) {
        for (let e = element; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            const clipped = style.clip !== "auto" || style.clipPath !== "none";
            if (clipped && e.getBoundingClientRect().width <= 1) {
                return true;
            }
        }
        return false;
    }

    const text = (word) => word.chars.map(c => c.ch).join("");
    for (const element of document.querySelectorAll(selector)) {
        if (!element.getClientRects().length || clippedAway(element)) continue;
        const tag = element.tagName.toLowerCase();
        if (element.scrollWidth > element.clientWidth + 1) {
            problems.push({kind: "wider than its box", tag, word: element.innerText.slice(0, 60)});
        }
        for (const word of wordsOf(element)) {
            if (word.chars.length < 2 || !onSeveralLines(word)) continue;
            for (const k of breaks(word)) {
                const deliberate = breakAfter.includes(word.chars[k - 1].ch) || word.chars[k].wbr;
                if (!deliberate && !hyphenatedByBrowser(element, word, k)) {
                    const shown = text(word);
                    const cut = shown.slice(0, k) + " | " + shown.slice(k);
                    problems.push({kind: "mid-word break", tag, word: cut});
                }
            }
        }
    }

    // Stacked tables: cards, each cell labelled with its column's header.
    const tables = [...document.querySelectorAll("table.stacked-table")];
    for (const table of tables) {
        const headers = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
        for (const row of table.tBodies[0].rows) {
            if (getComputedStyle(row).display !== "block") {
                problems.push({kind: "table row not a card", tag: "tr", word: row.innerText.slice(0, 60)});
            }
            [...row.cells].forEach((cell, index) => {
                if (cell.tagName === "TD" && cell.dataset.label !== headers[index]) {
                    const kind = "cell label is not its column header";
                    problems.push({kind, tag: "td", word: cell.dataset.label});
                }
            });
        }
    }
    return {
        problems,
        tables: tables.length,
        cells: document.querySelectorAll("table.stacked-table td").length,
        columnHeaders: document.querySelectorAll("table.stacked-table thead th").length,
        scrollWidth: document.scrollingElement.scrollWidth,
        width: window.innerWidth,
    };
}
"""


def _roles(page, session) -> dict[str, int]:
    """How many nodes of each table role Chromium's own accessibility tree holds."""
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    counts: dict[str, int] = {}
    for node in nodes:
        role = node.get("role", {}).get("value")
        if role in ("table", "columnheader", "rowheader", "cell") and not node.get("ignored"):
            counts[role] = counts.get(role, 0) + 1
    return counts


@pytest.fixture
def core_pages(demo_site) -> dict[str, dict[str, str]]:
    """{language: {name: path}} of the member directory, minutes archive and calendar.

    Read before the browser starts (see `demo_site`)."""
    from board.models import CalendarPage, MemberDirectoryPage, MinutesArchivePage

    models = {"directory": MemberDirectoryPage, "archive": MinutesArchivePage, "calendar": CalendarPage}
    return {
        code: {
            name: model.objects.live().get(locale__language_code=code).url for name, model in models.items()
        }
        for code in ("fi", "sv")
    }


def test_the_member_directory_minutes_and_calendar_are_in_the_header_menu_and_the_first_screen(
    demo_site, core_pages, browser
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    outside = []
    for code, links in core_pages.items():
        page.goto(f"{demo_site}/{code}/")
        assert page.evaluate("window.scrollY") == 0
        for name, path in links.items():
            assert path.startswith(f"/{code}/"), path
            for region in ("header nav.site-nav", "main"):
                link = page.locator(f'{region} a[href="{path}"]').first
                box = link.bounding_box() if link.count() and link.is_visible() else None
                within = (
                    box is not None
                    and box["y"] >= 0
                    and box["y"] + box["height"] <= PHONE["height"]
                    and box["x"] >= 0
                    and box["x"] + box["width"] <= PHONE["width"]
                )
                if not within:
                    outside.append((code, name, region, box))
    context.close()
    assert outside == []


def test_no_page_scrolls_sideways_or_breaks_a_word_mid_word_at_320_and_375_px(demo_site, browser):
    contexts = [browser.new_context(viewport={"width": w, "height": 667}, bypass_csp=True) for w in WIDTHS]
    pages = [context.new_page() for context in contexts]
    sessions = [context.new_cdp_session(page) for context, page in zip(contexts, pages, strict=True)]
    paths = sitemap_paths(demo_site, pages[0], languages=("fi", "sv", "en"))
    # Every kind of page: the member directory, a year of minutes, meetings, the calendar, search.
    assert {
        "/fi/jasenet/",
        "/sv/protokoll/2025/",
        "/fi/kokousmuistiot/2025/3/",
        "/sv/verksamhetskalender/",
    } <= set(paths)
    assert len(paths) >= 84, len(paths)
    problems, stacked = [], 0
    for path in paths:
        for width, page, session in zip(WIDTHS, pages, sessions, strict=True):
            page.goto(demo_site + path)
            found = page.evaluate(BREAKS_JS, [CHECKED, BREAK_AFTER])
            where = f"{path} at {width} px"
            if found["scrollWidth"] > width:
                problems.append(f"{where}: scrolls sideways ({found['scrollWidth']} px wide)")
            problems += [f"{where}: {p['kind']} in <{p['tag']}>: {p['word']!r}" for p in found["problems"]]
            if not found["tables"]:
                continue
            stacked += 1
            # Still a table for assistive technology: Chromium's tree keeps the tables, column
            # headers and cells; and axe-core finds nothing on the stacked tables.
            roles = _roles(page, session)
            expected = {
                "table": found["tables"],
                "columnheader": found["columnHeaders"],
                "cell": found["cells"],
            }
            if {role: roles.get(role, 0) for role in expected} != expected:
                problems.append(f"{where}: accessibility tree has {roles}, the DOM {expected}")
            if width == WIDTHS[0]:
                problems += [f"{where}: axe {v['id']} {v['nodes']}" for v in axe_violations(page, "table")]
    for context in contexts:
        context.close()
    print(f"\nchecked {len(paths)} sitemap URLs at {WIDTHS} px; {stacked} views with stacked tables")
    assert problems == [], "\n".join(problems[:60] + [f"({len(problems)} problems in all)"])
    assert stacked >= 20  # the directory's terms and the archive's years, in three languages
