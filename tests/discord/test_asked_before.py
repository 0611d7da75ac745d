""" "Asked before?" on Discord (the real discord.py against the fake): /ask with a similar
question answers ephemerally with *Post anyway* and `#1` (custom ids within 100 characters);
*Post anyway* posts the held question's card in the channel."""

from __future__ import annotations

from adapters.discord import DiscordAdapter
from tests.discord.conftest import content, flags, set_up_team, slash
from tests.discord.fake import FakeDiscord
from tests.discord.test_cards import EPHEMERAL, PARK, buttons

OLD = "SVD의 singular value는 정렬된 값인가요"
NEW = "singular value가 SVD에서 정렬되어 있나요"


async def test_asked_before_holds_the_question_and_post_anyway_posts_it(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await fake.interact(fake.interaction(2, slash("ask", question=OLD)))
    held = await fake.interact(
        fake.interaction(2, slash("ask", question=NEW), user_id=PARK[0], name=PARK[1])
    )
    assert flags(held) & EPHEMERAL and "Was this asked before?" in content(held)
    message = {"id": "999", "flags": EPHEMERAL, **held.json["data"]}
    choices = buttons(message)
    assert list(choices) == ["📝 Post anyway", "#1"]
    assert all(len(custom_id) <= 100 for custom_id in choices.values())
    assert not [m for m in fake.messages.values() if NEW in m["content"]]
    pressed = fake.interaction(
        3,
        {"custom_id": choices["📝 Post anyway"], "component_type": 2},
        user_id=PARK[0],
        name=PARK[1],
        message=message,
    )
    await fake.interact(pressed)
    for _ in range(100):
        if [m for m in fake.messages.values() if NEW in m["content"]]:
            break
        await fake.wait_followup(pressed)
    [card] = [m for m in fake.messages.values() if NEW in m["content"]]
    assert "#2" in card["content"]
