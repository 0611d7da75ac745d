import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import Mention, Message, Plain, UserText, discord_text, plain_text, slack_text

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


# --- Slack mrkdwn ----------------------------------------------------------------------------


def test_slack_escapes_the_bots_own_angle_brackets_too():
    message = Message.of((Plain("type /ask <question> & wait"),))
    assert slack_text(message) == "type /ask &lt;question&gt; &amp; wait"


def test_slack_converts_the_cores_markdown_to_mrkdwn():
    message = Message.of(
        (Plain("## Week 2"),),
        (Plain("- **Fact**: see [the notes](https://example.com/a_(b)) and `a<b>`"),),
        (Plain("  - nested"),),
    )
    assert slack_text(message).split("\n") == [
        "*Week 2*",
        "• *Fact*: see <https://example.com/a_(b)|the notes> and `a&lt;b&gt;`",
        "  • nested",
    ]


def test_slack_code_spans_are_not_restyled():
    assert slack_text(Message.of((Plain("`**x**` **y**"),))) == "`**x**` *y*"


def test_slack_links_the_web_addresses_users_type_and_keeps_the_punctuation_out():
    message = Message.of((UserText("see https://a.io/?q=1&r=2. or https://w.org/A_(b)), ok"),))
    assert slack_text(message) == ("see <https://a.io/?q=1&amp;r=2>. or <https://w.org/A_(b)>), ok")


def test_slack_a_typed_link_cannot_smuggle_a_mention():
    for text in ("https://x.io/<!here>", "https://x.io|<!channel>", "<https://x.io|<!everyone>>"):
        rendered = slack_text(Message.of((UserText(text),)))
        assert "<!" not in rendered and "<@" not in rendered, rendered


def test_slack_mentions_only_slack_user_ids():
    message = Message.of((Mention("U01ABC", "kim"), Plain(" "), Mention("lee", "<!here>")))
    assert slack_text(message) == "<@U01ABC> @&lt;!here&gt;"


def test_slack_bold_around_user_text_spans_the_spans():
    message = Message.of((Plain("Team **"), UserText("a<b"), Plain("** is set up")))
    assert slack_text(message) == "Team *a&lt;b* is set up"


def test_slack_a_list_item_may_start_with_a_users_text():
    message = Message.of((Plain("  - "), UserText("kim"), Plain(" (admin)")))
    assert slack_text(message) == "  • kim (admin)"


# --- Discord ------------------------------------------------------------------------------

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
