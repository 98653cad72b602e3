"""Shared test fixtures: the repository's paths and throw-away copies of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.paths import REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site project (config, docs, hooks, content) to build and break."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "content"):
        shutil.copytree(REPO / folder, target / folder)
    if (REPO / "overrides").is_dir():
        shutil.copytree(REPO / "overrides", target / "overrides")
    return target
