"""The content security policy of every page: nothing from other hosts, and no script
that the build did not write.

GitHub Pages cannot send headers, so each page carries its policy in a
`<meta http-equiv="Content-Security-Policy">`, which the site's base template writes
first in `<head>` with `PLACEHOLDER` as its value. Once a page's HTML is finished, `secure`
puts in the policy of that very page: scripts only from the site itself, and inline
scripts only where their SHA-256 is listed (Material's own small scripts and the root
page's language redirect), so that no script slipped into a page can run.

Script elements of a type that is not JavaScript (`application/json`, JSON-LD's
`application/ld+json`) are data blocks: the browser never runs them, the policy does not
apply to them, and they are not listed. Inline `<style>` elements are listed by hash the
same way; style attributes are not allowed at all (Material and the catalogue's
stylesheets set none; scripts style elements through the CSSOM, which the policy leaves
alone).

`'wasm-unsafe-eval'` lets Pagefind's WebAssembly run, and nothing else: `eval` and
`new Function` stay blocked. `frame-ancestors` (who may frame the site) and the reports a
policy may ask for cannot be set in a meta element; `header` is what a host that can send
HTTP headers should add.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

PLACEHOLDER = "katalog-content-security-policy"
"""The value the base template gives the policy's meta element, replaced by `secure`."""
META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
"""The element as the base template writes it (the template owns it: see overrides/main.html)."""

SCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        *(
            f"{prefix}/{name}"
            for prefix in ("application", "text")
            for name in (
                "ecmascript",
                "javascript",
                "x-ecmascript",
                "x-javascript",
                "jscript",
                "livescript",
                "javascript1.0",
                "javascript1.1",
                "javascript1.2",
                "javascript1.3",
                "javascript1.4",
                "javascript1.5",
            )
        ),
    }
)
"""`type` values with which a browser runs a script element (the HTML standard's JavaScript
MIME types, `module` and import maps); any other type is a data block."""

UNSAFE_INLINE = "'unsafe-inline'"
WASM = "'wasm-unsafe-eval'"

BASE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", WASM)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)
"""The policy's directives before the page's hashes. `img-src data:`: Material draws its
icons in the stylesheet as SVG images in `data:` addresses (the search field's
magnifier among them); an image can run no script."""

HEADER_ONLY = (("frame-ancestors", ("'none'",)),)
"""What only an HTTP header can say: no other site may show these pages in a frame."""


class CspError(ValueError):
    """A page without the policy's meta element, or with more than one."""


def sha256(text: str) -> str:
    """A CSP source for an inline script or style: its text's SHA-256, in base64."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_TOKENS = re.compile(
    r"""<!--.*?-->"""  # a comment: what looks like a tag inside it is not one
    r"""|<(?P<raw>script|style)(?P<attrs>(?:[\s/](?:[^>"']++|"[^"]*+"|'[^']*+')*+)?)>"""
    r"""(?P<text>.*?)</(?P=raw)[\s/>]"""  # a script or style element, to its end tag
    r"""|<[a-zA-Z][^\s/>]*+(?:[\s/](?:[^>"']++|"[^"]*+"|'[^']*+')*+)?>""",  # any other tag
    re.DOTALL | re.IGNORECASE,
)
"""The parts of a page that can hold a script or style element: comments, script and style
elements, and every other tag (whose quoted attribute values may hold anything). Text
between them cannot: a `<` in it that opens no tag stays text. A tag's attributes are
matched possessively (`++`, `*+`): giving any back could never end the tag at a `>`
sooner, so nothing is tried twice."""

_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s/>"'=]+)(?:\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s>]*)))?"""
)


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes, names in lower case, character references left as they are
    (the `type` values that matter are plain words)."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group("name").lower()
        value = match.group("q") or match.group("s") or match.group("u") or ""
        found.setdefault(name, value)
    return found


def inline(html: str) -> tuple[list[str], list[str]]:
    """The page's inline scripts that a browser runs, and its inline styles, in order.

    One pass of a regular expression over the page (a full HTML parser took a third of a
    large catalogue's build): only comments, tags and the text of script and style
    elements are told apart, which is all that decides what an inline script is."""
    scripts: list[str] = []
    styles: list[str] = []
    for match in _TOKENS.finditer(html):
        raw = match.group("raw")
        if raw is None:
            continue
        values = _attributes(match.group("attrs") or "")
        if raw.lower() == "script":
            kind = values.get("type", "").strip().lower()
            if "src" in values or kind not in SCRIPT_TYPES:
                continue
            found = scripts
        else:
            found = styles
        # The HTML parser reads every CR LF and lone CR as LF before hashing.
        found.append(match.group("text").replace("\r\n", "\n").replace("\r", "\n"))
    return scripts, styles


def _hashes(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sha256(text) for text in texts))


def policy(html: str, *, serving: bool = False) -> str:
    """The policy for the finished page `html`.

    While `serving` (MkDocs' preview server, which adds an inline live-reload script of its
    own to every page as it serves it, a different one each time), inline scripts are
    allowed instead of listed: a browser ignores `'unsafe-inline'` in a list with hashes.
    """
    scripts, styles = inline(html)
    extra = {
        "script-src": (UNSAFE_INLINE,) if serving else _hashes(scripts),
        "style-src": _hashes(styles),
    }
    return _join((name, sources + extra.get(name, ())) for name, sources in BASE)


def header() -> str:
    """What a host that can send HTTP headers should add as a `Content-Security-Policy`
    header: the one directive a meta element cannot carry. A browser enforces every policy
    a page has, the header's and the meta element's, so the pages' own policy stays whole."""
    return _join(HEADER_ONLY)


def _join(directives: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    return "; ".join(" ".join((name, *sources)) for name, sources in directives)


def secure(html: str, *, serving: bool = False) -> str:
    """`html` with its policy in the meta element the base template left for it."""
    count = html.count(META)
    if count != 1:
        found = "none" if count == 0 else f"{count}"
        raise CspError(
            f"the page must carry the policy's meta element exactly once, found {found}: "
            "its template must extend main.html"
        )
    head, tail = html.split(META)
    filled = META.replace(PLACEHOLDER, policy(head + tail, serving=serving))
    return head + filled + tail
