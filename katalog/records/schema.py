"""What each field may hold: field kinds, record shapes, and the checks on one file's values.

The record format is defined once, here, as data: each record type is a `Shape` of named
`Field`s, and each field has a `Kind` that parses a positioned node (from `katalog.records.source`)
into a typed value, reporting a `Problem` for anything wrong. The same definitions give the
field reference in the README and the editors' guide (`katalog fields`), the JSON Schemas
for editors' tools (`katalog.editors.jsonschemas`), the template of a new record (`katalog new`) and
the "Propose a project" issue form, so none of them can drift. Each field's help, and each
kind's description, is given in English and in Norwegian Bokmål (`help_nb`,
`description_nb`); they document, and never change what is valid.

Checks that need other records (does this theme exist? is this slug taken?) are not made
here: kinds that refer to other records note a `Reference`, and `katalog.records.crosscheck`
resolves them once the whole catalogue is read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

import pycountry

from katalog.languages import Lang
from katalog.records import codes, countries, model
from katalog.records.model import LANGUAGE_NAMES, LANGUAGES
from katalog.records.problems import Code, Problem, Severity
from katalog.records.source import Mapping, Node, Position, Scalar, Sequence, kind_of

T = TypeVar("T")
Registry = Literal["themes", "organisations", "programmes"]

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_RULE = "use lowercase a-z, 0-9 and single hyphens, 3 to 80 characters"
SHORT_SLUG_RULE = "use lowercase a-z, 0-9 and single hyphens, 2 to 80 characters"
SHORT_SLUG_REGISTRIES = ("themes", "organisations")
"""Vocabulary slugs may be as short as an acronym (`ks`); record slugs are file names."""


def slug_rule(registry: str) -> str:
    return SHORT_SLUG_RULE if registry in SHORT_SLUG_REGISTRIES else SLUG_RULE


def is_slug(text: str, registry: str = "programmes") -> bool:
    shortest = 2 if registry in SHORT_SLUG_REGISTRIES else 3
    return shortest <= len(text) <= 80 and SLUG_PATTERN.fullmatch(text) is not None


def did_you_mean(wrong: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to a misspelt `wrong`, if any is close enough."""
    matches = difflib.get_close_matches(wrong, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# --- Limits that keep every valid value renderable --------------------------------------
# A value that validates must build, in a time proportional to its size. These bound what a
# value can make the renderers do (Python-Markdown, CLDR number formats, the site's own
# addresses); each is its own problem code, and tests/test_gate.py fuzzes the rule.

RESERVED_SLUGS = frozenset({"index", "page"})
"""Names the site's addresses use themselves: `nb/projects/index/` would be the section's
own page (MkDocs' `index.md`), `nb/projects/page/2/` is the list's second page."""

MAX_AMOUNT_DIGITS = 15
"""Digits before an amount's decimal point: up to 999 trillion; CLDR's number formats
(Python's decimal context, 28 digits) fail far beyond any budget."""

MAX_BRACKETS = 50
"""`[` in one Markdown text. Python-Markdown's link parsing looks for the end of every
unmatched `[` to the end of the text: its time grows with their number times the text's
length (50 in a text of the longest kind take a fraction of a second; real texts have a few)."""

MAX_MARKDOWN_DEPTH = 12
"""Levels of quotes and list items that one line of Markdown may open (`> > -`, or four
spaces of indentation for each level). Python-Markdown recurses into each."""

MAX_DEFINITIONS = 20
"""Definitions (`: ...` lines) in one paragraph, without a blank line between them:
Python-Markdown's `def_list` recurses once for each."""

_CONTAINER = re.compile(r"(?:[ \t]|>|[*+-](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))*")
_DEFINITION = re.compile(r"[ ]{0,3}:[ \t]")
_MARKUP_START = frozenset(" \t>*+-0123456789:")
"""The characters a line that `_CONTAINER` or `_DEFINITION` match can begin with."""


def is_reserved_slug(slug: str) -> bool:
    return slug in RESERVED_SLUGS


def reserved_slug_message(slug: str) -> str:
    return (
        f"{slug!r} is a name the site uses for its own pages; choose another slug "
        f"(reserved: {', '.join(sorted(RESERVED_SLUGS))})"
    )


def amount_limit_message(text: str) -> str | None:
    """Why the amount (digits, optional decimals) is too large to publish, or None."""
    digits = len(text.split(".", 1)[0].lstrip("0"))
    if digits <= MAX_AMOUNT_DIGITS:
        return None
    return f"has {digits} digits before the decimal point; the limit is {MAX_AMOUNT_DIGITS}"


def _nesting(line: str) -> int:
    """The levels of quotes and list items the line opens, indentation counted in fours."""
    prefix = _CONTAINER.match(line)
    assert prefix is not None  # the pattern matches the empty string
    opened = prefix.group(0)
    markers = len(opened) - opened.count(" ") - opened.count("\t")
    spaces = opened.expandtabs(4).count(" ")
    return markers + max(0, spaces - markers) // 4


def markdown_limit(text: str) -> tuple[Code, str] | None:
    """The first limit `text` exceeds as Markdown, as its code and message, or None."""
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        where = text[: _nth(text, "[", MAX_BRACKETS + 1)].count("\n") + 1
        return (
            codes.MARKDOWN_TOO_MANY_BRACKETS,
            f"has {brackets} square brackets '[' (number {MAX_BRACKETS + 1} is on line {where} "
            f"of the text); the limit is {MAX_BRACKETS}",
        )
    definitions = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            definitions = 0
            continue
        if line[0] not in _MARKUP_START:  # opens nothing, and is no definition
            continue
        depth = _nesting(line)
        if depth > MAX_MARKDOWN_DEPTH:
            return (
                codes.MARKDOWN_TOO_DEEP,
                f"line {number + 1} of the text is nested {depth} levels deep (quotes, lists "
                f"or indentation of four spaces); the limit is {MAX_MARKDOWN_DEPTH}",
            )
        if _DEFINITION.match(line):
            definitions += 1
            if definitions > MAX_DEFINITIONS:
                return (
                    codes.MARKDOWN_TOO_DEEP,
                    f"line {number + 1} of the text is definition number {definitions} "
                    f"(': ...' line) in one paragraph; the limit is {MAX_DEFINITIONS}: put a "
                    "blank line between them",
                )
    return None


def _nth(text: str, char: str, n: int) -> int:
    """The index of the n-th (1-based) `char` in `text`."""
    index = -1
    for _ in range(n):
        index = text.index(char, index + 1)
    return index


REGISTRY_NB: dict[str, str] = {
    "themes": "temaene",
    "organisations": "organisasjonene",
    "programmes": "programmene",
}
"""The registries' names in Norwegian, for documentation."""


@dataclass(frozen=True)
class Reference:
    """A slug in one record that must name a record of `registry`."""

    registry: Registry
    slug: str
    at: Position
    field: str


@dataclass
class Context:
    """Collects the problems and references found while parsing one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    languages: tuple[Lang, ...] = LANGUAGES
    """The site's languages: the keys a localised text may have, in the site's order."""
    today: date | None = None
    """The build date, for the checks that depend on it (is a partner call still open?);
    None leaves them out."""

    def error(self, code: Code, at: Position, name: str, message: str) -> None:
        self.problems.append(
            Problem(self.path, at.line, at.col, Severity.ERROR, name, message, code)
        )

    def warning(self, code: Code, at: Position, name: str, message: str) -> None:
        self.problems.append(
            Problem(self.path, at.line, at.col, Severity.WARNING, name, message, code)
        )


def join(parent: str, child: str) -> str:
    return f"{parent}.{child}" if parent else child


# --- Kinds -----------------------------------------------------------------------------


class Kind(ABC, Generic[T]):
    """How one field's value is written and parsed. `parse` returns None when invalid."""

    description = ""
    """What the value is, in a few words, for the field reference."""
    description_nb = ""
    """The same in Norwegian Bokmål, for the editors' guide and the JSON Schemas."""

    @abstractmethod
    def parse(self, node: Node, ctx: Context, name: str) -> T | None: ...


def _scalar(node: Node, ctx: Context, name: str, what: str) -> Scalar | None:
    if isinstance(node, Scalar) and not node.is_null:
        return node
    ctx.error(codes.WRONG_KIND, node.at, name, f"must be {what}, not {kind_of(node)}")
    return None


def line_break(text: str) -> str | None:
    """The first line break in `text` (a newline, a carriage return, a line or paragraph
    separator...: whatever ends a line), or None."""
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return None
    first = lines[0]
    return first[len(first.rstrip("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")) :][:1]


CONTROL_NAMES = {
    "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\v": "LINE TABULATION", "\f": "FORM FEED",
    "\x1c": "FILE SEPARATOR", "\x1d": "GROUP SEPARATOR", "\x1e": "RECORD SEPARATOR",
    "\x85": "NEXT LINE",
}  # fmt: skip
"""Names of the control characters that end a line, which Unicode's name table lacks."""


def describe_character(char: str) -> str:
    """ "U+202E (RIGHT-TO-LEFT OVERRIDE)": a character no one can see, named."""
    known = CONTROL_NAMES.get(char) or unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} ({known})"


