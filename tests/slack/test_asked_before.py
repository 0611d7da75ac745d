""" "Asked before?" on Slack (the real slack-bolt against the fake): /ask with a similar question
answers privately with *Post anyway* and `#1`; *Post anyway* posts the held question's card in
the channel; `#1` opens the old question's page privately."""

from __future__ import annotations

from tests.slack.conftest import SlackDriver
from tests.slack.fake import CHANNEL, FakeSlack, block_action
from tests.slack.test_cards import buttons

OLD = "SVD의 singular value는 정렬된 값인가요"
NEW = "singular value가 SVD에서 정렬되어 있나요"


async def test_asked_before_holds_the_question_and_post_anyway_posts_it(
    team: SlackDriver, fake: FakeSlack
):
    await team.command("/ask", OLD)
    held = await team.command("/ask", NEW, user="U0PARK")
    [told] = held.answers
    assert told in held.private and not held.public
    assert "Was this asked before?" in told.args["text"] and "#1" in told.args["text"]
    choices = buttons(told.args["blocks"])
    assert list(choices) == ["📝 Post anyway", "#1"]
    opened = await team.interact(
        block_action(choices["#1"]["action_id"], user="U0PARK", value=choices["#1"]["value"],
                     ephemeral=True)
    )  # fmt: skip
    [page] = opened.answers
    assert page in opened.private and OLD in page.args["text"]
    before = len(fake.history[CHANNEL])
    post = choices["📝 Post anyway"]
    posted = await team.interact(
        block_action(post["action_id"], user="U0PARK", value=post["value"], ephemeral=True)
    )
    [card] = posted.public
    assert "#2" in card.args["text"] and "정렬되어" in card.args["text"]
    assert len(fake.history[CHANNEL]) == before + 1
