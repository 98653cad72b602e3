"""Record Markdown -> safe HTML.

Descriptions are Markdown written by editors. They are rendered with the site's own
Markdown extensions (passed in by the caller, so this module needs no MkDocs), their
headings are moved one level down so they sit under the page's own section headings, and
the result is sanitised with nh3 (the Ammonia allow-list sanitiser): raw HTML such as
`<script>` or `onerror=` is removed, and links may only use http, https or mailto.
Python-Markdown itself passes all of these through.

A browser reads everything after `<script>`, `<style>` and the other raw-text tags as
their content, up to the closing tag, and the sanitiser removes that content with the
tag: an opening tag without its closing tag (`<style>` written in passing) would delete
the rest of the text. Such a stray tag is written as text instead (`&lt;style>`), as is
an HTML comment that is never closed, so that no text is lost.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

URL_SCHEMES = {"http", "https", "mailto"}
TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
    "sub", "sup", "dl", "dt", "dd", "del", "ins", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
}

RAW_TEXT_TAGS = (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript", "plaintext",
)  # fmt: skip
"""Elements whose content an HTML parser reads as raw text, up to their closing tag."""
_RAW_TEXT_START = re.compile(r"<(?=(" + "|".join(RAW_TEXT_TAGS) + r")[\s/>])", re.IGNORECASE)
_COMMENT_START = re.compile(r"<(?=!--)")
_LT = "\ue000katalog-lt\ue001"
"""Stands for a `<` to be shown as text while Markdown renders; `&lt;` afterwards."""


def escape_stray_tags(text: str) -> str:
    """`text` with the `<` of every raw-text tag that is never closed after it (and of
    every comment that is never closed) replaced by a placeholder for `&lt;`."""
    marks: list[int] = []
    for found in _RAW_TEXT_START.finditer(text):
        name = found.group(1).lower()
        closing = re.compile(rf"</{name}[\s>/]", re.IGNORECASE)
        if name == "plaintext" or closing.search(text, found.end()) is None:
            marks.append(found.start())
    for found in _COMMENT_START.finditer(text):
        if text.find("-->", found.end() + 3) == -1:
            marks.append(found.start())
    for at in sorted(marks, reverse=True):
        text = text[:at] + _LT + text[at + 1 :]
    return text


class _ShiftHeadings(Treeprocessor):
    """h1 -> h2, h2 -> h3 ... (h6 stays h6): record text sits below the page's h2s."""

    def __init__(self, md: markdown.Markdown, by: int) -> None:
        super().__init__(md)
        self.by = by

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + self.by)}"


class ShiftHeadings(Extension):
    def __init__(self, by: int = 1) -> None:
        super().__init__()
        self.by = by

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ShiftHeadings(md, self.by), "katalog_shift_headings", 1)


class Renderer:
    """Renders record Markdown with a fixed set of extensions; reuse one per build."""

    def __init__(
        self,
        extensions: Sequence[str | Extension] = (),
        configs: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        shift_headings: int = 1,
    ) -> None:
        self._markdown = markdown.Markdown(
            extensions=[*extensions, ShiftHeadings(shift_headings)],
            extension_configs={name: dict(value) for name, value in (configs or {}).items()},
            output_format="html",
        )

    def __call__(self, text: str) -> Markup:
        self._markdown.reset()
        html = self._markdown.convert(escape_stray_tags(text)).replace(_LT, "&lt;")
        clean = nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
        return Markup(clean)  # sanitised by nh3 just above
