"""Shared test fixtures: throw-away copies of the project to build and break."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site project (config, docs, hooks, overrides, content)."""
    return copy_project(tmp_path / "project")
