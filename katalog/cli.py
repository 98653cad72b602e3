"""The `katalog` command: the editors' and maintainers' tools.

    katalog validate [PATH ...]   check the content; exit 0 valid, 1 content errors, 2 usage
    katalog fields [--update F]   print the record format reference (Markdown) from the schema,
                                  or rewrite it in place between the markers in F

Problems go to standard output, one per line; the summary goes to standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from katalog import fieldref
from katalog.load import RECORD_FOLDERS, VOCABULARIES, load_catalogue
from katalog.problems import Problem, has_errors, summarise


class UsageError(Exception):
    pass


def find_content_root(start: Path) -> Path:
    """The nearest `content/` folder at or above `start`."""
    for folder in (start, *start.parents):
        if (folder / "content").is_dir():
            return folder / "content"
    raise UsageError("no content/ folder here or above: run from the repository or pass --content")


def _classify(path: Path, root: Path) -> tuple[Path | None, Path]:
    """(an extra record file to read, or None; the resolved path to report on)."""
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    resolved = path.resolve()
    root = root.resolve()
    if resolved == root or root in resolved.parents:
        return None, resolved
    if path.is_file() and path.suffix == ".yml" and path.parent.name in RECORD_FOLDERS:
        return path, resolved
    if path.is_file() and path.stem in VOCABULARIES:
        raise UsageError(f"{path}: only the content folder's own {path.name} is read")
    raise UsageError(
        f"{path}: not in {root}; a record outside it must be in a folder named "
        "programmes or projects"
    )


def _selected(problem: Problem, base: Path, wanted: list[Path]) -> bool:
    """Whether the problem's file is, or lies in, one of the `wanted` paths."""
    places = {(base / problem.path).resolve(), Path(problem.path).resolve()}
    return any(where == path or path in where.parents for where in places for path in wanted)


def validate(paths: Sequence[str], content: str | None) -> int:
    root = Path(content) if content else find_content_root(Path.cwd())
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    extra: list[Path] = []
    wanted: list[Path] = []
    for name in paths:
        record, resolved = _classify(Path(name), root)
        if record is not None:
            extra.append(record)
        wanted.append(resolved)
    result = load_catalogue(root, extra)
    problems = result.problems
    if wanted:
        base = root.parent
        problems = [problem for problem in problems if _selected(problem, base, wanted)]
    for problem in problems:
        print(problem)
    print(summarise(problems), file=sys.stderr)
    return 1 if has_errors(problems) else 0


def update_reference(path: Path) -> int:
    try:
        text = path.read_text(encoding="utf-8")
        updated = fieldref.embed(text)
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: {error}") from None
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="katalog", description="Tools for the international municipal cooperation catalogue."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check the content records",
        description="Check the content records. With no PATH, the whole content tree; with "
        "paths, only problems in those files or folders are shown, checked against the rest "
        "of the catalogue.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--content", metavar="DIR", help="the content folder (default: ./content)")
    fields = commands.add_parser("fields", help="print the record format reference as Markdown")
    fields.add_argument(
        "--update",
        metavar="FILE",
        help="rewrite the reference between the field markers in FILE (the README) instead",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.paths, args.content)
        if args.update:
            return update_reference(Path(args.update))
        print(fieldref.render(), end="")
        return 0
    except UsageError as error:
        print(f"katalog: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
