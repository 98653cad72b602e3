"""Every address of the site, in one place: pages, per-record data, downloads, the index.

Addresses are site-relative paths without a leading slash (`nb/projects/x/`, a folder
holding `index.html`; `data/catalogue.json`, a file). Templates make them relative to
the page (MkDocs' `url` filter) and JavaScript reads them from data the page carries;
neither builds one. `absolute` joins a path to the site's public address when it is known.

The scheme:

    ""                              the language chooser
    <lang>/                         a language's home page
    <lang>/<section>/               an index: projects, programmes, countries, themes, ...
    <lang>/<section>/<key>/         a record's page (countries by lower-case ISO code)
    <lang>/search/, <lang>/data/    the search page; the open-data page
    <lang>/about/                   the site's own pages: what the catalogue is, the
    <lang>/accessibility/           accessibility statement, the privacy note (their
    <lang>/privacy/                 texts are content/pages/<name>.<lang>.md)
    404.html                        the page for a missing address, in every language (a
                                    file: served at any address, so its links start at
                                    the site's root path, not at the page)
    data/<section>/<slug>.json      one record's data, both languages (no page: programmes
    data/<section>/<slug>.yml       and projects only), and its YAML source as published
    data/<name>                     the catalogue's downloads (see `katalog.exports`)
    <lang>/feed.xml                 a language's Atom feed of new and changed records
    data/application-windows.ics    every programme's application windows as a calendar,
    data/application-windows.<lang>.ics  in the default language; in another language
    data/programmes/<slug>.ics      one programme's windows (`<slug>.<lang>.ics` likewise)
    pagefind/                       the search index (written by Pagefind)
"""

from __future__ import annotations

from katalog.languages import Lang

SEARCH, DATA = "search", "data"
ABOUT, ACCESSIBILITY, PRIVACY = "about", "accessibility", "privacy"
SITE_PAGES = (ABOUT, ACCESSIBILITY, PRIVACY)
"""The site's own pages, by name (`katalog.records.pagetexts.PAGES`)."""
PROPOSE_FORM = "propose-project.yml"
"""The issue form's file name in the repository (`katalog.editors.issueform.FORM_PATH`)."""
PAGEFIND = "pagefind/"
SITEMAP, ROBOTS = "sitemap.xml", "robots.txt"
NOT_FOUND = "404.html"


def root() -> str:
    return ""


def not_found() -> str:
    """The page a server sends for any address the site lacks."""
    return NOT_FOUND


def home(lang: Lang) -> str:
    return f"{lang}/"


def section(lang: Lang, name: str) -> str:
    return f"{lang}/{name}/"


def entry(lang: Lang, name: str, key: str) -> str:
    """The page of one record, country, theme or organisation in section `name`."""
    return f"{lang}/{name}/{key}/"


PAGED = "page"
"""Where a listing's later pages live under it (`nb/projects/page/2/`); a reserved slug."""


def paged(path: str, number: int) -> str:
    """Page `number` of the listing at `path` (a folder address): the first is `path`."""
    return path if number == 1 else f"{path}{PAGED}/{number}/"


def in_page(path: str, anchor: str) -> str:
    """A place on a page: `nb/programmes/#kat-timeline`."""
    return f"{path}#{anchor}"


def search(lang: Lang) -> str:
    return section(lang, SEARCH)


def data_page(lang: Lang) -> str:
    return section(lang, DATA)


def site_page(lang: Lang, name: str) -> str:
    """One of the site's own pages: `nb/about/`, `nb/accessibility/`, `nb/privacy/`."""
    return section(lang, name)


def issues(repo_url: str) -> str:
    """The repository's issue tracker (GitHub's and GitLab's address)."""
    return repo_url.rstrip("/") + "/issues"


def propose(repo_url: str) -> str:
    """The repository's form for proposing a project, as a new issue."""
    return f"{issues(repo_url)}/new?template={PROPOSE_FORM}"


def download(name: str) -> str:
    """A download of the whole catalogue: `data/catalogue.json`."""
    return f"{DATA}/{name}"


def record_data(name: str, slug: str) -> str:
    """One programme's or project's data, in every language: `data/projects/x.json`."""
    return f"{DATA}/{name}/{slug}.json"


def record_source(name: str, slug: str) -> str:
    """A programme's or project's YAML file, as published: `data/projects/x.yml`."""
    return f"{DATA}/{name}/{slug}.yml"


FEED = "feed.xml"


def feed(lang: Lang) -> str:
    """A language's Atom feed of new and changed programmes and projects: `nb/feed.xml`."""
    return f"{lang}/{FEED}"


def _suffix(lang: Lang, default: Lang) -> str:
    return "" if lang == default else f".{lang}"


def windows_calendar(lang: Lang, default: Lang) -> str:
    """Every programme's application windows as iCalendar, in `lang`: the default
    language's is `data/application-windows.ics`, another's `...windows.<lang>.ics`."""
    return f"{DATA}/application-windows{_suffix(lang, default)}.ics"


def programme_calendar(slug: str, lang: Lang, default: Lang) -> str:
    """One programme's application windows as iCalendar: `data/programmes/<slug>.ics` in
    the default language, `data/programmes/<slug>.<lang>.ics` in another."""
    return f"{DATA}/programmes/{slug}{_suffix(lang, default)}.ics"


def pagefind() -> str:
    """The folder of Pagefind's index and scripts."""
    return PAGEFIND


def browse_script() -> str:
    """The catalogue's search and browsing script (docs/javascripts/), which only the pages
    that search or browse load."""
    return "javascripts/catalogue-search.js"


def pagefind_script() -> str:
    return PAGEFIND + "pagefind.js"


def absolute(path: str, site_url: str | None) -> str | None:
    """`path` at the site's public address (`site_url` ends in /), or None when unknown."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + path


def src_uri(path: str) -> str:
    """A page's address as MkDocs' source path: `nb/projects/x/` -> `nb/projects/x.md`.

    Index pages (one path part, or a section's own page) become `<path>/index.md`, so
    MkDocs gives every page the folder address it has here.
    """
    if path in ("", "/"):
        return "index.md"
    parts = path.strip("/").split("/")
    if len(parts) <= 2:
        return "/".join(parts) + "/index.md"
    return "/".join(parts) + ".md"


def output_file(path: str) -> str:
    """The HTML file that serves a page's folder address: `nb/projects/x/` ->
    `nb/projects/x/index.html`, `` -> `index.html`."""
    folder = path.strip("/")
    return f"{folder}/index.html" if folder else "index.html"


def relative(target: str, page: str) -> str:
    """`target` as an address relative to the page at `page` (both site-relative folders
    or files): from `nb/projects/x/`, `nb/themes/y/` is `../../themes/y/`."""
    depth = page.count("/")
    return "../" * depth + target if (target or depth) else "./"


def linkable(target: str, page: str, site_url: str | None) -> str:
    """An address usable in data a page carries: absolute when the site's address is
    known, else relative to the page."""
    return absolute(target, site_url) or relative(target, page)
