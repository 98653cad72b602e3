"""Where the test suite's checkers from the npm registry are: axe-core and the Nu Html
Checker (vnu-jar), installed by `python3 run.py test` from tests/tools/package-lock.json
with `npm ci` into .venv/test-tools/. Nothing is downloaded while the tests run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.paths import REPO

TOOLS = REPO / ".venv" / "test-tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


def required(path: Path, what: str) -> Path:
    """`path`, or the test skipped (failed under CI, where every check must run)."""
    if path.is_file():
        return path
    message = (
        f"{what} is not installed at {path.relative_to(REPO)}: `python3 run.py test` installs "
        "it with npm (Node.js) from tests/tools/package-lock.json"
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def java() -> str:
    """The `java` that runs the Nu Html Checker (Debian's default-jre-headless in .ci/run)."""
    found = shutil.which("java")
    if found is None:
        message = "No `java` to run the Nu Html Checker: install default-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found
