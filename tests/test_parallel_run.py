"""The suite on xdist workers (tests/parallel.py): a run where no test passed never exits 0,
`-s` runs in one process, and an `alone` test has no other test beside it (a small pytest run
on two workers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import parallel

ROOT = Path(__file__).parents[1]
CONFTEST = """
from tests.parallel import (  # noqa: F401
    pytest_cmdline_main, pytest_runtest_logreport, pytest_runtest_protocol, pytest_sessionfinish,
)
"""
# Two tests that each note when they start and end; the `alone` one must overlap neither.
OVERLAP = """
import time, pytest
from pathlib import Path
LOG = Path(__file__).with_name("log.txt")
def note(what):
    with LOG.open("a") as log:
        log.write(f"{what} {time.monotonic()}\\n")
@pytest.mark.parametrize("n", range(6))
def test_beside(n):
    note(f"start{n}"); time.sleep(0.1); note(f"end{n}")
@pytest.mark.alone
def test_alone():
    note("start-alone"); time.sleep(0.2); note("end-alone")
"""


def pytest_run(directory: Path, tests: str) -> subprocess.CompletedProcess[str]:
    (directory / "conftest.py").write_text(CONFTEST)
    (directory / "test_it.py").write_text(tests)
    (directory / "pytest.ini").write_text("[pytest]\nmarkers =\n    alone: x\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "no:hypothesispytest", "-p", "no:asyncio"]  # faster start-ups
    return subprocess.run(
        [*command, "test_it.py"], cwd=directory, env=env, capture_output=True, text=True
    )


def test_a_run_in_which_no_test_passed_exits_5_and_says_why(monkeypatch):
    """In the controller (the one process without `workerinput`), after the workers' reports."""
    lines: list[str] = []
    reporter = SimpleNamespace(write_line=lambda line, **_: lines.append(line))
    plugins = SimpleNamespace(get_plugin=lambda name: reporter)
    session = SimpleNamespace(
        config=SimpleNamespace(pluginmanager=plugins), exitstatus=pytest.ExitCode.OK
    )
    monkeypatch.setattr(parallel, "_passed", 0)  # every test skipped, deselected or none at all
    parallel.pytest_sessionfinish(session, pytest.ExitCode.OK)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED == 5
    assert lines == ["no test passed in this run: exit status 5, not 0"]

    monkeypatch.setattr(parallel, "_passed", 1)
    session.exitstatus = pytest.ExitCode.OK
    parallel.pytest_sessionfinish(session, pytest.ExitCode.OK)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.OK

    session.config.workerinput = {"workerid": "gw0"}  # a worker leaves the verdict alone
    monkeypatch.setattr(parallel, "_passed", 0)
    parallel.pytest_sessionfinish(session, pytest.ExitCode.OK)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.OK


def test_dash_s_runs_in_one_process_so_printed_figures_show():
    config = SimpleNamespace(
        getoption=lambda name, default=None: "no", option=SimpleNamespace(numprocesses=2)
    )
    parallel.pytest_cmdline_main(config)  # type: ignore[arg-type]
    assert config.option.numprocesses == 0  # xdist then distributes nothing
    config = SimpleNamespace(
        getoption=lambda name, default=None: "fd", option=SimpleNamespace(numprocesses=2)
    )
    parallel.pytest_cmdline_main(config)  # type: ignore[arg-type]
    assert config.option.numprocesses == 2


def test_an_alone_test_runs_with_no_other_test_beside_it(tmp_path: Path):
    result = pytest_run(tmp_path, OVERLAP)
    assert result.returncode == 0, result.stdout + result.stderr
    events = [line.split() for line in (tmp_path / "log.txt").read_text().splitlines()]
    times = {name: float(at) for name, at in events}
    began, ended = times["start-alone"], times["end-alone"]
    for n in range(6):
        assert times[f"end{n}"] <= began or times[f"start{n}"] >= ended, (n, events)
    # and the others did run side by side (two workers), or the check above proves nothing
    starts = sorted(times[f"start{n}"] for n in range(6))
    assert any(
        times[f"end{n}"] > later for n in range(6) for later in starts if later > times[f"start{n}"]
    )
