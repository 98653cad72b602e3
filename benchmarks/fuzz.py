"""Fuzz the gate: whatever a record file holds, `katalog validate` accepts or rejects it
cleanly, and what it accepts renders.

    .venv/bin/python benchmarks/fuzz.py [--examples 2000] [--seed 0]

Each input is a project record file: random bytes, random YAML (mappings, lists and texts,
some under the real field names), or a mutation of a real or test record (bytes changed,
inserted or deleted; a text replaced by an edge case: brackets, definitions, deep quotes,
long numbers, control characters, reserved slugs). For each, in-process, in a throw-away
copy of the test catalogue: `katalog validate` must exit 0 or 1, print only
`path:line:col: severity[Kxxx]: ...` lines and raise nothing; when the catalogue validates,
every output of the build (`katalog.outputs.build_outputs`: the page models of
`katalog.site.pages` with their Markdown rendered by `katalog.site.richtext`, and the data
files) must be made without an error. Prints the inputs tried, how many validated and how
many were rejected, the problem codes by count and the slowest input.

tests/test_gate.py runs the same checks on a small, fixed campaign (Hypothesis, derandomised).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import hypothesis  # noqa: E402
import yaml  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from katalog import cli, outputs, settings  # noqa: E402
from katalog.records.load import load_catalogue  # noqa: E402
from katalog.records.pagetexts import read_page_texts  # noqa: E402
from katalog.site import l10n  # noqa: E402
from katalog.site.context import BuildContext  # noqa: E402
from katalog.site.richtext import Renderer  # noqa: E402

BASE = REPO / "tests" / "fixtures" / "base" / "content"
SEEDS = sorted(
    path
    for folder in (REPO / "content", REPO / "tests" / "fixtures")
    for path in folder.rglob("*.yml")
    if path.parent.name in ("projects", "programmes")
)
"""Every real and test record: the starting points of mutations."""

VALID_SEEDS = sorted(
    path
    for folder in (REPO / "content", BASE, REPO / "tests" / "fixtures" / "valid")
    for path in folder.rglob("*.yml")
    if path.parent.name in ("projects", "programmes")
)
"""The records that validate (most of them also against the gate's catalogue): mutated one
value at a time, many of them still validate, and must then render."""

TARGET = "projects/fuzzed-record.yml"
PROBLEM_LINE = re.compile(r"[^\n]+:[0-9]+:[0-9]+: (error|warning)\[K[0-9]{3}\]: [^\n]*")

FIELDS = [
    "title", "summary", "description", "countries", "themes", "programme", "period",
    "status", "partners", "sources", "checked", "budget", "amount", "currency", "nb", "en",
    "start", "end", "organisation", "role", "url", "partner_call", "text", "contact",
    "email", "until", "application_windows", "opens", "closes", "links", "as_of",
]  # fmt: skip
EDGES = [
    "[" * 60, "[" * 20_000, "a\n: b\n" * 30, "a\n: b\n" * 500, "> " * 13 + "x",
    "".join("    " * level + "- x\n" for level in range(14)), "9" * 16, "9" * 29,
    "1" * 15 + ".99", "index", "\x00", "\x1b[31m", "\x7f", "\x85", "\u2028", "\ufeff",
    "x\ny", "[a](javascript:alert(1))", "<script>alert(1)</script>", "", "~", "null",
    "99-99", "9999-12-31", "0001-01-01", "02-29", "12-31", "01-01", "NO", "XK", "EUR",
    "*" * 500, "`" * 500, "{: #x }", "|a|\n|-|\n" * 50, "&" * 50, "\\" * 50,
]  # fmt: skip
"""Values that have broken, or come close to breaking, a build."""


@dataclass(frozen=True)
class Outcome:
    exit: int
    codes: tuple[str, ...]
    """The codes of the problems found in the input (not in the rest of the catalogue)."""
    rendered: bool
    seconds: float


class GateError(AssertionError):
    """An input broke the rule: the validator failed, or what it accepted did not render."""


class Gate:
    """A throw-away project (mkdocs.yml, the real catalogue and the test catalogue's records)
    into which each input is written as one project record, then validated and rendered."""

    def __init__(self, folder: Path) -> None:
        self.project = folder
        self.content = folder / "content"
        shutil.copytree(REPO / "content", self.content)
        for kind in ("programmes", "projects"):
            for path in (BASE / kind).glob("*.yml"):
                shutil.copy2(path, self.content / kind / path.name)
        shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
        self.settings = settings.read_settings(folder)
        config = settings.read_config(folder / "mkdocs.yml")
        extensions = [e for e in config.get("markdown_extensions") or [] if isinstance(e, str)]
        self.render = Renderer(extensions)
        self.render_page = Renderer(extensions, shift_headings=0)
        self.target = self.content / TARGET

    def check(self, data: bytes) -> Outcome:
        """Validate and render `data` as a record; raise GateError if the rule is broken."""
        self.target.write_bytes(data)
        started = time.perf_counter()
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exit = cli.main(["validate", "--content", str(self.content), "--format", "text"])
        except BaseException as error:  # the rule: no exception, whatever the input
            raise GateError(f"katalog validate raised {error!r} on {data!r:.300}") from error
        lines = out.getvalue().splitlines()
        if exit not in (0, 1) or not all(PROBLEM_LINE.fullmatch(line) for line in lines):
            raise GateError(f"exit {exit}, output {out.getvalue()!r:.600} on {data!r:.300}")
        codes = tuple(
            found.group(1)
            for line in lines
            if line.startswith(f"content/{TARGET}:")
            and (found := re.search(r"\[(K[0-9]{3})\]", line)) is not None
        )
        rendered = exit == 0 and self._render(data)
        return Outcome(exit, codes, rendered, time.perf_counter() - started)

    def _render(self, data: bytes) -> bool:
        languages = self.settings.languages.codes
        today = l10n.build_date()
        try:
            result = load_catalogue(self.content, languages=languages, today=today)
            texts, problems = read_page_texts(self.content, languages)
            if result.catalogue is None or problems:
                raise GateError(f"validated but did not load: {data!r:.300}")
            ctx = BuildContext(
                catalogue=result.catalogue,
                today=today,
                render=self.render,
                render_page=self.render_page,
                page_texts=texts,
                settings=self.settings,
                source_root=self.project,
            )
            built = outputs.build_outputs(ctx)
        except GateError:
            raise
        except BaseException as error:
            raise GateError(
                f"validated, then failed to render: {error!r} on {data!r:.300}"
            ) from error
        return bool(built)


@contextlib.contextmanager
def gate() -> Iterator[Gate]:
    with tempfile.TemporaryDirectory(prefix="katalog-fuzz-") as folder:
        yield Gate(Path(folder))


# --- What to feed it ---------------------------------------------------------------------

_texts = st.one_of(st.sampled_from(EDGES), st.sampled_from(FIELDS), st.text(max_size=40))
_keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12))
_values = st.recursive(
    _texts,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=20,
)
random_yaml = st.dictionaries(_keys, _values, max_size=8).map(
    lambda tree: yaml.safe_dump(tree, allow_unicode=True).encode("utf-8")
)
"""Random mappings of real and random field names to texts, lists and mappings."""

random_bytes = st.binary(max_size=400)


def _seed_texts(paths: list[Path]) -> list[bytes]:
    return [path.read_bytes() for path in paths]


_markdown = st.text(alphabet="[]()<>:!-*_#`|{}\\&;= \n\tab1.", max_size=400)
"""Text made of Markdown's punctuation: what the renderer's parsers look for."""


def _replace_scalar(data: bytes, index: int, value: str) -> bytes:
    """The record with its `index`-th `key: value` line's value replaced by `value`."""
    lines = data.decode("utf-8", "replace").splitlines(keepends=True)
    places = [n for n, line in enumerate(lines) if re.match(r"\s*(?:- )?[a-z_]+: \S", line)]
    if not places:
        return data
    n = places[index % len(places)]
    head = lines[n].split(": ", 1)[0]
    lines[n] = f"{head}: {json_quote(value)}\n"
    return "".join(lines).encode("utf-8")


def json_quote(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    import json

    return json.dumps(value, ensure_ascii=False)


@st.composite
def described(draw: st.DrawFn) -> bytes:
    """A record that validates, its description replaced by random Markdown punctuation or
    an edge case, in each language."""
    data = draw(st.sampled_from(_seed_texts(VALID_SEEDS))).decode("utf-8")
    kept = re.split(r"^description:.*\n(?:[ ].*\n|\n)*", data, flags=re.MULTILINE)
    texts = [draw(st.one_of(_markdown, st.sampled_from(EDGES))) for _ in range(2)]
    description = f"description:\n  nb: {json_quote(texts[0])}\n  en: {json_quote(texts[1])}\n"
    return ("".join(kept).rstrip("\n") + "\n" + description).encode("utf-8")


@st.composite
def edited(draw: st.DrawFn) -> bytes:
    """A record that validates, one or two of its values replaced by an edge case."""
    data = draw(st.sampled_from(_seed_texts(VALID_SEEDS)))
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        data = _replace_scalar(data, at, draw(_texts))
    return data


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real or test record, changed a little: bytes flipped, inserted or cut, or one value
    replaced by an edge case."""
    data = draw(st.sampled_from(_seed_texts(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["value", "value", "flip", "insert", "cut"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "value":
            data = _replace_scalar(data, at, draw(_texts))
        elif how == "flip" and data:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif how == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
    return data


inputs = st.one_of(random_bytes, random_yaml, mutated(), edited(), described())
"""Every kind of input, mixed."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs to try")
    parser.add_argument("--seed", type=int, default=0, help="the seed: same seed, same inputs")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    slowest: list[tuple[float, bytes]] = [(0.0, b"")]
    with gate() as the_gate:

        @hypothesis.seed(args.seed)
        @hypothesis.settings(
            max_examples=args.examples,
            database=None,
            deadline=None,
            phases=[hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(inputs)
        def campaign(data: bytes) -> None:
            outcome = the_gate.check(data)
            counts["tried"] += 1
            counts["validated" if outcome.exit == 0 else "rejected"] += 1
            counts["rendered"] += outcome.rendered
            by_code.update(set(outcome.codes))
            if outcome.seconds > slowest[0][0]:
                slowest[0] = (outcome.seconds, data)

        campaign()
    print(
        f"inputs tried: {counts['tried']}; validated: {counts['validated']}, of which "
        f"rendered: {counts['rendered']}; rejected: {counts['rejected']}"
    )
    print("inputs with each problem code:")
    for code, count in sorted(by_code.items()):
        print(f"  {code}: {count}")
    seconds, data = slowest[0]
    print(f"slowest: {seconds:.3f} s (validate and render), on {data!r:.200}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
