"""The catalogue's own interface texts: built in for Bokmål and English, more from settings.

Names of countries, months and currencies come from CLDR (`katalog.site.l10n`), and MkDocs
Material translates its own interface; these tables hold only the catalogue's words:
headings, labels, statuses and roles. A site may add or override texts per language
(the `texts` setting, for a language the software ships no texts for); every key must
exist in every site language (`Texts.missing` says which do not, and the build stops).
`{name}` placeholders are filled with `str.format`.

`language.<code>` is a language's name as a reader of another language sees it in
running text ("på engelsk"); where a table lacks it, CLDR's name is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from babel import Locale

from katalog.languages import KNOWN, Lang

TEXTS: dict[Lang, dict[str, str]] = {
    "nb": {
        "site.name": "Internasjonalt kommunesamarbeid",
        "site.short_name": "Kommunesamarbeid",
        "site.tagline": "Internasjonale programmer og prosjekter der kommuner deltar",
        "site.intro": (
            "Katalogen samler internasjonale programmer og prosjekter der norske og "
            "utenlandske kommuner samarbeider: om lokaldemokrati, lokal utvikling, "
            "kompetanse og gode tjenester."
        ),
        "language.switch": "Denne siden på {language}",
        "language.nb": "norsk",
        "language.en": "engelsk",
        "language.choose": "Velg språk",
        "notfound.title": "Fant ikke siden",
        "notfound.text": (
            "Det finnes ingen side på denne adressen. Den kan være skrevet feil, eller "
            "siden kan være flyttet eller fjernet."
        ),
        "notfound.home": "Til forsiden",
        "notfound.search": "Søk i katalogen",
        "nav.sections": "Hovedområder",
        "nav.home": "Forside",
        "nav.breadcrumbs": "Brødsmulesti",
        "section.projects": "Prosjekter",
        "section.programmes": "Programmer",
        "section.countries": "Land",
        "section.themes": "Temaer",
        "section.organisations": "Organisasjoner",
        "kind.project": "Prosjekt",
        "kind.programme": "Program",
        "kind.country": "Land",
        "kind.theme": "Tema",
        "kind.organisation": "Organisasjon",
        "count.projects": "prosjekter",
        "count.project": "prosjekt",
        "count.programmes": "programmer",
        "count.programme": "program",
        "count.countries": "land",
        "count.country": "land",
        "home.recent": "Sist endret i katalogen",
        "home.browse": "Utforsk katalogen",
        "home.by_country": "Etter land",
        "home.by_theme": "Etter tema",
        "home.by_programme": "Etter program",
        "home.all_countries": "Alle land",
        "home.all_themes": "Alle temaer",
        "home.all_programmes": "Alle programmer",
        "home.all_projects": "Alle prosjekter",
        "field.status": "Status",
        "field.period": "Periode",
        "field.countries": "Land",
        "field.programme": "Program",
        "field.themes": "Temaer",
        "field.partners": "Partnere",
        "field.funders": "Finansiert av",
        "field.description": "Om prosjektet",
        "field.description.programme": "Om programmet",
        "field.links": "Lenker",
        "field.contact": "Kontakt",
        "field.funding": "Finansiering",
        "field.partner_call": "Søker partnere",
        "field.website": "Nettside",
        "field.updated": "Endret i katalogen",
        "field.country": "Land",
        "field.short_name": "Forkortelse",
        "field.windows": "Søknadsfrister",
        "field.next_window": "Neste søknadsrunde åpner",
        "field.open_now": "Søknadsrunden er åpen nå og stenger",
        "field.related": "Relaterte prosjekter",
        "field.projects": "Prosjekter",
        "field.programmes": "Programmer",
        "field.projects.programme": "Prosjekter i programmet",
        "field.email": "E-post",
        "field.role": "Rolle",
        "status.proposed": "Foreslått",
        "status.planned": "Planlagt",
        "status.active": "Pågår",
        "status.completed": "Avsluttet",
        "status.none": "Status ikke oppgitt",
        "role.lead": "Ansvarlig",
        "role.partner": "Partner",
        "role.funder": "Finansierer",
        "role.advisor": "Rådgiver",
        "role.lead.plural": "Ansvarlig",
        "role.partner.plural": "Partnere",
        "role.funder.plural": "Finansierer",
        "role.advisor.plural": "Rådgivere",
        "fallback.note": "Denne teksten finnes bare på {language}.",
        "edit.record": "Rediger denne oppføringen",
        "index.projects.intro": (
            "Alle prosjektene i katalogen. Søk og avgrens etter land, tema, år og mer."
        ),
        "index.programmes.intro": "Programmene som prosjektene i katalogen hører til.",
        "index.countries.intro": "Landene der programmene og prosjektene i katalogen foregår.",
        "index.themes.intro": "Temaene programmene og prosjektene arbeider med.",
        "index.organisations.intro": "Organisasjonene som driver, finansierer eller deltar.",
        "empty.projects": "Ingen prosjekter ennå.",
        "empty.records": "Ingen programmer eller prosjekter ennå.",
        "index.unused": "ingen programmer eller prosjekter ennå",
        "lead.country": "Programmer og prosjekter i katalogen som foregår i {name}.",
        "lead.theme": "Programmer og prosjekter i katalogen med temaet «{name}».",
        "lead.organisation": (
            "Programmer og prosjekter i katalogen som {name} tar del i, og hva {name} gjør i hvert."
        ),
        "section.search": "Søk",
        "search.title": "Søk i katalogen",
        "search.intro": "Søk i alle programmer, prosjekter, land, temaer og organisasjoner.",
        "search.label": "Søk i katalogen",
        "search.placeholder": "Søk etter prosjekter, land, temaer …",
        "search.header_placeholder": "Søk",
        "search.submit": "Søk",
        "search.results.one": "1 treff",
        "search.results.other": "{count} treff",
        "search.results.none": "Ingen treff",
        "search.filters": "Avgrens",
        "search.clear": "Fjern alle valg",
        "search.sort": "Sorter",
        "search.more": "Vis flere",
        "search.loading": "Laster søket …",
        "search.failed": "Søket kunne ikke lastes. Listene nedenfor viser alt.",
        "search.unknown": "Ikke forstått i adressen, derfor ikke brukt: {parts}.",
        "search.skip": "Hopp til treffene",
        "search.none.hint": "Ingenting passer til alle valgene. Prøv færre filtre eller andre ord.",
        "search.none.clear": "Fjern filtrene",
        "search.none.elsewhere": "Prøv det samme søket i katalogen på {language}",
        "search.nojs": "Søket trenger JavaScript. Uten det finner du alt i listene:",
        "sort.relevance": "Beste treff",
        "sort.start_desc": "Nyeste først",
        "sort.start_asc": "Eldste først",
        "sort.title": "Tittel (A–Å)",
        "facet.type": "Type",
        "facet.country": "Land",
        "facet.theme": "Tema",
        "facet.programme": "Program",
        "facet.organisation": "Organisasjon",
        "facet.status": "Status",
        "facet.year": "År",
        "facet.partners": "Partnere",
        "facet.partners.yes": "Søker partnere",
        "period.none": "Periode ikke oppgitt",
        "csv.slug": "ID",
        "csv.title": "Tittel",
        "csv.summary": "Sammendrag",
        "csv.start": "Start",
        "csv.end": "Slutt",
        "csv.url": "Side i katalogen",
        "data.title": "Åpne data",
        "data.intro": (
            "Hele katalogen kan lastes ned som åpne data: til regneark, analyser og "
            "andre nettsteder. Filene lages fra de samme oppføringene som sidene."
        ),
        "data.footer": "Åpne data",
        "data.record": "Data om denne oppføringen",
        "data.downloads": "Nedlastinger",
        "data.format": "Format",
        "data.size": "Størrelse",
        "data.file": "Fil",
        "data.licence": "Lisens",
        "data.licence.publisher": (
            "Vilkårene for bruk av dataene fastsettes av den som publiserer nettstedet."
        ),
        "data.records": (
            "Hvert program og prosjekt har også sine egne data, som JSON og som "
            "YAML-fila oppføringen er skrevet i, lenket fra sin side."
        ),
        "data.catalogue.title": "Hele katalogen",
        "data.catalogue.description": (
            "Alle programmer, prosjekter, organisasjoner og temaer på alle språk, med "
            "oppslåtte henvisninger og adressene til sidene."
        ),
        "data.schema.title": "Beskrivelse av katalogfila",
        "data.schema.description": "JSON Schema som katalogfila følger.",
        "data.projects-table.title": "Prosjekter som tabell",
        "data.projects-table.description": "Ett prosjekt per rad, på norsk.",
        "data.programmes-table.title": "Programmer som tabell",
        "data.programmes-table.description": "Ett program per rad, på norsk.",
        "search.sort.undated": "Oppføringer uten dato kommer sist.",
        "call.open_until": "Søket er åpent til og med {date}.",
        "call.heading.closed": "Avsluttet partnersøk",
        "call.closed_on": "Partnersøket ble avsluttet {date}.",
        "call.closed_completed": "Partnersøket er avsluttet fordi prosjektet er avsluttet.",
        "call.state.open": "Åpent",
        "call.state.closed": "Avsluttet",
        "csv.partner_call": "Partnersøk",
        "csv.partner_call.state": "Partnersøk, status",
        "csv.partner_call.until": "Partnersøk, siste dag",
        "csv.partner_call.contact": "Partnersøk, kontakt",
        "field.source": "Kilde",
        "field.sources": "Kilder",
        "field.as_of": "Opplysningene gjelder per",
        "source.undated": "dato ikke oppgitt",
        "source.according_to": "Ifølge {publisher}, {as_of}",
        "source.according_to.undated": "Ifølge {publisher} (dato ikke oppgitt)",
        "quote.open": "«",
        "quote.close": "»",
        "soon.title": "Søknadsrunder som åpner snart",
        "soon.opens": "åpner {date}",
        "data.review": "Datakvalitet",
        "data.review.intro": (
            "Disse oppføringene har opplysninger som er eldre enn {months} måneder per "
            "{date}, eller opplysninger uten dato. De bør kontrolleres mot kildene."
        ),
        "data.review.none": (
            "Alle oppføringer har opplysninger som er nyere enn {months} måneder per {date}."
        ),
        "data.review.record": "Oppføring",
        "data.review.kind": "Type",
        # The footer and the site's own pages.
        "footer.label": "Om nettstedet",
        "footer.publisher": "Utgitt av",
        "footer.email": "E-post",
        "footer.address": "Postadresse",
        "footer.about": "Om katalogen",
        "footer.accessibility": "Tilgjengelighetserklæring",
        "footer.privacy": "Personvern",
        "footer.propose": "Foreslå et prosjekt",
        "footer.issues": "Meld fra om feil",
        "map.title": "Kart over landene",
        "map.caption": (
            "Landene programmene og prosjektene i katalogen nevner. Jo mørkere et land er, "
            "desto flere prosjekter nevner det; skravering viser at et program nevner det. "
            "Små land har en sirkel. Rammen på verdenskartet viser utsnittet av Europa."
        ),
        "map.panel.europe": "Kart over Europa",
        "map.panel.world": "Kart over verden",
        "map.country": "{country}: {counts}",
        "map.legend.range": "{low}–{high} {label}",
        "map.legend.more": "{low} eller flere {label}",
        "map.legend.programme": "Skravert: nevnt av minst ett program",
        "map.legend.title": "Tegnforklaring",
        "map.table": "Landene i tall",
        "map.source": "Kartgrunnlag: Natural Earth (fritt tilgjengelig).",
        "paging.label": "Sider i listen",
        "paging.title": "{title}, side {number} av {count}",
        "paging.showing": "Viser {first}–{last} av {total}",
        "paging.page": "Side {number}",
        "paging.previous": "Forrige side",
        "paging.next": "Neste side",
        # The timeline (katalog/site/timeline.py).
        "timeline.heading": "Tidslinje",
        "timeline.intro.programmes": (
            "Når programmene og prosjektene pågår, etter programmet de hører til. Hver "
            "stolpe er en lenke til programmet eller prosjektet."
        ),
        "timeline.intro.programme": (
            "Når programmet og prosjektene i det pågår. Hver stolpe er en lenke."
        ),
        "timeline.heading.home": "Pågår nå eller nylig avsluttet",
        "timeline.intro.home": (
            "Programmer og prosjekter som pågår per {date}, eller som ble avsluttet i løpet "
            "av de siste {years} årene. Hver stolpe er en lenke."
        ),
        "timeline.more": "Hele tidslinjen, med alle programmer og prosjekter",
        "timeline.label": "{heading}, som figur",
        "timeline.bar": "{title}, {period}",
        "timeline.year_only": "bare årstall oppgitt",
        "timeline.open_end": "ingen sluttdato oppgitt",
        "timeline.today": "i dag",
        "timeline.no_programme": "Uten program",
        "timeline.none": "Uten program",
        "timeline.itself": "(programmet selv)",
        "timeline.undated": "Uten oppgitt periode",
        "timeline.undated.intro": (
            "Disse har ingen periode i katalogen og står derfor ikke i tidslinjen."
        ),
        "timeline.table": "Tidslinjen som tabell",
        "timeline.table.record": "Program eller prosjekt",
        "timeline.table.programme": "Program",
        "timeline.table.from": "Fra",
        "timeline.table.to": "Til",
        "timeline.legend": "Slik leser du tidslinjen",
        "timeline.legend.day": "Hel farge: datoene er oppgitt, stolpen går fra dag til dag.",
        "timeline.legend.month": (
            "Lysere med kant: bare måned oppgitt, stolpen dekker hele måneder."
        ),
        "timeline.legend.year": (
            "Skravert med stiplet kant: bare årstall oppgitt, stolpen dekker hele år "
            "(1. januar til 31. desember)."
        ),
        "timeline.legend.open": "Pil: ingen sluttdato oppgitt, stolpen går til i dag.",
        "timeline.legend.today": (
            "Loddrett strek merket «i dag»: {date}, da nettstedet ble bygget."
        ),
        "timeline.intro.home.none": (
            "Ingen programmer eller prosjekter med oppgitt periode pågår per {date} eller "
            "ble avsluttet i løpet av de siste {years} årene."
        ),
        "data.iati.title": "Programmer og prosjekter i IATI-format",
        "data.iati.description": (
            "Programmene og prosjektene som aktiviteter etter IATI-standarden 2.03 "
            "(International Aid Transparency Initiative), for verktøy som leser bistandsdata. "
            "Med er de som har status, periode og en organisasjon som ansvarlig, partner "
            "eller finansierer."
        ),
        "iati.date.stated": "Oppgitt som {date}",
        # The data-quality report (the data page, `katalog report`, data/quality.json).
        "quality.intro": (
            "Hvor fullstendige og hvor ferske oppføringene er per {date}, talt fra "
            "oppføringene selv."
        ),
        "quality.fill": "Utfylte felt",
        "quality.fill.caption.programme": "Felt i programmene ({count})",
        "quality.fill.caption.project": "Felt i prosjektene ({count})",
        "quality.field": "Felt",
        "quality.need": "Påkrevd",
        "quality.required": "påkrevd",
        "quality.optional": "valgfritt",
        "quality.filled.head": "Oppgitt i",
        "quality.filled": "{filled} av {total}",
        "quality.count.programme.one": "{count} program",
        "quality.count.programme.other": "{count} programmer",
        "quality.count.project.one": "{count} prosjekt",
        "quality.count.project.other": "{count} prosjekter",
        "quality.translations": "Manglende oversettelser",
        "quality.translations.intro": (
            "Disse tekstene finnes ikke på alle språk; lesere på de manglende språkene ser "
            "teksten på et annet språk."
        ),
        "quality.translations.none": "Alle tekster finnes på alle nettstedets språk.",
        "quality.missing": "Mangler på",
        "quality.review": "Oppføringer som bør kontrolleres",
        "quality.calls": "Avsluttede partnersøk",
        "quality.calls.intro": "Disse prosjektene har et partnersøk som er avsluttet.",
        "quality.calls.none": "Ingen partnersøk er avsluttet.",
        "quality.calls.reason": "Hvorfor",
        "quality.unused": "Ubrukte organisasjoner og temaer",
        "quality.unused.intro": "Ingen oppføring nevner disse organisasjonene og temaene.",
        "quality.unused.none": "Hver organisasjon og hvert tema nevnes av minst én oppføring.",
        "quality.unused.organisations": "Organisasjoner",
        "quality.unused.themes": "Temaer",
        "data.quality.title": "Datakvalitet",
        "data.quality.description": (
            "Rapporten om datakvalitet på denne siden, som JSON: utfylte felt, manglende "
            "oversettelser, oppføringer som bør kontrolleres, avsluttede partnersøk og ubrukte "
            "organisasjoner og temaer."
        ),
        "data.quality-schema.title": "Beskrivelse av datakvalitetsfila",
        "data.quality-schema.description": "JSON Schema som datakvalitetsfila følger.",
        "feed.title": "{site}: nytt og endret",
        "data.feed.title": "Nytt og endret (Atom-strøm)",
        "data.feed.description": (
            "Alle programmer og prosjekter, sist endret i katalogen først, på norsk: "
            "for en nyhetsleser."
        ),
        "calendar.name": "{site}: søknadsperioder",
        "calendar.summary": "Søknadsperiode: {title}",
        "calendar.description": "Søknadsperiode for {title}: {window}.",
        "calendar.old_source": "{according_to} – datoene kan ha endret seg",
        "calendar.add": "Legg til i kalender",
        "data.calendar.title": "Søknadsperioder som kalender",
        "data.calendar.description": (
            "Programmenes søknadsperioder som årlige heldagshendelser, på norsk: "
            "for en kalender (iCalendar)."
        ),
    },
    "en": {
        "site.name": "International municipal cooperation",
        "site.short_name": "Municipal cooperation",
        "site.tagline": "International programmes and projects in which municipalities take part",
        "site.intro": (
            "The catalogue gathers international programmes and projects in which Norwegian "
            "and foreign municipalities work together: on local democracy, local "
            "development, competence and good services."
        ),
        "language.switch": "This page in {language}",
        "language.nb": "Norwegian",
        "language.en": "English",
        "language.choose": "Choose language",
        "notfound.title": "Page not found",
        "notfound.text": (
            "There is no page at this address. It may be mistyped, or the page may have "
            "moved or been removed."
        ),
        "notfound.home": "Go to the home page",
        "notfound.search": "Search the catalogue",
        "nav.sections": "Main sections",
        "nav.home": "Home",
        "nav.breadcrumbs": "Breadcrumbs",
        "section.projects": "Projects",
        "section.programmes": "Programmes",
        "section.countries": "Countries",
        "section.themes": "Themes",
        "section.organisations": "Organisations",
        "kind.project": "Project",
        "kind.programme": "Programme",
        "kind.country": "Country",
        "kind.theme": "Theme",
        "kind.organisation": "Organisation",
        "count.projects": "projects",
        "count.project": "project",
        "count.programmes": "programmes",
        "count.programme": "programme",
        "count.countries": "countries",
        "count.country": "country",
        "home.recent": "Recently changed in the catalogue",
        "home.browse": "Explore the catalogue",
        "home.by_country": "By country",
        "home.by_theme": "By theme",
        "home.by_programme": "By programme",
        "home.all_countries": "All countries",
        "home.all_themes": "All themes",
        "home.all_programmes": "All programmes",
        "home.all_projects": "All projects",
        "field.status": "Status",
        "field.period": "Period",
        "field.countries": "Countries",
        "field.programme": "Programme",
        "field.themes": "Themes",
        "field.partners": "Partners",
        "field.funders": "Funded by",
        "field.description": "About the project",
        "field.description.programme": "About the programme",
        "field.links": "Links",
        "field.contact": "Contact",
        "field.funding": "Funding",
        "field.partner_call": "Looking for partners",
        "field.website": "Website",
        "field.updated": "Changed in the catalogue",
        "field.country": "Country",
        "field.short_name": "Abbreviation",
        "field.windows": "Application windows",
        "field.next_window": "Next application round opens",
        "field.open_now": "Applications are open now and close",
        "field.related": "Related projects",
        "field.projects": "Projects",
        "field.programmes": "Programmes",
        "field.projects.programme": "Projects in the programme",
        "field.email": "Email",
        "field.role": "Role",
        "status.proposed": "Proposed",
        "status.planned": "Planned",
        "status.active": "Active",
        "status.completed": "Completed",
        "status.none": "Status not given",
        "role.lead": "Lead",
        "role.partner": "Partner",
        "role.funder": "Funder",
        "role.advisor": "Advisor",
        "role.lead.plural": "Lead",
        "role.partner.plural": "Partners",
        "role.funder.plural": "Funders",
        "role.advisor.plural": "Advisors",
        "fallback.note": "This text is only available in {language}.",
        "edit.record": "Edit this record",
        "index.projects.intro": (
            "Every project in the catalogue. Search and narrow by country, theme, year and more."
        ),
        "index.programmes.intro": "The programmes the catalogue's projects belong to.",
        "index.countries.intro": "Where the catalogue's programmes and projects work.",
        "index.themes.intro": "The themes the programmes and projects work on.",
        "index.organisations.intro": "The organisations that run, fund or take part in them.",
        "empty.projects": "No projects yet.",
        "empty.records": "No programmes or projects yet.",
        "index.unused": "no programmes or projects yet",
        "lead.country": "Programmes and projects in the catalogue that take place in {name}.",
        "lead.theme": "Programmes and projects in the catalogue on the theme “{name}”.",
        "lead.organisation": (
            "Programmes and projects in the catalogue that {name} takes part in, and its "
            "role in each."
        ),
        "section.search": "Search",
        "search.title": "Search the catalogue",
        "search.intro": "Search every programme, project, country, theme and organisation.",
        "search.label": "Search the catalogue",
        "search.placeholder": "Search projects, countries, themes …",
        "search.header_placeholder": "Search",
        "search.submit": "Search",
        "search.results.one": "1 result",
        "search.results.other": "{count} results",
        "search.results.none": "No results",
        "search.filters": "Narrow down",
        "search.clear": "Clear all choices",
        "search.sort": "Sort",
        "search.more": "Show more",
        "search.loading": "Loading search …",
        "search.failed": "Search could not be loaded. The lists below show everything.",
        "search.unknown": "Not understood in the address, so left out: {parts}.",
        "search.skip": "Skip to the results",
        "search.none.hint": "Nothing matches every choice. Try fewer filters or other words.",
        "search.none.clear": "Clear the filters",
        "search.none.elsewhere": "Try the same search in the {language} catalogue",
        "search.nojs": "Search needs JavaScript. Without it, everything is in the lists:",
        "sort.relevance": "Best match",
        "sort.start_desc": "Newest first",
        "sort.start_asc": "Oldest first",
        "sort.title": "Title (A–Z)",
        "facet.type": "Type",
        "facet.country": "Country",
        "facet.theme": "Theme",
        "facet.programme": "Programme",
        "facet.organisation": "Organisation",
        "facet.status": "Status",
        "facet.year": "Year",
        "facet.partners": "Partners",
        "facet.partners.yes": "Looking for partners",
        "period.none": "Period not given",
        "csv.slug": "ID",
        "csv.title": "Title",
        "csv.summary": "Summary",
        "csv.start": "Start",
        "csv.end": "End",
        "csv.url": "Page in the catalogue",
        "data.title": "Open data",
        "data.intro": (
            "The whole catalogue can be downloaded as open data: for spreadsheets, "
            "analysis and other sites. The files are made from the same records as the pages."
        ),
        "data.footer": "Open data",
        "data.record": "This record's data",
        "data.downloads": "Downloads",
        "data.format": "Format",
        "data.size": "Size",
        "data.file": "File",
        "data.licence": "Licence",
        "data.licence.publisher": "The terms of use of the data are set by the site's publisher.",
        "data.records": (
            "Each programme and project also has its own data, as JSON and as the YAML "
            "file the record is written in, linked from its page."
        ),
        "data.catalogue.title": "The whole catalogue",
        "data.catalogue.description": (
            "Every programme, project, organisation and theme in every language, with "
            "references resolved and the pages' addresses."
        ),
        "data.schema.title": "Description of the catalogue file",
        "data.schema.description": "The JSON Schema the catalogue file follows.",
        "data.projects-table.title": "Projects as a table",
        "data.projects-table.description": "One project per row, in English.",
        "data.programmes-table.title": "Programmes as a table",
        "data.programmes-table.description": "One programme per row, in English.",
        "search.sort.undated": "Records without dates are listed last.",
        "call.open_until": "The call is open until {date}.",
        "call.heading.closed": "Closed partner search",
        "call.closed_on": "This partner search closed on {date}.",
        "call.closed_completed": "This partner search is closed: the project is completed.",
        "call.state.open": "Open",
        "call.state.closed": "Closed",
        "csv.partner_call": "Partner search",
        "csv.partner_call.state": "Partner search, status",
        "csv.partner_call.until": "Partner search, last day",
        "csv.partner_call.contact": "Partner search, contact",
        "field.source": "Source",
        "field.sources": "Sources",
        "field.as_of": "Information as of",
        "source.undated": "date not stated",
        "source.according_to": "According to {publisher}, {as_of}",
        "source.according_to.undated": "According to {publisher} (date not stated)",
        "quote.open": "“",
        "quote.close": "”",
        "soon.title": "Application windows opening soon",
        "soon.opens": "opens {date}",
        "data.review": "Data quality",
        "data.review.intro": (
            "The information in these records is older than {months} months on {date}, "
            "or has no date. They should be checked against their sources."
        ),
        "data.review.none": "Every record's information is newer than {months} months on {date}.",
        "data.review.record": "Record",
        "data.review.kind": "Kind",
        # The footer and the site's own pages.
        "footer.label": "About this site",
        "footer.publisher": "Published by",
        "footer.email": "E-mail",
        "footer.address": "Postal address",
        "footer.about": "About the catalogue",
        "footer.accessibility": "Accessibility statement",
        "footer.privacy": "Privacy",
        "footer.propose": "Propose a project",
        "footer.issues": "Report a problem",
        "map.title": "Map of the countries",
        "map.caption": (
            "The countries the catalogue's programmes and projects name. The darker a "
            "country, the more projects name it; hatching shows that a programme names it. "
            "Small countries have a circle. The frame on the world map shows the area of the "
            "map of Europe."
        ),
        "map.panel.europe": "Map of Europe",
        "map.panel.world": "Map of the world",
        "map.country": "{country}: {counts}",
        "map.legend.range": "{low}–{high} {label}",
        "map.legend.more": "{low} or more {label}",
        "map.legend.programme": "Hatched: named by at least one programme",
        "map.legend.title": "Key",
        "map.table": "The countries in numbers",
        "map.source": "Map data: Natural Earth (public domain).",
        "paging.label": "Pages of the list",
        "paging.title": "{title}, page {number} of {count}",
        "paging.showing": "Showing {first}–{last} of {total}",
        "paging.page": "Page {number}",
        "paging.previous": "Previous page",
        "paging.next": "Next page",
        # The timeline (katalog/site/timeline.py).
        "timeline.heading": "Timeline",
        "timeline.intro.programmes": (
            "When the programmes and projects run, by the programme they belong to. Each "
            "bar links to its programme or project."
        ),
        "timeline.intro.programme": (
            "When the programme and its projects run. Each bar is a link."
        ),
        "timeline.heading.home": "Running now or recently ended",
        "timeline.intro.home": (
            "Programmes and projects running on {date}, or ended within the last {years} "
            "years. Each bar is a link."
        ),
        "timeline.more": "The whole timeline, with every programme and project",
        "timeline.label": "{heading}, as a chart",
        "timeline.bar": "{title}, {period}",
        "timeline.year_only": "years only",
        "timeline.open_end": "no end date stated",
        "timeline.today": "today",
        "timeline.no_programme": "Without a programme",
        "timeline.none": "No programme",
        "timeline.itself": "(the programme itself)",
        "timeline.undated": "No period stated",
        "timeline.undated.intro": (
            "These have no period in the catalogue, so they are not on the timeline."
        ),
        "timeline.table": "The timeline as a table",
        "timeline.table.record": "Programme or project",
        "timeline.table.programme": "Programme",
        "timeline.table.from": "From",
        "timeline.table.to": "To",
        "timeline.legend": "Reading the timeline",
        "timeline.legend.day": "Solid: the days are stated, the bar runs from day to day.",
        "timeline.legend.month": (
            "Lighter with an edge: months only, the bar covers whole months."
        ),
        "timeline.legend.year": (
            "Hatched with a dashed edge: years only, the bar covers whole years "
            "(1 January to 31 December)."
        ),
        "timeline.legend.open": "Arrow: no end date stated, the bar runs to today.",
        "timeline.legend.today": "Vertical line marked “today”: {date}, when the site was built.",
        "timeline.intro.home.none": (
            "No programme or project with a stated period runs on {date} or ended within "
            "the last {years} years."
        ),
        "data.iati.title": "Programmes and projects in IATI format",
        "data.iati.description": (
            "The programmes and projects as activities in the IATI Standard 2.03 "
            "(International Aid Transparency Initiative), for tools that read aid data. "
            "It holds those with a status, a period and an organisation as lead, partner "
            "or funder."
        ),
        "iati.date.stated": "Stated as {date}",
        # The data-quality report (the data page, `katalog report`, data/quality.json).
        "quality.intro": (
            "How complete and how current the records are on {date}, counted from the "
            "records themselves."
        ),
        "quality.fill": "Fields filled in",
        "quality.fill.caption.programme": "Fields of the programmes ({count})",
        "quality.fill.caption.project": "Fields of the projects ({count})",
        "quality.field": "Field",
        "quality.need": "Required",
        "quality.required": "required",
        "quality.optional": "optional",
        "quality.filled.head": "Given in",
        "quality.filled": "{filled} of {total}",
        "quality.count.programme.one": "{count} programme",
        "quality.count.programme.other": "{count} programmes",
        "quality.count.project.one": "{count} project",
        "quality.count.project.other": "{count} projects",
        "quality.translations": "Missing translations",
        "quality.translations.intro": (
            "These texts are not given in every language; readers of the missing languages "
            "see the text in another language."
        ),
        "quality.translations.none": "Every text is given in every language of the site.",
        "quality.missing": "Missing in",
        "quality.review": "Records due for review",
        "quality.calls": "Closed partner calls",
        "quality.calls.intro": "These projects have a partner call that is closed.",
        "quality.calls.none": "No partner call is closed.",
        "quality.calls.reason": "Why",
        "quality.unused": "Unused organisations and themes",
        "quality.unused.intro": "No record names these organisations and themes.",
        "quality.unused.none": "Every organisation and every theme is named by a record.",
        "quality.unused.organisations": "Organisations",
        "quality.unused.themes": "Themes",
        "data.quality.title": "Data quality",
        "data.quality.description": (
            "The data-quality report on this page, as JSON: fields filled in, missing "
            "translations, records due for review, closed partner calls and unused "
            "organisations and themes."
        ),
        "data.quality-schema.title": "Description of the data-quality file",
        "data.quality-schema.description": "The JSON Schema the data-quality file follows.",
        "feed.title": "{site}: new and changed",
        "data.feed.title": "New and changed (Atom feed)",
        "data.feed.description": (
            "Every programme and project, last changed in the catalogue first, in English: "
            "for a feed reader."
        ),
        "calendar.name": "{site}: application windows",
        "calendar.summary": "Application window: {title}",
        "calendar.description": "Application window of {title}: {window}.",
        "calendar.old_source": "{according_to} – the dates may have changed",
        "calendar.add": "Add to calendar",
        "data.calendar.title": "Application windows as a calendar",
        "data.calendar.description": (
            "The programmes' application windows as yearly all-day events, in English: "
            "for a calendar program (iCalendar)."
        ),
    },
}


class Texts:
    """The interface texts of one site: the built-in tables with the site's own on top."""

    def __init__(self, extra: Mapping[Lang, Mapping[str, str]] | None = None) -> None:
        tables = {lang: dict(table) for lang, table in TEXTS.items()}
        for lang, table in (extra or {}).items():
            tables.setdefault(lang, {}).update(table)
        self.tables = tables

    def __call__(self, lang: Lang, key: str, **values: object) -> str:
        """The interface text `key` in `lang`, with `{placeholders}` filled from `values`."""
        table = self.tables.get(lang, {})
        template = table.get(key)
        if template is None:
            if key.startswith("language.") and key[9:] in KNOWN:
                return _cldr_language_name(key[9:], lang)
            raise KeyError(f"no interface text {key!r} in {lang!r}")
        return template.format(**values) if values else template

    def missing(self, languages: Iterable[Lang]) -> dict[Lang, list[str]]:
        """For each language, the keys some other language has and it lacks."""
        languages = list(languages)
        keys = {key for lang in languages for key in self.tables.get(lang, {})}
        keys = {key for key in keys if not key.startswith("language.")}
        gaps = {lang: sorted(keys - set(self.tables.get(lang, {}))) for lang in languages}
        return {lang: gap for lang, gap in gaps.items() if gap}


@cache
def _cldr_language_name(code: Lang, lang: Lang) -> str:
    name: str = Locale.parse(KNOWN[lang].locale).languages[KNOWN[code].locale.split("_")[0]]
    return name


BUILT_IN = Texts()
"""The built-in texts alone, for code that serves no particular site (tests, tools)."""


def text(lang: Lang, key: str, **values: object) -> str:
    """A built-in interface text; a site's pages use its own `Texts`."""
    return BUILT_IN(lang, key, **values)
