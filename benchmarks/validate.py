"""Benchmark: how long `katalog validate` takes on the real content and on large catalogues.

    .venv/bin/python benchmarks/validate.py [--projects 1000 5000] [--repeat 5]

Prints, for each catalogue, the number of records, the median wall time of a full load
(read, parse, validate, cross-check, build the model) and the time per record. The large
catalogues are generated into a temporary folder from the real records (copies with new
slugs), not committed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from katalog.records.load import load_catalogue  # noqa: E402


def measure(root: Path, repeat: int) -> tuple[int, float]:
    times = []
    records = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = load_catalogue(root)
        times.append(time.perf_counter() - started)
        assert result.catalogue is not None, [str(p) for p in result.problems[:5]]
        records = len(result.catalogue.projects) + len(result.catalogue.programmes)
    return records, statistics.median(times)


def synthetic(target: Path, projects: int) -> Path:
    root = target / f"content-{projects}"
    shutil.copytree(REPO / "content", root)
    originals = sorted((root / "projects").glob("*.yml"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    for index in range(projects - len(originals)):
        path = root / "projects" / f"generated-project-{index:05d}.yml"
        path.write_text(texts[index % len(texts)], encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'catalogue':<28}{'records':>9}{'median':>11}{'per record':>13}")
    rows = [("real content", REPO / "content")]
    with tempfile.TemporaryDirectory() as folder:
        rows += [(f"generated, {n} projects", synthetic(Path(folder), n)) for n in args.projects]
        for name, root in rows:
            records, seconds = measure(root, args.repeat)
            per_record = seconds / records * 1e6
            print(f"{name:<28}{records:>9}{seconds * 1000:>9.1f} ms{per_record:>10.0f} µs")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "katalog.cli", "validate"], cwd=REPO, check=True, capture_output=True
    )
    print(
        f"`katalog validate` on the real content, whole process: "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