def invisible_character(text: str) -> str | None:
    """The first character of `text` that is invisible or reorders what follows it: a
    direction mark, override or isolate (U+202E, U+2066...), a zero-width space or
    joiner, a byte-order mark, a soft hyphen (Unicode's format characters, `Cf`)."""
    if text.isascii():  # no format character is ASCII: most addresses and slugs are
        return None
    return next((char for char in text if unicodedata.category(char) == "Cf"), None)


def _visible(scalar: Scalar, ctx: Context, name: str, what: str) -> bool:
    """Whether an address or a slug is free of invisible characters; reports one if not.
    In such a value they only deceive: `https://evil.example/\u202e/gro.elpmaxe` shows
    as an address of example.org."""
    char = invisible_character(scalar.value)
    if char is None:
        return True
    ctx.error(
        codes.INVISIBLE_CHARACTER,
        scalar.at,
        name,
        f"the {what} holds an invisible character, {describe_character(char)}, at position "
        f"{scalar.value.index(char) + 1}: delete it (retype the {what})",
    )
    return False


class Text(Kind[str]):
    """A text: Markdown where `multiline`, else plain text on one line, shown exactly as
    written (`**`, `#` and `{: #id }` are characters like any other)."""

    def __init__(self, max_length: int, *, multiline: bool = False) -> None:
        self.max_length = max_length
        self.multiline = multiline
        self.description = (
            "Markdown text" if multiline else f"plain text, at most {max_length} characters"
        )
        self.description_nb = (
            "Markdown-tekst" if multiline else f"ren tekst, høyst {max_length} tegn"
        )

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "text")
        if scalar is None:
            return None
        text = scalar.value.strip()
        if not text:
            ctx.error(codes.EMPTY_TEXT, scalar.at, name, "must not be empty")
            return None
        breaks = None if self.multiline else line_break(text)
        if breaks == "\n":
            ctx.error(codes.MULTILINE_TEXT, scalar.at, name, "must be a single line")
            return None
        if breaks is not None:
            ctx.error(
                codes.MULTILINE_TEXT,
                scalar.at,
                name,
                f"must be a single line, but holds a line break: {describe_character(breaks)}",
            )
            return None
        if len(text) > self.max_length:
            ctx.error(
                codes.TEXT_TOO_LONG,
                scalar.at,
                name,
                f"is {len(text)} characters long; the limit is {self.max_length}",
            )
            return None
        limit = markdown_limit(text) if self.multiline else None
        if limit is not None:
            ctx.error(limit[0], scalar.at, name, limit[1])
            return None
        return text


LANGUAGE_HINTS = {"no": "nb", "nob": "nb", "nor": "nb", "nb-no": "nb", "eng": "en", "en-gb": "en"}


def _listed(items: list[str], last: str = " and ") -> str:
    """ "a, b and c"; "a and b"; with `last` between the last two."""
    return ", ".join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)


