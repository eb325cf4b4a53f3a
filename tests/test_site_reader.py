"""The reader's site as HTML: languages claimed, sitemap, social previews, CSP, privacy, search, archive."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdgettext.archive import ARCHIVE_NAME, _offline_url, offline_html
from mdgettext.config import load_mkdocs_yaml
from mdgettext.languages import display_name
from mdgettext.site import (
    Coverage,
    _relative,
    add_csp,
    coverage,
    english_fallback,
    og_locale,
    search_config,
)
from mdgettext.workspace import Workspace
from support import PARTIAL_LANGUAGE, PARTIAL_PAGE, ROOT

LANGUAGES = Workspace(ROOT).config.languages
OG = {"en": "en_US", "be": "be_BY", "ru": "ru_RU", "de": "de_DE", "pl": "pl_PL"}


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def find(self, tag: str, **match: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(key.replace("_", "-")) == value for key, value in match.items())
        ]


def parse(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html"))


def language_of(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    return first if first in LANGUAGES[1:] else "en"


def site_url() -> str:
    return "https://release-now.example/"


# -- pure helpers --------------------------------------------------------------------------------------------


def test_relative_links_between_languages() -> None:
    assert _relative("pl/prisoners/", "de/prisoners/") == "../../pl/prisoners/"
    assert _relative("prisoners/", "pl/prisoners/") == "../../prisoners/"
    assert _relative("", "pl/") == "../"
    assert _relative("pl/", "") == "pl/"
    assert _relative("", "") == "./"


def test_offline_links_open_index_files() -> None:
    assert _offline_url("../prisoners/#who") == "../prisoners/index.html#who"
    assert _offline_url("..") == "../index.html"
    assert _offline_url(".") == "index.html"
    assert _offline_url("https://example.org/") == "https://example.org/"
    assert _offline_url("assets/x.css") == "assets/x.css"
    assert offline_html('<a href="pl/">x</a>') == '<a href="pl/index.html">x</a>'


def test_og_locale_from_cldr_likely_subtags() -> None:
    assert {language: og_locale(language) for language in LANGUAGES} == OG


def test_coverage_counts_each_text_once() -> None:
    keys = [(None, "a"), (None, "a"), (None, "b")]
    assert coverage(keys, lambda key: key[1] == "a") == Coverage(1, 2)
    assert Coverage(199, 200).share == 0.99  # never rounded up to 100%
    assert Coverage(0, 0).complete


def test_english_fallback_marks_inline_text_only() -> None:
    assert english_fallback("paragraph", "**Bold** [x](y.md)") == '<span lang="en">**Bold** [x](y.md)</span>'
    assert english_fallback("front-matter", "Title") is None
    assert english_fallback("html", "<b>x</b>") is None


def test_search_keeps_diacritics_and_never_trims() -> None:
    for language in ("be", "pl"):
        config = search_config(language)
        assert config["pipeline"] == [] and config["lang"] == ["en"]
        separator = re.compile(str(config["separator"]))
        assert separator.split("Вызваленне ўсіх, żona; Straße — łąka") == [
            "Вызваленне",
            "ўсіх",
            "żona",
            "Straße",
            "łąka",
        ]
        assert separator.split("сям'я") == ["сям'я"]


def test_csp_hashes_every_inline_script() -> None:
    html = add_csp(
        '<head><meta charset="utf-8"><script>a()</script><script type="application/json">{}</script>'
    )
    digest = base64.b64encode(hashlib.sha256(b"a()").digest()).decode()
    assert f"'sha256-{digest}'" in html
    assert html.index("Content-Security-Policy") < html.index("<script>")
    assert add_csp(html).count("Content-Security-Policy") == 1


def test_language_names_in_mkdocs_yml_are_cldr_names() -> None:
    data = load_mkdocs_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(item["i18n"] for item in data["plugins"] if isinstance(item, dict) and "i18n" in item)
    assert {lang["locale"]: lang["name"] for lang in i18n["languages"]} == {
        lang["locale"]: display_name(lang["locale"]) for lang in i18n["languages"]
    }


# -- the real site -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_language_has_every_page_and_a_404(real_site: Path) -> None:
    english = {
        path.relative_to(real_site).as_posix()
        for path in real_site.glob("**/index.html")
        if language_of(real_site, path) == "en"
    }
    for language in LANGUAGES[1:]:
        for page in english:
            assert (real_site / language / page).exists(), (language, page)
        not_found = parse(real_site / language / "404.html")
        assert not_found.find("html")[0]["lang"] == language
    assert parse(real_site / "404.html").find("html")[0]["lang"] == "en"
    root_404 = (real_site / "404.html").read_text(encoding="utf-8")
    for language in LANGUAGES[1:]:
        assert f'hreflang="{language}" lang="{language}">' in root_404  # the root 404 leads to every language


@pytest.mark.slow
def test_switcher_names_languages_in_themselves_and_keeps_the_page(real_site: Path) -> None:
    page = parse(real_site / "de" / "prisoners" / "index.html")
    links = [attrs for attrs in page.find("a") if "md-select__link" in attrs.get("class", "")]
    assert [link["hreflang"] for link in links] == list(LANGUAGES)
    assert links[4]["href"] == "../../pl/prisoners/"
    assert links[0]["href"] == "../../prisoners/"
    html = (real_site / "de" / "prisoners" / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f">\n              {display_name(language)}\n" in html


def claimed(head: Head) -> dict[str, str]:
    return {
        attrs["hreflang"]: attrs["href"]
        for attrs in head.find("link", rel="alternate")
        if "hreflang" in attrs
    }


@pytest.mark.slow
def test_hreflang_absolute_with_x_default(real_site: Path) -> None:
    for path in pages(real_site):
        links = claimed(parse(path))
        assert links, path
        assert all(href.startswith(site_url()) for href in links.values()), path
        relative = path.parent.relative_to(real_site).as_posix()
        english = (
            relative.split("/", 1)[1]
            if language_of(real_site, path) != "en" and "/" in relative
            else ("" if language_of(real_site, path) != "en" else relative)
        )
        english = "" if english == "." else english
        assert links["x-default"] == site_url() + (english + "/" if english else "")


@pytest.mark.slow
def test_sitemap_agrees_with_hreflang(real_site: Path) -> None:
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    listed = {}
    for block in urls:
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1)
        listed[loc] = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
    for path in pages(real_site):
        links = claimed(parse(path))
        own = parse(path).find("meta", property="og:url")[0]["content"]
        if own in links.values():
            assert listed[own] == links, path
        else:
            assert own not in listed, path


@pytest.mark.slow
def test_social_previews_per_language(real_site: Path) -> None:
    for path in pages(real_site):
        language = language_of(real_site, path)
        head = parse(path)
        assert head.find("meta", property="og:locale")[0]["content"] == OG[language]
        alternates = {attrs["content"] for attrs in head.find("meta", property="og:locale:alternate")}
        assert OG[language] not in alternates and alternates <= set(OG.values())
        assert head.find("meta", property="og:title")[0]["content"]
        assert head.find("meta", property="og:description")[0]["content"]


@pytest.mark.slow
def test_csp_on_every_page_before_any_script(real_site: Path) -> None:
    for path in sorted(real_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, path
        policy = meta.group(1)
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
            "img-src 'self' data:",
            "connect-src 'self'",
        ):
            assert directive in policy, (path, directive)
        assert meta.start() < html.index("<script"), path
        for body in re.findall(r"<script>(.*?)</script>", html, re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, path


_LOADED = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?P<src>[^"' >]+)"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|icon|preload|prefetch|modulepreload|manifest|preconnect|"""
    r"""dns-prefetch|apple-touch-icon))[^>]*\bhref=["']?(?P<href>[^"' >]+)""",
    re.I,
)


