"""The code stays linted and type-checked: ruff and mypy --strict run as part of the suite."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_finds_nothing():
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_imports_no_platform_or_database_library():
    forbidden = (
        "discord",
        "slack_bolt",
        "slack_sdk",
        "sqlalchemy",
        "alembic",
        "aiosqlite",
        "psycopg",
    )
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "bootstrap.py":
            continue  # the one place that wires concrete classes
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                module = stripped.split()[1]
                assert not module.startswith(forbidden), f"{path}: {stripped}"
