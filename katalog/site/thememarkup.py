"""Corrections to the markup MkDocs Material writes where no template override reaches.

Material's `base.html` writes its drawer and search toggles, two hidden checkboxes, at the
top of `<body>`, outside every block a theme override can replace, with
`autocomplete="off"`: an attribute HTML allows only on text-like inputs, so the Nu Html
Checker rejects every page. Material sets it to keep Firefox from restoring a toggle's
state when a reader goes Back; the toggles are hidden from readers and from assistive
technology, so at worst the menu or search panel is found open again after Back.

`correct(html)` removes exactly that attribute from exactly those two elements, and leaves
a page that lacks them as it is (the root redirect and the 404 page have their own frames).
"""

from __future__ import annotations

TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
    for name in ("drawer", "search")
)
INVALID = ' autocomplete="off">'


def correct(html: str) -> str:
    """The page with the toggles' `autocomplete` attribute removed."""
    for toggle in TOGGLES:
        html = html.replace(toggle + INVALID, toggle + ">", 1)
    return html
