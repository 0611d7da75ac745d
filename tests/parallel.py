"""The suite runs on pytest-xdist workers (`-n auto` in pyproject's addopts); what that needs.

- A run in which no test passed fails (exit status 5, as pytest's own "no tests ran"): counted
  in the controller, from the reports every worker sends it, so `.ci/run` can never exit 0
  having run nothing (nothing collected, everything deselected or skipped).
- `-s` (`--capture=no`) runs in this process: the README's `pytest -m slow -s ...` commands
  print their figures, which xdist's workers would swallow.
- `@pytest.mark.alone`: a test that measures wall-clock gaps or durations on tight limits runs
  with no other test of this run beside it. Every test takes a shared lock for its whole run,
  an `alone` test the exclusive one, behind a turnstile so it is not starved (two `flock`s on
  files in the run's base temporary directory, which every worker's is inside of, and which
  pytest's own retention clears). Without xdist nothing is locked. They run last, together: an
  `alone` test waits for the test running beside it to end, which at the end of the run is a
  short one, not (say) the 20-second crash-and-restart run.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

_passed = 0


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    if config.getoption("capture", "fd") == "no" and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0  # xdist then sets dist="no": one process, output shown


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _passed
    if report.when == "call" and report.passed:
        _passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # a worker: the controller counts every worker's reports
    if exitstatus == pytest.ExitCode.OK and _passed == 0:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("no test passed in this run: exit status 5, not 0", red=True)


def alone_last(items: list[pytest.Item]) -> None:
    """Move the `alone` tests to the end of the run, keeping the order within each part."""
    items.sort(key=lambda item: item.get_closest_marker("alone") is not None)


def _lock_dir(config: pytest.Config) -> Path | None:
    """The controller's base temporary directory (a worker's own is `popen-gwN` inside it)."""
    if not hasattr(config, "workerinput"):
        return None
    return Path(config._tmp_path_factory.getbasetemp()).parent  # type: ignore[attr-defined]


@contextmanager
def _flock(path: Path, mode: int) -> Iterator[IO[bytes]]:
    with path.open("ab") as handle:
        fcntl.flock(handle, mode)
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def turn(directory: Path | None, alone: bool) -> Iterator[None]:
    """This test's turn: beside the others (shared), or with none beside it (exclusive)."""
    if directory is None:
        yield
        return
    turnstile, room = directory / "turnstile.lock", directory / "room.lock"
    if alone:
        with _flock(turnstile, fcntl.LOCK_EX), _flock(room, fcntl.LOCK_EX):
            yield
        return
    with _flock(turnstile, fcntl.LOCK_EX):
        shared = room.open("ab")
        fcntl.flock(shared, fcntl.LOCK_SH)
    try:
        yield
    finally:
        fcntl.flock(shared, fcntl.LOCK_UN)
        shared.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Set-up, call and teardown of each test inside its turn."""
    with turn(_lock_dir(item.config), item.get_closest_marker("alone") is not None):
        yield
