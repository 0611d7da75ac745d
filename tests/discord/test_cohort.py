"""A cohort of three teams on Discord (issue 15): the mentors' channel's queue, two mentors
claiming by its buttons (the second refused, naming the first), one answer from the *Answer*
modal reaching both teams of a near-duplicate, posted in each team's channel."""

from __future__ import annotations

import re
from typing import Any

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.discord.conftest import command, content, flags, set_up_team, slash
from tests.discord.fake import CHANNEL_ID, FakeDiscord
from tests.discord.test_forms import MODAL, submit

EPHEMERAL = 64
MENTORS = CHANNEL_ID + 8
TEAMS = (CHANNEL_ID, CHANNEL_ID + 5, CHANNEL_ID + 6)
LEE, PARK = (222, "lee"), (333, "park")


def buttons(message: dict[str, Any]) -> dict[str, str]:
    rows = message.get("components", [])
    return {b["label"]: b["custom_id"] for row in rows for b in row["components"]}


async def in_mentors(fake: FakeDiscord, sub: str, who: tuple[int, str], **options: Any):
    data = slash("cohort", sub)
    data["options"][0]["options"] = [
        {"name": key, "type": 3, "value": value} for key, value in options.items()
    ]
    payload = fake.interaction(2, data, user_id=who[0], name=who[1], channel_id=MENTORS)
    return await fake.interact(payload)


async def press(fake: FakeDiscord, message: dict[str, Any], label: str, who: tuple[int, str]):
    data = {"custom_id": buttons(message)[label], "component_type": 2}
    payload = fake.interaction(
        3, data, user_id=who[0], name=who[1], channel_id=MENTORS, message=message
    )
    return payload, await fake.interact(payload)


async def test_a_cohort_of_three_teams_with_two_mentors_on_discord(
    fake: FakeDiscord, runtime: Runtime, adapter: DiscordAdapter
):
    for channel in TEAMS:
        await set_up_team(fake, channel)
    created = await in_mentors(fake, "create", PARK, name="AI 3기")
    assert "mentors' channel" in content(created) and not flags(created) & EPHEMERAL
    shown = await in_mentors(fake, "show", PARK)
    assert flags(shown) & EPHEMERAL
    found = re.search(r"code:([A-Z2-9]{8})", content(shown))
    assert found is not None
    for channel in TEAMS:
        payload = fake.interaction(
            2, slash("cohort", "join", code=found.group(1)), channel_id=channel
        )
        joined = await fake.interact(payload)
        assert "only questions escalated" in content(joined)
    added = await in_mentors(fake, "mentor", PARK, add=f"<@{LEE[0]}>")
    assert "is now a mentor of cohort" in content(added)
    for channel, text in zip(
        TEAMS,
        ("SVD 특이값 분해가 뭔가요?", "특이값 분해(SVD)가 뭔가요", "How does warm-up work?"),
        strict=True,
    ):
        ask = slash("ask", question=text, category="lecture")
        await fake.interact(fake.interaction(2, ask, channel_id=channel))
        await fake.interact(fake.interaction(2, slash("escalate", number=1), channel_id=channel))
    queue = await in_mentors(fake, "queue", LEE)
    assert flags(queue) & EPHEMERAL and "same question: 2#1" in content(queue)
    [message] = [m for m in fake.messages.values() if "Mentors' queue" in m["content"]]
    assert list(buttons(message)) == ["🙋 Claim 1#1", "Answer 1#1", "🙋 Claim 3#1", "Answer 3#1"]
    _, claimed = await press(fake, message, "🙋 Claim 1#1", PARK)
    assert "park claimed 1#1, 2#1" in content(claimed) and not flags(claimed) & EPHEMERAL
    before = await snapshot(runtime.uow_factory)
    _, refused = await press(fake, message, "🙋 Claim 1#1", LEE)
    assert "park has 1#1 already" in content(refused) and flags(refused) & EPHEMERAL
    assert await snapshot(runtime.uow_factory) == before
    _, modal = await press(fake, message, "Answer 1#1", PARK)
    assert modal.json["type"] == MODAL
    values = submit(modal.json["data"]["custom_id"], {"text": "A = UΣVᵀ 입니다."})
    done = await fake.interact(
        fake.interaction(5, values, user_id=PARK[0], name=PARK[1], channel_id=MENTORS)
    )
    assert "park answered 1#1, 2#1 (2 teams)" in content(done)
    await in_mentors(fake, "answer", LEE, ref="3#1", text="It ramps the rate up.")
    await runtime.delivery({"discord": adapter.poster}).deliver_due()
    # Each answer is posted in the thread of its team's card (a thread's parent is the channel).
    in_threads = {
        m["channel_id"]: m["content"]
        for m in fake.messages.values()
        if m["content"].startswith("🎓 Mentor ")
    }
    assert all(thread in fake.threads for thread in in_threads), in_threads
    posted = {int(fake.threads[t]["parent_id"]): text for t, text in in_threads.items()}
    assert set(posted) == set(TEAMS)
    assert "park answered" in posted[TEAMS[0]] and "UΣVᵀ" in posted[TEAMS[1]]
    assert "lee answered" in posted[TEAMS[2]]
    page = await command(fake, "question", number=1)
    assert "park (mentor): A = UΣVᵀ 입니다." in content(page)
