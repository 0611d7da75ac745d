"""Reminders act on Discord: the session agenda's #N, the assignment reminder's Done and the
mentor list's Answer #N are components of the posted messages, and pressing one runs its
command for the presser (Done marks it done for them, Answer opens the answer modal, #N shows
the page), also after a restart; a stale or foreign press gets a sentence."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from adapters.discord import DiscordAdapter
from bot.scheduled.drivers import Stepper
from peerbot.bootstrap import Runtime
from tests.discord.conftest import SEOUL, command, content, flags, set_up_team
from tests.discord.fake import CHANNEL_ID, OTHER_CHANNEL_ID, Call, FakeDiscord

MODAL = 9
EPHEMERAL = 64
LEE = (222, "lee")


async def walk_the_day(
    runtime: Runtime,
    adapter: DiscordAdapter,
    fake: FakeDiscord,
    before_reminders: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """A question for the mentor and an assignment due at 17:00; the clock runs to 17:10, so the
    session reminder, the assignment's 1-hour reminder and the mentor list are posted (after
    `before_reminders`, if given)."""
    await set_up_team(fake)
    await command(fake, "team", "settings", office_hours="17:30")
    await command(fake, "ask", question="Why zero_grad?")
    await command(fake, "escalate", number="1")
    await command(fake, "assignment", "add", title="ViT", due="2021-08-09 17:00")
    await command(fake, "ask", question="Joining", user=LEE)
    if before_reminders is not None:
        await before_reminders()
    stepper = Stepper(
        runtime.reminders,
        runtime.delivery({"discord": adapter.poster}),
        runtime.clock,  # type: ignore[arg-type]
    )
    await stepper.advance(datetime(2021, 8, 9, 13, 1, tzinfo=SEOUL))
    await stepper.advance(datetime(2021, 8, 9, 17, 10, tzinfo=SEOUL))


def post_starting(fake: FakeDiscord, start: str) -> dict[str, Any]:
    posts = fake.channel_messages[str(CHANNEL_ID)]
    [post] = [p for p in posts if str(p.get("content", "")).startswith(start)]
    return post


def buttons(post: dict[str, Any]) -> list[dict[str, Any]]:
    return [button for row in post.get("components") or [] for button in row["components"]]


async def press(
    fake: FakeDiscord,
    button: dict[str, Any],
    post: dict[str, Any],
    user: tuple[int, str] = LEE,
    channel_id: int = CHANNEL_ID,
) -> Call:
    payload = fake.interaction(
        3,
        {"custom_id": button["custom_id"], "component_type": 2},
        user_id=user[0],
        name=user[1],
        channel_id=channel_id,
        message=post["message"],
    )
    return await fake.interact(payload)


async def test_the_posted_reminders_carry_their_buttons(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await walk_the_day(runtime, adapter, fake)
    session = buttons(post_starting(fake, "⏰ **Peer session"))
    assert [(b["label"], b["custom_id"]) for b in session] == [
        ("#1", "pb:question:1"),
        ("#2", "pb:question:2"),
    ]
    [done] = buttons(post_starting(fake, "📌 **ViT**"))
    assert (done["label"], done["custom_id"]) == ("Done", "pb:assignment done:1")
    [answer] = buttons(post_starting(fake, "🙋 **For the mentor**"))
    assert (answer["label"], answer["custom_id"]) == ("Answer #1", "pb:answer:1")


async def test_pressing_done_marks_the_assignment_done_for_the_presser(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await walk_the_day(runtime, adapter, fake)
    post = post_starting(fake, "📌 **ViT**")
    [done] = buttons(post)
    pressed = await press(fake, done, post)
    assert pressed.json["type"] == 4 and not flags(pressed) & EPHEMERAL  # as the command does
    assert "lee finished **#1** ViT (1 of 2 done)" in content(pressed)
    again = await press(fake, done, post)
    assert flags(again) & EPHEMERAL and "already marked #1 done" in content(again)
    listed = await command(fake, "assignment", "list", period="all", user=LEE)
    assert "done: lee · ⏳ not yet: kim" in content(listed)


async def test_pressing_answer_opens_the_modal_and_an_agenda_item_the_page(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await walk_the_day(runtime, adapter, fake)
    mentor = post_starting(fake, "🙋 **For the mentor**")
    [answer] = buttons(mentor)
    modal = await press(fake, answer, mentor)
    assert modal.json["type"] == MODAL
    assert modal.json["data"]["custom_id"].startswith("pbform:answer:1")
    session = post_starting(fake, "⏰ **Peer session")
    first, _ = buttons(session)
    page = await press(fake, first, session)
    assert flags(page) & EPHEMERAL and r"Why zero\_grad?" in content(page)


async def test_the_buttons_work_after_a_restart_and_stale_or_foreign_ones_say_why(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime, settings
):
    await walk_the_day(runtime, adapter, fake)
    post = post_starting(fake, "📌 **ViT**")
    [done] = buttons(post)
    await adapter.close()
    restarted = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05)
    await restarted.start()
    try:
        foreign = await press(fake, done, post, channel_id=OTHER_CHANNEL_ID)  # no team there
        assert flags(foreign) & EPHEMERAL and "/team setup" in content(foreign)
        await command(fake, "assignment", "remove", which="1")
        stale = await press(fake, done, post)
        assert flags(stale) & EPHEMERAL
        assert "There is no assignment #1 in this team" in content(stale)
        mentor = post_starting(fake, "🙋 **For the mentor**")
        [answer] = buttons(mentor)
        assert (await press(fake, answer, mentor)).json["type"] == MODAL  # after the restart
    finally:
        await restarted.close()
