"""Slack mrkdwn: the core's Markdown converted, user text escaped, web addresses made links."""

import pytest

from adapters.slack.render import slack_text
from bot.text import Mention, Message, Plain, UserText


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


@pytest.mark.parametrize("label", ["paypal.com_login", "0.AA0", "good.com1"])
def test_a_link_label_that_runs_on_after_an_address_still_shows_the_target(label: str):
    rendered = slack_text(Message.of((UserText(f"[{label}](https://evil.example/x)"),)))
    assert rendered == f"{label} (<https://evil.example/x>)"


def test_a_link_label_of_words_with_a_dot_and_no_address_is_still_a_link():
    rendered = slack_text(Message.of((UserText("[see p. 3](https://example.com/a)"),)))
    assert rendered == "<https://example.com/a|see p. 3>"
