"""The code stays linted and type-checked: ruff and mypy --strict run as part of the suite."""

import ast
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


# What only the adapters, storage and the composition root (peerbot/) may use: platform SDKs,
# database drivers, the command line, the environment's settings, the terminal.
THIRD_PARTY_OUTSIDE_THE_CORE = (
    "discord",
    "slack_bolt",
    "slack_sdk",
    "aiohttp",
    "sqlalchemy",
    "alembic",
    "aiosqlite",
    "psycopg",
    "asyncpg",
    "click",
    "pydantic_settings",
    "platformdirs",
    "prompt_toolkit",
)


def _imports(path: Path) -> list[str]:
    """Every module `path` imports, anywhere in the file (functions, TYPE_CHECKING blocks)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.append(node.module)
    return names


def test_core_imports_no_platform_or_database_library():
    """No exemption: the wiring (bootstrap) lives in peerbot/, outside the core."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in THIRD_PARTY_OUTSIDE_THE_CORE
    ]
    assert found == []