class LocalizedText(Kind[model.Localized]):
    """One text per language. `complete` requires both; otherwise one may fall back."""

    def __init__(self, text: Text, *, complete: bool) -> None:
        self.text = text
        self.complete = complete
        need = "both nb and en" if complete else "nb and en (one may be left out)"
        self.description = f"{text.description} in {need}"
        need_nb = "både nb og en" if complete else "nb og en (den ene kan utelates)"
        what_nb = "Markdown-tekst" if text.multiline else "ren tekst"
        limit_nb = "" if text.multiline else f", høyst {text.max_length} tegn"
        self.description_nb = f"{what_nb} på {need_nb}{limit_nb}"

    def parse(self, node: Node, ctx: Context, name: str) -> model.Localized | None:
        if not isinstance(node, Mapping):
            ctx.error(
                codes.NOT_PER_LANGUAGE,
                node.at,
                name,
                f"must give one text per language (nb: ..., en: ...), not {kind_of(node)}",
            )
            return None
        texts: dict[str, str] = {}
        ok = True
        hinted: set[str] = set()
        for key, value in node.items:
            if key.value not in ctx.languages:
                lowered = key.value.lower()
                hint = lowered if lowered in ctx.languages else LANGUAGE_HINTS.get(lowered)
                if hint is not None:
                    hinted.add(hint)
                ctx.error(
                    codes.UNKNOWN_LANGUAGE,
                    key.at,
                    join(name, key.value),
                    f"unknown language {key.value!r}; "
                    + (f"did you mean {hint!r}? " if hint else "")
                    + "use "
                    + _listed([f"{lang} ({LANGUAGE_NAMES[lang]})" for lang in ctx.languages]),
                )
                ok = False
                continue
            text = self.text.parse(value, ctx, join(name, key.value))
            if text is None:
                ok = False
            else:
                texts[key.value] = text
        keys = {key.value for key, _ in node.items}
        given = [lang for lang in ctx.languages if lang in keys]
        for lang in ctx.languages:
            if lang in given or lang in hinted:
                continue
            other = given[0] if given else lang  # the text readers of `lang` will see
            if self.complete:
                ctx.error(
                    codes.MISSING_TRANSLATION,
                    node.at,
                    join(name, lang),
                    f"missing: add the {LANGUAGE_NAMES[lang]} text",
                )
                ok = False
            elif given:
                ctx.warning(
                    codes.ONE_LANGUAGE_ONLY,
                    node.at,
                    join(name, lang),
                    f"missing: {LANGUAGE_NAMES[lang]} pages will show the "
                    f"{LANGUAGE_NAMES[other]} text instead",
                )
        if not given and ok:
            either = " or ".join(ctx.languages) if len(ctx.languages) > 2 else None
            wanted = either or f"{_listed(list(ctx.languages), ', ')} or both"
            ctx.error(codes.NO_TEXT, node.at, name, f"needs a text in {wanted}")
            ok = False
        if not ok:
            return None
        return model.Localized((lang, texts[lang]) for lang in ctx.languages if lang in texts)


class Name(Kind[model.Localized]):
    """A name that is usually the same in both languages: plain text, or nb/en texts."""

    def __init__(self, max_length: int) -> None:
        self.plain = Text(max_length)
        self.localized = LocalizedText(self.plain, complete=True)
        self.description = f"plain text, or {self.localized.description} where it differs"
        self.description_nb = (
            f"ren tekst, eller ren tekst på både nb og en der navnet er ulikt; høyst "
            f"{max_length} tegn"
        )

    def parse(self, node: Node, ctx: Context, name: str) -> model.Localized | None:
        if isinstance(node, Mapping):
            return self.localized.parse(node, ctx, name)
        text = self.plain.parse(node, ctx, name)
        return None if text is None else model.Localized((lang, text) for lang in ctx.languages)


class Slug(Kind[str]):
    """A record's slug; with a `registry`, it must name a record there."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry
        self.description = f"a slug from {registry}" if registry else "a slug"
        self.description_nb = (
            f"et kortnavn (slug) fra {REGISTRY_NB[registry]}" if registry else "et kortnavn (slug)"
        )

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "a slug")
        if scalar is None or not _visible(scalar, ctx, name, "slug"):
            return None
        registry = self.registry or "programmes"
        if not is_slug(scalar.value, registry):
            ctx.error(
                codes.INVALID_SLUG,
                scalar.at,
                name,
                f"{scalar.value!r} is not a valid slug: {slug_rule(registry)}",
            )
            return None
        if self.registry is not None:
            ctx.references.append(Reference(self.registry, scalar.value, scalar.at, name))
        return scalar.value


E = TypeVar("E", bound=StrEnum)


class Choice(Kind[E]):
    def __init__(self, enum: type[E]) -> None:
        self.enum = enum
        self.values = [member.value for member in enum]
        self.description = "one of " + ", ".join(f"`{value}`" for value in self.values)
        self.description_nb = "én av " + ", ".join(f"`{value}`" for value in self.values)

    def parse(self, node: Node, ctx: Context, name: str) -> E | None:
        scalar = _scalar(node, ctx, name, "one of " + ", ".join(self.values))
        if scalar is None or not _visible(scalar, ctx, name, "value"):
            return None
        if scalar.value in self.values:
            return self.enum(scalar.value)
        hint = did_you_mean(scalar.value.lower(), self.values)
        ctx.error(
            codes.NOT_ALLOWED,
            scalar.at,
            name,
            f"{scalar.value!r} is not allowed; "
            + (f"did you mean {hint!r}? " if hint else "")
            + "use one of: "
            + ", ".join(self.values),
        )
        return None


def country_name(code: str) -> str | None:
    """The English (CLDR) name of an accepted country code, or None for any other text."""
    return countries.english_name(code)


class Country(Kind[str]):
    """A country code the site can name: see `katalog.records.countries` for the rule."""

    description = "an ISO 3166-1 alpha-2 country code, such as `NO` or `PL` (Kosovo: `XK`)"
    description_nb = "en landkode etter ISO 3166-1 alpha-2, som `NO` eller `PL` (Kosovo: `XK`)"

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "a country code")
        if scalar is None or not _visible(scalar, ctx, name, "country code"):
            return None
        code = scalar.value.strip()
        if code in countries.accepted():
            return code
        problem, message = self._explain(code)
        ctx.error(problem, scalar.at, name, message)
        return None

    @staticmethod
    def _explain(code: str) -> tuple[Code, str]:
        upper = code.upper()
        if upper in countries.accepted():
            return (
                codes.LOWERCASE_COUNTRY,
                f"country codes are written in capitals: write {upper!r}",
            )
        if upper in countries.ALIASES:
            right = countries.ALIASES[upper]
            return (
                codes.COUNTRY_ALIAS,
                f"{code!r} is not an ISO 3166-1 code; write {right!r} ({country_name(right)})",
            )
        if upper in countries.iso_codes():
            return (
                codes.UNNAMED_COUNTRY,
                f"{upper!r} is an ISO 3166-1 code, but CLDR has no name for it in every "
                "language of the site, so its pages could not name it",
            )
        found = countries.by_name(code)
        if found is not None:
            return (
                codes.COUNTRY_BY_NAME,
                f"write the two-letter code {found!r} for {country_name(found)}",
            )
        return codes.UNKNOWN_COUNTRY, f"unknown ISO 3166-1 alpha-2 country code {code!r}"


NOT_CURRENCIES = {"XXX": "no currency", "XTS": "testing"}
"""ISO 4217 codes that name no currency an amount can be in."""


class Currency(Kind[str]):
    description = "an ISO 4217 currency code, such as `EUR` or `NOK`"
    description_nb = "en valutakode etter ISO 4217, som `EUR` eller `NOK`"

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "a currency code")
        if scalar is None or not _visible(scalar, ctx, name, "currency code"):
            return None
        code = scalar.value.strip()
        if code in NOT_CURRENCIES:
            ctx.error(
                codes.NOT_A_CURRENCY,
                scalar.at,
                name,
                f"{code!r} is not a currency: give the one the amount is in",
            )
            return None
        if len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code):
            return code
        if pycountry.currencies.get(alpha_3=code.upper()) is not None:
            ctx.error(
                codes.LOWERCASE_CURRENCY,
                scalar.at,
                name,
                f"currency codes are written in capitals: write {code.upper()!r}",
            )
        else:
            ctx.error(
                codes.UNKNOWN_CURRENCY, scalar.at, name, f"unknown ISO 4217 currency code {code!r}"
            )
        return None


def _script(char: str) -> str:
    """The script a letter is written in, as the first word of its Unicode name
    (LATIN, CYRILLIC, GREEK...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def mixed_script_label(host: str) -> tuple[str, list[str], str] | None:
    """The first label of a host name (`xn--` labels decoded) whose letters are of more
    than one script: the label, those scripts (`["Latin", "Cyrillic"]`) and the first
    letter of the second script; or None."""
    for label in host.split("."):
        shown = label
        if label.lower().startswith("xn--"):
            try:
                shown = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                shown = label
        if shown.isascii():  # its letters, if any, are all Latin
            continue
        scripts: list[str] = []
        odd = ""
        for char in shown:
            if char.isalpha() and (script := _script(char).title()) not in scripts:
                scripts.append(script)
                odd = odd or (char if len(scripts) > 1 else "")
        if len(scripts) > 1:
            return shown, scripts, odd
    return None


EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._+-]")
"""What may stand before the @ of an address that a `mailto:` link carries as it is:
letters a-z, digits and `.`, `_`, `+`, `-`. RFC 5322 allows more, such as `?`, `&`, `%`,
`=` and `#`, which a `mailto:` address reads as its query: `post?bcc=...@kommune.no`
would send a hidden copy."""