@pytest.mark.slow
def test_nothing_loads_from_another_host(real_site: Path) -> None:
    offenders = []
    for path in sorted(real_site.rglob("*.html")):
        for match in _LOADED.finditer(path.read_text(encoding="utf-8")):
            url = match.group("src") or match.group("href")
            if urlsplit(url).netloc or url.startswith("//"):
                offenders.append((path.relative_to(real_site).as_posix(), url))
    for path in sorted(real_site.rglob("*.css")):
        for url in re.findall(r"""url\(\s*["']?([^"')]+)""", path.read_text(encoding="utf-8")):
            if re.match(r"(https?:)?//", url):
                offenders.append((path.relative_to(real_site).as_posix(), url))
        for url in re.findall(r"""@import\s+(?:url\()?["']?([^"');]+)""", path.read_text(encoding="utf-8")):
            offenders.append((path.relative_to(real_site).as_posix(), url))
    assert not offenders
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "squidfunk.github.io" not in html  # no generator link


@pytest.mark.slow
def test_one_search_index_per_language(real_site: Path) -> None:
    for language in LANGUAGES:
        folder = real_site / ("search" if language == "en" else f"{language}/search")
        index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        script = (folder / "search_index.js").read_text(encoding="utf-8")
        assert json.loads(script.removeprefix("var __index = ").rstrip().rstrip(";")) == index
        assert index["config"] == {**index["config"], **search_config(language)}
        assert index["docs"], language
        locations = [doc["location"] for doc in index["docs"]]
        assert not any(location.startswith(tuple(f"{lang}/" for lang in LANGUAGES)) for location in locations)
    config = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        (real_site / "pl" / "prisoners" / "index.html").read_text(encoding="utf-8"),
        re.S,
    )
    assert json.loads(config.group(1))["base"] == "../../pl/"


