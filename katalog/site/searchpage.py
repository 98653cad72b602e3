"""The search page made lighter after the build: what a reader's first search downloads.

A first search loads the page, its styles, the search script and Pagefind's files; the
last are Pagefind's own, so the rest is made small here, once every page is written:

- the search script (docs/javascripts/catalogue-search.js) is served without its comment
  lines and indentation; the source keeps them. Only whole lines go, so no statement
  changes: the script keeps no comment or template string that spans lines (a test builds
  the site and runs the script served).
- The search pages (`<lang>/search/`) link their own copy of Material's stylesheet, without
  the rules whose selectors name a class that neither page nor any of the catalogue's
  scripts uses (Material's own script is not loaded, so no other classes come). A selector
  is kept if in doubt: a class inside `:not()`, `:is()`, `:where()` or `:has()` does not
  count against it. The copy is named by its content, as Material names its own, so a new
  copy is a new address. The other pages keep Material's stylesheet as it is.

It knows nothing of MkDocs; the search hook (hooks/search.py) calls it on the site folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from katalog import sitefolder

STYLESHEET = re.compile(r'href="([^"]*?)assets/stylesheets/main\.[0-9a-f]+\.min\.css"')
"""A page's link to Material's stylesheet, with the way up to the site's root."""

WORD = re.compile(r"[\w-]+")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
FUNCTIONS = ("not(", "is(", "where(", "has(", "matches(", "-webkit-any(", "-moz-any(")


class SearchPageError(Exception):
    """The search page's files are not as expected."""


def strip_script(source: str) -> str:
    """A script without its lines of comments (`//` and `/* … */` from a line's start), its
    blank lines and its indentation."""
    kept: list[str] = []
    in_comment = False
    for line in source.splitlines():
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            continue
        if text.startswith("/*"):
            in_comment = "*/" not in text[2:]
            continue
        if text and not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept) + "\n"


def _string_end(css: str, at: int) -> int:
    """Where the CSS string that opens at `at` ends: just after its closing quote (the
    stylesheet's end, if it has none); a backslash escapes the character after it."""
    quote, end = css[at], at + 1
    while end < len(css) and css[end] != quote:
        end += 2 if css[end] == "\\" else 1
    return end + 1


def _without_comments(css: str) -> str:
    """A stylesheet without its comments (strings, which may hold `/*`, left as they are)."""
    out: list[str] = []
    at = 0
    while at < len(css):
        char = css[at]
        if char in "\"'":
            end = _string_end(css, at)
            out.append(css[at:end])
            at = end
        elif css.startswith("/*", at):
            end = css.find("*/", at + 2)
            at = len(css) if end < 0 else end + 2
        else:
            out.append(char)
            at += 1
    return "".join(out)


def _blocks(css: str) -> tuple[list[tuple[str, str]], str]:
    """The top-level `prelude { body }` pairs of a stylesheet without comments, and what
    follows the last block (a statement such as `@import`, or nothing)."""
    blocks: list[tuple[str, str]] = []
    start, at, depth, open_at = 0, 0, 0, 0
    while at < len(css):
        char = css[at]
        if char in "\"'":
            at = _string_end(css, at)
            continue
        if char == "{":
            if depth == 0:
                open_at = at
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise SearchPageError("a stylesheet closes a block it did not open")
            if depth == 0:
                blocks.append((css[start:open_at], css[open_at + 1 : at]))
                start = at + 1
        at += 1
    if depth:
        raise SearchPageError("a stylesheet ends inside a block")
    return blocks, css[start:].strip()


def _outside_functions(selector: str) -> str:
    """A selector without what is inside its functional pseudo-classes."""
    out: list[str] = []
    depth = 0
    at = 0
    while at < len(selector):
        if depth == 0 and selector[at] == ":":
            name = selector[at + 1 :].lstrip(":")
            if name.startswith(FUNCTIONS):
                depth = 1
                at = selector.index("(", at) + 1
                continue
        char = selector[at]
        if depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
        else:
            out.append(char)
        at += 1
    return "".join(out)


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:at])
            start = at + 1
    parts.append(prelude[start:])
    return parts


def trim_stylesheet(css: str, used: set[str]) -> str:
    """`css` without its comments, without the selectors that name a class not in `used`,
    and without the rules (and @media, @supports, @container and @layer blocks) left empty."""
    return _trim(_without_comments(css), used)


def _trim(css: str, used: set[str]) -> str:
    kept: list[str] = []
    blocks, rest = _blocks(css)
    for prelude, body in blocks:
        head = prelude.strip()
        if head.startswith(("@media", "@supports", "@container", "@layer")) and "{" in body:
            inner = _trim(body, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")  # @font-face, @keyframes, and any other
        else:
            selectors = [
                selector
                for selector in _selectors(prelude)
                if set(CLASS.findall(_outside_functions(selector))) <= used
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept) + rest


def words(texts: Iterable[str]) -> set[str]:
    """Every word of the texts that could be a class name: more than the classes, to be safe."""
    found: set[str] = set()
    for text in texts:
        found.update(WORD.findall(text))
    return found


def lighten(site: Path, search_pages: Iterable[str], script: str) -> None:
    """Strips the search script at `script` and gives the `search_pages` (folders relative
    to `site`) their own, trimmed copy of Material's stylesheet."""
    script_path = site / script
    source = script_path.read_text(encoding="utf-8")
    script_path.write_text(strip_script(source), encoding="utf-8")
    pages = [site / page / "index.html" for page in search_pages]
    pages = [page for page in pages if page.is_file()]
    if not pages:
        return
    html = {page: page.read_text(encoding="utf-8") for page in pages}
    scripts = sorted((site / "javascripts").glob("*.js"))
    texts = [path.read_text(encoding="utf-8") for path in scripts]
    used = words([*html.values(), *texts])
    originals = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(originals) != 1:
        raise SearchPageError(f"expected one Material stylesheet, found {len(originals)}")
    trimmed = trim_stylesheet(originals[0].read_text(encoding="utf-8"), used)
    digest = hashlib.sha256(trimmed.encode("utf-8")).hexdigest()[:8]
    name = f"search.{digest}.min.css"
    (originals[0].parent / name).write_text(trimmed, encoding="utf-8")
    for page, text in html.items():
        linked, count = STYLESHEET.subn(rf'href="\1assets/stylesheets/{name}"', text)
        if count != 1:
            raise SearchPageError(
                f"{page.relative_to(site)} links Material's stylesheet {count} times"
            )
        sitefolder.write_anew(page, linked.encode("utf-8"))
