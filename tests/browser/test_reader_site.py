"""The reader's site in a real browser (headless Debian chromium): languages, privacy, a11y, offline."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mdgettext.archive import ARCHIVE_NAME
from mdgettext.workspace import Workspace
from support import PARTIAL_LANGUAGE, PARTIAL_PAGE, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGUAGES = Workspace(ROOT).config.languages

#: Recorded for every page before any script of the page runs (init scripts are not subject to the CSP).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));
"""


def site_pages(site: Path) -> list[str]:
    """Every page of the site, as paths relative to its root (``pl/prisoners/``)."""
    paths = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="en-US")
    tab = context.new_page()
    tab.add_init_script(WATCH)
    yield tab
    context.close()


def search(tab, query: str) -> list[str]:
    """Type into Material's search box and wait for its answer; the result links (empty: no match)."""
    placeholder = tab.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    )
    meta = "(p) => { const t = document.querySelector('.md-search-result__meta').textContent.trim(); return "
    tab.focus("input.md-search__input")
    tab.fill("input.md-search__input", "")
    tab.keyboard.press("End")  # Material reads the query on keyup
    tab.wait_for_function(meta + "t === p; }", arg=placeholder, timeout=10_000)
    tab.fill("input.md-search__input", query)
    tab.keyboard.press("End")
    tab.wait_for_function(meta + "t !== '' && t !== p; }", arg=placeholder, timeout=10_000)
    return [link.get_attribute("href") or "" for link in tab.query_selector_all(".md-search-result__link")]


# -- languages -----------------------------------------------------------------------------------------------


def test_switch_language_by_keyboard_from_a_deep_page(page, served_site: str) -> None:
    page.goto(served_site + "de/prisoners/")
    button = page.locator(".md-select > button")
    for _ in range(40):  # Tab to the language button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-select > button')"):
            break
    else:
        pytest.fail("the language switcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'"
    )
    names = page.locator(".md-select__link").all_inner_texts()
    assert [name.strip() for name in names] == ["English", "Беларуская", "Русский", "Deutsch", "Polski"]
    for _ in range(6):  # Tab through the menu to Polski
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Polski":
            break
    else:
        pytest.fail("Polski cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served_site + "pl/prisoners/"
    assert page.evaluate("document.documentElement.lang") == "pl"


def test_english_home_offers_the_readers_language(browser, served_partial: str) -> None:
    context = browser.new_context(locale="pl-PL")
    tab = context.new_page()
    tab.goto(served_partial)
    assert tab.evaluate("navigator.languages[0]") == "pl-PL"
    offer = tab.locator("[data-rn-offer] [data-lang=pl]")
    offer.wait_for(state="visible")
    assert offer.get_attribute("lang") == "pl"
    assert tab.locator("[data-rn-offer] [data-lang=be]").is_hidden()
    assert offer.locator("a").get_attribute("href") == "pl/"
    assert tab.url == served_partial  # an offer, never a redirect
    offer.locator("button").click()
    assert tab.locator("[data-rn-offer]").count() == 0
    tab.reload()
    assert tab.locator(
        "[data-rn-offer]"
    ).is_hidden()  # dismissed for this session (sessionStorage, no cookie)
    assert context.cookies() == []
    context.close()
    english = browser.new_context(locale="en-US")
    tab = english.new_page()
    tab.goto(served_partial)
    assert tab.locator("[data-rn-offer]").is_hidden()
    english.close()


def test_partial_translation_is_told(page, served_partial: str) -> None:
    page.goto(served_partial + f"{PARTIAL_LANGUAGE}/{PARTIAL_PAGE}/")
    notice = page.locator(".rn-notice")
    assert notice.is_visible()
    assert "%" in notice.inner_text()
    assert page.evaluate("document.documentElement.lang") == PARTIAL_LANGUAGE
    english = page.locator('article [lang="en"]')
    assert english.count() >= 3
    assert english.first.is_visible()
    page.goto(served_partial + f"{PARTIAL_LANGUAGE}/crisis/")
    assert page.locator(".rn-notice").count() == 0


# -- search --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "word", "other"),
    [
        ("pl", "więźniów", "prisoners"),
        ("be", "палітвязняў", "więźniów"),
        ("ru", "Беларуси", "Białorusi"),
        ("de", "Gefangene", "więźniów"),
        ("en", "prisoners", "więźniów"),
    ],
)
def test_search_finds_only_the_pages_language(
    page, served_site: str, language: str, word: str, other: str
) -> None:
    root = served_site if language == "en" else served_site + f"{language}/"
    page.goto(root)
    found = search(page, word)
    assert found, f"{word!r} finds nothing in {language}"
    for href in found:
        path = urlsplit(href).path.removeprefix(urlsplit(served_site).path)
        first = path.split("/", 1)[0]
        assert (first if first in LANGUAGES else "en") == language, href
    assert search(page, other) == []