def unsafe_in_email(address: str) -> str | None:
    """Why `address` is not a plain address that a `mailto:` link can carry, or None.
    Whether it is an address at all is email_validator's to say."""
    local, at, domain = address.rpartition("@")
    if not at:
        return None
    if "@" in local:
        return "it has more than one @"
    bad = sorted({char for char in local if not EMAIL_LOCAL.fullmatch(char)})
    if bad:
        return "the part before the @ may hold only letters a-z, digits and . _ + -, not " + (
            " ".join(repr(char) for char in bad)
        )
    bad = sorted({char for char in domain if not (char.isalnum() or char in ".-")})
    if bad:
        return "the part after the @ may hold only letters, digits, '.' and '-', not " + (
            " ".join(repr(char) for char in bad)
        )
    return None


_SPACE = re.compile(r"\s")
"""Any whitespace character (what `str.isspace` is true of)."""


class Url(Kind[str]):
    description = "a web address starting with `https://` or `http://`"
    description_nb = "en nettadresse som begynner med `https://` eller `http://`"

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "a web address")
        if scalar is None or not _visible(scalar, ctx, name, "web address"):
            return None
        url = scalar.value.strip()
        try:
            parts = urlsplit(url)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            valid = False
        if valid and _SPACE.search(url) is None:
            mixed = mixed_script_label(parts.hostname or "")
            if mixed is not None:
                label, scripts, odd = mixed
                ctx.warning(
                    codes.MIXED_SCRIPT_HOST,
                    scalar.at,
                    name,
                    f"the host name's part {label!r} mixes {_listed(scripts)} letters "
                    f"(the first {scripts[1]} one: {describe_character(odd)}), as look-alike "
                    "addresses do: check the address against the one the organisation gives",
                )
            return url
        ctx.error(
            codes.INVALID_URL,
            scalar.at,
            name,
            f"{url!r} is not a web address: it must start with https:// or http://",
        )
        return None


class Email(Kind[str]):
    description = "an email address"
    description_nb = "en e-postadresse"

    def parse(self, node: Node, ctx: Context, name: str) -> str | None:
        scalar = _scalar(node, ctx, name, "an email address")
        if scalar is None or not _visible(scalar, ctx, name, "email address"):
            return None
        address = scalar.value.strip()
        if address.lower().startswith("mailto:"):
            ctx.error(
                codes.MAILTO_EMAIL,
                scalar.at,
                name,
                f"write the address without 'mailto:': {address[7:]!r}",
            )
            return None
        unsafe = unsafe_in_email(address)
        if unsafe is not None:
            ctx.error(
                codes.INVALID_EMAIL,
                scalar.at,
                name,
                f"{address!r} is not a plain email address: {unsafe}",
            )
            return None
        import email_validator  # imported here: it compiles its patterns, which takes a while

        try:
            email_validator.validate_email(address, check_deliverability=False)
        except email_validator.EmailNotValidError as error:
            reason = str(error).rstrip(".")
            reason = reason[:1].lower() + reason[1:]
            ctx.error(
                codes.INVALID_EMAIL,
                scalar.at,
                name,
                f"{address!r} is not a valid email address: {reason}",
            )
            return None
        return address


FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
DATE_SHAPE = codes.DATE_FORMAT, "must be a date written YYYY-MM-DD, e.g. 2024-03-15"
PARTIAL_SHAPE = (
    codes.PARTIAL_DATE_FORMAT,
    "must be a year (2019), a year and month (2019-03) or a date (2019-03-15)",
)
MONTH_DAY_SHAPE = (
    codes.MONTH_DAY_FORMAT,
    "must be a month and day written MM-DD, e.g. 02-15 for 15 February",
)


def _match(
    node: Node,
    ctx: Context,
    name: str,
    what: str,
    pattern: re.Pattern[str],
    shape: tuple[Code, str],
) -> tuple[Scalar, tuple[str | None, ...]] | None:
    """The scalar and the groups of `pattern` matching its whole text, or a problem."""
    scalar = _scalar(node, ctx, name, what)
    if scalar is None:
        return None
    match = pattern.fullmatch(scalar.value.strip())
    code, explanation = shape
    if match is None:
        ctx.error(code, scalar.at, name, f"{scalar.value!r} {explanation}")
        return None
    return scalar, match.groups()


class IsoDate(Kind[date]):
    description = "a date written `YYYY-MM-DD`"
    description_nb = "en dato skrevet `ÅÅÅÅ-MM-DD`"

    def parse(self, node: Node, ctx: Context, name: str) -> date | None:
        found = _match(node, ctx, name, "a date (YYYY-MM-DD)", FULL_DATE, DATE_SHAPE)
        if found is None:
            return None
        scalar, parts = found
        try:
            return date(*(int(part or 0) for part in parts))
        except ValueError:
            ctx.error(
                codes.NOT_A_REAL_DATE, scalar.at, name, f"{scalar.value!r} is not a real date"
            )
            return None


