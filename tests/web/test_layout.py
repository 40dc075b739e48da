"""Every page on a laptop (1280×800) and a phone (390×844, touch), in Debian's Chromium.

What an editor must get from the first screen, checked on every page the app serves and on the
self-contained HTML brief: nothing wider than the window, the key figures above the fold, every
citation landing on a target that exists and is highlighted, charts with labels one can read,
no serious or critical axe-core finding in light and dark, no CSP violation, no script from
article text. One server and one browser for the session (conftest.py); each page is loaded once
per viewport and every check reads the same loaded tab.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import newsfuse
from newsfuse.render.html import render_html
from newsfuse.store import open_store
from tests.conftest import EXAMPLE
from tests.web.conftest import Server
from tests.web.test_api import HOSTILE

VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
WEB_PAGES = ("list", "story", "hostile-story", "add", "feeds", "docs", "error")
BRIEF_PAGES = ("brief", "hostile-brief")
EVERY_PAGE = WEB_PAGES + BRIEF_PAGES
EXAMPLE_PAGES = ("story", "brief")  # the bundled story: key figures, citations and charts
HOSTILE_PAGES = ("hostile-story", "hostile-brief")
MIN_CHART_TEXT_PX = 11

# Elements wider than the window, or reaching past its right edge, outside a scroll container.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    const top = [document.body, document.documentElement];
    for (let p = el.parentElement; p && !top.includes(p); p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const classes = (el) => typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes(el);
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const x = r.left + window.scrollX;
    if ((r.width > width + 1 || x + r.width > width + 1) && !clipped(el)) {
      wide.push(`${name(el)} (left ${Math.round(x)}, width ${Math.round(r.width)})`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 8)};
}
"""

# Each distinct citation target: does it exist, is it shown, and does it look different targeted?
CITATIONS_JS = """
async () => {
  const go = (hash) => new Promise(r => {  // after the page's own hashchange handlers, if any
    if (location.hash === hash) { r(); return; }
    window.addEventListener('hashchange', () => setTimeout(r, 0), {once: true});
    location.hash = hash;
  });
  const selector = ['#summary', '#key-figures', '#figures', '#timeline']
    .map(s => s + ' a[href^="#src-"]').join(', ');
  const links = [...document.querySelectorAll(selector)];
  const targets = [...new Set(links.map(a => a.getAttribute('href').slice(1)))];
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.backgroundColor, s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
            s.borderLeftColor, s.borderLeftWidth, s.textDecorationLine].join('|');
  };
  const missing = [], hidden = [], plain = [], cards = [];
  await go('#no-such-target');
  const before = {};
  for (const id of targets) { const el = document.getElementById(id); if (el) before[id] = look(el); }
  for (const id of targets) {
    const el = document.getElementById(id);
    if (!el) { missing.push(id); continue; }
    await go('#' + id);
    const shown = el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    if (!shown) hidden.push(id);
    if (look(el) === before[id]) plain.push(id);
    if (el.matches('article, section') || el.innerText.length > 1000) cards.push(id);
  }
  await go('#no-such-target');
  return {links: links.length, targets: targets.length, missing, hidden, plain, cards};
}
"""

# Every label in the charts and the timeline's axis: its text and its size on the screen (CSS px).
CHART_TEXT_JS = """
() => [...document.querySelectorAll('#charts svg text, #timeline svg text')]
  .filter(t => t.getClientRects().length > 0)
  .map(t => {
    const m = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    return {text: t.textContent.trim(), px: Math.round(size * 10) / 10,
            where: t.closest('#charts') ? 'charts' : 'timeline'};
  })
"""

# In dark only the rules that read colours run again: the rest depend on the page, not the scheme.
AXE_JS = """
async (scheme) => {
  const options = {resultTypes: ['violations']};
  if (scheme === 'dark') options.runOnly = ['color-contrast', 'link-in-text-block'];
  const result = await axe.run(document, options);
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length}× e.g. `
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}
"""

# The next Tab starts at the top of the page, wherever an earlier check left the focus or the target.
FROM_THE_TOP_JS = """
() => {
  document.body.setAttribute('tabindex', '-1');
  document.body.focus();
  document.body.removeAttribute('tabindex');
}
"""

# Every element one can reach by Tab (shown, so not in a closed <details>), focused in turn after a
# real Tab (so the browser takes the focus as the keyboard's): does it match :focus-visible and look
# different from unfocused (or carry an outline of 2 px or more)?
FOCUS_ALL_JS = """
() => {
  const reachable = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.disabled && el.tabIndex >= 0);
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.borderColor, s.textDecorationLine].join('|');
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '');
  const unseen = [];
  for (const el of reachable) {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const before = look(el);
    el.focus({preventScroll: true});
    const s = getComputedStyle(el);
    const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    if (document.activeElement !== el || !el.matches(':focus-visible') || !ring && look(el) === before) {
      unseen.push(name(el));
    }
  }
  return {reachable: reachable.length, unseen};
}
"""


