"""The collector is held off while a stage makes objects that live on, then runs as it was."""

from __future__ import annotations

import gc

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