class PartialDateKind(Kind[model.PartialDate]):
    description = "a year (`2019`), a month (`2019-03`) or a date (`2019-03-15`)"
    description_nb = "et år (`2019`), en måned (`2019-03`) eller en dato (`2019-03-15`)"

    def parse(self, node: Node, ctx: Context, name: str) -> model.PartialDate | None:
        found = _match(node, ctx, name, "a year, month or date", PARTIAL_DATE, PARTIAL_SHAPE)
        if found is None:
            return None
        scalar, parts = found
        year, month, day = (int(part) if part else None for part in parts)
        assert year is not None
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            ctx.error(
                codes.NOT_A_REAL_DATE, scalar.at, name, f"{scalar.value!r} is not a real date"
            )
            return None
        if year < 1900:
            ctx.error(
                codes.IMPLAUSIBLE_YEAR, scalar.at, name, f"{scalar.value!r} is not a plausible year"
            )
            return None
        return model.PartialDate(year, month, day)


class MonthDayKind(Kind[model.MonthDay]):
    description = "a day of the year written `MM-DD`, such as `02-15` for 15 February"
    description_nb = "en dag i året skrevet `MM-DD`, som `02-15` for 15. februar"

    def parse(self, node: Node, ctx: Context, name: str) -> model.MonthDay | None:
        found = _match(node, ctx, name, "a day of the year (MM-DD)", MONTH_DAY, MONTH_DAY_SHAPE)
        if found is None:
            return None
        scalar, parts = found
        month, day = (int(part or 0) for part in parts)
        try:
            date(2001, month, day)  # a year without 29 February: the day must recur yearly
        except ValueError:
            ctx.error(
                codes.NOT_EVERY_YEAR,
                scalar.at,
                name,
                f"{scalar.value!r} is not a day that occurs every year",
            )
            return None
        return model.MonthDay(month, day)


class Amount(Kind[Decimal]):
    description = "a positive number written with digits and an optional decimal point"
    description_nb = "et positivt tall skrevet med sifre, eventuelt med desimalpunktum"

    def parse(self, node: Node, ctx: Context, name: str) -> Decimal | None:
        scalar = _scalar(node, ctx, name, "a number")
        if scalar is None:
            return None
        text = scalar.value.strip()
        if re.fullmatch(r"[0-9]+(?:\.[0-9]{1,2})?", text) is None or Decimal(text) == 0:
            ctx.error(
                codes.INVALID_AMOUNT,
                scalar.at,
                name,
                f"{text!r} must be a positive amount in digits, e.g. 1500000 or 2500.50 "
                "(no spaces or thousands separators)",
            )
            return None
        too_large = amount_limit_message(text)
        if too_large is not None:
            ctx.error(codes.AMOUNT_TOO_LARGE, scalar.at, name, f"{text!r} {too_large}")
            return None
        return Decimal(text)


class ListOf(Kind[tuple[T, ...]]):
    def __init__(
        self,
        item: Kind[T],
        *,
        what: str,
        what_nb: str = "",
        min_items: int = 0,
        key: Callable[[T], object] | None = lambda value: value,
        example: str = "",
    ) -> None:
        self.item = item
        self.what = what
        self.what_nb = what_nb
        """The items' name in Norwegian, plural: for documentation only."""
        self.min_items = min_items
        self.key = key
        self.example = example
        self.description = f"a list of {what}s" + (f" (at least {min_items})" if min_items else "")
        self.description_nb = f"en liste med {what_nb}" + (
            f" (minst {min_items})" if min_items else ""
        )

    def parse(self, node: Node, ctx: Context, name: str) -> tuple[T, ...] | None:
        if not isinstance(node, Sequence):
            hint = f", e.g. `{name}: {self.example}`" if self.example else ""
            ctx.error(
                codes.WRONG_KIND,
                node.at,
                name,
                f"must be a list of {self.what}s{hint}, not {kind_of(node)}",
            )
            return None
        if len(node.items) < self.min_items:
            ctx.error(
                codes.TOO_FEW_ITEMS, node.at, name, f"needs at least {self.min_items} {self.what}"
            )
            return None
        values: list[T] = []
        seen: dict[object, Node] = {}
        ok = True
        for index, item in enumerate(node.items, start=1):
            value = self.item.parse(item, ctx, f"{name}[{index}]")
            if value is None:
                ok = False
                continue
            if self.key is not None:
                identity = self.key(value)
                if identity in seen:
                    first = seen[identity].at
                    ctx.error(
                        codes.DUPLICATE_ITEM,
                        item.at,
                        f"{name}[{index}]",
                        f"{identity!r} is listed twice (first at line {first.line}, "
                        f"column {first.col})",
                    )
                    ok = False
                    continue
                seen[identity] = item
            values.append(value)
        return tuple(values) if ok else None


@dataclass(frozen=True)
class Field:
    kind: Kind[Any]
    help: str
    example: str
    required: bool = False
    help_nb: str = ""
    """`help` in Norwegian Bokmål: for the editors' guide, templates and JSON Schemas."""


Check = Callable[[dict[str, Any], Mapping, Context, str], bool]


class Shape(Kind[T]):
    """A mapping of named fields; unknown fields are errors, with a 'did you mean'."""

    def __init__(
        self,
        what: str,
        fields: dict[str, Field],
        build: Callable[..., T],
        check: Check | None = None,
        renamed: dict[str, str] | None = None,
    ) -> None:
        self.what = what
        self.fields = fields
        self.build = build
        self.check = check
        self.renamed = renamed or {}
        """Old field name -> its new name: an old name gets an error saying so."""
        self.description = f"a mapping: {what}"
        self.description_nb = "et sett med felt (se nedenfor)"

    def parse(self, node: Node, ctx: Context, name: str) -> T | None:
        if not isinstance(node, Mapping):
            ctx.error(
                codes.WRONG_KIND,
                node.at,
                name,
                f"must be a mapping with the fields {', '.join(self.fields)}, not {kind_of(node)}",
            )
            return None
        values: dict[str, Any] = {}
        ok = True
        misspelt: set[str] = set()
        given = set()  # the fields given, as `node.get(...) is not None` would find them
        for key, value in node.items:
            given.add(key.value)
            spec = self.fields.get(key.value)
            if spec is None and key.value in self.renamed:
                ctx.error(
                    codes.RENAMED_FIELD,
                    key.at,
                    join(name, key.value),
                    f"the field is now called {self.renamed[key.value]!r}: rename it",
                )
                ok = False
                continue
            if spec is None:
                hint = did_you_mean(key.value, self.fields)
                if hint is not None and node.get(hint) is None:
                    misspelt.add(hint)
                ctx.error(
                    codes.UNKNOWN_FIELD,
                    key.at,
                    join(name, key.value),
                    "unknown field; "
                    + (f"did you mean {hint!r}?" if hint else "allowed: " + ", ".join(self.fields)),
                )
                ok = False
                continue
            if isinstance(value, Scalar) and value.is_null:
                ctx.error(
                    codes.EMPTY_VALUE,
                    key.at,
                    join(name, key.value),
                    "is empty: give a value or remove the field",
                )
                ok = False
                continue
            parsed = spec.kind.parse(value, ctx, join(name, key.value))
            if parsed is None:
                ok = False
            else:
                values[key.value] = parsed
        for field_name, spec in self.fields.items():
            if spec.required and field_name not in given and field_name not in misspelt:
                ctx.error(
                    codes.MISSING_FIELD,
                    node.at,
                    join(name, field_name),
                    f"required field is missing; e.g. `{field_name}: {spec.example}`",
                )
                ok = False
        if ok and self.check is not None:
            ok = self.check(values, node, ctx, name)
        return self.build(**values) if ok else None