@dataclass
class Tabs:
    """One browser context per viewport, one tab per page, each loaded once; console and errors kept."""

    browser: Any
    urls: dict[str, str]
    contexts: dict[str, Any] = field(default_factory=dict)
    tabs: dict[tuple[str, str], Any] = field(default_factory=dict)
    console: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    errors: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def open(self, viewport: str, name: str) -> Any:
        key = (viewport, name)
        if key not in self.tabs:
            if viewport not in self.contexts:
                self.contexts[viewport] = self.browser.new_context(**VIEWPORTS[viewport])
            tab = self.contexts[viewport].new_page()
            tab.set_default_timeout(60_000)
            self.console[key], self.errors[key] = [], []
            tab.on("console", lambda m, key=key: self.console[key].append(m.text))
            tab.on("pageerror", lambda e, key=key: self.errors[key].append(str(e)))
            tab.goto(self.urls[name])
            tab.wait_for_load_state("load")
            self.tabs[key] = tab
        tab = self.tabs[key]
        tab.bring_to_front()  # a tab in the background has its timers and frames throttled
        tab.evaluate("() => window.scrollTo(0, 0)")
        return tab

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="module")
def html_briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`newsfuse brief … -f html` of the bundled example and of an article with hostile text."""
    folder = tmp_path_factory.mktemp("briefs")
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "library-form.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
    written = {}
    for name, inputs in (("brief", EXAMPLE), ("hostile-brief", hostile)):
        written[name] = folder / f"{name}.html"
        written[name].write_text(render_html(newsfuse.brief(inputs)), encoding="utf-8")
    return written


@pytest.fixture(scope="module")
def tabs(browser: Any, server: Server, http: Any, html_briefs: dict[str, Path]) -> Iterator[Tabs]:
    with open_store(server.db, readonly=True) as store:
        # the bundled story (the session's store may also hold the seeds', if test_browser ran first)
        example = next(s for s in store.stories() if "Kessara" in (s.title or ""))
    hostile = http.post("/api/articles", json=HOSTILE).json()["stories"][0]["id"]
    follow_feeds(server.db, http)
    urls = {
        "list": server.url + "/",
        "story": f"{server.url}/stories/{example.id}",
        "hostile-story": f"{server.url}/stories/{hostile}",
        "add": server.url + "/add",
        "feeds": server.url + "/feeds",
        "docs": server.url + "/docs",
        "error": server.url + "/no-such-page",
        **{name: path.as_uri() for name, path in html_briefs.items()},
    }
    opened = Tabs(browser, urls)
    yield opened
    opened.close()


def follow_feeds(db: Path, http: Any) -> None:
    """Feeds on the Feeds page: a long unbroken URL, a hostile title, each kind of last result."""
    checked = dt.datetime(2026, 3, 12, 14, 5, tzinfo=dt.UTC)
    long_url = "https://feeds.example.org/" + "very-long-section-name-" * 8 + "rss.xml?edition=international"
    ids = [
        http.post("/api/feeds", json={"url": url}).json()["feed"]["id"]
        for url in (long_url, "https://feeds.example.org/ok.xml", "https://feeds.example.org/gone.xml")
    ]
    with open_store(db) as store:
        store.feed_failed(
            ids[0],
            f"{long_url}: server does not answer (no response in 20 s; setting fetch_timeout)",
            checked=checked,
            backoff=lambda failures: 600.0,
        )
        store.feed_retired(ids[2], "https://feeds.example.org/gone.xml: HTTP 410 Gone", checked=checked)
        title = "Harbour <script>window.__pwned = 1</script> news"
        store.feed_fetched(
            ids[1], [], etag=None, last_modified=None, title=title, checked=checked, next_check=checked
        )
        store.feed_new_articles({ids[1]: 12})


def each(pages: tuple[str, ...]) -> Any:
    """Parametrize a test over every viewport × the given pages."""
    return pytest.mark.parametrize(
        ("viewport", "name"), [(v, p) for v in VIEWPORTS for p in pages], ids=lambda x: str(x)
    )


@each(EVERY_PAGE)
def test_nothing_is_wider_than_the_window(tabs: Tabs, viewport: str, name: str) -> None:
    tab = tabs.open(viewport, name)
    width = VIEWPORTS[viewport]["viewport"]["width"]
    found = tab.evaluate(OVERFLOW_JS)
    assert found["clientWidth"] == width
    assert found["scrollWidth"] <= width and found["wide"] == [], found


@each(EXAMPLE_PAGES)
def test_key_figures_are_above_the_fold(tabs: Tabs, viewport: str, name: str) -> None:
    tab = tabs.open(viewport, name)
    height = VIEWPORTS[viewport]["viewport"]["height"]
    assert tab.locator("#key-figures").count() == 1, "no #key-figures section"
    section = tab.locator("#key-figures").bounding_box()
    first = tab.locator("#key-figures :is(li, tbody tr, article)").first
    assert first.count() == 1, "#key-figures has no item"
    item = first.bounding_box()
    assert section is not None and item is not None
    assert 0 <= section["y"] < height, f"#key-figures starts at {section['y']:.0f} px, the window is {height}"
    assert item["y"] + item["height"] <= height, (
        f"the first key figure ends at {item['y'] + item['height']:.0f} px, below the first screen ({height})"
    )


@each(EXAMPLE_PAGES)
def test_every_citation_lands_on_a_highlighted_target(tabs: Tabs, viewport: str, name: str) -> None:
    found = tabs.open(viewport, name).evaluate(CITATIONS_JS)
    assert found["links"] > 0, "no a[href^='#src-'] in the summary, key figures, figures or timeline"
    assert found["missing"] == [], f"citations pointing nowhere: {found}"
    assert found["hidden"] == [], f"targets not shown when cited: {found}"
    assert found["plain"] == [], f"targets that look the same cited or not: {found}"
    assert found["cards"] == [], f"citations landing on a whole source, not its sentence: {found}"


@each(EXAMPLE_PAGES)
def test_charts_have_labels_one_can_read(tabs: Tabs, viewport: str, name: str) -> None:
    tab = tabs.open(viewport, name)
    assert tab.locator("#charts svg").count() > 0, "no chart (#charts svg)"
    labels = tab.evaluate(CHART_TEXT_JS)
    charts = [t for t in labels if t["where"] == "charts"]
    assert charts and all(t["text"] for t in charts), f"the charts' labels are missing or empty: {charts}"
    small = [t for t in labels if t["px"] < MIN_CHART_TEXT_PX]
    assert small == [], f"labels under {MIN_CHART_TEXT_PX} px on the screen: {small[:8]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@each(EVERY_PAGE)
def test_axe_finds_nothing_serious(
    tabs: Tabs, axe_source: str, viewport: str, name: str, scheme: str
) -> None:
    """axe-core, evaluated in the page (an evaluation is not subject to the page's CSP)."""
    tab = tabs.open(viewport, name)
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.evaluate(axe_source)
    tab.emulate_media(color_scheme=scheme)
    try:
        assert tab.evaluate(f"() => matchMedia('(prefers-color-scheme: {scheme})').matches")
        found = tab.evaluate(AXE_JS, scheme)
        assert found == [], "\n".join(found)
    finally:
        tab.emulate_media(color_scheme="light")


@each(EVERY_PAGE)
def test_keyboard_focus_is_visible_on_everything_reachable(tabs: Tabs, viewport: str, name: str) -> None:
    """Every link, button, field and summary shows a ring when focused from the keyboard."""
    tab = tabs.open(viewport, name)
    tab.evaluate(FROM_THE_TOP_JS)
    tab.keyboard.press("Tab")  # the keyboard's focus from here on
    found = tab.evaluate(FOCUS_ALL_JS)
    assert found["reachable"] > 0
    assert found["unseen"] == [], f"focus without a visible ring: {found['unseen'][:10]}"


@each(WEB_PAGES)
def test_landmarks_and_the_skip_link(tabs: Tabs, viewport: str, name: str) -> None:
    tab = tabs.open(viewport, name)
    assert tab.locator("html").get_attribute("lang")
    assert tab.locator("main#main").count() == 1
    assert tab.locator("body > header nav[aria-label]").count() == 1
    assert tab.locator("body > footer").count() == 1
    assert tab.locator("h1").count() == 1
    skip = tab.locator("a.skip")
    assert skip.get_attribute("href") == "#main"
    tab.evaluate(FROM_THE_TOP_JS)
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.className") == "skip"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown when focused


@each(HOSTILE_PAGES)
def test_no_script_from_article_text_runs(tabs: Tabs, viewport: str, name: str) -> None:
    tab = tabs.open(viewport, name)
    assert tab.evaluate("() => window.__pwned") is None
    assert tab.locator("img[src='x']").count() == 0
    assert "<script>window.__pwned = 1</script>" in tab.locator("h1").inner_text()  # shown as text


@each(EVERY_PAGE)
def test_no_csp_violation_and_no_script_error(tabs: Tabs, viewport: str, name: str) -> None:
    """Run last for each tab: everything the other checks did on it is in its console too."""
    tabs.open(viewport, name)
    key = (viewport, name)
    assert [m for m in tabs.console[key] if "Content Security Policy" in m] == []
    assert tabs.errors[key] == []
