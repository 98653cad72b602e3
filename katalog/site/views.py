"""The typed views templates lay out: one frozen dataclass per page type, and the small
parts they share (texts as shown, links, cards).

Everything here is already decided and localised: names, dates, amounts, orders and
addresses (site-relative paths, which templates only make relative to the page). A
template never tests a value's type or builds an address.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from katalog.languages import KNOWN, Lang
from katalog.records.model import CallContact, Contact
from katalog.site import urls
from katalog.site.search import IndexEntry
from katalog.site.texts import Texts


@dataclass(frozen=True)
class Shown:
    """A text as a reader of one language sees it; `fallback` when in another language."""

    text: str
    lang: Lang
    fallback: bool
    note: str | None = None
    """For a fallback: the note saying which language the text is in."""


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    lang: Lang | None = None
    """Set when the label is in another language than the page (a fallback)."""


@dataclass(frozen=True)
class StatusBadge:
    key: str
    label: str


@dataclass(frozen=True)
class Card:
    """A record as one item in a list: enough to choose whether to open it."""

    kind: str
    slug: str
    kind_label: str
    link: Link
    summary: Shown
    status: StatusBadge | None
    period: str | None
    countries: tuple[str, ...]
    roles: tuple[str, ...] = ()
    """On an organisation's page: what the organisation does in the record."""
    changed: str | None = None
    """On the home page: when the record's entry last changed in the catalogue."""


@dataclass(frozen=True)
class Description:
    """A record's Markdown text, shown as safe HTML. It is rendered (`render`) when a
    template first shows it, once: so in the processes that write the pages, each its own
    share, rather than all before any page is written."""

    text: str
    lang: Lang
    fallback: bool
    note: str | None = None
    render: Callable[[str], Markup] = field(default=escape, compare=False, repr=False)
    """Markdown -> safe HTML; as plain text, escaped, unless given."""

    @functools.cached_property
    def html(self) -> Markup:
        return self.render(self.text)


@dataclass(frozen=True)
class ExternalLink:
    title: Shown
    url: str


@dataclass(frozen=True)
class PartnerGroup:
    role: str
    label: str
    organisations: tuple[Link, ...]


@dataclass(frozen=True)
class Funding:
    amount: str
    note: Shown | None


@dataclass(frozen=True)
class PartnerCall:
    """A project's partner call as its page shows it: open with its contact, or closed."""

    state: str
    """`open`, `closed-on` or `closed-completed` (see `katalog.records.model.CallState`)."""
    open: bool
    heading: str
    text: Description
    """The call's Markdown, rendered and sanitised as a description is."""
    until: str | None = None
    """For an open call with a last day: the sentence saying until when it is open."""
    contact: CallContact | None = None
    """For an open call: whom to reach."""
    closed: str | None = None
    """For a closed call: the sentence saying that, and when or why."""


@dataclass(frozen=True)
class SourceView:
    """One source as a record page cites it: publisher, title (linked if public), date."""

    publisher: Link
    title: Shown
    url: str | None
    as_of: str
    """The date it speaks for, at its precision, or the words saying it states none."""


@dataclass(frozen=True)
class Windows:
    windows: tuple[str, ...]
    open_until: str | None
    next_opens: str
    according_to: str | None = None
    """Whose word the next window's days are, and of when: "According to ICLD, 2016"."""
    calendar: Link | None = None
    """The programme's windows as an iCalendar file: "Add to calendar"."""


@dataclass(frozen=True)
class OpeningSoon:
    """A programme whose next application window opens soon after the build date."""

    link: Link
    opens: str
    according_to: str | None


@dataclass(frozen=True)
class ReviewItem:
    """A record whose information is due for review, as the data page lists it."""

    link: Link
    kind_label: str
    as_of: str


@dataclass(frozen=True)
class Counted:
    link: Link
    count: int


@dataclass(frozen=True)
class Count:
    number: str
    label: str
    url: str


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: str | None
    """`page` on the item's own page, `true` inside its section, else None."""


@dataclass(frozen=True)
class Download:
    """One download as the data page lists it."""

    title: str
    description: str
    url: str
    format: str
    size: str


# --- Page views ----------------------------------------------------------------------


# --- The country map (katalog/site/geography.py) ---------------------------------------


