"""Where the repository's parts are, for tests."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