@pytest.mark.slow
def test_archive_is_the_whole_site_and_deterministic(real_site: Path, tmp_path: Path) -> None:
    from mdgettext.archive import build_archive

    archive = real_site / ARCHIVE_NAME
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in zipped.infolist()} == {(2020, 8, 9, 0, 0, 0)}
        assert (
            "release-now-site/index.html" in names and "release-now-site/pl/search/search_index.js" in names
        )
        home = zipped.read("release-now-site/pl/index.html").decode()
        assert 'href="prisoners/index.html"' in home
    files = [(path.relative_to(real_site).as_posix(), path.read_bytes())
             for path in real_site.rglob("*") if path.is_file()]
    assert build_archive(files) == archive.read_bytes()
    assert f'href="{ARCHIVE_NAME}" download' in (real_site / "index.html").read_text(encoding="utf-8")


@given(
    st.sampled_from(["https://x.org/", "https://x.org/sub", "http://a/b/?q", "https://x.org/#f"]),
    st.lists(
        st.sampled_from(
            ["", "pl", "/", ".", "..", "a b", "?q=1", "#f", ":", "x:", "%20", ";", "é", "-", "~"]
        ),
        max_size=6,
    ).map("".join),
)
@settings(max_examples=300, deadline=None)
def test_absolute_urls_are_what_urljoin_gives(site_url: str, url: str) -> None:
    from urllib.parse import urljoin

    from mdgettext.site import _absolute

    base = site_url if site_url.endswith("/") else site_url + "/"
    assert _absolute(site_url, url) == urljoin(base, url)


def _offline_html_reference(html: str) -> str:
    """The one-callback-per-link rewriting offline_html replaced (every link through _offline_url)."""
    return re.sub(
        r"""(?P<lead>\b(?:href|src)=)(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""",
        lambda m: m.group("lead") + m.group("quote") + _offline_url(m.group("url")) + m.group("quote"),
        html,
    )


_URL_PIECES = st.sampled_from(
    ["", ".", "..", "./", "../", "/", "//", "a", "b.html", "pl/", "#x", "?q=1", "https:", "mailto:a",
     "x:y/", "A1+.-:", "'", '"', " ", "index.html", "a//", "é/", "\t", "\n", "\x00", "x:", ":"]
)


