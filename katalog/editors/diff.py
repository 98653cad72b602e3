"""What a change does to the catalogue: records added, changed and removed, and what is new.

`katalog diff <base-ref>` reads the content tree as it is at a git commit (the base of a pull
request, say) and as it is in the working tree, both with the project's own loader, and
compares them record by record. A record counts as changed only when what it says changes:
comments, quoting, indentation and the order of fields do not count, so a pull request
that only reformats a file shows no change. Records that fail validation are compared all
the same, as written; a file that cannot be read at all is compared by its bytes.

The report is Markdown, for the pull request's job summary and for a terminal alike.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from katalog.editors.github import escape_markdown
from katalog.languages import EDITOR_LANGUAGES
from katalog.records import schema
from katalog.records.load import RECORD_FOLDERS, VOCABULARIES, parse_tree
from katalog.records.source import Mapping, Node, Sequence, SourceError, read

Plain = dict[str, Any] | list[Any] | str | None


class DiffError(Exception):
    """The comparison cannot be made: no git, not a repository, an unknown ref."""


def plain(node: Node | None) -> Plain:
    """A node tree as plain values, without positions or quoting: what the record says."""
    if node is None:
        return None
    if isinstance(node, Mapping):
        return {key.value: plain(value) for key, value in node.items}
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return None if node.is_null else node.value


@dataclass(frozen=True)
class Entry:
    """One record or vocabulary entry on one side: what it says, and its raw bytes."""

    values: Plain
    raw: bytes

    def same_as(self, other: Entry) -> bool:
        if self.values is None or other.values is None:
            return self.raw == other.raw
        return self.values == other.values


@dataclass(frozen=True)
class Side:
    """The catalogue on one side of the comparison: kind -> slug -> entry."""

    entries: dict[str, dict[str, Entry]]


KINDS = {
    "programmes": "Programme",
    "projects": "Project",
    "themes": "Theme",
    "organisations": "Organisation",
}


def read_side(root: Path) -> Side:
    """Every record and vocabulary entry of the content tree at `root`."""
    parsed = parse_tree(root)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    base = root.parent
    for folder in RECORD_FOLDERS:
        for record in parsed.records.get(folder, []):
            raw = (base / record.display).read_bytes()
            entries[folder][record.slug] = Entry(plain(record.tree), raw)
    for name in VOCABULARIES:
        path = root / f"{name}.yml"
        if not path.is_file():
            continue
        try:
            tree = read(path)
        except SourceError:
            entries[name]["(file)"] = Entry(None, path.read_bytes())
            continue
        for key, node in tree.items:
            entries[name][key.value] = Entry(plain(node), b"")
    return Side(entries)


@dataclass
class Change:
    kind: str
    slug: str
    title: str
    fields: list[str] = field(default_factory=list)


@dataclass
class Report:
    base: str
    """The base commit, as Markdown."""
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    new_countries: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def _title(values: Plain) -> str:
    """A record's English (else Norwegian) title or name, for the report."""
    if not isinstance(values, dict):
        return ""
    for key in ("title", "label", "name"):
        value = values.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            for lang in EDITOR_LANGUAGES:
                text = value.get(lang)
                if isinstance(text, str):
                    return text
    return ""


def _changed_fields(before: Plain, after: Plain) -> list[str]:
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    keys = list(before) + [key for key in after if key not in before]
    return [key for key in keys if before.get(key) != after.get(key)]


def _countries(side: Side) -> set[str]:
    """Every country code the catalogue on this side names, as written."""
    found: set[str] = set()
    for kind in ("programmes", "projects"):
        for entry in side.entries[kind].values():
            if isinstance(entry.values, dict) and isinstance(entry.values.get("countries"), list):
                found.update(code for code in entry.values["countries"] if isinstance(code, str))
    for entry in side.entries["organisations"].values():
        if isinstance(entry.values, dict) and isinstance(entry.values.get("country"), str):
            found.add(entry.values["country"])
    return {code.strip() for code in found}


def compare(before: Side, after: Side, base: str) -> Report:
    report = Report(base)
    for kind in KINDS:
        old, new = before.entries[kind], after.entries[kind]
        for slug in sorted(new.keys() - old.keys()):
            report.added.append(Change(kind, slug, _title(new[slug].values)))
        for slug in sorted(old.keys() & new.keys()):
            if not old[slug].same_as(new[slug]):
                fields = _changed_fields(old[slug].values, new[slug].values)
                report.changed.append(Change(kind, slug, _title(new[slug].values), fields))
        for slug in sorted(old.keys() - new.keys()):
            report.removed.append(Change(kind, slug, _title(old[slug].values)))
    report.new_countries = sorted(_countries(after) - _countries(before))
    return report


