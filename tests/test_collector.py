"""The collector is held off while a stage makes objects that live on, then runs as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from katalog import collector


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_held_off_then_runs_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    before = gc.get_freeze_count()
    with collector.paused():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled() is enabled
    assert gc.get_freeze_count() >= before + len(made), "what was made is frozen"
    collector.thawed()
    assert gc.get_freeze_count() == 0


def test_the_collector_runs_again_when_the_stage_fails() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("the stage failed")
    assert gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.payload = [str(index) * 8 for index in range(40)]


def _pss() -> int:
    """This process's proportional set size, in kB (Linux)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith("Pss:"))


def test_what_a_finished_stage_left_in_cycles_is_collected_in_the_background() -> None:
    import weakref

    gc.disable()  # as while a stage runs: nothing would collect the cycles meanwhile
    with collector.paused():
        made = [_Node() for _ in range(20_000)]
    watched = weakref.ref(made[-1])
    collector.thawed()
    del made
    assert watched() is not None, "in cycles, frozen: not yet freed"
    collector.released().join(timeout=30)
    assert watched() is None


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").is_file(), reason="Linux's /proc only")
def test_memory_freed_but_kept_by_the_c_library_is_given_back_to_the_system() -> None:
    before = _pss()
    made = [bytearray(1500) for _ in range(200_000)]  # 300 MB from the C library's heap
    kept = made[::50]  # some live on among the freed, as a build's objects do
    grown = _pss() - before
    assert grown > 250_000
    del made
    assert _pss() - before > grown * 0.9, "freed, but the C library keeps it"
    collector.released().join(timeout=60)
    assert _pss() - before < grown / 4
    assert len(kept) == 4_000