@given(
    st.lists(
        st.tuples(st.sampled_from(["href", "src", "xhref", "HREF", "data-src"]), st.sampled_from(['"', "'"]),
                  st.lists(_URL_PIECES, max_size=5).map("".join)),
        max_size=6,
    ),
    st.sampled_from(["", " ", "<a ", "x"]),
)
@settings(max_examples=400, deadline=None)
def test_offline_html_rewrites_exactly_what_offline_url_does(
    links: list[tuple[str, str, str]], glue: str
) -> None:
    html = glue.join(f"<a {attr}={quote}{url}{quote}>" for attr, quote, url in links)
    assert offline_html(html) == _offline_html_reference(html)


def test_archive_records_read_back_and_a_huge_site_gives_the_same_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mdgettext import archive as site

    files = [
        ("index.html", b'<a href="pl/">pl</a>'),
        ("pl/index.html", '<a href="../">en</a> żółw'.encode()),
        ("ża/strona.html", b"<p>x</p>" * 1000),
        ("old.zip", b"left out"),
        ("search/search_index.json", json.dumps({"docs": [{"location": "pl/#a"}]}).encode()),
    ]
    archive = site.build_archive(files)
    assert archive == site.build_archive(list(reversed(files)))
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert zipped.testzip() is None
        contents = {info.filename: zipped.read(info) for info in zipped.infolist()}
        assert {info.date_time for info in zipped.infolist()} == {(2020, 8, 9, 0, 0, 0)}
    assert contents["release-now-site/index.html"] == b'<a href="pl/index.html">pl</a>'
    assert "release-now-site/ża/strona.html" in contents and "release-now-site/old.zip" not in contents
    monkeypatch.setattr(site, "_ZIP32_ENTRIES", 2)  # as if the site had more entries than ZIP32 holds
    with zipfile.ZipFile(io.BytesIO(site.build_archive(files))) as zipped:
        assert {info.filename: zipped.read(info) for info in zipped.infolist()} == contents


# -- the partly translated fixture ---------------------------------------------------------------------------


@pytest.mark.slow
def test_partial_page_is_marked_and_not_claimed(partial_site: Path) -> None:
    page = partial_site / PARTIAL_LANGUAGE / PARTIAL_PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    notice = re.search(r'<div class="rn-notice" role="note">(.*?)</div>', html, re.S)
    assert notice, "no partial-translation notice"
    assert re.search(r"\d+\s?%", notice.group(1))
    assert "https://release-now.example/help-translate/" in notice.group(1)
    assert html.count('<span lang="en">') >= 3
    links = claimed(parse(page))
    assert PARTIAL_LANGUAGE not in links and "en" in links
    complete = partial_site / PARTIAL_LANGUAGE / "crisis" / "index.html"
    assert "rn-notice" not in complete.read_text(encoding="utf-8")
    assert PARTIAL_LANGUAGE in claimed(parse(complete))
    sitemap = (partial_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url()}{PARTIAL_LANGUAGE}/{PARTIAL_PAGE}/</loc>" not in sitemap
    assert f"<loc>{site_url()}{PARTIAL_LANGUAGE}/crisis/</loc>" in sitemap


def _relative_reference(target: str, current: str) -> str:
    """What _relative gave before its fast path for plain paths: posixpath.relpath for every pair."""
    from posixpath import relpath

    here = current if current.endswith("/") or not current else current.rsplit("/", 1)[0] + "/"
    path = relpath("/" + target, "/" + here) if target else relpath("/", "/" + here)
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/"
    return "./" if path in ("./", "./.", "") else path.removeprefix("./") or "./"


_URL_PARTS = st.sampled_from(["pl", "be", "prisoners", "a", "index.html", "é", "x-y", "~u", "%20", ".", "..",
                              ".hidden", ""])


@given(
    st.lists(_URL_PARTS, max_size=4).map("/".join).flatmap(lambda p: st.sampled_from([p, p + "/"])),
    st.lists(_URL_PARTS, max_size=4).map("/".join).flatmap(lambda p: st.sampled_from([p, p + "/"])),
)
@settings(max_examples=500, deadline=None)
def test_relative_links_are_what_relpath_gives(target: str, current: str) -> None:
    assert _relative(target, current) == _relative_reference(target, current)