# -- private: no other host, the CSP holds, no cookies -------------------------------------------------------


def test_no_request_leaves_the_site(
    page, served_site: str, served_root: str, real_site: Path, record_property
) -> None:
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    counts = {}
    failures = []
    targets = [served_site + path for path in site_pages(real_site)]
    targets += [served_root + ("404.html" if lang == "en" else f"{lang}/404.html") for lang in LANGUAGES]
    for url in targets:
        requests.clear()
        page.goto(url, wait_until="networkidle")
        if "404" not in url and url.endswith(("/", "pl/")):
            search(page, "NO:W")  # the search worker and its index too
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        counts[url.removeprefix(origin)] = len(requests)
        failures += [(url, request) for request in requests if not request.startswith(origin + "/")]
        violations = page.evaluate("window.__violations")
        failures += [(url, violation) for violation in violations]
    record_property("requests_per_page", json.dumps(counts))
    print("requests per page:", json.dumps(counts, indent=0))
    assert not failures
    assert page.context.cookies() == []


# -- accessibility -------------------------------------------------------------------------------------------


def axe(tab, source: str) -> list[str]:
    tab.evaluate(source)  # evaluated by the DevTools protocol, so the page's CSP does not block it
    result = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return list(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(
    browser, served_site: str, served_root: str, real_site: Path, axe_source: str, scheme: str
) -> None:
    context = browser.new_context(locale="en-US", color_scheme=scheme)
    tab = context.new_page()
    problems = {}
    targets = [served_site + path for path in site_pages(real_site)]
    targets += [served_root + ("404.html" if lang == "en" else f"{lang}/404.html") for lang in LANGUAGES]
    for url in targets:
        tab.goto(url, wait_until="load")
        found = axe(tab, axe_source)
        if found:
            problems[url] = found
    context.close()
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def test_axe_on_the_partial_page_and_the_offer(browser, served_partial: str, axe_source: str) -> None:
    context = browser.new_context(locale="pl-PL")
    tab = context.new_page()
    tab.goto(served_partial)
    tab.locator("[data-rn-offer]").wait_for(state="visible")
    assert axe(tab, axe_source) == []
    tab.goto(served_partial + f"{PARTIAL_LANGUAGE}/{PARTIAL_PAGE}/")
    assert axe(tab, axe_source) == []
    context.close()


def test_good_on_a_phone(browser, served_site: str) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="be-BY",
    )
    tab = context.new_page()
    for path in ("", "be/", "pl/prisoners/", "de/crisis/"):
        tab.goto(served_site + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
        size = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article h1')).fontSize)")
        assert size >= 24, (path, size)
    context.close()


# -- works where it is blocked: any sub-path (above) and from disk -------------------------------------------


def test_offline_archive_from_disk_with_search(page, real_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(real_site / ARCHIVE_NAME) as archive:
        archive.extractall(tmp_path)
    root = (tmp_path / "release-now-site").as_uri() + "/"
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(root + "pl/prisoners/index.html")
    assert page.evaluate("document.documentElement.lang") == "pl"
    found = search(page, "więźniów")
    assert found and all(href.startswith(root + "pl/") and ".html" in href for href in found), found
    page.goto(found[0])
    assert page.evaluate("document.documentElement.lang") == "pl"
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=be]").first.evaluate("link => link.click()")
    assert page.url.startswith(root + "be/") and page.url.split("#")[0].endswith("index.html")
    assert page.evaluate("document.documentElement.lang") == "be"
    assert page.evaluate("window.__violations") == []
    assert all(url.startswith(("file://", "data:", "about:", "blob:")) for url in requests), requests
