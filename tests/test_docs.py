"""The README's promises: the two commands, CI running the test one, a current field reference."""

from __future__ import annotations

import re
import shlex

from katalog.editors import fieldref
from tests.paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The commands of the README's first code block."""
    match = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert match is not None, "the README opens with no command block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_build_and_the_test_command() -> None:
    first_block_at = README.index("```sh")
    assert README[:first_block_at].count("\n") <= 2, "the commands come first"
    assert readme_commands() == ["python3 run.py build", "python3 run.py test"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip()
        and not line.lstrip().startswith("#")
        and not line.startswith(("set ", "cd ", "apt-get", "export "))
    ]
    assert commands[-1] == readme_commands()[1]
    assert shlex.split(commands[-1])[:2] == ["python3", "run.py"]


def test_field_reference_in_the_readme_is_current() -> None:
    assert fieldref.embed(README) == README, (
        "README.md's record format is stale: run `katalog fields --update README.md`"
    )


def test_every_field_is_documented_with_an_example() -> None:
    for _, _, fields in fieldref.SECTIONS:
        for name, spec in fields.items():
            assert spec.help and spec.example, name
            assert f"| `{name}` |" in README
