"""Finished pages kept from one build to the next in the same process (`mkdocs serve`).

An edit under `mkdocs serve` rebuilds the whole site, though it changes few pages: the
record's own, the lists and pages that show it. Each page's HTML comes only from its page
model, the interface texts of its language and what is the same for every page of a build
(the templates, the generator's settings and navigation: the `theme` key the caller
gives). So a page is keyed by a digest of those three, and a page whose key is the one
it had in the previous build is not laid out again: its file from then is linked into the
new site instead (a hard link, copied where the file system has none).

The kept files live in a folder of their own beside the site, so a step that later
changes a page of the site in place would change them too: such a step must write a new
file instead (`katalog.site.searchpage` does). Only the pages of the latest build are
kept; the folder is deleted when the process ends.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from katalog import sitefolder
from katalog.site.views import Page


class PageCache:
    """The pages of the latest build, by output file: their keys and kept HTML files."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.theme = ""
        self._theme_digest = b""
        self._kept: dict[str, tuple[str, bool]] = {}
        """Output file -> (key, whether the search index takes it), as last written."""
        self._new: dict[str, tuple[str, bool]] = {}
        self._texts: dict[int, tuple[object, str]] = {}
        self.reused = 0
        self.laid_out = 0

    def start(self, site: Path, theme: str) -> None:
        """Begin a build into `site`, whose pages are the same for the same `theme`."""
        if self.folder is None or self.folder.parent != site.parent.absolute():
            self.clear()
            self.folder = Path(tempfile.mkdtemp(prefix=".pages-", dir=site.parent.absolute()))
            atexit.register(self.clear)
        if theme != self.theme:
            self._kept = {}
        self.theme = theme
        self._theme_digest = hashlib.sha256(theme.encode("utf-8")).digest()
        self._new = {}
        self._texts = {}
        self.reused = self.laid_out = 0

    def key(self, page: Page) -> str:
        """The digest of everything the page's HTML comes from."""
        digest = hashlib.sha256(self._theme_digest)
        digest.update(self._texts_digest(page.texts).encode("ascii"))
        digest.update(repr(page).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def reuse(self, name: str, key: str, target: Path) -> bool | None:
        """Put the kept page `name` at `target` if its key is `key`: whether the search
        index takes it; None (and nothing written) if no such page is kept."""
        kept = self._kept.get(name)
        if kept is None or kept[0] != key or self.folder is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            sitefolder.link(self.folder / name, target)
        except FileNotFoundError:
            return None
        self._new[name] = kept
        self.reused += 1
        return kept[1]

    def keep(self, name: str, key: str, written: Path, indexed: bool) -> None:
        """Keep the page just written at `written` for the next build."""
        if self.folder is None:
            return
        kept = self.folder / name
        kept.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            kept.unlink()  # the previous build's file stays whole in the previous site
        sitefolder.link(written, kept)
        self._new[name] = (key, indexed)
        self.laid_out += 1

    def finish(self) -> None:
        """The build is written: its pages are the ones kept; the others' files go."""
        if self.folder is not None:
            for name in self._kept.keys() - self._new.keys():
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / name).unlink()
        self._kept, self._new = self._new, {}
        self._texts = {}

    def forget(self) -> None:
        """A build failed part-way: keep nothing of it, nor trust what it replaced."""
        self._kept = {}
        self._new = {}

    def clear(self) -> None:
        self.forget()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)  # also as Python ends: no threads
            self.folder = None

    def _texts_digest(self, texts: object) -> str:
        known = self._texts.get(id(texts))
        if known is None or known[0] is not texts:
            tables = getattr(texts, "tables", None)  # else the built-in texts' function
            named = f"{type(texts).__module__}.{getattr(texts, '__qualname__', '')}"
            text = json.dumps([named, tables], sort_keys=True, ensure_ascii=False)
            known = (texts, hashlib.sha256(text.encode("utf-8")).hexdigest())
            self._texts[id(texts)] = known
        return known[1]
