"""Every file made from the schema's definitions, and whether the committed copies are current.

After a change to `katalog/records/schema.py` (or to the issue form's definition, or to
the problem codes in `katalog/records/codes.py`),
`katalog generate` rewrites them all; `katalog generate --check`, and a test, fail while
any is stale:

    schemas/*.schema.json        JSON Schemas for editors' tools (katalog.editors.jsonschemas)
    .github/ISSUE_TEMPLATE/propose-project.yml
                                 the "Propose a project" form (katalog.editors.issueform)
    README.md, CONTRIBUTING.md   the record format reference (katalog.editors.fieldref)
    CONTRIBUTING.md              the explanation of every problem code, from the registry
                                 in katalog.records.codes (katalog.editors.codesref)
"""

from __future__ import annotations

from pathlib import Path

from katalog.editors import codesref, fieldref, issueform, jsonschemas

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
"""Documents that embed the field reference between markers, where they exist."""
CODE_DOCUMENTS = ("CONTRIBUTING.md",)
"""Documents that embed the tables of problem codes between markers, where they exist."""


def expected(root: Path) -> dict[Path, str]:
    """Each generated file under the repository `root`, with the text it should have."""
    files = {root / name: text for name, text in jsonschemas.render_all().items()}
    files[root / issueform.FORM_PATH] = issueform.render_form()
    for name in DOCUMENTS:
        path = root / name
        if path.is_file():
            text = fieldref.embed(path.read_text(encoding="utf-8"))
            files[path] = codesref.embed(text) if name in CODE_DOCUMENTS else text
    return files


def stale(root: Path) -> list[Path]:
    """The generated files that are missing or differ from what they should be."""
    return [
        path
        for path, text in expected(root).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write(root: Path) -> list[Path]:
    """Bring every generated file up to date; the ones that changed."""
    changed = []
    for path, text in expected(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
