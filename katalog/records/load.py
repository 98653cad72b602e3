"""Read the whole content tree into a validated `Catalogue`, collecting every problem.

The content tree is a folder (normally `content/`) holding:

    themes.yml            theme slug -> theme
    organisations.yml     organisation slug -> organisation
    programmes/<slug>.yml one programme each
    projects/<slug>.yml   one project each

Every file is read and checked even when others fail, then the records are checked
against each other (`katalog.records.crosscheck`). A catalogue is returned only when there
are no errors; warnings never block it. Paths in problems are relative to the folder that
holds the content tree, as an editor sees them in the repository.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from katalog.languages import Lang
from katalog.records import codes, crosscheck, model, pagetexts, review, schema
from katalog.records.model import LANGUAGES
from katalog.records.parsed import Parsed, ParsedFile
from katalog.records.problems import Code, Problem, Severity, has_errors
from katalog.records.schema import (
    SLUG_RULE,
    Context,
    did_you_mean,
    is_reserved_slug,
    is_slug,
    reserved_slug_message,
    slug_rule,
)
from katalog.records.source import Mapping, Position, SourceError, read

RECORD_FOLDERS = {"programmes": schema.PROGRAMME, "projects": schema.PROJECT}
VOCABULARIES = {"themes": schema.THEME, "organisations": schema.ORGANISATION}


@dataclass(frozen=True)
class LoadResult:
    catalogue: model.Catalogue | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.catalogue is not None


def display_path(path: Path, base: Path) -> str:
    """`path` as the reports show it: relative to `base`, symbolic links resolved."""
    try:
        return _resolved(path).relative_to(_resolved_folder(base)).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved(path: Path) -> Path:
    """`path.resolve()`, resolving each folder once: a catalogue of thousands of files in a
    few folders would otherwise resolve the same folders thousands of times."""
    if path.is_symlink():
        return path.resolve()
    return _resolved_folder(path.parent) / path.name


@lru_cache(maxsize=64)
def _resolved_folder(folder: Path) -> Path:
    """A folder resolved; the cache is cleared as each content tree is read (`parse_tree`),
    so a long-running preview sees a folder replaced by a link."""
    return folder.resolve()


def _file_problem(
    display: str, code: Code, message: str, at: Position | None = None, field: str = ""
) -> Problem:
    at = at or Position(1, 1)
    return Problem(display, at.line, at.col, Severity.ERROR, field, message, code)


def _read_tree(path: Path, display: str, parsed: Parsed) -> Mapping | None:
    try:
        return read(path)
    except SourceError as error:
        parsed.problems.append(_file_problem(display, error.code, error.message, error.at))
        return None


def _read_vocabulary(name: str, path: Path, base: Path, parsed: Parsed) -> None:
    display = display_path(path, base)
    entries: dict[str, dict[str, Any] | None] = {}
    parsed.vocabularies[name] = entries
    parsed.slugs[name] = {}
    if not path.is_file():
        parsed.problems.append(
            _file_problem(
                display, codes.VOCABULARY_MISSING, f"missing: the catalogue needs {display}"
            )
        )
        return
    tree = _read_tree(path, display, parsed)
    if tree is None:
        return
    ctx = Context(display, languages=parsed.languages)
    for key, node in tree.items:
        if not is_slug(key.value, name):
            ctx.error(
                codes.INVALID_SLUG,
                key.at,
                key.value,
                f"{key.value!r} is not a valid slug: {slug_rule(name)}",
            )
        elif is_reserved_slug(key.value):
            ctx.error(codes.RESERVED_SLUG, key.at, key.value, reserved_slug_message(key.value))
        parsed.slugs[name][key.value] = display
        entries[key.value] = VOCABULARIES[name].parse(node, ctx, key.value)
    parsed.absorb(ctx)


def _stray_record(path: Path) -> tuple[Code, str] | None:
    """Why a file in a record folder will not be read, so it is not silently left out."""
    if path.name.startswith(".") or (path.is_file() and path.suffix == ".yml"):
        return None
    if path.is_dir():
        return (
            codes.FOLDER_IN_RECORD_FOLDER,
            "a folder inside a record folder is not read: put records directly in it",
        )
    if path.suffix.lower() in (".yml", ".yaml"):
        return codes.YAML_EXTENSION, f"records use the .yml extension: rename it to {path.stem}.yml"
    return (
        codes.NOT_A_RECORD,
        "not a record: only <slug>.yml files are read here; move or remove it",
    )


def _stray_entries(root: Path, base: Path) -> list[Problem]:
    """Files and folders in the content folder that are no part of the catalogue."""
    known = [*(f"{name}.yml" for name in VOCABULARIES), *RECORD_FOLDERS, pagetexts.FOLDER]
    problems = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in known:
            continue
        hint = did_you_mean(path.name, known)
        problems.append(
            _file_problem(
                display_path(path, base) + ("/" if path.is_dir() else ""),
                codes.NOT_IN_CATALOGUE,
                "not part of the catalogue and not read; "
                + (f"did you mean {hint!r}?" if hint else "expected only " + ", ".join(known)),
            )
        )
    return problems


def _record_files(folder: Path, extra: Iterable[Path]) -> list[Path]:
    files = {path.stem: path for path in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}
    for path in extra:
        files[path.stem] = path  # a file given on the command line stands in for its namesake
    return [files[stem] for stem in sorted(files)]


def _read_records(
    folder_name: str,
    root: Path,
    base: Path,
    extra: Iterable[Path],
    parsed: Parsed,
    today: date | None,
) -> None:
    folder = root / folder_name
    parsed.records[folder_name] = []
    parsed.slugs[folder_name] = {}
    if folder.is_dir():
        for stray in sorted(folder.iterdir()):
            stray_problem = _stray_record(stray)
            if stray_problem is not None:
                where = display_path(stray, base) + ("/" if stray.is_dir() else "")
                parsed.problems.append(_file_problem(where, *stray_problem))
    for path in _record_files(folder, extra):
        display = display_path(path, base)
        slug = path.stem
        if not is_slug(slug):
            parsed.problems.append(
                _file_problem(
                    display,
                    codes.INVALID_FILE_NAME,
                    f"{path.name!r}: the file name is the record's slug; {SLUG_RULE}",
                    field="file name",
                )
            )
        elif is_reserved_slug(slug):
            parsed.problems.append(
                _file_problem(
                    display,
                    codes.RESERVED_SLUG,
                    f"{path.name!r}: the file name is the record's slug; "
                    + reserved_slug_message(slug),
                    field="file name",
                )
            )
        for other_folder in RECORD_FOLDERS:
            other = parsed.slugs.get(other_folder, {}).get(slug)
            if other is not None:
                parsed.problems.append(
                    _file_problem(
                        display,
                        codes.DUPLICATE_SLUG,
                        f"the slug {slug!r} is already used by {other}; slugs are unique "
                        "across programmes and projects",
                        field="file name",
                    )
                )
        parsed.slugs[folder_name][slug] = display
        tree = _read_tree(path, display, parsed)
        values = None
        if tree is not None:
            ctx = Context(display, languages=parsed.languages, today=today)
            values = RECORD_FOLDERS[folder_name].parse(tree, ctx, "")
            if tree.get("sources") is None:
                ctx.warning(
                    codes.NO_SOURCES,
                    tree.at,
                    "sources",
                    "no sources: add where the record's facts come from, so readers can check them",
                )
            parsed.absorb(ctx)
        parsed.records[folder_name].append(ParsedFile(slug, display, tree, values))


def parse_tree(
    root: Path,
    extra: Iterable[Path] = (),
    languages: Iterable[Lang] = LANGUAGES,
    today: date | None = None,
) -> Parsed:
    """Read every file of the content tree at `root`; `extra` files replace namesakes.

    `today`, the build date, enables the checks that depend on it (see `Context.today`)."""
    base = root.parent
    _resolved_folder.cache_clear()
    parsed = Parsed(languages=tuple(languages))
    if not root.is_dir():
        parsed.problems.append(
            _file_problem(
                display_path(root, base),
                codes.CONTENT_FOLDER_MISSING,
                "the content folder is missing",
            )
        )
        return parsed
    extra = list(extra)
    parsed.problems.extend(_stray_entries(root, base))
    for name in VOCABULARIES:
        _read_vocabulary(name, root / f"{name}.yml", base, parsed)
    for folder_name in RECORD_FOLDERS:
        wanted = [path for path in extra if path.parent.name == folder_name]
        _read_records(folder_name, root, base, wanted, parsed, today)
    return parsed


def _build(parsed: Parsed) -> model.Catalogue:
    themes = {
        slug: model.Theme(slug=slug, **values)
        for slug, values in sorted(parsed.vocabularies["themes"].items())
        if values is not None
    }
    organisations = {
        slug: model.Organisation(slug=slug, **values)
        for slug, values in sorted(parsed.vocabularies["organisations"].items())
        if values is not None
    }
    programmes = {
        record.slug: model.Programme(slug=record.slug, source=record.display, **record.values)
        for record in parsed.records["programmes"]
        if record.values is not None
    }
    projects = {
        record.slug: model.Project(slug=record.slug, source=record.display, **record.values)
        for record in parsed.records["projects"]
        if record.values is not None
    }
    return model.Catalogue(themes, organisations, programmes, projects)


def load_catalogue(
    root: Path,
    extra: Iterable[Path] = (),
    languages: Iterable[Lang] = LANGUAGES,
    today: date | None = None,
    review_on: review.Review | None = None,
) -> LoadResult:
    """Read, validate and cross-check the content tree at `root`, whose localised texts
    are in `languages` (the site's, in order). With `today`, the build date, a partner call
    that is closed on that day is warned about too; with `review_on`, also records whose
    information is due for review on its date (`katalog.records.review`)."""
    with _collector_paused():
        parsed = parse_tree(root, extra, languages, today)
        problems = list(parsed.problems)
        if parsed.records:
            problems.extend(crosscheck.check(parsed))
            if review_on is not None:
                problems.extend(review.check(parsed, review_on))
        problems.sort()
        if has_errors(problems) or not parsed.records:
            return LoadResult(None, problems)
        return LoadResult(_build(parsed), problems)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a catalogue loads: loading makes
    hundreds of thousands of small objects, none of them garbage, and the collector
    would walk them all again and again (a third of the time at 5,000 records). What was
    made is then frozen (`gc.freeze`: left out of later collections, still freed when no
    longer used), so the first collection afterwards does not walk it all either, and the
    collector runs again as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
