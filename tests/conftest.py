"""Shared test fixtures: throw-away copies of the project to build and break."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import BUILD_DATE_EPOCH, copy_project


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's build date is the fixed one (SOURCE_DATE_EPOCH), never the clock's:
    which records are due for review depends on it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site project (config, docs, hooks, overrides, content)."""
    return copy_project(tmp_path / "project")