# --- Record shapes -------------------------------------------------------------------------


def _check_period(values: dict[str, Any], node: Mapping, ctx: Context, name: str) -> bool:
    """'end' must not come before 'start'."""
    start, end = values["start"], values.get("end")
    if end is not None and end.last_day < start.first_day:
        at = node.get("end")
        assert at is not None
        ctx.error(
            codes.END_BEFORE_START,
            at.at,
            join(name, "end"),
            f"the period ends ({end}) before it starts ({start})",
        )
        return False
    return True


def _check_contact(values: dict[str, Any], node: Mapping, ctx: Context, name: str) -> bool:
    """A contact needs a name, an email address, or both."""
    if not values:
        ctx.error(codes.EMPTY_CONTACT, node.at, name, "give a name, an email address or both")
        return False
    return True


def _check_call_contact(values: dict[str, Any], node: Mapping, ctx: Context, name: str) -> bool:
    """A call's contact must give a way to reach someone: an email or a web address."""
    if values.get("email") is None and values.get("url") is None:
        ctx.error(
            codes.CALL_CONTACT_UNREACHABLE,
            node.at,
            name,
            "give an `email` or a `url` where partners can answer the call"
            + (" (a name alone cannot be reached)" if values.get("name") else ""),
        )
        return False
    return True


def _check_window(values: dict[str, Any], node: Mapping, ctx: Context, name: str) -> bool:
    """A window must open and close on different days (it may run over New Year)."""
    if values["opens"] == values["closes"]:
        ctx.error(
            codes.WINDOW_SAME_DAY,
            node.at,
            name,
            "opens and closes on the same day; give the last day it is open",
        )
        return False
    return True


TITLE = Text(200)
SUMMARY = Text(600)
MARKDOWN = Text(20_000, multiline=True)

PERIOD = Shape(
    "start and optional end",
    {
        "start": Field(
            PartialDateKind(),
            "When it started or starts.",
            "2019",
            help_nb="Når det startet eller starter.",
            required=True,
        ),
        "end": Field(
            PartialDateKind(),
            "When it ended or ends; leave out if open.",
            "2023",
            help_nb="Når det sluttet eller slutter; utelat feltet hvis perioden er åpen.",
        ),
    },
    model.Period,
    _check_period,
)

CONTACT = Shape(
    "name and/or email",
    {
        "name": Field(
            Text(120),
            "A person, team or office to contact.",
            "KP-teamet",
            help_nb="En person, et team eller et kontor man kan kontakte.",
        ),
        "email": Field(
            Email(), "An email address.", "post@example.org", help_nb="En e-postadresse."
        ),
    },
    model.Contact,
    _check_contact,
)

CALL_CONTACT = Shape(
    "name, and email and/or url",
    {
        "name": Field(
            Text(120),
            "A person, team or office to contact.",
            "Prosjektkontoret",
            help_nb="En person, et team eller et kontor man kan kontakte.",
        ),
        "email": Field(
            Email(),
            "An email address for answers to the call; give it, a url, or both.",
            "post@example.org",
            help_nb="En e-postadresse for svar på søket; oppgi den, en url eller begge.",
        ),
        "url": Field(
            Url(),
            "A web page for answers to the call; give it, an email address, or both.",
            "https://example.org/partners",
            help_nb="En nettside for svar på søket; oppgi den, en e-postadresse eller begge.",
        ),
    },
    model.CallContact,
    _check_call_contact,
)


class PartnerCallShape(Shape[model.PartnerCall]):
    """A partner call's fields; the old form, a text per language alone, is named as such."""

    def parse(self, node: Node, ctx: Context, name: str) -> model.PartnerCall | None:
        old = isinstance(node, Scalar) or (
            isinstance(node, Mapping)
            and node.get("text") is None
            and any(
                key.value in ctx.languages or key.value.lower() in LANGUAGE_HINTS
                for key, _ in node.items
            )
        )
        if old:
            ctx.error(
                codes.OLD_PARTNER_CALL,
                node.at,
                name,
                "a partner call is now a mapping: move the texts under `text:` and add a "
                "`contact:` with an `email` or a `url`, e.g. `partner_call: {text: {nb: ..., "
                "en: ...}, contact: {email: post@example.org}, until: 2025-03-01}`",
            )
            return None
        return super().parse(node, ctx, name)


PARTNER_CALL = PartnerCallShape(
    "text, contact and optional until",
    {
        "text": Field(
            LocalizedText(Text(1000, multiline=True), complete=False),
            "What partners the project is looking for.",
            "{nb: Vi søker ..., en: We are looking for ...}",
            help_nb="Hvilke partnere prosjektet søker.",
            required=True,
        ),
        "contact": Field(
            CALL_CONTACT,
            "Who answers the call: a name, and an email address or a web address.",
            "{name: Prosjektkontoret, email: post@example.org}",
            help_nb="Hvem som svarer på søket: et navn, og en e-postadresse eller en nettadresse.",
            required=True,
        ),
        "until": Field(
            IsoDate(),
            "The last day the call is open; after it, the site shows the call as closed.",
            "2025-03-01",
            help_nb="Siste dag søket er åpent; etter den viser nettstedet søket som avsluttet.",
        ),
    },
    model.PartnerCall,
)

PARTNER = Shape(
    "organisation and role",
    {
        "organisation": Field(
            Slug("organisations"),
            "Slug from content/organisations.yml.",
            "ks",
            help_nb="Kortnavnet (slug) fra content/organisations.yml.",
            required=True,
        ),
        "role": Field(
            Choice(model.Role),
            "What the organisation does here.",
            "lead",
            help_nb="Hva organisasjonen gjør her.",
            required=True,
        ),
    },
    model.Partner,
)

