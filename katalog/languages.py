"""The languages a catalogue can be published in, and the one setting that picks them.

`KNOWN` describes every language the software can publish: its code (as in records,
addresses and `<html lang>`), its CLDR locale (Babel), its name in itself, its English
name for editors' messages, the interface language of MkDocs Material, the letter order
its names sort in, and the few formatting words CLDR does not provide. A site chooses
which of them it is published in, in order (`Languages`), with the `languages` setting
(see `katalog.settings`); the first is the site's default.

The editors' documentation (help texts, the field reference, CONTRIBUTING.md) has its own
languages, `EDITOR_LANGUAGES`: which languages editors read is a separate choice from
which languages readers are served.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

Lang = str
"""A language code, as in records and addresses: `nb`, `en`."""


@dataclass(frozen=True)
class Language:
    code: Lang
    locale: str
    """The Babel (CLDR) locale for names, dates and numbers: `nb`, `en_GB`."""
    name: str
    """The language's name in itself, as the language switch shows it."""
    english_name: str
    """For editors' messages: "Norwegian Bokmål"."""
    material: str
    """MkDocs Material's interface language (`partials/languages/<material>.html`)."""
    collation: str
    """`nb` for the Norwegian letter order (æ, ø, å after z), `root` for CLDR's default."""
    period_from: str
    """An open-ended period: "fra {start}"."""
    every_year: str
    """A yearly application window: "{window} hvert år"."""


KNOWN: dict[Lang, Language] = {
    language.code: language
    for language in (
        Language("nb", "nb", "Norsk (bokmål)", "Norwegian Bokmål", "nb", "nb",
                 "fra {start}", "{window} hvert år"),
        Language("nn", "nn", "Norsk (nynorsk)", "Norwegian Nynorsk", "nn", "nb",
                 "frå {start}", "{window} kvart år"),
        Language("en", "en_GB", "English", "English", "en", "root",
                 "from {start}", "{window} every year"),
        Language("sv", "sv", "Svenska", "Swedish", "sv", "root",
                 "från {start}", "{window} varje år"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Languages:
    """The languages one site is published in, in order; the first is the default."""

    codes: tuple[Lang, ...]

    def __post_init__(self) -> None:
        unknown = [code for code in self.codes if code not in KNOWN]
        if unknown or not self.codes or len(set(self.codes)) != len(self.codes):
            raise ValueError(
                f"site languages must be distinct codes among {', '.join(KNOWN)}; "
                f"got {', '.join(self.codes) or 'none'}"
            )

    def __iter__(self) -> Iterator[Lang]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    @property
    def default(self) -> Lang:
        return self.codes[0]

    def others(self, lang: Lang) -> tuple[Lang, ...]:
        return tuple(code for code in self.codes if code != lang)

    @staticmethod
    def of(codes: Iterable[Lang]) -> Languages:
        return Languages(tuple(codes))


SITE_LANGUAGES = Languages(("nb", "en"))
"""The languages of this repository's own site, unless the `languages` setting says otherwise."""

EDITOR_LANGUAGES: tuple[Lang, ...] = ("en", "nb")
"""The languages of the editors' documentation and of help texts in the schema."""


def language(code: Lang) -> Language:
    return KNOWN[code]
