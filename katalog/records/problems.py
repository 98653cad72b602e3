"""Problems found in the content: values to collect, sort and report together.

A problem names a file, a 1-based line and column, a severity, the dotted path of the
field (`title.en`, `partners[2].role`; lists count from 1), a message an editor can act
on and the stable code of its kind (`katalog.records.codes`). Printed, it is one grep-able
line, the code in brackets after the severity:

    content/projects/x.yml:14:7: error[K105]: title.en: must not be empty
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from katalog.records.codes import Code, Severity

__all__ = ["Code", "Problem", "Severity", "has_errors", "summarise"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: Severity
    field: str
    message: str
    code: Code
    """Last, so that problems sort by place, severity, field and message as before."""

    def __str__(self) -> str:
        path, field, message = (printable(text) for text in (self.path, self.field, self.message))
        where = f"{path}:{self.line}:{self.col}: {self.severity}[{self.code}]"
        if field:
            return f"{where}: {field}: {message}"
        return f"{where}: {message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line: control characters and line breaks as escapes (`\\n`, `\\x1b`), so
    that no file name, field or value can break a problem line or forge another."""
    if text.isprintable():  # nothing to escape: each escaped character is unprintable
        return text
    return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], text)


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def summarise(problems: list[Problem]) -> str:
    """'2 errors and 1 warning in 2 files', or 'no problems'."""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    files = len({problem.path for problem in problems})
    if not problems:
        return "no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{' and '.join(parts)} in {files} file{'s' if files != 1 else ''}"
