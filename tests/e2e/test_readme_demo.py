"""The README's first demo, typed on the console's real clock, gives a sensible Day (issue 12).

It used to set the course start to 2021-08-02 and so answered "Day 1313"; `/team setup` now
starts the course today, and the demo relies on that.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.test_console_cli import peerbot

README = Path(__file__).parents[2] / "README.md"


def try_it_lines() -> list[str]:
    """The "Try it" section's console lines, as a script (`NAME: /command`)."""
    section = README.read_text(encoding="utf-8").split("## Try it", 1)[1].split("\n## ", 1)[0]
    block = section.split("```text\n", 1)[1].split("```", 1)[0]
    speaker, script = "you", []
    for prompt_line in block.splitlines():
        typed = prompt_line.split("> ", 1)[1]
        if typed.startswith("/as "):
            speaker = typed.removeprefix("/as ").strip()
        else:
            script.append(f"{speaker}: {typed}")
    return script


def test_the_readmes_first_demo_on_the_real_clock_is_on_day_one(tmp_path: Path):
    script = try_it_lines()
    assert script[0].startswith("kim: /team setup")
    result = peerbot(tmp_path, "console", "--strict", "--script", "-", stdin="\n".join(script))
    assert result.returncode == 0, result.stdout + result.stderr
    days = [int(n) for n in re.findall(r"\bDay (\d+)", result.stdout)]
    assert days and set(days) == {1}, result.stdout
