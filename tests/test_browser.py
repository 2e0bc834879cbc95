"""The HTML report in a real headless Chromium: it opens offline, every section renders,
claims expand, nothing is fetched, nothing logs an error, and no payload planted in the
articles runs. Writes screenshots to test-artifacts/.

Chromium is Debian's (``make test`` installs ``chromium`` when it is missing); set
NEWSTRACE_CHROMIUM to use another binary. Without one, these tests are skipped and say so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newstrace.render import render

CHROMIUM = os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SECTIONS = ("summary", "timeline", "claims", "quotes", "reuse", "entities", "flags", "documents")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium, or set NEWSTRACE_CHROMIUM)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, script errors, dialogs and every request it makes."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def outside_requests(self, path: Path) -> list[str]:
        return [u for u in self.requests if u.split("#")[0] != path.as_uri() and not u.startswith("data:")]

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def example_html(example_dossier, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "dossier.html"
    path.write_text(render(example_dossier, "html"), encoding="utf-8")
    return path


def test_example_report_opens_offline_and_every_section_renders(browser, example_html):
    watched = Watched(browser)
    page = watched.open(example_html)
    for section in SECTIONS:
        assert page.locator(f"#{section}").is_visible(), f"section {section} does not render"
    assert page.locator("#reuse svg circle").count() >= 2  # the copy graph was drawn
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dossier.png"))
    page.screenshot(path=str(ARTIFACTS / "dossier-full.png"), full_page=True)
    assert watched.errors == [], watched.errors
    assert watched.outside_requests(example_html) == []
    watched.close()


def test_the_timeline_places_claims_by_date_and_links_each_to_its_claim(browser, example_html):
    watched = Watched(browser)
    page = watched.open(example_html)
    rows = page.locator("#timeline li")
    assert rows.count() >= 5
    dates = [rows.nth(k).locator(".when").inner_text()[:10] for k in range(rows.count())]
    assert dates == sorted(dates)
    spans = [rows.nth(k).locator(".bar").bounding_box()["width"] for k in range(rows.count())]
    assert max(spans) > min(spans)  # reports that leave the day open are drawn as a span
    target = rows.first.locator("a").get_attribute("href")
    rows.first.locator("a").click()
    assert page.locator(target).count() == 1
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline.png"))
    assert watched.errors == [], watched.errors
    watched.close()


def test_expanding_a_claim_shows_its_mentions(browser, example_html):
    watched = Watched(browser)
    page = watched.open(example_html)
    claim = page.locator("details.claim").first
    mentions = claim.locator("table.mentions")
    assert not mentions.is_visible()
    claim.locator("summary").first.click()
    assert mentions.is_visible() and mentions.locator("tbody tr").count() >= 2
    page.locator("#expand-all").click()  # the inlined script runs under the page's CSP
    assert page.locator("details.document").last.locator(".text").is_visible()
    assert watched.errors == [], watched.errors
    watched.close()


def test_report_reads_on_a_phone(browser, example_html):
    watched = Watched(browser, width=390, height=844)
    page = watched.open(example_html)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 2, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(ARTIFACTS / "dossier-phone.png"))
    watched.close()


PAYLOADS = [
    '<script>window.__pwned = "script"; alert(1)</script>',
    '<img src=x onerror="window.__pwned = \'onerror\'; alert(2)">',
    '<a href="javascript:window.__pwned=\'link\'">click</a>',
    '"><svg onload="window.__pwned=\'svg\'">',
]


def test_planted_payloads_never_run(browser, analyse, tmp_path):
    payload = " ".join(PAYLOADS)
    rows = [{"title": f"Dam protest {n} {p}", "outlet": f"Outlet {n} {p}", "url": url,
             "published": f"2026-03-0{n}",
             "text": f"Police detained 40 protesters in Dravo on Monday, the Courier said. {p}\n\n"
                     f"“We were held without charge {p},” one man said. {payload}"}
            for n, (p, url) in enumerate(zip(PAYLOADS, ["javascript:window.__pwned='url'", "https://x.example/a\"><script>alert(3)</script>",
                                                        "data:text/html,<script>alert(4)</script>", "https://y.example/b"]), start=1)]
    result = analyse({"feed.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    assert len(result.dossier.documents) == 4
    path = tmp_path / "hostile.html"
    path.write_text(render(result.dossier, "html"), encoding="utf-8")
    watched = Watched(browser)
    page = watched.open(path)
    page.locator("#expand-all").click()
    assert page.locator("a[href^='javascript:'], a[href^='data:']").count() == 0  # unsafe URLs are not links
    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == []
    assert watched.outside_requests(path) == [], watched.outside_requests(path)
    assert page.locator("text=window.__pwned").count() >= 1  # the payloads show, as text
    for anchor in page.locator("a[target=_blank]").all():
        assert anchor.get_attribute("rel") and "noopener" in anchor.get_attribute("rel")
    watched.close()