@dataclass(frozen=True)
class Marker:
    x: int
    y: int
    r: int


@dataclass(frozen=True)
class MapCountry:
    """A country with records, as the map draws it: a link with its counts as its name."""

    code: str
    d: str
    url: str
    name: str
    """"Polen: 2 prosjekter, 1 program": the link's accessible name and `<title>`."""
    shade: int
    """0 (programmes only) to 4: the `kat-map-n<shade>` class."""
    hatched: bool
    """Whether a programme names it."""
    marker: Marker | None = None


@dataclass(frozen=True)
class Shaded:
    """A country with records drawn where it is not the link (Europe on the world panel)."""

    d: str
    shade: int
    hatched: bool


@dataclass(frozen=True)
class MapPanel:
    key: str
    label: str
    """The panel's accessible name: "Kart over Europa"."""
    width: int
    height: int
    plain: str
    """Every country without records (or linked in the other panel), as one path."""
    shaded: tuple[Shaded, ...]
    countries: tuple[MapCountry, ...]
    inset: str | None = None
    """On the world panel: the outline of the area the Europe panel shows."""


@dataclass(frozen=True)
class LegendItem:
    shade: int
    hatched: bool
    label: str


@dataclass(frozen=True)
class MapRow:
    """A row of the table: every country a record names, drawn on the map or not (a few
    codes, such as Gibraltar's, have no shape of their own in Natural Earth)."""

    link: Link
    projects: str
    programmes: str


@dataclass(frozen=True)
class MapView:
    title: str
    caption: str
    panels: tuple[MapPanel, ...]
    legend: tuple[LegendItem, ...]
    table_summary: str
    table_headings: tuple[str, str, str]
    rows: tuple[MapRow, ...]
    source: str
    """The shapes' attribution, as the map's small print."""


# --- The timeline (katalog/site/timeline.py) --------------------------------------------

TIMELINE_ANCHOR = "kat-timeline"
"""The timeline's heading, which the home page's timeline links to on the programmes index."""


@dataclass(frozen=True)
class Tick:
    year: int
    x: float
    label: str | None
    """None for the tick closing the axis: no year starts there that the axis shows."""


@dataclass(frozen=True)
class Bar:
    """One record's period as a bar: its dates, words and place in the drawing."""

    kind: str
    slug: str
    link: Link
    label: str
    """The title as drawn (shortened when very long)."""
    name: str
    """The link's accessible name: title, the period in words and its precision."""
    period: str
    start: str
    """The first date in words, at its precision."""
    end: str
    """The last date in words, or that none is stated."""
    first_day: date
    last_day: date
    """The last day drawn: the end's last day, or the build date for an open end."""
    precision: str
    """The coarsest precision of the period's dates: "year", "month" or "day"."""
    open_end: bool
    programme: str
    """For the table: the programme's title, or a word for a programme or none."""
    x: float
    width: float
    y: float
    """The bar's top."""
    label_x: float
    label_y: float
    anchor: str
    """The label's `text-anchor`: "start" at the bar's start, or "end" at its end."""
    arrow: str | None = None
    """An open end's arrow, as the points of an SVG polygon."""


@dataclass(frozen=True)
class Group:
    """A programme's bars, or those of projects without one."""

    key: str
    top: float
    bars: tuple[Bar, ...]
    heading: str | None = None
    """Shown above the bars where the programme has no bar of its own."""
    heading_lang: Lang | None = None
    heading_y: float | None = None


@dataclass(frozen=True)
class TimelineView:
    heading: str
    intro: str
    label: str
    """The drawing's accessible name."""
    width: float
    height: float
    bar_height: float
    axis_top: float
    """Where the tick lines start (below their labels)."""
    rows_bottom: float
    ticks: tuple[Tick, ...]
    today_x: float
    today_label: str
    today: str
    """The build date in words."""
    groups: tuple[Group, ...]
    undated: tuple[Link, ...]
    """Records without a period, by title."""
    more: Link | None = None
    """Where the whole timeline is, from a page that shows part of it."""
    anchor: str = TIMELINE_ANCHOR
    """The heading's id."""

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(bar for group in self.groups for bar in group.bars)


# --- The data-quality report on the data page (katalog/site/quality.py) -----------------


