"""A cohort of three teams on Slack (issue 15): the mentors' channel's queue, two mentors
claiming by its buttons (the second refused, naming the first), one answer from the *Answer*
form reaching both teams of a near-duplicate, posted in each team's channel."""

from __future__ import annotations

import re
from typing import Any

from adapters.slack import SlackAdapter
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.slack.conftest import SETUP, SlackDriver
from tests.slack.fake import FakeSlack, block_action, view_submission

MENTORS = "C0MENTORS"
TEAMS = ("C0STUDY1", "C0STUDY2", "C0STUDY3")


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    return {e["text"]["text"]: e for e in found}


async def press(slack: SlackDriver, fake: FakeSlack, blocks, label: str, user: str):
    button = buttons(blocks)[label]
    action = block_action(
        button["action_id"],
        user=user,
        channel=MENTORS,
        value=button["value"],
        ephemeral=True,
        response_url=fake.response_url(f"q-{user}"),
    )
    return await slack.interact(action)


async def test_a_cohort_of_three_teams_with_two_mentors_on_slack(
    slack: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    for channel in TEAMS:
        assert "set up" in (await slack.command("/team", SETUP, channel=channel)).text
    created = await slack.command("/cohort", 'create name:"AI 3기"', user="U0PARK", channel=MENTORS)
    assert created.only() in created.public and "mentors' channel" in created.text
    shown = await slack.command("/cohort", "show", user="U0PARK", channel=MENTORS)
    assert shown.only() in shown.private
    found = re.search(r"code:([A-Z2-9]{8})", shown.text)
    assert found is not None
    for channel in TEAMS:
        joined = await slack.command("/cohort", f"join code:{found.group(1)}", channel=channel)
        assert joined.only() in joined.public and "only questions escalated" in joined.text
    added = await slack.command(
        "/cohort", "mentor add:<@U0LEE|lee>", user="U0PARK", channel=MENTORS
    )
    assert "is now a mentor of cohort" in added.text
    for channel, text in zip(
        TEAMS,
        ("SVD 특이값 분해가 뭔가요?", "특이값 분해(SVD)가 뭔가요", "How does warm-up work?"),
        strict=True,
    ):
        await slack.command("/ask", f"{text} category:lecture", channel=channel)
        await slack.command("/escalate", "1", channel=channel)
    queue = (await slack.command("/cohort", "queue", user="U0LEE", channel=MENTORS)).only()
    assert "1#1" in queue.args["text"] and "same question: 2#1" in queue.args["text"]
    assert list(buttons(queue.args["blocks"])) == [
        "🙋 Claim 1#1",
        "Answer 1#1",
        "🙋 Claim 3#1",
        "Answer 3#1",
    ]
    claimed = await press(slack, fake, queue.args["blocks"], "🙋 Claim 1#1", "U0PARK")
    assert any("park claimed 1#1, 2#1" in c.args.get("text", "") for c in claimed.public)
    before = await snapshot(runtime.uow_factory)
    refused = await press(slack, fake, queue.args["blocks"], "🙋 Claim 1#1", "U0LEE")
    assert "park has 1#1 already" in refused.text and not refused.public
    assert await snapshot(runtime.uow_factory) == before
    opened = await press(slack, fake, queue.args["blocks"], "Answer 1#1", "U0PARK")
    assert [c.method for c in opened.answers] == ["views.open"]
    done = await slack.interact(
        view_submission(fake.views[-1], {"text": "A = UΣVᵀ 입니다."}, user="U0PARK")
    )
    assert "park answered 1#1, 2#1 (2 teams)" in done.text
    await slack.command(
        "/cohort", "answer 3#1 It ramps the rate up.", user="U0LEE", channel=MENTORS
    )
    await runtime.delivery({"slack": adapter.poster}).deliver_due()
    posted = {c.args["channel"]: c.args["text"] for c in fake.posts() if "Mentor" in c.args["text"]}
    assert set(posted) == set(TEAMS)
    assert "Mentor park answered *#1*" in posted["C0STUDY1"] and "UΣVᵀ" in posted["C0STUDY2"]
    assert "Mentor lee answered *#1*" in posted["C0STUDY3"]
    page = (await slack.command("/question", "1", channel="C0STUDY2")).only()
    assert "park (mentor): A = UΣVᵀ 입니다." in page.args["text"]
