"""The `katalog` command: the editors' and maintainers' tools.

    katalog validate [PATH ...]   check the content; exit 0 valid, 1 content errors, 2 usage
    katalog new project|programme SLUG
                                  write a new record from a commented template
    katalog diff BASE             what the working tree changes in the catalogue since BASE
    katalog from-issue [FILE]     a project record from a "Propose a project" issue's body
    katalog fields [--update F]   print the record format reference (Markdown) from the schema,
                                  or rewrite it in place between the markers in F
    katalog generate [--check]    rewrite (or check) every file made from the schema: the JSON
                                  Schemas, the issue form, the field references and the
                                  tables of problem codes
    katalog countries             list the country codes a record may use, with their names
    katalog build-data [--out DIR]
                                  write the site's data outputs (JSON, CSV, sitemap) without
                                  MkDocs: the same bytes `mkdocs build` publishes
    katalog report [--lang nb|en] [--json]
                                  the data-quality report of the data page, for editors: as
                                  text, or as the JSON of data/quality.json

Problems go to standard output, one per line; the summary goes to standard error. In a
GitHub Actions job (GITHUB_ACTIONS=true) `validate` prints them as annotations instead, and
`validate` and `diff` add their report to the job summary (GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from katalog.editors import github, template
from katalog.records import pagetexts
from katalog.records.load import RECORD_FOLDERS, VOCABULARIES, check_catalogue, load_catalogue
from katalog.records.pagetexts import read_page_texts
from katalog.records.problems import Problem, has_errors, summarise
from katalog.records.review import Review
from katalog.records.schema import SLUG_RULE, is_slug
from katalog.settings import Settings, SettingsError, read_settings

if TYPE_CHECKING:
    from katalog.site.context import BuildContext


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


def _shown(path: Path) -> str:
    """`path` relative to the working folder where it lies inside it, as editors type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _site_settings(root: Path) -> Settings:
    """The settings of the site whose content is `root` (its mkdocs.yml's)."""
    try:
        return read_settings(root.parent)
    except SettingsError as error:
        raise UsageError(str(error)) from None


def _content_root(content: str | None) -> Path:
    root = Path(content) if content else find_content_root(Path.cwd())
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    return root


def _build_date() -> date:
    """The build date (SOURCE_DATE_EPOCH, else today), for the checks that depend on it."""
    from katalog.site import l10n  # imported here: only this of the site's modules is needed

    try:
        return l10n.build_date()
    except ValueError as error:
        raise UsageError(str(error)) from None


def validate(paths: Sequence[str], content: str | None, output: str = "auto") -> int:
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
    settings = _site_settings(root)
    languages = settings.languages.codes
    today = _build_date()
    try:
        review = Review(today, settings.review_months)
    except ValueError as error:
        raise UsageError(str(error)) from None
    problems = check_catalogue(root, extra, languages, today, review)
    if (root / pagetexts.FOLDER).is_dir():  # a site's own pages; the build requires them
        problems = sorted([*problems, *read_page_texts(root, languages)[1]])
    if wanted:
        base = root.parent
        problems = [problem for problem in problems if _selected(problem, base, wanted)]
    annotate = output == "github" or (output == "auto" and github.in_github_actions())
    for problem in problems:
        print(github.annotation(problem) if annotate else problem)
    print(summarise(problems), file=sys.stderr)
    if github.has_summary():  # the table of thousands of problems is made only to be written
        github.append_summary(github.summary_table(problems))
    return 1 if has_errors(problems) else 0


