"""User text cannot reorder the bot's words (bidi controls) nor show one address and open
another (links), on every renderer: Slack mrkdwn, Discord Markdown, console, Markdown digests."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.discord.render import discord_text
from adapters.slack.render import slack_text
from bot.digest.markdown import escape_code, escape_inline
from bot.text import Mention, Message, Plain, UserText, plain_text
from tests.bidi import paragraphs, scan_line

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
END = "END-OF-BOT-WORDS"


def _digest(message: Message) -> str:
    (line,) = message.lines
    return "".join(escape_inline(s.text) if isinstance(s, UserText) else str(s.text) for s in line)  # type: ignore[union-attr]


def _digest_code(message: Message) -> str:
    (line,) = message.lines
    return "".join(escape_code(s.text) if isinstance(s, UserText) else str(s.text) for s in line)  # type: ignore[union-attr]


RENDERERS: dict[str, Callable[[Message], str]] = {
    "slack": slack_text,
    "discord": discord_text,
    "console": plain_text,
    "digest": _digest,
    "digest code": _digest_code,
}


def open_at_end_and_loose(rendered: str) -> tuple[list[str], list[str]]:
    """UAX #9's stack, simplified: what is still open where the bot's last words begin, and the
    controls that stood outside every isolate (which could act on the bot's words)."""
    stack: list[str] = []
    loose: list[str] = []
    for line in paragraphs(rendered[: rendered.rindex(END)]):
        stack, loose_here = scan_line(line)
        loose += loose_here
    return stack, loose


def said(text: str) -> Message:
    return Message.of((Plain("asked: "), UserText(text), Plain(" " + END)))


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("control", list(CONTROLS))
def test_a_bidi_control_in_user_text_cannot_reach_the_bots_words(renderer: str, control: str):
    rendered = RENDERERS[renderer](said(f"abc {control}xyz"))
    assert open_at_end_and_loose(rendered) == ([], [])


bidi_text = st.text(
    alphabet=st.sampled_from([*CONTROLS, "a", "ש", "ع", " ", "\n", "1", "(", "[", "<", "@"])
)


@given(bidi_text)
def test_no_user_text_leaves_a_bidi_control_open_or_outside_its_isolate(text: str):
    for renderer, render in RENDERERS.items():
        assert open_at_end_and_loose(render(said(text))) == ([], []), renderer


def test_text_without_bidi_controls_is_unchanged_and_rtl_text_is_kept():
    assert plain_text(said("שלום عربي")) == f"asked: שלום عربي {END}"
    assert "\u202e" in plain_text(said("\u202eevil"))  # shown isolated, not dropped


def test_a_display_name_cannot_reverse_the_console_line():
    message = Message.of((Mention("kim", "\u202ekim"), Plain(" " + END)))
    assert open_at_end_and_loose(plain_text(message)) == ([], [])


# --- links ----------------------------------------------------------------------------------

SLACK_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")
ADDRESS = re.compile(r"://|www\.|[\w-]\.[a-z]{2,}", re.IGNORECASE)


@pytest.mark.parametrize(
    "label", ["https://good.example", "good.example.com", "www.good", "see https://good"]
)
def test_a_slack_link_whose_text_is_another_address_shows_where_it_goes(label: str):
    rendered = slack_text(said(f"[{label}](https://evil.example/x)"))
    assert "<https://evil.example/x>" in rendered  # the target, shown as itself
    assert not SLACK_LINK.search(rendered)


def test_a_slack_link_with_words_for_text_is_still_a_link():
    rendered = slack_text(said("[the docs](https://example.com/docs)"))
    assert "<https://example.com/docs|the docs>" in rendered


def test_a_web_address_in_angle_brackets_is_a_working_link_on_slack_and_discord():
    assert "&lt;<https://example.com/docs>&gt;" in slack_text(said("<https://example.com/docs>"))
    assert "<https://example.com/docs>" in discord_text(said("<https://example.com/docs>"))


def test_a_masked_link_cannot_be_built_from_a_typed_address_on_discord():
    rendered = discord_text(said("[https://good](https://evil)"))
    assert rendered == f"asked: \\[https://good\\]\\(https://evil\\) {END}"


label = st.one_of(
    st.text(min_size=1, max_size=20),
    st.from_regex(r"(https?://)?(www\.)?[a-z]{1,8}\.[a-z]{2,4}(/[a-z]{0,5})?", fullmatch=True),
)
target = st.from_regex(r"https?://[a-z]{1,8}\.[a-z]{2,4}(/[a-z0-9&<>_]{0,8})?", fullmatch=True)


@given(label, target, st.text(max_size=10))
def test_no_slack_link_shows_an_address_other_than_its_target(label: str, url: str, tail: str):
    rendered = slack_text(said(f"[{label}]({url}){tail}"))
    for target_url, text in SLACK_LINK.findall(rendered):
        assert not ADDRESS.search(text) or text == target_url, rendered


@given(label, target, st.text(max_size=10))
def test_no_masked_link_survives_in_discord_rendering_of_user_text(label: str, url: str, tail):
    rendered = discord_text(said(f"[{label}]({url}){tail}"))
    unescaped = re.sub(r"\\.", "", rendered)
    assert "[" not in unescaped
