"""Every kind of problem the validator reports, each with a stable code, defined once.

A code (`K201`) and its short name (`unknown-theme`) say what is wrong and never change
meaning: messages may be reworded, codes stay, so an editor, a search or a script can rely
on them. A code that is no longer produced is retired, never reused. Each code carries an
explanation of what it means and how to fix it, in English and in Norwegian Bokmål, from
which the tables in CONTRIBUTING.md are generated (`katalog generate`).

The numbers are grouped by the stage that finds the problem:

    K001–K049   reading one file: encoding, size, YAML syntax (katalog.records.source)
    K050–K099   the content tree's files and folders (katalog.records.load)
    K100–K109   fields and the shape of their values (katalog.records.schema)
    K110–K119   languages and translations (katalog.records.schema)
    K120–K199   what a value says: slugs, choices, countries, dates... (katalog.records.schema),
                a partner call against its project's status on the build date
    K200–K299   references and checks between records (katalog.records.crosscheck)
    K300–K399   how current the information is on the build date (katalog.records.review)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from katalog.languages import Lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Code:
    """One kind of problem. `str(code)` is its number, as printed: `K201`."""

    number: str
    name: str
    severity: Severity
    meaning_en: str
    fix_en: str
    meaning_nb: str
    fix_nb: str

    def __str__(self) -> str:
        return self.number

    def meaning(self, lang: Lang) -> str:
        return self.meaning_nb if lang == "nb" else self.meaning_en

    def fix(self, lang: Lang) -> str:
        return self.fix_nb if lang == "nb" else self.fix_en


@dataclass(frozen=True)
class Group:
    """A range of numbers for one stage, with its heading in each language."""

    first: int
    last: int
    title_en: str
    title_nb: str

    def title(self, lang: Lang) -> str:
        return self.title_nb if lang == "nb" else self.title_en

    def holds(self, code: Code) -> bool:
        return self.first <= int(code.number[1:]) <= self.last


GROUPS = (
    Group(1, 49, "When the file cannot be read", "Når filen ikke kan leses"),
    Group(50, 99, "Files and folders", "Filer og mapper"),
    Group(100, 109, "Fields", "Felt"),
    Group(110, 119, "Languages and translations", "Språk og oversettelser"),
    Group(120, 199, "Values", "Verdier"),
    Group(200, 299, "Other records", "Andre oppføringer"),
    Group(300, 399, "How current the information is", "Hvor ferske opplysningene er"),
)

REGISTRY: dict[str, Code] = {}
"""Every code, by number, in the order defined."""


def _code(
    number: str,
    name: str,
    meaning_en: str,
    fix_en: str,
    meaning_nb: str,
    fix_nb: str,
    severity: Severity = Severity.ERROR,
) -> Code:
    code = Code(number, name, severity, meaning_en, fix_en, meaning_nb, fix_nb)
    assert number not in REGISTRY, f"{number} is defined twice"
    assert all(other.name != name for other in REGISTRY.values()), f"{name} is defined twice"
    assert any(group.holds(code) for group in GROUPS), f"{number} is in no group"
    REGISTRY[number] = code
    return code


# --- K001–K049: reading one file ----------------------------------------------------------

INVALID_YAML = _code(
    "K001",
    "invalid-yaml",
    "The file does not follow YAML's rules, often on the line above the one named.",
    "Look for a colon without a space after it (`title:nb`), a bracket or quote that is not "
    "closed, or a colon and space inside a text: then put the text in quotes.",
    "Filen følger ikke reglene for YAML, ofte på linjen over den som nevnes.",
    "Se etter et kolon uten mellomrom etter (`title:nb`), en klamme eller et anførselstegn "
    "som ikke er lukket, eller et kolon med mellomrom inne i en tekst: sett da teksten i "
    "anførselstegn.",
)
TAB_CHARACTER = _code(
    "K002",
    "tab-character",
    "There is a tab in the indentation.",
    "Replace the tab with spaces.",
    "Det er en tabulator i innrykket.",
    "Bytt tabulatoren med mellomrom.",
)
DUPLICATE_KEY = _code(
    "K003",
    "duplicate-key",
    "The same field is given twice.",
    "Delete one.",
    "Det samme feltet står to ganger.",
    "Slett det ene.",
)
ANCHOR = _code(
    "K004",
    "anchor",
    "`&name` (an anchor) is not allowed.",
    "Write the value out where it is used.",
    "`&navn` (et anker) er ikke tillatt.",
    "Skriv verdien ut der den brukes.",
)
ALIAS = _code(
    "K005",
    "alias",
    "`*name` (an alias) is not allowed.",
    "Write the value out in full.",
    "`*navn` (en henvisning) er ikke tillatt.",
    "Skriv verdien ut i sin helhet.",
)
TAG = _code(
    "K006",
    "tag",
    "`!!…` (a tag) is not allowed.",
    "Delete the `!!…`; write just the value.",
    "`!!…` (en tagg) er ikke tillatt.",
    "Slett `!!…`; skriv bare verdien.",
)
NOT_UTF8 = _code(
    "K007",
    "not-utf8",
    "The file is saved in the wrong encoding.",
    "Save it as UTF-8 (in VS Code: bottom right).",
    "Filen er lagret med feil tegnkoding.",
    "Lagre filen som UTF-8 (i VS Code: nede til høyre).",
)
EMPTY_FILE = _code(
    "K008",
    "empty-file",
    "The file is empty, or holds only comments.",
    "Fill in the fields.",
    "Filen er tom, eller har bare kommentarer.",
    "Fyll inn feltene.",
)
TOP_LEVEL_NOT_MAPPING = _code(
    "K009",
    "top-level-not-mapping",
    "The file starts with a list or a text, not with `field: value`.",
    "Start with `title:` and the other fields, not indented.",
    "Filen begynner med en liste eller en tekst, ikke med `felt: verdi`.",
    "Begynn med `title:` og de andre feltene, uten innrykk.",
)
SEVERAL_DOCUMENTS = _code(
    "K010",
    "several-documents",
    "There is a line `---` in the file.",
    "Delete it; one file is one record.",
    "Det står en linje med `---` i filen.",
    "Slett den; én fil er én oppføring.",
)
NESTED_TOO_DEEP = _code(
    "K011",
    "nested-too-deep",
    "The indentation goes too deep.",
    "Check the indentation; no record needs that many levels.",
    "Innrykkene går for dypt.",
    "Sjekk innrykkene; ingen oppføring trenger så mange nivåer.",
)
FILE_TOO_LARGE = _code(
    "K012",
    "file-too-large",
    "The file is far too big.",
    "Shorten the text, or link to a document.",
    "Filen er altfor stor.",
    "Kort ned teksten, eller lenk til et dokument.",
)
KEY_NOT_TEXT = _code(
    "K013",
    "key-not-text",
    "A field name is not plain text (it is empty, a list or a mapping).",
    "Write the field name as in the field reference.",
    "Et feltnavn er ikke vanlig tekst (det er tomt, en liste eller et sett med felt).",
    "Skriv feltnavnet som i feltoversikten.",
)
UNREADABLE_FILE = _code(
    "K014",
    "unreadable-file",
    "The file cannot be opened, for instance because it is a folder or may not be read.",
    "Check that it is an ordinary file you may read.",
    "Filen kan ikke åpnes, for eksempel fordi den er en mappe eller ikke kan leses.",
    "Sjekk at det er en vanlig fil som du har lov til å lese.",
)

CONTROL_CHARACTER = _code(
    "K015",
    "control-character",
    "The file holds an invisible control character (such as NUL, BEL, ESC or DEL), written "
    "as it is or as an escape (`\\0`, `\\e`), or a field name holds a line break. They show as "
    "nothing, or break the page.",
    "Delete the character; the message gives its place and its code. Most editors show it "
    "with an option such as *Render control characters* (in VS Code).",
    "Filen inneholder et usynlig kontrolltegn (som NUL, BEL, ESC eller DEL), skrevet som det "
    "er eller som en kode (`\\0`, `\\e`), eller et feltnavn inneholder et linjeskift. De vises "
    "ikke, eller ødelegger siden.",
    "Slett tegnet; meldingen oppgir hvor det står og koden for det. De fleste redigerings"
    "programmer kan vise slike tegn, f.eks. med *Render control characters* (i VS Code).",
)

# --- K050–K099: the content tree's files and folders -------------------------------------

CONTENT_FOLDER_MISSING = _code(
    "K050",
    "content-folder-missing",
    "There is no content folder where the command looked.",
    "Run the command in the repository, or give the folder with `--content`.",
    "Det finnes ingen innholdsmappe der kommandoen lette.",
    "Kjør kommandoen i repositoriet, eller oppgi mappen med `--content`.",
)
VOCABULARY_MISSING = _code(
    "K051",
    "vocabulary-missing",
    "`themes.yml` or `organisations.yml` is missing.",
    "Put the file back.",
    "`themes.yml` eller `organisations.yml` mangler.",
    "Legg filen tilbake.",
)
NOT_IN_CATALOGUE = _code(
    "K052",
    "not-in-catalogue",
    "A file or folder in `content/` that is not part of the catalogue, often misnamed.",
    "Give it the name the message suggests, or move it.",
    "En fil eller mappe i `content/` som ikke hører til katalogen, ofte med feil navn.",
    "Gi den navnet meldingen foreslår, eller flytt den.",
)
FOLDER_IN_RECORD_FOLDER = _code(
    "K053",
    "folder-in-record-folder",
    "There is a folder inside `projects/` or `programmes/`.",
    "Move the files straight into the folder.",
    "Det er en mappe inne i `projects/` eller `programmes/`.",
    "Flytt filene rett inn i mappen.",
)
YAML_EXTENSION = _code(
    "K054",
    "yaml-extension",
    "The file ends in `.yaml` (or `.YML`).",
    "Give it the extension `.yml`.",
    "Filen slutter på `.yaml` (eller `.YML`).",
    "Gi den endelsen `.yml`.",
)
NOT_A_RECORD = _code(
    "K055",
    "not-a-record",
    "A file that is not a record lies among the records.",
    "Move or delete it.",
    "En fil som ikke er en oppføring, ligger blant oppføringene.",
    "Flytt eller slett den.",
)
INVALID_FILE_NAME = _code(
    "K056",
    "invalid-file-name",
    "The file name is not a valid slug.",
    "Rename the file, e.g. `georgia-clean-water.yml`.",
    "Filnavnet er ikke et gyldig kortnavn.",
    "Gi filen nytt navn, f.eks. `georgia-clean-water.yml`.",
)
DUPLICATE_SLUG = _code(
    "K057",
    "duplicate-slug",
    "A programme or project already has this slug.",
    "Choose another file name.",
    "Et program eller prosjekt har allerede dette kortnavnet.",
    "Velg et annet filnavn.",
)

PAGE_TEXT_MISSING = _code(
    "K058",
    "page-text-missing",
    "A page of the site (About, accessibility statement, privacy) has no text in one of "
    "the site's languages: `content/pages/<page>.<language>.md` is missing or empty.",
    "Write the file the message names, in Markdown, starting with the page's title as a "
    "`# ` heading.",
    "En side på nettstedet (om katalogen, tilgjengelighetserklæringen, personvern) mangler "
    "tekst på et av nettstedets språk: `content/pages/<side>.<språk>.md` mangler eller er tom.",
    "Skriv filen meldingen nevner, i Markdown, og begynn med sidens tittel som en `# `-overskrift.",
)
PAGE_TITLE_MISSING = _code(
    "K059",
    "page-title-missing",
    "A page text does not start with its title, a line beginning with `# `.",
    "Make the first line the page's title: `# About the catalogue`.",
    "En sidetekst begynner ikke med tittelen, en linje som starter med `# `.",
    "La første linje være sidens tittel: `# Om katalogen`.",
)

# --- K100–K109: fields ---------------------------------------------------------------------

UNKNOWN_FIELD = _code(
    "K100",
    "unknown-field",
    "There is no field of that name, often a typing mistake.",
    "Correct the name (the message often suggests it) or delete the field.",
    "Feltnavnet finnes ikke, ofte en skrivefeil.",
    "Rett navnet (meldingen foreslår ofte det riktige) eller slett feltet.",
)
MISSING_FIELD = _code(
    "K101",
    "missing-field",
    "A required field is missing.",
    "Add it, as in the example.",
    "Et påkrevd felt mangler.",
    "Legg det til, som i eksempelet.",
)
EMPTY_VALUE = _code(
    "K102",
    "empty-value",
    "The field has no value.",
    "Give a value, or delete the line.",
    "Feltet står uten verdi.",
    "Skriv en verdi, eller slett linjen.",
)
WRONG_KIND = _code(
    "K103",
    "wrong-kind",
    "The value is of the wrong kind, such as a text where a list belongs.",
    "Write the value as the message and the field reference show.",
    "Verdien er av feil slag, for eksempel en tekst der det skal være en liste.",
    "Skriv verdien slik meldingen og feltoversikten viser.",
)
NOT_PER_LANGUAGE = _code(
    "K104",
    "not-per-language",
    "The text is given without languages.",
    "Write `nb:` and `en:` on lines of their own under the field.",
    "Teksten er skrevet uten språk.",
    "Skriv `nb:` og `en:` på hver sin linje under feltet.",
)
EMPTY_TEXT = _code(
    "K105",
    "empty-text",
    "The text is empty.",
    "Write the text, or delete the field.",
    "Teksten er tom.",
    "Skriv teksten, eller slett feltet.",
)
MULTILINE_TEXT = _code(
    "K106",
    "multiline-text",
    "The text runs over several lines, but the field takes one.",
    "Write it on one line.",
    "Teksten går over flere linjer, men feltet tar én linje.",
    "Skriv den på én linje.",
)
TEXT_TOO_LONG = _code(
    "K107",
    "text-too-long",
    "The text is too long.",
    "Shorten it; fuller text belongs in `description`.",
    "Teksten er for lang.",
    "Kort den ned; utfyllende tekst hører hjemme i `description`.",
)
TOO_FEW_ITEMS = _code(
    "K108",
    "too-few-items",
    "The list is empty.",
    "Put at least one item in the list.",
    "Listen er tom.",
    "Skriv minst ett element i listen.",
)
DUPLICATE_ITEM = _code(
    "K109",
    "duplicate-item",
    "The same item is in the list twice.",
    "Delete one.",
    "Det samme står to ganger i listen.",
    "Slett det ene.",
)

# --- K110–K119: languages and translations -------------------------------------------------

MISSING_TRANSLATION = _code(
    "K110",
    "missing-translation",
    "The text is missing in one language, and the field needs both.",
    "Add the text in that language.",
    "Teksten mangler på det ene språket, og feltet krever begge.",
    "Legg til teksten på det språket.",
)
ONE_LANGUAGE_ONLY = _code(
    "K111",
    "one-language-only",
    "The text is in one language only.",
    "Add the translation when you can; until then the text you gave is shown, marked with "
    "its language.",
    "Teksten finnes bare på ett språk.",
    "Legg til oversettelsen når du kan; til da vises teksten du har, merket med språket.",
    Severity.WARNING,
)
UNKNOWN_LANGUAGE = _code(
    "K112",
    "unknown-language",
    "The language is not `nb` or `en` (perhaps `no`, `NB` or `eng`).",
    "Write `nb` for Norwegian and `en` for English.",
    "Språket er ikke `nb` eller `en` (kanskje `no`, `NB` eller `eng`).",
    "Skriv `nb` for norsk og `en` for engelsk.",
)
NO_TEXT = _code(
    "K113",
    "no-text",
    "Neither language is filled in.",
    "Write the text in at least one language.",
    "Ingen av språkene er fylt inn.",
    "Skriv teksten på minst ett språk.",
)

# --- K120–K199: values ---------------------------------------------------------------------

INVALID_SLUG = _code(
    "K120",
    "invalid-slug",
    "The slug has capitals, spaces, æøå or other characters, or is too short or long.",
    "Use lowercase a–z, digits and single hyphens.",
    "Kortnavnet har store bokstaver, mellomrom, æøå eller andre tegn, eller er for kort "
    "eller langt.",
    "Bruk små bokstaver a–z, sifre og enkle bindestreker.",
)
NOT_ALLOWED = _code(
    "K121",
    "not-allowed",
    "The value is not one of the allowed choices.",
    "Choose one of the values the message lists.",
    "Verdien er ikke ett av de tillatte valgene.",
    "Velg en av verdiene meldingen nevner.",
)
LOWERCASE_COUNTRY = _code(
    "K130",
    "lowercase-country",
    "The country code is in lowercase.",
    "Write it in capitals, as the message shows.",
    "Landkoden er skrevet med små bokstaver.",
    "Skriv den med store, som meldingen viser.",
)
COUNTRY_ALIAS = _code(
    "K131",
    "country-alias",
    "The code is common but not the official one (`UK`, `EL`).",
    "Write the code the message suggests (`GB`, `GR`).",
    "Koden brukes ofte, men er ikke den offisielle (`UK`, `EL`).",
    "Skriv koden meldingen foreslår (`GB`, `GR`).",
)
COUNTRY_BY_NAME = _code(
    "K132",
    "country-by-name",
    "The country is given by name, or by a three-letter code.",
    "Write its two-letter code, as the message shows.",
    "Landet er skrevet med navn, eller med en trebokstavs kode.",
    "Skriv den tobokstavs landkoden, som meldingen viser.",
)
UNKNOWN_COUNTRY = _code(
    "K133",
    "unknown-country",
    "There is no such country code.",
    "Look the code up (Norway `NO`, Georgia `GE`, Kosovo `XK`).",
    "Landkoden finnes ikke.",
    "Slå opp koden (Norge `NO`, Georgia `GE`, Kosovo `XK`).",
)
UNNAMED_COUNTRY = _code(
    "K134",
    "unnamed-country",
    "The code is in ISO 3166-1, but CLDR, which names the countries on the site's pages, has "
    "no name for it in every language of the site.",
    "Write the code of the country or territory the site can name, or ask a maintainer.",
    "Koden finnes i ISO 3166-1, men CLDR, som gir landnavnene på nettstedets sider, har ikke "
    "noe navn for den på alle nettstedets språk.",
    "Skriv koden for et land eller område nettstedet kan navngi, eller spør en redaktør.",
)
NOT_A_CURRENCY = _code(
    "K140",
    "not-a-currency",
    'The code is in ISO 4217 but names no currency (it is for testing, or for "no currency").',
    "Write the currency of the amount, e.g. `EUR`.",
    "Koden finnes i ISO 4217, men betegner ingen valuta (den brukes til testing eller for "
    "«ingen valuta»).",
    "Skriv valutaen beløpet er i, f.eks. `EUR`.",
)
LOWERCASE_CURRENCY = _code(
    "K141",
    "lowercase-currency",
    "The currency code is in lowercase.",
    "Write it in capitals.",
    "Valutakoden er skrevet med små bokstaver.",
    "Skriv den med store.",
)
UNKNOWN_CURRENCY = _code(
    "K142",
    "unknown-currency",
    "There is no such currency code (`NKR`).",
    "Write the official code (`NOK`, `EUR`).",
    "Valutakoden finnes ikke (`NKR`).",
    "Skriv den offisielle koden (`NOK`, `EUR`).",
)
INVALID_URL = _code(
    "K150",
    "invalid-url",
    "The address is not a web address.",
    "Write the whole address, with `https://`.",
    "Adressen er ikke en nettadresse.",
    "Skriv hele adressen, med `https://`.",
)
MAILTO_EMAIL = _code(
    "K151",
    "mailto-email",
    "The email address starts with `mailto:`.",
    "Delete `mailto:`.",
    "E-postadressen begynner med `mailto:`.",
    "Slett `mailto:`.",
)
INVALID_EMAIL = _code(
    "K152",
    "invalid-email",
    "The email address is not valid.",
    "Correct it; the rest of the message says what is wrong.",
    "E-postadressen er ikke gyldig.",
    "Rett adressen; resten av meldingen sier hva som er galt.",
)

# Addresses and slugs that would show readers something other than what they are.
INVISIBLE_CHARACTER = _code(
    "K155",
    "invisible-character",
    "A web address, an email address, a slug or a code holds a character no one can see: "
    "one that reverses or isolates the text after it (U+202E, U+2066...), a zero-width "
    "space or joiner, or the like. In an address it only deceives: "
    "`https://evil.example/\u202e/gro.elpmaxe` is shown as if it led to example.org.",
    "Delete the character, at the position the message gives; simplest is to retype the "
    "value, or to copy the address from the browser's address bar.",
    "En nettadresse, en e-postadresse, et kortnavn eller en kode har et tegn som ikke "
    "synes: et som snur eller skiller ut teksten etter seg (U+202E, U+2066 ...), et "
    "mellomrom eller bindetegn uten bredde, eller lignende. I en adresse kan det bare "
    "villede: `https://evil.example/\u202e/gro.elpmaxe` vises som om den førte til "
    "example.org.",
    "Slett tegnet, på plassen meldingen oppgir; det enkleste er å skrive verdien på nytt, "
    "eller å kopiere adressen fra nettleserens adressefelt.",
)
MIXED_SCRIPT_HOST = _code(
    "K156",
    "mixed-script-host",
    "A web address's host name mixes letters of different scripts in one part, such as "
    "Latin and Cyrillic (`exаmple.org` with a Cyrillic `а`), as look-alike addresses do.",
    "Check the address against the one the organisation itself gives, and retype it; if "
    "the name really is written so, the warning may stay.",
    "Vertsnavnet i en nettadresse blander bokstaver fra ulike skriftsystemer i én del, for "
    "eksempel latinske og kyrilliske (`exаmple.org` med kyrillisk `а`), slik etterligninger "
    "av adresser gjør.",
    "Sammenlign adressen med den organisasjonen selv oppgir, og skriv den på nytt; er navnet "
    "virkelig skrevet slik, kan advarselen stå.",
    Severity.WARNING,
)
DATE_FORMAT = _code(
    "K160",
    "date-format",
    "The date is not written year-month-day (`YYYY-MM-DD`).",
    "Write year-month-day: `2024-03-15`.",
    "Datoen er ikke skrevet år-måned-dag (`ÅÅÅÅ-MM-DD`).",
    "Skriv år-måned-dag: `2024-03-15`.",
)
PARTIAL_DATE_FORMAT = _code(
    "K161",
    "partial-date-format",
    "The time is not written as a year, a year and month, or a date.",
    "Write `2019`, `2019-03` or `2019-03-15`, in ordinary digits.",
    "Tidspunktet er ikke skrevet som et år, et år og en måned, eller en dato.",
    "Skriv `2019`, `2019-03` eller `2019-03-15`, med vanlige sifre.",
)
NOT_A_REAL_DATE = _code(
    "K162",
    "not-a-real-date",
    "There is no such date, such as 30 February or month 13.",
    "Correct the date.",
    "Datoen finnes ikke, f.eks. 30. februar eller måned 13.",
    "Rett datoen.",
)
IMPLAUSIBLE_YEAR = _code(
    "K163",
    "implausible-year",
    "The year is before 1900.",
    "Correct the year.",
    "Året er før 1900.",
    "Rett årstallet.",
)
MONTH_DAY_FORMAT = _code(
    "K164",
    "month-day-format",
    "The day is not written month-day with two digits each.",
    'Write e.g. `"02-15"` for 15 February.',
    "Dagen er ikke skrevet måned-dag med to sifre hver.",
    'Skriv f.eks. `"02-15"` for 15. februar.',
)
NOT_EVERY_YEAR = _code(
    "K165",
    "not-every-year",
    "The day does not occur every year (29 February).",
    'Choose another day, e.g. `"02-28"` or `"03-01"`.',
    "Dagen finnes ikke hvert år (29. februar).",
    'Velg en annen dag, f.eks. `"02-28"` eller `"03-01"`.',
)
INVALID_AMOUNT = _code(
    "K170",
    "invalid-amount",
    "The amount has spaces, thousands separators, a minus or other characters, or is zero.",
    "Write digits only, with a point before the cents if any: `1500000`.",
    "Beløpet har mellomrom, tusenskille, minus eller andre tegn, eller er null.",
    "Skriv bare sifre, eventuelt med punktum før øre: `1500000`.",
)
END_BEFORE_START = _code(
    "K180",
    "end-before-start",
    "The end is before the start.",
    "Correct `start` or `end`.",
    "Slutten er før starten.",
    "Rett `start` eller `end`.",
)
EMPTY_CONTACT = _code(
    "K181",
    "empty-contact",
    "The contact is empty.",
    "Give a name, an email address or both, or delete the field.",
    "Kontaktfeltet er tomt.",
    "Skriv et navn, en e-postadresse eller begge, eller slett feltet.",
)
WINDOW_SAME_DAY = _code(
    "K182",
    "window-same-day",
    "The application window opens and closes on the same day.",
    "Put the last day applications are accepted in `closes`.",
    "Søknadsperioden åpner og stenger samme dag.",
    "Skriv den siste dagen det er mulig å søke i `closes`.",
)
OLD_PARTNER_CALL = _code(
    "K183",
    "old-partner-call",
    "The partner call is written in its old form, a text alone. A call is now a mapping: "
    "its text, a contact, and optionally its last day.",
    "Move the texts under `text:` and add a `contact:` with an `email` or a `url` (and a "
    "`name` if you like): `partner_call: {text: {nb: ..., en: ...}, contact: {email: "
    "post@example.org}, until: 2025-03-01}`. Without a contact to give, delete the call.",
    "Partnersøket er skrevet på den gamle måten, som bare en tekst. Et partnersøk er nå et "
    "sett med felt: teksten, en kontakt og eventuelt siste dag.",
    "Flytt tekstene inn under `text:`, og legg til en `contact:` med `email` eller `url` "
    "(og gjerne `name`): `partner_call: {text: {nb: ..., en: ...}, contact: {email: "
    "post@example.org}, until: 2025-03-01}`. Har du ingen kontakt å oppgi, slett "
    "partnersøket.",
)
CALL_CONTACT_UNREACHABLE = _code(
    "K184",
    "call-contact-unreachable",
    "The partner call's contact gives no way to reach anyone: it has neither an email "
    "address nor a web address.",
    "Add an `email` or a `url` where partners can answer the call.",
    "Kontakten for partnersøket gir ingen måte å nå noen på: den har verken e-postadresse "
    "eller nettadresse.",
    "Legg til `email` eller `url` der partnere kan svare på søket.",
)
CALL_ON_COMPLETED = _code(
    "K185",
    "call-on-completed",
    "The project has a partner call but is completed: its status says so, or its period "
    "ended before the build date. The site shows the call as closed.",
    "Delete the call if it is over, or correct the status or the period.",
    "Prosjektet har et partnersøk, men er avsluttet: statusen sier det, eller perioden "
    "sluttet før byggedatoen. Nettstedet viser søket som avsluttet.",
    "Slett partnersøket hvis det er over, eller rett statusen eller perioden.",
    Severity.WARNING,
)
CALL_PAST_UNTIL = _code(
    "K186",
    "call-past-until",
    "The partner call's last day (`until`) is before the build date. The site shows the "
    "call as closed.",
    "Delete the call if it is over, or give the new last day if it was extended.",
    "Siste dag for partnersøket (`until`) er før byggedatoen. Nettstedet viser søket som "
    "avsluttet.",
    "Slett partnersøket hvis det er over, eller skriv den nye siste dagen hvis fristen er "
    "forlenget.",
    Severity.WARNING,
)
RENAMED_FIELD = _code(
    "K190",
    "renamed-field",
    "The field has a new name.",
    "Rename it as the message says: `updated` is now `checked`, the day you last confirmed "
    "the record against its sources.",
    "Feltet har fått nytt navn.",
    "Gi det navnet meldingen oppgir: `updated` heter nå `checked`, dagen du sist kontrollerte "
    "oppføringen mot kildene.",
)
NO_SOURCES = _code(
    "K191",
    "no-sources",
    "The record names no sources, so readers cannot see where its facts come from.",
    "Add `sources`: for each source its `title`, its `publisher` (an organisation's slug), "
    "its `url` if it has one and `as_of`, the date it speaks for.",
    "Oppføringen oppgir ingen kilder, så leserne kan ikke se hvor opplysningene kommer fra.",
    "Legg til `sources`: for hver kilde `title`, `publisher` (kortnavnet til en organisasjon), "
    "`url` hvis den har en, og `as_of`, datoen den gjelder for.",
    Severity.WARNING,
)

# Limits that keep every value that validates renderable, quickly: what the site's Markdown
# renderer, number formats and addresses can be made to do is bounded here, so that a record
# that passes `katalog validate` also builds, within a time proportional to its size.

RESERVED_SLUG = _code(
    "K192",
    "reserved-slug",
    "The slug is a name the site uses itself (`index`, `page`), so the record's page would take "
    "the place of one of the site's own.",
    "Choose another slug, e.g. a longer name for the same thing.",
    "Kortnavnet er et navn nettstedet selv bruker (`index`, `page`), så oppføringens side ville "
    "tatt plassen til en av nettstedets egne.",
    "Velg et annet kortnavn, f.eks. et lengre navn på det samme.",
)
AMOUNT_TOO_LARGE = _code(
    "K193",
    "amount-too-large",
    "The amount has more digits before the decimal point than any budget needs.",
    "Check the amount: write it in the currency's units (not in cents or øre), without extra "
    "digits.",
    "Beløpet har flere sifre før desimaltegnet enn noe budsjett trenger.",
    "Sjekk beløpet: skriv det i valutaens enheter (ikke i cent eller øre), uten ekstra sifre.",
)
MARKDOWN_TOO_MANY_BRACKETS = _code(
    "K194",
    "markdown-too-many-brackets",
    "The text has more square brackets `[` than the limit: each may start a link, and the "
    "site's Markdown renderer takes ever longer over each one more.",
    "Write fewer brackets: a link is `[text](https://...)`; for other brackets use parentheses.",
    "Teksten har flere hakeparenteser `[` enn grensen: hver kan starte en lenke, og "
    "Markdown-omformeren bruker stadig lengre tid for hver ny.",
    "Skriv færre hakeparenteser: en lenke er `[tekst](https://...)`; bruk ellers vanlige "
    "parenteser.",
)
MARKDOWN_TOO_DEEP = _code(
    "K195",
    "markdown-too-deep",
    "The text's Markdown is nested deeper than the limit: quotes in quotes (`>`), lists "
    "indented in lists, or definitions (`: ...`) following one another in one paragraph.",
    "Flatten the text: fewer levels of quotes or indentation, and a blank line between "
    "definitions.",
    "Markdown-teksten er nøstet dypere enn grensen: sitater i sitater (`>`), lister med "
    "innrykk i lister, eller definisjoner (`: ...`) etter hverandre i ett avsnitt.",
    "Gjør teksten flatere: færre nivåer av sitater eller innrykk, og en tom linje mellom "
    "definisjonene.",
)

# --- K200–K299: other records --------------------------------------------------------------

UNKNOWN_THEME = _code(
    "K201",
    "unknown-theme",
    "The theme is not in `content/themes.yml`.",
    "Correct the slug (the message often suggests it), or add the theme to `content/themes.yml`.",
    "Temaet finnes ikke i `content/themes.yml`.",
    "Rett kortnavnet (meldingen foreslår ofte det riktige), eller legg temaet til i "
    "`content/themes.yml`.",
)
UNKNOWN_ORGANISATION = _code(
    "K202",
    "unknown-organisation",
    "The organisation is not in `content/organisations.yml`.",
    "Correct the slug, or add the organisation to `content/organisations.yml`.",
    "Organisasjonen finnes ikke i `content/organisations.yml`.",
    "Rett kortnavnet, eller legg organisasjonen til i `content/organisations.yml`.",
)
UNKNOWN_PROGRAMME = _code(
    "K203",
    "unknown-programme",
    "The programme is not in `content/programmes/`.",
    "Correct the slug, or delete the `programme` field.",
    "Programmet finnes ikke i `content/programmes/`.",
    "Rett kortnavnet, eller slett feltet `programme`.",
)
COUNTRY_OUTSIDE_PROGRAMME = _code(
    "K210",
    "country-outside-programme",
    "The project names a country its programme does not.",
    "Check the country; if it is right, the warning may stay, or the country may be added to "
    "the programme.",
    "Prosjektet nevner et land som programmet ikke nevner.",
    "Sjekk landet; er det riktig, kan advarselen stå, eller landet kan legges til i programmet.",
    Severity.WARNING,
)
PERIOD_OUTSIDE_PROGRAMME = _code(
    "K211",
    "period-outside-programme",
    "The project's period lies outside the programme's.",
    "Check the periods in both files.",
    "Prosjektets periode ligger utenfor programmets.",
    "Sjekk periodene i begge filene.",
    Severity.WARNING,
)

# --- K300–K399: how current the information is ------------------------------------------

REVIEW_DUE = _code(
    "K301",
    "review-due",
    "The record's information is older than the review interval (`review_months` in "
    "`mkdocs.yml`) on the build date.",
    "Check the record against its sources, or newer ones: correct it, add the newer sources "
    "and set `checked` to the day you did so.",
    "Opplysningene i oppføringen er eldre enn intervallet for gjennomgang (`review_months` i "
    "`mkdocs.yml`) på byggedatoen.",
    "Kontroller oppføringen mot kildene, eller nyere kilder: rett den, legg til de nye kildene "
    "og sett `checked` til dagen du gjorde det.",
    Severity.WARNING,
)
INFORMATION_UNDATED = _code(
    "K302",
    "information-undated",
    "No one can tell how current the record's information is: it has no `checked` date and "
    "none of its sources has an `as_of` date.",
    "Give a source's `as_of` where the source states its date, or check the record and set "
    "`checked`.",
    "Det er ikke mulig å se hvor ferske opplysningene er: oppføringen har ingen `checked`, og "
    "ingen av kildene har `as_of`.",
    "Oppgi `as_of` for en kilde der kilden sier når den gjelder, eller kontroller oppføringen "
    "og sett `checked`.",
    Severity.WARNING,
)


def grouped() -> list[tuple[Group, list[Code]]]:
    """The groups that hold codes, each with its codes in number order."""
    codes = sorted(REGISTRY.values())
    return [
        (group, held) for group in GROUPS if (held := [code for code in codes if group.holds(code)])
    ]
