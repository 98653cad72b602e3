"""The explanation of every problem code, as Markdown tables, for the editors' guide.

Made from the registry in `katalog.records.codes`, in English and in Norwegian Bokmål, one
table per stage. `embed` puts each language's tables between its markers in a document
(CONTRIBUTING.md); `katalog generate` does that, and `katalog generate --check` fails while
the committed tables differ from the registry.
"""

from __future__ import annotations

from katalog.languages import Lang
from katalog.records.codes import Code, Severity, grouped

HEADERS: dict[Lang, str] = {
    "en": "| Code | Name | What it means | How to fix it |",
    "nb": "| Kode | Navn | Hva den betyr | Slik retter du det |",
}
RULE = "| --- | --- | --- | --- |"
WARNING: dict[Lang, str] = {"en": "(Warning)", "nb": "(Advarsel)"}

MARKERS: dict[Lang, tuple[str, str]] = {
    "en": ("<!-- codes:start -->", "<!-- codes:end -->"),
    "nb": ("<!-- codes-nb:start -->", "<!-- codes-nb:end -->"),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _row(code: Code, lang: Lang) -> str:
    meaning = code.meaning(lang)
    if code.severity is Severity.WARNING:
        meaning = f"{WARNING[lang]} {meaning}"
    cells = [f"`{code.number}`", f"`{code.name}`", _cell(meaning), _cell(code.fix(lang))]
    return "| " + " | ".join(cells) + " |"


def render(lang: Lang = "en") -> str:
    """Every code, grouped by stage, as Markdown tables in `lang`."""
    parts = []
    for group, held in grouped():
        first, last = held[0].number, held[-1].number
        span = first if first == last else f"{first}–{last}"
        lines = [
            f"**{group.title(lang)}** ({span})",
            "",
            HEADERS[lang],
            "| --- | --- | --- | --- |",
        ]
        lines += [_row(code, lang) for code in held]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def embed(document: str) -> str:
    """`document` with the text between each language's code-table markers made current."""
    updated = document
    for lang, (start, end) in MARKERS.items():
        head, found, rest = updated.partition(start)
        _, found_end, tail = rest.partition(end)
        if not found or not found_end:
            raise ValueError(f"the markers {start} and {end} are missing")
        updated = f"{head}{start}\n{render(lang)}{end}{tail}"
    return updated
