"""GitHub Actions output: problems as annotations, and reports for the job summary.

In a GitHub Actions job, a line such as

    ::error file=content/projects/x.yml,line=4,col=10,title=K201 unknown-theme::themes[1]: ...

puts the message on that line of the pull request's diff, titled with the problem's stable
code and its name (`katalog.records.codes`). Everything in such a line that comes from a
record (the file name, the field, the message quoting a value) is escaped as GitHub's
workflow-command rules require, so that no contributed text can end the command early or
start another one: in the message `%`, CR and LF; in a property also `:` and `,`.

GitHub shows at most 10 error and 10 warning annotations per step, so the whole list also
goes to the job summary (the file named by `GITHUB_STEP_SUMMARY`) as a table, with the code
in a column of its own, where every character of contributed text is escaped so that it
shows as written and cannot add Markdown or HTML of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from katalog.records.problems import Problem, summarise

ANNOTATION_LIMIT = 10
"""Error (and, separately, warning) annotations GitHub keeps per step."""


def escape_data(text: str) -> str:
    """A workflow command's message, escaped (`::error ...::<data>`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped (`file=<value>,...`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One problem as a GitHub workflow command, on one line."""
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.col),
        "title": f"{problem.code} {problem.code.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{problem.severity} {joined}::{escape_data(message)}"


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~&\"'=:;$^%@/")


def escape_markdown(text: str) -> str:
    """Text that shows as written in GitHub Markdown, within one table cell."""
    flat = " ".join(text.splitlines())
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in flat)


def summary_table(problems: Iterable[Problem]) -> str:
    """Markdown: a heading, the count, and one table row per problem."""
    problems = list(problems)
    lines = ["## Catalogue validation", "", escape_markdown(summarise(problems)) + "."]
    if problems:
        lines += [
            "",
            "| File | Line | Column | Severity | Code | Field | Message |",
            "| --- | ---: | ---: | --- | --- | --- | --- |",
        ]
        for problem in problems:
            cells = [
                escape_markdown(problem.path),
                str(problem.line),
                str(problem.col),
                str(problem.severity),
                escape_markdown(str(problem.code)),
                escape_markdown(problem.field),
                escape_markdown(problem.message),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        errors = sum(problem.is_error for problem in problems)
        if errors > ANNOTATION_LIMIT:
            lines += [
                "",
                f"GitHub shows only the first {ANNOTATION_LIMIT} errors on the diff; "
                "this table lists them all.",
            ]
    return "\n".join(lines) + "\n"


def has_summary(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this runs in a job with a summary to append to (`append_summary`)."""
    return bool((os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY"))


def append_summary(markdown: str, environ: Mapping[str, str] | None = None) -> bool:
    """Append to the job summary, if this runs in a job that has one. True if written."""
    target = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with Path(target).open("a", encoding="utf-8") as summary:
        summary.write(markdown + "\n")
    return True


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"
