"""The core is about no platform: Slack and Discord live in `adapters/`, so a third platform (or a
change to one) never touches `bot/`. Data strings such as a row's platform name are fine; what
these tests keep out is code about a platform (a function, class or module named after one) and
platform syntax (Slack's mrkdwn, Discord's allowed mentions, a mention being written as `<@…>`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BOT = ROOT / "bot"
PLATFORMS = re.compile("slack|discord", re.IGNORECASE)

# Modules of `bot/` allowed to name a platform: none (the composition root, which builds the
# adapters, is `peerbot/`). A module added here must exist (`test_the_exemptions_still_exist`).
EXEMPT: frozenset[str] = frozenset()

# Sentences and templates are words, not code: a catalog may say "Slack" to a person.
CATALOGS = ("bot/i18n/",)

# Platform syntax in the core's source. A mention is written by interpolating or concatenating an
# id after `<@` (`f"<@{id}>"`, `"<@" + id`, `"<@%s>"`); reading one a person typed
# (`ref.startswith("<@")`) is not writing it, so that pattern does not match it.
SYNTAX = {
    "Slack mrkdwn": re.compile("mrkdwn", re.IGNORECASE),
    "Discord allowed mentions": re.compile(r"allowed_?mentions|AllowedMentions"),
    "a platform mention written": re.compile(r"<@[!&]?(?:\{|%s|[\"']\s*\+)"),
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def core_modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


def platform_named(source: str) -> list[str]:
    """Every function and class (methods and nested ones too) whose name mentions a platform."""
    return [
        f"{node.name} (line {node.lineno})"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and PLATFORMS.search(node.name)
    ]


def platform_syntax(source: str) -> list[str]:
    """What of `SYNTAX` the source writes, with the line it is on."""
    found: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        found += [f"{what} (line {number})" for what, rx in SYNTAX.items() if rx.search(line)]
    return found


def test_no_function_or_class_in_the_core_is_about_slack_or_discord():
    offenders = {
        _relative(path): names
        for path in core_modules()
        if _relative(path) not in EXEMPT
        and (names := platform_named(path.read_text(encoding="utf-8")))
    }
    assert not offenders, offenders


def test_no_module_or_package_of_the_core_is_named_after_a_platform():
    paths = (path.relative_to(BOT).as_posix() for path in BOT.rglob("*"))
    named = [path for path in paths if PLATFORMS.search(path)]
    assert not named, named


def test_no_module_of_the_core_writes_platform_syntax():
    offenders = {
        _relative(path): found
        for path in core_modules()
        if not _relative(path).startswith(CATALOGS)
        and (found := platform_syntax(path.read_text(encoding="utf-8")))
    }
    assert not offenders, offenders


def test_the_exemptions_still_exist():
    """An exemption for a module that has moved out would silently exempt nothing: drop it."""
    missing = sorted(name for name in EXEMPT if not (ROOT / name).exists())
    assert not missing, f"moved out of bot/? drop from EXEMPT: {missing}"


# --- the checks catch what they are for ----------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "def slack_text(message): ...",
        "class DiscordPiece: ...",
        "async def post_to_discord(): ...",
        "class Renderer:\n    def escape_Slack(self): ...",
        "def outer():\n    def _discord_escaped(found): ...",
    ],
)
def test_a_function_or_class_named_after_a_platform_is_found(source: str):
    assert platform_named(source)


@pytest.mark.parametrize(
    "source",
    [
        'section = {"type": "mrkdwn", "text": text}',
        'return render(message, str, escape, lambda m: f"<@{m.user_id}>")',
        'return "<@" + mention.user_id + ">"',
        "return f'<@!{user}>'",
        'return "<@%s>" % user_id',
        "send(content, allowed_mentions=none)",
        "discord.AllowedMentions(everyone=False)",
    ],
)
def test_platform_syntax_is_found(source: str):
    assert platform_syntax(source)


@pytest.mark.parametrize(
    "source",
    [
        'platform = "slack"',
        'user_id = ref[2:-1] if ref.startswith("<@") and ref.endswith(">") else ref',
        '"""A member by a platform mention like `<@U123>` / `<@123>`."""',
        "def post(team, message): ...",
    ],
)
def test_data_and_reading_a_typed_mention_are_not_platform_code(source: str):
    assert not platform_named(source) and not platform_syntax(source)