@dataclass(frozen=True)
class FillRow:
    field: str
    required: str
    filled: str
    """In words: "12 av 12 prosjekter"."""
    complete: bool


@dataclass(frozen=True)
class FillTable:
    kind: str
    caption: str
    rows: tuple[FillRow, ...]


@dataclass(frozen=True)
class TranslationRow:
    link: Link
    kind_label: str
    field: str
    missing: str
    """The languages missing, by name."""


@dataclass(frozen=True)
class ClosedCallRow:
    link: Link
    reason: str


@dataclass(frozen=True)
class QualityView:
    intro: str
    fill: tuple[FillTable, ...]
    translations_intro: str
    translations: tuple[TranslationRow, ...]
    calls_intro: str
    calls: tuple[ClosedCallRow, ...]
    unused_intro: str
    unused_organisations: tuple[Link, ...]
    unused_themes: tuple[Link, ...]


@dataclass(frozen=True)
class RecordView:
    """What programme and project pages share."""

    kind: str
    title: Shown
    summary: Shown
    status: StatusBadge | None
    period: str | None
    countries: tuple[Link, ...]
    themes: tuple[Link, ...]
    partners: tuple[PartnerGroup, ...]
    description: Description | None
    links: tuple[ExternalLink, ...]
    website: str | None
    contact: Contact | None
    sources: tuple[SourceView, ...]
    as_of: str
    """The date the information is current as of, at its precision, or "not stated"."""
    search: IndexEntry
    data: Link
    source: Link


@dataclass(frozen=True)
class ProjectView(RecordView):
    programme: Link | None = None
    partner_call: PartnerCall | None = None
    funding: Funding | None = None
    related: tuple[Card, ...] = ()


@dataclass(frozen=True)
class ProgrammeView(RecordView):
    funders: tuple[Link, ...] = ()
    windows: Windows | None = None
    projects: tuple[Card, ...] = ()
    timeline: TimelineView | None = None
    """The programme and its projects on a timeline."""


@dataclass(frozen=True)
class PageNumber:
    number: str
    """The number as the page's language writes it."""
    url: str
    label: str
    """"Side 2" / "Page 2", for screen readers."""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """Where a listing page is among the listing's pages, and the way to the others."""

    label: str
    """The navigation's name: "Sider i listen" / "Pages of the list"."""
    showing: str
    """Which records this page shows: "Viser 101–200 av 5 007"."""
    pages: tuple[PageNumber, ...]
    previous: Link | None = None
    next: Link | None = None


@dataclass(frozen=True)
class CollectionView:
    """A country, a theme or an organisation, with every record linked to it."""

    kind: str
    name: Shown
    lead: str
    """What the page holds, in a sentence."""
    search: IndexEntry
    programmes: tuple[Card, ...]
    projects: tuple[Card, ...]
    about: Shown | None = None
    short_name: str | None = None
    country: Link | None = None
    website: str | None = None
    pagination: Pagination | None = None
    """Where the projects are more than a page holds: which of them this page shows."""
    indexed: bool = True
    """Whether search indexes the page: a listing's later pages repeat its first's header."""


@dataclass(frozen=True)
class IndexView:
    section: str
    intro: str
    records: tuple[Card, ...] | None = None
    """Projects and programmes: every record, as cards."""
    entries: tuple[Counted, ...] | None = None
    """Countries, themes and organisations: each with how many records name it."""
    browse: Mapping[str, Any] | None = None
    """For the search script: facets and texts, as JSON."""
    opening_soon: tuple[OpeningSoon, ...] = ()
    """Programmes: those whose next application window opens soon."""
    map: MapView | None = None
    """Countries: the map of them, with its table."""
    pagination: Pagination | None = None
    """Where the records are more than a page holds: which of them this page shows."""
    timeline: TimelineView | None = None
    """Programmes: every programme and project on a timeline."""


@dataclass(frozen=True)
class SearchView:
    intro: str
    browse: Mapping[str, Any]
    sections: tuple[Link, ...]


