"""The console reads scripts line by line and moves its clock the same way in both modes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.console import Console, ConsoleClock
from bot.core import PeerBot
from bot.model.teams import Language
from peerbot.cli import main
from tests.conftest import SEOUL
from tests.fakes import FakeUnitOfWorkFactory


def console(*, frozen: bool) -> tuple[Console, io.StringIO]:
    clock = ConsoleClock(frozen=frozen)
    out = io.StringIO()
    bot = PeerBot(FakeUnitOfWorkFactory(), clock, default_language=Language.EN)
    return Console(bot, clock, out), out


async def move(chat: Console, *, interactive: bool, line: str) -> None:
    if interactive:
        await chat._interactive_line("kim", line)
    else:
        await chat.run_script([line])


@pytest.mark.parametrize("interactive", [True, False], ids=["interactive", "script"])
async def test_after_the_first_move_the_clock_refuses_to_go_back_with_one_sentence(interactive):
    chat, out = console(frozen=not interactive)
    await move(chat, interactive=interactive, line="@ 2021-08-09 13:00")
    before = chat.clock.now()
    await move(chat, interactive=interactive, line="@ 2021-08-08 10:00")
    assert abs((chat.clock.now() - before).total_seconds()) < 60  # not moved back
    refusal = out.getvalue().splitlines()[-1]
    assert refusal.endswith(
        "the clock cannot go back to 2021-08-08 10:00 (it is 2021-08-09 13:00); "
        "after the first @ it moves forward only"
    )
    await move(chat, interactive=interactive, line="@ 2021-08-10 09:00")
    assert chat.clock.now().astimezone(SEOUL).isoformat().startswith("2021-08-10T09:00")


async def test_a_script_line_that_is_not_utf8_is_named_and_the_rest_runs():
    chat, out = console(frozen=True)
    result = await chat.run_script(
        [
            "\ufeff@ 2021-08-09 13:00\n".encode(),
            b"kim: /team setup start:2021-08-02 lang:en\n",
            b"kim: /ask caf\xe9?\n",
            "kim: /ask 카페?\r\n".encode(),
        ],
        source="week.txt",
    )
    assert result.commands == 2 and result.unreadable == 1 and result.rejected == 0
    assert "week.txt:3: not UTF-8 (byte 0xe9 at byte 14)" in out.getvalue()
    assert "카페?" in out.getvalue()


def test_peerbot_console_runs_a_script_with_invalid_utf8_and_names_the_line(tmp_path: Path):
    script = tmp_path / "week.txt"
    script.write_bytes(b"@ 2021-08-09 13:00\n\xff\xfe broken\nkim: /team setup start:2021-08-02\n")
    env = {"PEERBOT_DATA_DIR": str(tmp_path)}
    for args, stdin in ([["--script", str(script)], None], [[], script.read_bytes()]):
        result = CliRunner().invoke(main, ["console", "--strict", *args], input=stdin, env=env)
        assert result.exit_code == 1, result.output
        assert ":2: not UTF-8 (byte 0xff at byte 1)" in result.output
        assert "Traceback" not in result.output
        assert "1 commands, 0 rejected, 1 unreadable lines" in result.output
        (tmp_path / "peerbot.db").unlink()
