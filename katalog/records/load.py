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

import os
import pickle
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from katalog import collector
from katalog.languages import Lang
from katalog.records import codes, crosscheck, model, pagetexts, review, schema
from katalog.records.model import LANGUAGES
from katalog.records.parsed import Parsed, ParsedFile
from katalog.records.problems import Code, Problem, Severity, has_errors
from katalog.records.readcache import FileRead, ReadCache
from katalog.records.schema import (
    SLUG_RULE,
    Context,
    Reference,
    did_you_mean,
    is_reserved_slug,
    is_slug,
    reserved_slug_message,
    slug_rule,
)
from katalog.records.source import Mapping, Position, SourceError, parse_bytes, read, read_file

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


def _record_files(extra: Iterable[Path], listing: list[os.DirEntry[str]]) -> list[Path | str]:
    """The files to read of the folder whose entries are `listing` (sorted by name) and
    of `extra`, by slug: every name ending in .yml, as `folder.glob("*.yml")` finds them.
    A file of the folder is given by its name (its path is made where it is read)."""
    files: dict[str, Path | str] = {_stem(entry.name): entry.name for entry in listing}
    files.pop("", None)  # what does not end in .yml
    for path in extra:
        files[path.stem] = path  # a file given on the command line stands in for its namesake
    return [files[stem] for stem in sorted(files)]


