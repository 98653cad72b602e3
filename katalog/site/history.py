"""When each record file last changed, from the repository's history.

One `git log` over the content folder gives every file's last commit date, so the cost
does not grow with one process per record. Outside a git work tree, or without git, the
answer is empty and the home page lists no recently changed records.
The same commits give the same dates, so builds stay reproducible.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path


def last_changed(folder: Path) -> dict[str, date]:
    """Path relative to the repository root (as in problems and `source`) -> date."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return {}
    try:
        top = subprocess.run(
            [git, "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            [git, "log", "--format=@%cs", "--name-only", "--no-renames", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    root = Path(top).resolve()
    base = folder.resolve().parent  # paths in problems and records are relative to this
    dates: dict[str, date] = {}
    current: date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            try:
                relative = (root / line).resolve().relative_to(base).as_posix()
            except ValueError:
                continue
            dates.setdefault(relative, current)  # newest commit first: keep the first seen
    return dates