@dataclass(frozen=True)
class HomeView:
    intro: str
    counts: tuple[Count, ...]
    recent: tuple[Card, ...]
    countries: tuple[Counted, ...]
    themes: tuple[Counted, ...]
    programmes: tuple[Card, ...]
    all_projects: str
    all_programmes: str
    all_countries: str
    all_themes: str
    opening_soon: tuple[OpeningSoon, ...] = ()
    map: MapView | None = None
    timeline: TimelineView | None = None
    """The records running on the build date or ended recently, on a timeline."""


@dataclass(frozen=True)
class DataView:
    intro: str
    downloads: tuple[Download, ...]
    licence: Link | None
    licence_text: str
    records_note: str
    review: tuple[ReviewItem, ...] = ()
    """Records whose information is older than the review interval, or undated."""
    review_intro: str = ""
    quality: QualityView | None = None
    """The data-quality report (`katalog.site.quality`)."""


@dataclass(frozen=True)
class TextPageView:
    """One of the site's own pages (About, accessibility, privacy): its text as HTML."""

    name: str
    html: Markup


@dataclass(frozen=True)
class Publisher:
    """The site's publisher as the footer names them; each part only where set."""

    name: str | None
    email: str | None
    address: tuple[str, ...]
    """The postal address, line by line."""


@dataclass(frozen=True)
class Footer:
    """Every page's footer: who publishes the site and the ways to its own pages."""

    label: str
    """The footer navigation's name for screen readers."""
    publisher: Publisher | None
    publisher_label: str
    email_label: str
    address_label: str
    links: tuple[Link, ...]
    """The site's own pages and the data page, then the repository's addresses (absolute)."""


@dataclass(frozen=True)
class Choice:
    lang: Lang
    url: str
    name: str
    site: str
    tagline: str
    choose: str


@dataclass(frozen=True)
class RootView:
    choices: tuple[Choice, ...]
    redirects: Mapping[str, str]
    """A browser's language (its primary subtag) -> the home page it is sent to."""


@dataclass(frozen=True)
class NotFoundText:
    """What the 404 page says in one language, with where to go on in it."""

    lang: Lang
    heading: str
    text: str
    home: Link
    search: Link


@dataclass(frozen=True)
class NotFoundView:
    texts: tuple[NotFoundText, ...]
    """One per site language, the default first."""


View = (
    ProjectView
    | ProgrammeView
    | CollectionView
    | IndexView
    | SearchView
    | HomeView
    | DataView
    | TextPageView
    | RootView
    | NotFoundView
)


@dataclass(frozen=True)
class Page:
    """One page of the site in one language: where it lives, how it is laid out, its view."""

    path: str
    template: str
    lang: Lang
    title: str
    description: str
    view: View
    texts: Texts = field(compare=False, repr=False)
    alternates: tuple[tuple[Lang, str], ...] = ()
    """The same page in every language, this one included: (language, path)."""
    breadcrumbs: tuple[Link, ...] = ()
    source: str | None = None
    """The record file the page comes from, for "edit this record"."""
    home: str = ""
    """The home page of the page's language (the header's logo link)."""
    search_url: str | None = None
    """Where the header's search form goes; None on the language chooser."""
    data_url: str | None = None
    """The data page of the page's language, linked from the footer."""
    nav: tuple[NavItem, ...] = ()
    scripts: tuple[str, ...] = ()
    """The site's own scripts the page runs (the search and browsing script, on the pages
    that search or browse): no other page downloads them."""
    search_script: str = urls.pagefind_script()
    """Pagefind's script, which the search script loads."""
    site_root: str = urls.root()
    """The site's root, which Pagefind's result addresses are relative to."""
    jsonld: Mapping[str, Any] | None = None
    """schema.org data about the page's subject, as JSON-LD."""
    is_home: bool = False
    footer: Footer | None = None
    """The footer: publisher and links, in the page's language."""
    feed: Link | None = None
    """The Atom feed of the page's language, linked from the head; None without one."""

    def t(self, key: str, **values: object) -> str:
        """An interface text in the page's language."""
        return self.texts(self.lang, key, **values)

    def language_name(self, lang: Lang) -> str:
        """A language's name in that language itself: "English", "Norsk (bokmål)"."""
        return KNOWN[lang].name

    def switch_label(self, lang: Lang) -> str:
        """The language switch's words for `lang`, in the page's language."""
        return self.t("language.switch", language=self.t(f"language.{lang}"))
