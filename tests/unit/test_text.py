"""The span model across renderers: what user text and the bot's own words become on each."""

import pytest

from adapters.discord.render import discord_text
from adapters.slack.render import slack_text
from bot.text import Mention, Message, Plain, UserText, plain_text

DANGEROUS = [
    "@everyone",
    "@here",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@&123>",
    "<@123>",
    "<@!123>",
    "<#456>",
    "<!subteam^S123|@team>",
    "<@U0123ABC>",
]


def user(text):
    return Message.of((Plain("asked: "), UserText(text)))


@pytest.mark.parametrize("text", DANGEROUS)
def test_user_text_never_becomes_a_discord_mention(text):
    rendered = discord_text(user(text))
    for token in ("@everyone", "@here", "<@&123>", "<@123>", "<@!123>", "<#456>"):
        assert token not in rendered


@pytest.mark.parametrize("text", DANGEROUS)
def test_user_text_never_becomes_a_slack_mention(text):
    rendered = slack_text(user(text))
    assert "<" not in rendered.removeprefix("asked: ")
    assert ">" not in rendered.removeprefix("asked: ")


def test_the_bots_own_mentions_do_notify():
    message = Message.of((Plain("hi "), Mention("U1", "kim")))
    assert slack_text(message) == "hi <@U1>"
    assert discord_text(message) == "hi <@U1>"
    assert plain_text(message) == "hi @kim"
    assert message.mentions() == [Mention("U1", "kim")]


def test_user_markdown_is_literal_on_discord_and_bold_is_kept_for_the_bot():
    message = Message.of((Plain("**#1** "), UserText("**not bold** `x`")))
    assert discord_text(message) == "**#1** \\*\\*not bold\\*\\* \\`x\\`"
    assert slack_text(message) == "*#1* **not bold** `x`"


def test_console_shows_user_text_as_typed():
    assert plain_text(user("<!channel> @everyone")) == "asked: <!channel> @everyone"


def test_a_relabelled_button_keeps_every_other_field() -> None:
    """`Action.with_label` builds the button field by field: one added to `Action` later and
    left out there would be lost on every labelled button."""
    import dataclasses

    from bot.text import Action

    every = Action(**{f.name: f"<{f.name}>" for f in dataclasses.fields(Action)})
    assert every.with_label("Answer") == dataclasses.replace(every, label="Answer")
