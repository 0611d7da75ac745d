"""Discord Markdown: user text escaped, every mention syntax broken, web addresses kept as links."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.discord.render import discord_text
from bot.text import Message, Plain, UserText


def user(text):
    return Message.of((Plain("asked: "), UserText(text)))


DISCORD_NOTIFIES = re.compile(r"@(everyone|here)|<(@[!&]?|#)\d+>")


@pytest.mark.parametrize(
    "url",
    [
        "https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html",
        "https://en.wikipedia.org/wiki/Attention_(machine_learning)",
        "https://github.com/kim/til/blob/main/week_02/peer-minutes.md#day-6",
        "http://localhost:8888/tree?token=a*b~c",
    ],
)
def test_a_typed_web_address_stays_a_working_link_on_discord(url):
    rendered = discord_text(user(f"see {url} for *more*"))
    assert f" {url} " in rendered
    assert rendered.endswith("for \\*more\\*")


def test_punctuation_after_a_web_address_is_not_part_of_it_on_discord():
    rendered = discord_text(user("(docs: https://a.example/x_y)."))
    assert rendered == "asked: \\(docs: https://a.example/x_y\\)."


def test_a_masked_link_typed_by_a_user_stays_literal_on_discord():
    rendered = discord_text(user("[free nitro](https://evil.example)"))
    assert rendered == "asked: \\[free nitro\\]\\(https://evil.example\\)"


def test_a_mention_hidden_in_a_web_address_is_still_broken_on_discord():
    rendered = discord_text(user("https://x.example/@everyone and <@&123>"))
    assert not DISCORD_NOTIFIES.search(rendered)


def test_discord_headings_quotes_and_lists_typed_by_users_stay_text():
    rendered = discord_text(Message.of((UserText("# big"),), (UserText("-# small"),)))
    assert rendered == "\\# big\n\\-\\# small"
    assert discord_text(Message.of((UserText("> quoted"),))) == "\\> quoted"


@given(st.text())
def test_nothing_typed_ever_notifies_anyone_on_discord(text):
    assert not DISCORD_NOTIFIES.search(discord_text(user(text)))