LINK = Shape(
    "title and url",
    {
        "title": Field(
            LocalizedText(TITLE, complete=False),
            "The link text.",
            "{nb: Rapport, en: Report}",
            help_nb="Lenketeksten.",
            required=True,
        ),
        "url": Field(
            Url(),
            "Where it points.",
            "https://example.org/report",
            help_nb="Hvor lenken peker.",
            required=True,
        ),
    },
    model.Link,
)

FUNDING = Shape(
    "amount, currency and optional note",
    {
        "amount": Field(
            Amount(),
            "The amount, digits only.",
            "1500000",
            help_nb="Beløpet, bare med sifre.",
            required=True,
        ),
        "currency": Field(
            Currency(), "ISO 4217 code.", "EUR", help_nb="Valutakode etter ISO 4217.", required=True
        ),
        "note": Field(
            LocalizedText(SUMMARY, complete=False),
            "What the amount covers.",
            "{nb: Hele prosjektperioden, en: The whole project period}",
            help_nb="Hva beløpet dekker.",
        ),
    },
    model.Funding,
)

SOURCE = Shape(
    "title, publisher, optional url and as_of",
    {
        "title": Field(
            LocalizedText(TITLE, complete=False),
            "The source's title.",
            "{nb: Internasjonale prosjekter, en: International projects}",
            help_nb="Kildens tittel.",
            required=True,
        ),
        "publisher": Field(
            Slug("organisations"),
            "The organisation that published it: a slug from content/organisations.yml.",
            "ks",
            help_nb="Organisasjonen som publiserte den: et kortnavn fra content/organisations.yml.",
            required=True,
        ),
        "url": Field(
            Url(),
            "Where it can be read, if it is public.",
            "https://example.org/projects",
            help_nb="Hvor den kan leses, hvis den er offentlig.",
        ),
        "as_of": Field(
            PartialDateKind(),
            "The date the source speaks for, as precisely as it says; leave out if it states none.",
            "2021",
            help_nb="Datoen kilden gjelder for, så nøyaktig som den sier; utelat feltet hvis "
            "den ikke oppgir noen.",
        ),
    },
    model.Source,
)

WINDOW = Shape(
    "opens, closes (MM-DD) and optional source",
    {
        "opens": Field(
            MonthDayKind(),
            "First day applications are accepted.",
            '"02-15"',
            help_nb="Første dag det er mulig å søke.",
            required=True,
        ),
        "closes": Field(
            MonthDayKind(),
            "Last day applications are accepted.",
            '"03-15"',
            help_nb="Siste dag det er mulig å søke.",
            required=True,
        ),
        "source": Field(
            SOURCE,
            "Where the window's days come from, written like an item of sources.",
            "{title: {nb: ..., en: ...}, publisher: icld, as_of: 2016}",
            help_nb="Hvor datoene kommer fra, skrevet som en kilde i sources.",
        ),
    },
    model.ApplicationWindow,
    _check_window,
)

PARTNERS = ListOf(
    PARTNER,
    what="partner",
    what_nb="partnere",
    key=lambda partner: partner.organisation,
    example="[{organisation: ks, role: lead}]",
)
COUNTRIES = ListOf(Country(), what="country code", what_nb="landkoder", example="[PL, NO]")
THEMES = ListOf(Slug("themes"), what="theme", what_nb="temaer", example="[local-democracy]")
LINKS = ListOf(LINK, what="link", what_nb="lenker", key=lambda link: link.url)

_COMMON_HEAD = {
    "title": Field(
        LocalizedText(TITLE, complete=True),
        "The name readers see, in both languages.",
        "{nb: Likestilling i kommunestyrer, en: Gender balance in municipal councils}",
        help_nb="Navnet leserne ser, på begge språk.",
        required=True,
    ),
    "summary": Field(
        LocalizedText(SUMMARY, complete=True),
        "One or two sentences shown in lists and search results.",
        "{nb: ..., en: ...}",
        help_nb="Én eller to setninger som vises i lister og søkeresultater.",
        required=True,
    ),
}

# Fields programmes and projects share, defined once.
DESCRIPTION = Field(
    LocalizedText(MARKDOWN, complete=False),
    "The full text, in Markdown.",
    '{nb: "## Bakgrunn ...", en: "## Background ..."}',
    help_nb="Hele teksten, i Markdown.",
)
LINKS_FIELD = Field(
    LINKS,
    "Further reading.",
    "- {title: {nb: ..., en: ...}, url: https://...}",
    help_nb="Mer å lese.",
)
KEYWORDS = Field(
    Name(300),
    "Other names and abbreviations readers search for, separated by commas: found by "
    "search (with extra weight), not shown on the page.",
    "{nb: EØS-midlene, en: EEA Grants}",
    help_nb="Andre navn og forkortelser lesere søker etter, skilt med komma: de gir treff i "
    "søket (med ekstra vekt), men vises ikke på siden.",
)
CONTACT_FIELD = Field(
    CONTACT, "Who to ask.", "{name: ..., email: ...}", help_nb="Hvem man kan spørre."
)
SOURCES = Field(
    ListOf(SOURCE, what="source", what_nb="kilder", key=None),
    "Where the facts come from: every source the record's facts are taken from.",
    "- {title: {nb: ..., en: ...}, publisher: ks, url: https://..., as_of: 2021}",
    help_nb="Hvor opplysningene kommer fra: alle kildene opplysningene er hentet fra.",
)
CHECKED = Field(
    IsoDate(),
    "The day an editor last confirmed the record against its sources; pages then say the "
    "information is current as of this day.",
    "2024-03-15",
    help_nb="Dagen en redaktør sist kontrollerte oppføringen mot kildene; sidene sier da at "
    "opplysningene gjelder per denne dagen.",
)
RENAMED = {"updated": "checked"}
"""Fields that were renamed: an old name gets an error naming the new one."""

PROGRAMME_FIELDS: dict[str, Field] = {
    **_COMMON_HEAD,
    "description": DESCRIPTION,
    "status": Field(
        Choice(model.Status),
        "Where the programme stands.",
        "active",
        help_nb="Hvor langt programmet er kommet.",
    ),
    "period": Field(
        PERIOD,
        "When the programme runs.",
        "{start: 2014, end: 2021}",
        help_nb="Når programmet pågår.",
    ),
    "countries": Field(
        COUNTRIES,
        "Countries the programme covers.",
        "[BG, LV, PL, RO]",
        help_nb="Landene programmet omfatter.",
    ),
    "themes": Field(
        THEMES,
        "Themes from content/themes.yml.",
        "[local-development]",
        help_nb="Temaer fra content/themes.yml.",
    ),
    "funders": Field(
        ListOf(Slug("organisations"), what="organisation", what_nb="organisasjoner"),
        "Organisations that fund the programme.",
        "[sida]",
        help_nb="Organisasjoner som finansierer programmet.",
    ),
    "partners": Field(
        PARTNERS,
        "Organisations that run or take part in it.",
        "- {organisation: ks, role: partner}",
        help_nb="Organisasjoner som driver programmet eller deltar i det.",
    ),
    "application_windows": Field(
        ListOf(WINDOW, what="application window", what_nb="søknadsperioder", key=None),
        "Yearly windows for applications.",
        '- {opens: "02-15", closes: "03-15"}',
        help_nb="Faste perioder hvert år da det er mulig å søke.",
    ),
    "website": Field(
        Url(),
        "The programme's own web page.",
        "https://example.org",
        help_nb="Programmets egen nettside.",
    ),
    "keywords": KEYWORDS,
    "links": LINKS_FIELD,
    "contact": CONTACT_FIELD,
    "sources": SOURCES,
    "checked": CHECKED,
}