def _create(root: Path, path: Path, text: str) -> None:
    """Write a new file at `path`, inside `root`, and nowhere else.

    A symbolic link where the file would be (even one pointing nowhere), or a folder on
    the way that leads out of `root`, is refused rather than followed; the file is
    created exclusively, so nothing that appeared meanwhile is overwritten either."""
    if path.is_symlink():
        raise UsageError(
            f"{_shown(path)} is a symbolic link (to {os.readlink(path)!r}): new records are "
            "written only as new files inside the content folder; remove the link first"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{_shown(path.parent)}: cannot make the folder: {error}") from None
    inside = root.resolve()
    if not path.parent.resolve().is_relative_to(inside):
        raise UsageError(
            f"{_shown(path.parent)} leads outside the content folder ({_shown(inside)}), "
            f"to {path.parent.resolve()}: new records are written only inside it"
        )
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UsageError(f"{_shown(path)} already exists: it was not overwritten") from None
    except OSError as error:
        raise UsageError(f"{_shown(path)}: cannot write the file: {error}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def new_record(record_type: template.RecordType, slug: str, content: str | None) -> int:
    root = _content_root(content)
    if slug.endswith((".yml", ".yaml")):
        raise UsageError(f"{slug!r}: give the slug alone, without the file extension")
    if not is_slug(slug):
        raise UsageError(f"{slug!r} is not a valid slug: {SLUG_RULE}, such as 'georgia-water'")
    for folder in RECORD_FOLDERS:
        existing = root / folder / f"{slug}.yml"
        if existing.exists():
            raise UsageError(
                f"{_shown(existing)} already exists: slugs are unique across programmes and "
                "projects; choose another, or edit that file"
            )
    path = root / template.FOLDERS[record_type] / f"{slug}.yml"
    _create(root, path, template.render(record_type, slug))
    print(_shown(path))
    print(
        f"Wrote {_shown(path)}: fill in the values marked {template.MARK}, then check it "
        f"with `python3 run.py validate {_shown(path)}`.",
        file=sys.stderr,
    )
    return 0


def show_diff(base: str, content: str | None) -> int:
    from katalog.editors import diff  # the editors' tools are imported where they are used

    root = _content_root(content)
    try:
        report = diff.diff(base, root)
    except diff.DiffError as error:
        raise UsageError(str(error)) from None
    markdown = diff.render(report)
    print(markdown, end="")
    github.append_summary(markdown)
    return 0


def from_issue(source: str | None, write: bool, content: str | None) -> int:
    from katalog.editors import issueform

    try:
        if source in (None, "-"):
            body = sys.stdin.read()
        else:
            body = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{source}: {error}") from None
    try:
        proposal = issueform.to_record(body)
    except issueform.IssueError as error:
        raise UsageError(str(error)) from None
    for note in proposal.notes:
        print(f"katalog: note: {note}", file=sys.stderr)
    if not write:
        print(proposal.text, end="")
        return 0
    root = _content_root(content)
    if not is_slug(proposal.slug):
        raise UsageError(
            f"{proposal.slug!r} is not a valid slug: {SLUG_RULE}; give one in the form's "
            "slug field, or run without --write and save the record yourself"
        )
    for folder in RECORD_FOLDERS:
        existing = root / folder / f"{proposal.slug}.yml"
        if existing.exists():
            raise UsageError(f"{_shown(existing)} already exists: give the proposal another slug")
    path = root / "projects" / f"{proposal.slug}.yml"
    _create(root, path, proposal.text)
    print(f"Wrote {_shown(path)}; checking it against the catalogue:", file=sys.stderr)
    return validate([str(path)], str(root))


def run_generate(check: bool, root_dir: str | None) -> int:
    from katalog.editors import generate

    root = Path(root_dir) if root_dir else find_content_root(Path.cwd()).parent
    if check:
        outdated = generate.stale(root)
        for path in outdated:
            print(f"{path}: out of date; run `katalog generate`")
        return 1 if outdated else 0
    for path in generate.write(root):
        print(f"wrote {path}")
    return 0


def _site_context(content: str | None, nothing: str) -> BuildContext | None:
    """The build context of the site whose content is `content`, as `mkdocs build` makes
    it; None, after printing the content errors (and saying `nothing` was done), when the
    content is not valid.

    The site's modules are imported here, not at the top, so that `katalog validate`
    starts without them.
    """
    from katalog import settings
    from katalog.site import history
    from katalog.site.context import BuildContext
    from katalog.site.richtext import Renderer

    root = _content_root(content)
    project = root.parent
    try:
        site_settings = settings.read_settings(project)
        config = settings.read_config(project / "mkdocs.yml")
    except settings.SettingsError as error:
        raise UsageError(str(error)) from None
    result = load_catalogue(root, languages=site_settings.languages)
    page_texts, page_problems = read_page_texts(root, site_settings.languages)
    if result.catalogue is None or page_problems:
        problems = sorted([*result.problems, *page_problems])
        for problem in problems:
            print(problem)
        print(f"katalog: {summarise(problems)}; {nothing}", file=sys.stderr)
        return None
    extensions = [e for e in config.get("markdown_extensions") or [] if isinstance(e, str)]
    ctx = BuildContext(
        catalogue=result.catalogue,
        today=_build_date(),
        render=Renderer(extensions),
        page_texts=page_texts,
        settings=site_settings,
        last_changed=history.last_changed(root),
        source_root=project,
    )
    missing = ctx.missing_texts()
    if missing:
        raise UsageError(missing)
    return ctx


def build_data(out: str, content: str | None) -> int:
    """Write every data output of the site (not its pages) into `out`, without MkDocs."""
    from katalog import outputs
    from katalog.exports import iati

    ctx = _site_context(content, "nothing was written")
    if ctx is None:
        return 1
    for notice in iati.notices(ctx):
        print(notice, file=sys.stderr)
    target = Path(out)
    written = 0
    for output in outputs.build_outputs(ctx):
        if output.file is None:
            continue
        path = target / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.file.content)
        written += 1
    print(f"Wrote {written} data files to {target}", file=sys.stderr)
    return 0


def report(lang: str | None, as_json: bool, content: str | None) -> int:
    """Print the data-quality report the data page shows, as text in `lang` or as the JSON
    of `data/quality.json`."""
    from katalog.editors import report as report_text
    from katalog.exports import catalogue_json
    from katalog.exports import quality as quality_json

    ctx = _site_context(content, "no report was made")
    if ctx is None:
        return 1
    if as_json:
        sys.stdout.buffer.write(catalogue_json.encode(quality_json.document(ctx)))
        sys.stdout.flush()
        return 0
    chosen = lang or ctx.settings.languages.default
    if chosen not in ctx.languages:
        raise UsageError(f"--lang {chosen}: the site's languages are {', '.join(ctx.languages)}")
    print(report_text.render(ctx, chosen), end="")
    return 0


def update_reference(path: Path) -> int:
    from katalog.editors import fieldref

    try:
        text = path.read_text(encoding="utf-8")
        updated = fieldref.embed(text)
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: {error}") from None
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
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
    check.add_argument(
        "--format",
        choices=("auto", "text", "github"),
        default="auto",
        help="text: one line per problem; github: GitHub Actions annotations; auto (the "
        "default): github when GITHUB_ACTIONS=true, else text",
    )
    new = commands.add_parser(
        "new",
        help="write a new record from a commented template",
        description="Write content/projects/SLUG.yml or content/programmes/SLUG.yml from a "
        "template that explains every field. The values marked FYLL INN / FILL IN must be "
        "filled in before the record is valid.",
    )
    new.add_argument("type", choices=tuple(template.FOLDERS), metavar="{project,programme}")
    new.add_argument("slug", metavar="SLUG", help=f"the record's slug: {SLUG_RULE}")
    new.add_argument("--content", metavar="DIR", help="the content folder (default: ./content)")
    compare = commands.add_parser(
        "diff",
        help="what the working tree changes in the catalogue since a git commit",
        description="Compare the content at BASE (a commit, branch or tag) with the working "
        "tree: records added, changed and removed, and new countries, themes and "
        "organisations, as Markdown.",
    )
    compare.add_argument("base", metavar="BASE")
    compare.add_argument("--content", metavar="DIR", help="the content folder (default: ./content)")
    issue = commands.add_parser(
        "from-issue",
        help='a project record from the body of a "Propose a project" issue',
        description="Read the Markdown body of an issue made with the 'Propose a project' "
        "form (from FILE, or standard input) and print the project record it describes.",
    )
    issue.add_argument("file", nargs="?", metavar="FILE", help="the body; - or none: stdin")
    issue.add_argument(
        "--write",
        action="store_true",
        help="write content/projects/<slug>.yml instead, and validate it",
    )
    issue.add_argument("--content", metavar="DIR", help="the content folder (default: ./content)")
    fields = commands.add_parser("fields", help="print the record format reference as Markdown")
    fields.add_argument(
        "--update",
        metavar="FILE",
        help="rewrite the reference between the field markers in FILE (the README) instead",
    )
    made = commands.add_parser(
        "generate",
        help="rewrite every file made from the schema (JSON Schemas, issue form, references)",
    )
    made.add_argument(
        "--check", action="store_true", help="only report files that are out of date (exit 1)"
    )
    made.add_argument("--root", metavar="DIR", help="the repository (default: found from here)")
    commands.add_parser(
        "countries", help="list the country codes a record may use, with their English names"
    )
    data = commands.add_parser(
        "build-data",
        help="write the site's data outputs (JSON, CSV, sitemap) without building its pages",
    )
    data.add_argument("--out", metavar="DIR", default="site", help="where to write (site/)")
    data.add_argument("--content", metavar="DIR", help="the content folder (default: found)")
    quality = commands.add_parser(
        "report",
        help="print the data-quality report of the data page, for editors",
        description="Print the data-quality report the data page shows: fields filled in, "
        "missing translations, records due for review, closed partner calls and unused "
        "organisations and themes, on the build date.",
    )
    quality.add_argument(
        "--lang",
        metavar="LANG",
        help="the language of the report (default: the site's default language)",
    )
    quality.add_argument(
        "--json", action="store_true", help="print the JSON of data/quality.json instead"
    )
    quality.add_argument("--content", metavar="DIR", help="the content folder (default: found)")
    return parser


def subcommands() -> list[str]:
    """The names of the `katalog` subcommands."""
    return [
        name
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.paths, args.content, args.format)
        if args.command == "new":
            return new_record(args.type, args.slug, args.content)
        if args.command == "diff":
            return show_diff(args.base, args.content)
        if args.command == "from-issue":
            return from_issue(args.file, args.write, args.content)
        if args.command == "generate":
            return run_generate(args.check, args.root)
        if args.command == "build-data":
            return build_data(args.out, args.content)
        if args.command == "report":
            return report(args.lang, args.json, args.content)
        if args.command == "countries":
            from katalog.records import countries

            for code in sorted(countries.accepted()):
                print(code, countries.english_name(code))
            return 0
        if args.update:
            return update_reference(Path(args.update))
        from katalog.editors import fieldref

        print(fieldref.render(), end="")
        return 0
    except UsageError as error:
        print(f"katalog: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