def _stem(name: str) -> str:
    """`Path(name).stem` of a name ending in .yml, "" for any other."""
    if not name.endswith(".yml"):
        return ""
    return name[:-4] if len(name) > 4 else name  # the file ".yml" has no suffix


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder`, sorted by name (as `sorted(folder.iterdir())` is, in one
    folder); none if it is not a folder."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _is_record_file(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is plainly a record file: a .yml file that is not a link (what
    `_stray_record` accepts), known from the folder's listing alone, without a `stat`."""
    return entry.name.endswith(".yml") and not entry.is_symlink() and entry.is_file()


def _displays(folder: Path, base: Path, listing: list[os.DirEntry[str]]) -> dict[str, str]:
    """`display_path` of the files of `listing` that are not links, by name: the folder's
    own display with the name after it, where the folder lies within `base`."""
    try:
        inside = _resolved_folder(folder).relative_to(_resolved_folder(base)).as_posix()
    except ValueError:
        return {}
    prefix = "" if inside == "." else inside + "/"
    return {entry.name: prefix + entry.name for entry in listing if _is_record_file(entry)}


@dataclass(frozen=True)
class _Folder:
    """A record folder as listed: its name, the files to read (with their displayed paths
    where the listing gives them) and the problems of what else it holds."""

    name: str
    folder: Path
    paths: list[tuple[Path | str, str | None]]
    strays: list[Problem]


def _list_records(folder_name: str, root: Path, base: Path, extra: list[Path]) -> _Folder:
    folder = root / folder_name
    listing = _listing(folder)
    strays = []
    for entry in listing:
        if entry.name.startswith(".") or _is_record_file(entry):
            continue
        stray = folder / entry.name
        stray_problem = _stray_record(stray)
        if stray_problem is not None:
            where = display_path(stray, base) + ("/" if stray.is_dir() else "")
            strays.append(_file_problem(where, *stray_problem))
    displays = _displays(folder, base, listing)
    paths = [
        (file, displays.get(file) if isinstance(file, str) else None)
        for file in _record_files(extra, listing)
    ]
    return _Folder(folder_name, folder, paths, strays)


def _read_records(
    folder: _Folder,
    base: Path,
    parsed: Parsed,
    today: date | None,
    paths: list[tuple[Path | str, str | None]] | None = None,
    cache: ReadCache | None = None,
) -> None:
    """Read the record folder into `parsed`: all its files, or only `paths` of them."""
    parsed.records[folder.name] = []
    parsed.slugs[folder.name] = {}
    parsed.problems.extend(folder.strays)
    for file, display in folder.paths if paths is None else paths:
        path = folder.folder / file if isinstance(file, str) else file
        _read_record(path, display, folder.name, base, parsed, today, cache)


def _read_record(
    path: Path,
    display: str | None,
    folder_name: str,
    base: Path,
    parsed: Parsed,
    today: date | None,
    cache: ReadCache | None = None,
) -> None:
    """Read one record file into `parsed`; `display` is its `display_path`, if known.
    With a `cache`, a file with the bytes it had when last read is not read again."""
    display = display_path(path, base) if display is None else display
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
    try:
        data = read_file(path)
    except SourceError as error:
        parsed.problems.append(_file_problem(display, error.code, error.message, error.at))
        parsed.records[folder_name].append(ParsedFile(slug, display, None, None))
        return
    key = (folder_name, str(path), display, parsed.languages, today)
    known = None if cache is None else cache.get(key, data)
    if known is None:
        known = _parse_record(data, display, folder_name, parsed.languages, today)
        if cache is not None:
            cache.put(key, data, known)
    parsed.problems.extend(known.problems)
    parsed.references.extend((display, ref) for ref in known.references)
    parsed.records[folder_name].append(ParsedFile(slug, display, known.tree, known.values))


def _parse_record(
    data: bytes, display: str, folder_name: str, languages: tuple[Lang, ...], today: date | None
) -> FileRead:
    """What one record file's bytes give: its tree, values, problems and references."""
    try:
        tree = parse_bytes(data)
    except SourceError as error:
        return FileRead(
            None, None, (_file_problem(display, error.code, error.message, error.at),), ()
        )
    ctx = Context(display, languages=languages, today=today)
    values = RECORD_FOLDERS[folder_name].parse(tree, ctx, "")
    if tree.get("sources") is None:
        ctx.warning(
            codes.NO_SOURCES,
            tree.at,
            "sources",
            "no sources: add where the record's facts come from, so readers can check them",
        )
    return FileRead(tree, values, tuple(ctx.problems), tuple(ctx.references))


# Reading a large folder in several processes ------------------------------------------------

PARALLEL_MIN_FILES = 500
"""The fewest project files that are read in several processes: below it, starting a
process costs more than it saves."""

MAX_WORKERS = 2
"""The most processes that read the projects, this one among them."""

LIGHTER = 50
"""This process's part of the projects is smaller than the others by this fraction of
them (1/50): it has the parts to join and the problems to report afterwards."""

APART = "projects"
"""The record folder that is read in several processes when it is large: the last read,
the one that grows with the catalogue."""


def available_workers() -> int:
    """How many processes may read a large folder: up to `MAX_WORKERS`, one per processor
    this process may run on, and only one where it cannot fork or has other threads (a
    forked child holds only the forking thread, and whatever locks others held)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        processors = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, processors))


@dataclass(frozen=True)
class _Reading:
    """How the content tree is read: by how many processes, with the review date (or
    None), and whether the catalogue will be built from it."""

    workers: int
    review_on: review.Review | None
    build: bool
    cache: ReadCache | None = None
    """Record files kept from the previous load; one process reads them all then."""


@dataclass(frozen=True)
class _Part:
    """What reading some of the projects gives, ready to join the rest: the records
    without their node trees (what was needed of them is checked already) and without
    their values unless the catalogue is built, and only the references that may not
    resolve."""

    problems: list[Problem]
    references: list[tuple[str, Reference]]
    slugs: dict[str, str]
    records: list[ParsedFile]


def _read_part(
    paths: list[tuple[Path | str, str | None]],
    folder: Path,
    base: Path,
    parsed: Parsed,
    today: date | None,
    reading: _Reading,
    keep: list[Parsed] | None = None,
) -> _Part:
    """Read `paths`, projects, as `parsed` (everything else read) would have them read,
    and make each one's review and programme checks. What was read is added to `keep`."""
    part = Parsed(languages=parsed.languages, slugs={**parsed.slugs, APART: {}})
    if keep is not None:
        keep.append(part)
    part.records[APART] = []
    for file, display in paths:
        path = folder / file if isinstance(file, str) else file
        _read_record(path, display, APART, base, part, today)
    records = part.records[APART]
    if reading.review_on is not None:
        for record in records:
            part.problems.extend(review.check_record(record, reading.review_on))
    programmes = crosscheck.programme_values(parsed)
    for record in records:
        part.problems.extend(crosscheck.check_project(record, programmes))
    return _Part(
        part.problems,
        [
            (path, ref)
            for path, ref in part.references
            if ref.slug not in parsed.slugs[ref.registry]  # every registry named is read
        ],
        part.slugs[APART],
        [
            ParsedFile(record.slug, record.display, None, record.values if reading.build else None)
            for record in records
        ],
    )


def _read_elsewhere(
    root: Path,
    languages: tuple[Lang, ...],
    today: date | None,
    folders: dict[str, _Folder],
    paths: list[tuple[Path | str, str | None]],
    reading: _Reading,
) -> _Part:
    """In a child: read what comes before the projects, as the parent does, then `paths`."""
    parsed = Parsed(languages=languages)
    _read_before(root, root.parent, today, folders, parsed)
    _KEPT.append(parsed)
    return _read_part(paths, folders[APART].folder, root.parent, parsed, today, reading, _KEPT)


_KEPT: list[Parsed] = []
"""In a child, what it read: kept until it ends, rather than freed object by object just
before the end of the process frees it all at once."""


def _fork(task: Callable[[], _Part]) -> tuple[int, int] | None:
    """Run `task` in a forked child, which writes its pickled result to a pipe and ends;
    its process id and the pipe's end to read. None if no child could be started."""
    try:
        reading, writing = os.pipe()
    except OSError:  # pragma: no cover - out of file descriptors
        return None
    try:
        pid = os.fork()
    except OSError:  # pragma: no cover - out of processes
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # pragma: no cover - the child, whose coverage is not collected
        status = 1
        try:
            os.close(reading)
            data = pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no cleanup, no flushing of the parent's buffers
    os.close(writing)
    return pid, reading


def _collect(child: tuple[int, int] | None) -> _Part | None:
    """A child's result, once it has ended; None if it failed."""
    if child is None:
        return None
    pid, reading = child
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    result = pickle.loads(data)
    return result if isinstance(result, _Part) else None


def parse_tree(
    root: Path,
    extra: Iterable[Path] = (),
    languages: Iterable[Lang] = LANGUAGES,
    today: date | None = None,
) -> Parsed:
    """Read every file of the content tree at `root`; `extra` files replace namesakes.

    `today`, the build date, enables the checks that depend on it (see `Context.today`)."""
    return _parse_tree(root, extra, languages, today, _Reading(1, None, build=True))


def _parse_tree(
    root: Path,
    extra: Iterable[Path],
    languages: Iterable[Lang],
    today: date | None,
    reading: _Reading,
) -> Parsed:
    """`parse_tree`; with more than one worker and `PARALLEL_MIN_FILES` projects or more,
    the projects are read in several processes.

    The projects are cut into consecutive parts, and children are forked before anything
    is read: each reads the vocabularies and programmes as this process does, then its
    part, while this process reads the first part. A record's review and programme checks
    are made in its part, where its node tree is, and the tree left out of what is sent
    back, pickled (`_Part`). The parts are joined in order, so the records, problems and
    references are those of one process reading every file; a part whose child fails is
    read here instead."""
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
    folders = {
        name: _list_records(name, root, base, [path for path in extra if path.parent.name == name])
        for name in RECORD_FOLDERS
    }
    projects = folders[APART].paths
    parts = [projects]
    if (
        reading.cache is None
        and reading.workers > 1
        and len(projects) >= max(PARALLEL_MIN_FILES, 2 * reading.workers)
    ):
        first = max(1, len(projects) // reading.workers - len(projects) // LIGHTER)
        rest = projects[first:]
        size = -(-len(rest) // (reading.workers - 1))
        parts = [projects[:first]] + [rest[at : at + size] for at in range(0, len(rest), size)]
    children = [
        _fork(partial(_read_elsewhere, root, parsed.languages, today, folders, part, reading))
        for part in parts[1:]
    ]
    _read_before(root, base, today, folders, parsed, reading.cache)
    if not children:
        _read_records(folders[APART], base, parsed, today, cache=reading.cache)
        return parsed
    _read_records(folders[APART], base, parsed, today, paths=[])
    folder = folders[APART].folder
    results = [_read_part(parts[0], folder, base, parsed, today, reading)]
    for part, child in zip(parts[1:], children, strict=True):
        result = _collect(child)
        results.append(result or _read_part(part, folder, base, parsed, today, reading))
    for result in results:
        parsed.problems.extend(result.problems)
        parsed.references.extend(result.references)
        parsed.slugs[APART].update(result.slugs)
        parsed.records[APART].extend(result.records)
    return parsed


def _read_before(
    root: Path,
    base: Path,
    today: date | None,
    folders: dict[str, _Folder],
    parsed: Parsed,
    cache: ReadCache | None = None,
) -> None:
    """Read everything before the projects into `parsed`."""
    parsed.problems.extend(_stray_entries(root, base))
    for name in VOCABULARIES:
        _read_vocabulary(name, root / f"{name}.yml", base, parsed)
    for folder in folders.values():
        if folder.name != APART:
            _read_records(folder, base, parsed, today, cache=cache)


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
    workers: int | None = None,
    cache: ReadCache | None = None,
) -> LoadResult:
    """Read, validate and cross-check the content tree at `root`, whose localised texts
    are in `languages` (the site's, in order). With `today`, the build date, a partner call
    that is closed on that day is warned about too; with `review_on`, also records whose
    information is due for review on its date (`katalog.records.review`).

    A record folder of `PARALLEL_MIN_FILES` files or more is read by `workers` processes
    (None: `available_workers()`); the result is the same as one process reading it all.
    With a `cache` (`katalog.records.readcache`), one process reads, and only the files
    whose bytes changed since the cache's last load are read again."""
    if cache is not None:
        cache.start()
    with collector.paused():
        try:
            parsed, problems = _check(
                root, extra, languages, today, review_on, workers, build=True, cache=cache
            )
        except BaseException:
            if cache is not None:
                cache.forget()
            raise
        if cache is not None:
            cache.finish()
        if has_errors(problems) or not parsed.records:
            return LoadResult(None, problems)
        return LoadResult(_build(parsed), problems)


def check_catalogue(
    root: Path,
    extra: Iterable[Path] = (),
    languages: Iterable[Lang] = LANGUAGES,
    today: date | None = None,
    review_on: review.Review | None = None,
    workers: int | None = None,
) -> list[Problem]:
    """The problems `load_catalogue` finds, sorted, without building the catalogue: all
    that `katalog validate` needs."""
    with collector.paused():
        return _check(root, extra, languages, today, review_on, workers, build=False)[1]


def _check(
    root: Path,
    extra: Iterable[Path],
    languages: Iterable[Lang],
    today: date | None,
    review_on: review.Review | None,
    workers: int | None,
    *,
    build: bool,
    cache: ReadCache | None = None,
) -> tuple[Parsed, list[Problem]]:
    """What was read, and every problem found in it, sorted."""
    count = available_workers() if workers is None else workers
    reading = _Reading(count, review_on, build, cache)
    parsed = _parse_tree(root, extra, languages, today, reading)
    problems = list(parsed.problems)
    if parsed.records:
        problems.extend(crosscheck.check(parsed))
        if review_on is not None:
            problems.extend(review.check(parsed, review_on))
    problems.sort()
    return parsed, problems