PROJECT_FIELDS: dict[str, Field] = {
    **_COMMON_HEAD,
    "countries": Field(
        ListOf(
            Country(), what="country code", what_nb="landkoder", min_items=1, example="[PL, NO]"
        ),
        "Countries the project works in.",
        "[GE]",
        help_nb="Landene prosjektet arbeider i.",
        required=True,
    ),
    "themes": Field(
        ListOf(
            Slug("themes"),
            what="theme",
            what_nb="temaer",
            min_items=1,
            example="[gender-equality]",
        ),
        "Themes from content/themes.yml.",
        "[gender-equality]",
        help_nb="Temaer fra content/themes.yml.",
        required=True,
    ),
    "programme": Field(
        Slug("programmes"),
        "The programme the project belongs to.",
        "eea-grants-2014-2021",
        help_nb="Programmet prosjektet hører til.",
    ),
    "description": DESCRIPTION,
    "period": Field(
        PERIOD,
        "When the project runs.",
        "{start: 2019, end: 2023}",
        help_nb="Når prosjektet pågår.",
    ),
    "status": Field(
        Choice(model.Status),
        "Where the project stands; if left out, derived from the period.",
        "active",
        help_nb="Hvor langt prosjektet er kommet; utelates feltet, regnes det ut fra perioden.",
    ),
    "partners": Field(
        PARTNERS,
        "Organisations taking part, with their roles.",
        "- {organisation: ks, role: lead}",
        help_nb="Organisasjonene som deltar, med rollene sine.",
    ),
    "keywords": KEYWORDS,
    "links": LINKS_FIELD,
    "contact": CONTACT_FIELD,
    "funding": Field(
        FUNDING,
        "The project's budget.",
        "{amount: 1500000, currency: EUR}",
        help_nb="Prosjektets budsjett.",
    ),
    "partner_call": Field(
        PARTNER_CALL,
        "A call for partners, with whom to contact and its last day; while it is open "
        "(the project is not completed and its last day has not passed), readers can filter "
        "on it.",
        "{text: {nb: ..., en: ...}, contact: {email: ...}, until: 2025-03-01}",
        help_nb="Et søk etter partnere, med hvem man kontakter og siste dag; mens det er åpent "
        "(prosjektet er ikke avsluttet og siste dag er ikke passert), kan leserne filtrere på det.",
    ),
    "website": Field(
        Url(),
        "The project's own web page.",
        "https://example.org",
        help_nb="Prosjektets egen nettside.",
    ),
    "sources": SOURCES,
    "checked": CHECKED,
}

THEME_FIELDS: dict[str, Field] = {
    "label": Field(
        LocalizedText(Text(80), complete=True),
        "The theme's name.",
        "{nb: Likestilling, en: Gender equality}",
        help_nb="Navnet på temaet.",
        required=True,
    ),
    "description": Field(
        LocalizedText(SUMMARY, complete=False),
        "What the theme covers.",
        "{nb: ..., en: ...}",
        help_nb="Hva temaet omfatter.",
    ),
}

ORGANISATION_FIELDS: dict[str, Field] = {
    "name": Field(
        Name(200),
        "The name, or nb/en names where it differs.",
        "OECD",
        help_nb="Navnet, eller navn på nb og en der de er ulike.",
        required=True,
    ),
    "short_name": Field(
        Text(30), "A common abbreviation.", "APC", help_nb="En vanlig forkortelse."
    ),
    "country": Field(
        Country(), "Where it is based.", "PL", help_nb="Hvor organisasjonen holder til."
    ),
    "url": Field(
        Url(), "Its web site.", "https://example.org", help_nb="Organisasjonens nettsted."
    ),
    "description": Field(
        LocalizedText(SUMMARY, complete=False),
        "One or two sentences about it.",
        "{nb: ..., en: ...}",
        help_nb="Én eller to setninger om organisasjonen.",
    ),
}


def _values(**values: Any) -> dict[str, Any]:
    return values


def _check_project(values: dict[str, Any], node: Mapping, ctx: Context, name: str) -> bool:
    """Warnings, never errors: a partner call that the site will show as closed."""
    call: model.PartnerCall | None = values.get("partner_call")
    at = node.get("partner_call")
    if call is None or at is None:
        return True
    stated: model.Status | None = values.get("status")
    period: model.Period | None = values.get("period")
    if stated is model.Status.COMPLETED:
        ctx.warning(
            codes.CALL_ON_COMPLETED,
            at.at,
            "partner_call",
            "the project is completed (`status: completed`), so its call is shown as closed; "
            "delete the call, or correct the status",
        )
    elif (
        stated is None
        and period is not None
        and ctx.today is not None
        and period.status_on(ctx.today) is model.Status.COMPLETED
    ):
        ctx.warning(
            codes.CALL_ON_COMPLETED,
            at.at,
            "partner_call",
            f"the project's period ended ({period.end}) before the build date "
            f"({ctx.today.isoformat()}), so it is completed and its call is shown as closed; "
            "delete the call, or correct the period",
        )
    if call.until is not None and ctx.today is not None and call.until < ctx.today:
        until = at.get("until") if isinstance(at, Mapping) else None
        ctx.warning(
            codes.CALL_PAST_UNTIL,
            (until or at).at,
            "partner_call.until",
            f"the call's last day ({call.until.isoformat()}) is before the build date "
            f"({ctx.today.isoformat()}), so it is shown as closed; delete the call, or give "
            "the new last day",
        )
    return True


PROGRAMME = Shape("a programme", PROGRAMME_FIELDS, _values, renamed=RENAMED)
PROJECT = Shape("a project", PROJECT_FIELDS, _values, _check_project, renamed=RENAMED)
THEME = Shape("a theme", THEME_FIELDS, _values)
ORGANISATION = Shape("an organisation", ORGANISATION_FIELDS, _values)
