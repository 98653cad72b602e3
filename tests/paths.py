"""Where the repository's parts are, for tests."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
PARTNER_CALLS = REPO / "tests" / "fixtures" / "sites" / "partner-calls" / "content" / "projects"
"""Test projects with an open call, one closed by its last day and one closed by completion."""