def _code(text: str) -> str:
    """A slug or field name as code, or escaped if it is not a plain name (it may be anything)."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9_.^~/@{}-]+", text) else escape_markdown(text)


def _line(change: Change, *, with_fields: bool = False) -> str:
    text = f"- {KINDS[change.kind]} {_code(change.slug)}"
    if change.title:
        text += f": {escape_markdown(change.title)}"
    if with_fields and change.fields:
        text += " (" + ", ".join(_code(name) for name in change.fields) + ")"
    return text


def _count(changes: Iterable[Change], kind: str) -> int:
    return sum(change.kind == kind for change in changes)


def render(report: Report) -> str:
    """The report as Markdown."""
    lines = [f"## Catalogue changes since {report.base}", ""]
    if report.empty:
        return "\n".join([*lines, "No records added, changed or removed."]) + "\n"
    lines += ["| | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |"]
    for kind, label in KINDS.items():
        counts = [_count(group, kind) for group in (report.added, report.changed, report.removed)]
        if any(counts):
            lines.append(f"| {label}s | " + " | ".join(str(count) for count in counts) + " |")
    for heading, changes, with_fields in (
        ("Added", report.added, False),
        ("Changed", report.changed, True),
        ("Removed", report.removed, False),
    ):
        if changes:
            lines += [
                "",
                f"### {heading}",
                "",
                *(_line(c, with_fields=with_fields) for c in changes),
            ]
    new_themes = [c for c in report.added if c.kind == "themes"]
    new_organisations = [c for c in report.added if c.kind == "organisations"]
    if report.new_countries or new_themes or new_organisations:
        lines += ["", "### New to the catalogue", ""]
        if report.new_countries:
            named = [
                f"{escape_markdown(code)} ({schema.country_name(code) or 'unknown code'})"
                for code in report.new_countries
            ]
            lines.append("- Countries: " + ", ".join(named))
        if new_themes:
            lines.append("- Themes: " + ", ".join(_code(c.slug) for c in new_themes))
        if new_organisations:
            lines.append("- Organisations: " + ", ".join(_code(c.slug) for c in new_organisations))
    return "\n".join(lines) + "\n"


# --- git ---------------------------------------------------------------------------------


def _git(*args: str, cwd: Path, stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise DiffError("git is not installed")
    result = subprocess.run([git, *args], cwd=cwd, input=stdin, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def extract(ref: str, root: Path, target: Path) -> Path:
    """Write the content tree `root` as it is at `ref` into `target`; return its root there.

    The tree at `ref` may lack the content folder (a first commit): then the root is empty.
    """
    top = Path(_git("rev-parse", "--show-toplevel", cwd=root).decode().strip())
    commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    commit_id = commit.decode().strip()
    relative = root.resolve().relative_to(top.resolve()).as_posix()
    listing = _git("ls-tree", "-r", "-z", "--full-tree", commit_id, "--", relative, cwd=top)
    content = target / root.name
    content.mkdir(parents=True)
    files: list[tuple[PurePosixPath, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        if kind != "blob" or mode == "120000":  # no submodules, no symbolic links
            continue
        inside = PurePosixPath(name.decode("utf-8", "surrogateescape")).relative_to(relative)
        if ".." not in inside.parts:
            files.append((inside, blob))
    # One `git cat-file --batch` for every file: "<id> blob <size>\n<bytes>\n" each.
    output = _git(
        "cat-file", "--batch", cwd=top, stdin="".join(f"{b}\n" for _, b in files).encode()
    )
    offset = 0
    for inside, _ in files:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        data = output[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        path = content.joinpath(*inside.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return content


def diff(ref: str, root: Path) -> Report:
    """Compare the content tree `root` at `ref` with the working tree."""
    try:
        short = _git("rev-parse", "--short", f"{ref}^{{commit}}", cwd=root).decode().strip()
    except DiffError:
        raise DiffError(f"{ref!r} is not a commit in this repository") from None
    with tempfile.TemporaryDirectory(prefix="katalog-diff-") as folder:
        before = read_side(extract(ref, root, Path(folder)))
    after = read_side(root)
    return compare(before, after, _code(ref) + (f" ({_code(short)})" if short != ref else ""))
