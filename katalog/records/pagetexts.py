"""The texts of the site's own pages: About, the accessibility statement, privacy.

Every catalogue built with this software says in its own words what it is and how it
treats its readers, so these texts are content, not software: one Markdown file per page
and language in the content folder's `pages/` folder,

    content/pages/about.nb.md           content/pages/about.en.md
    content/pages/accessibility.nb.md   content/pages/accessibility.en.md
    content/pages/privacy.nb.md         content/pages/privacy.en.md

Each starts with the page's title as a `# ` heading; the rest is the page's body, with
`## ` headings for its sections. The site gives each page its frame (header, language
switch, footer) and renders the body with the same sanitised Markdown as record texts
(`katalog.site.richtext`). A site must have every page in every one of its languages: a
missing or empty file is an error naming it (`K058`), and so is a text without its title
(`K059`); any other file in `pages/` is not read and is reported (`K052`). Like a
record's Markdown, a page text may hold no control characters (`K015`) and must stay within
the renderer's limits (`K194`, `K195`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from katalog.languages import Lang
from katalog.records import codes
from katalog.records.codes import Code, Severity
from katalog.records.problems import Problem
from katalog.records.schema import markdown_limit
from katalog.records.source import CONTROL_IN_VALUE

FOLDER = "pages"
PAGES = ("about", "accessibility", "privacy")
"""The site's own pages, in the order the footer links them."""
NAMES = {
    "about": "the About page",
    "accessibility": "the accessibility statement",
    "privacy": "the privacy note",
}


@dataclass(frozen=True)
class PageText:
    """One page's text in one language, as written."""

    title: str
    body: str
    """Markdown, without the title line."""
    source: str
    """The file, relative to the repository, for messages and edit links."""


PageTexts = Mapping[str, Mapping[Lang, PageText]]
"""Page name -> language -> its text."""


def _problem(display: str, code: Code, message: str, line: int = 1) -> Problem:
    return Problem(display, line, 1, Severity.ERROR, "", message, code)


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_page_texts(
    root: Path, languages: Iterable[Lang], base: Path | None = None
) -> tuple[dict[str, dict[Lang, PageText]], list[Problem]]:
    """Every page text of the content folder `root` in each of `languages`, and what is
    wrong with them (file paths shown relative to `base`, the content folder's parent)."""
    base = base if base is not None else root.parent
    folder = root / FOLDER
    languages = list(languages)
    texts: dict[str, dict[Lang, PageText]] = {}
    problems: list[Problem] = []
    expected = {f"{page}.{lang}.md" for page in PAGES for lang in languages}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name in expected:
                continue
            problems.append(
                _problem(
                    _display(path, base) + ("/" if path.is_dir() else ""),
                    codes.NOT_IN_CATALOGUE,
                    "not a page text and not read; expected only <page>.<language>.md for "
                    f"the pages {', '.join(PAGES)} in {', '.join(languages)}",
                )
            )
    for page in PAGES:
        for lang in languages:
            path = folder / f"{page}.{lang}.md"
            display = _display(path, base)
            text = _read(path, display, page, lang, problems)
            if text is not None:
                texts.setdefault(page, {})[lang] = text
    problems.sort()
    return texts, problems


def _read(
    path: Path, display: str, page: str, lang: Lang, problems: list[Problem]
) -> PageText | None:
    missing = f"{NAMES[page]} has no text in '{lang}': write this file"
    if not path.is_file():
        problems.append(_problem(display, codes.PAGE_TEXT_MISSING, f"missing: {missing}"))
        return None
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(_problem(display, codes.NOT_UTF8, "not UTF-8: save the file as UTF-8"))
        return None
    control = CONTROL_IN_VALUE.search(content)
    if control is not None:
        line = content.count("\n", 0, control.start()) + 1
        problems.append(
            _problem(
                display,
                codes.CONTROL_CHARACTER,
                f"control character U+{ord(control.group()):04X} in the file: delete it",
                line,
            )
        )
        return None
    lines = content.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        problems.append(_problem(display, codes.PAGE_TEXT_MISSING, f"empty: {missing}"))
        return None
    heading = lines[first]
    if not heading.startswith("# ") or not heading[2:].strip():
        problems.append(
            _problem(
                display,
                codes.PAGE_TITLE_MISSING,
                "the first line must be the page's title, as a '# ' heading",
                first + 1,
            )
        )
        return None
    body = "\n".join(lines[first + 1 :]).strip("\n") + "\n"
    limit = markdown_limit(body)
    if limit is not None:
        problems.append(_problem(display, limit[0], limit[1].replace("the text", "the body")))
        return None
    return PageText(title=heading[2:].strip(), body=body, source=display)
