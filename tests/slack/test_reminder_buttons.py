"""Reminders act on Slack: the session agenda's #N, the assignment reminder's Done and the mentor
list's Answer #N are buttons in the posted blocks, and pressing one runs its command for the
presser (Done marks it done for them, Answer opens the answer modal, #N shows the page)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from adapters.slack import SlackAdapter
from bot.scheduled.drivers import Stepper
from peerbot.bootstrap import Runtime
from tests.slack.conftest import SEOUL, SlackDriver
from tests.slack.fake import CHANNEL, OTHER_CHANNEL, Call, FakeSlack, block_action


async def walk_the_day(
    team: SlackDriver,
    runtime: Runtime,
    adapter: SlackAdapter,
    before_reminders: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """A question for the mentor and an assignment due at 17:00; the clock runs to 17:10, so the
    session reminder (15:50), the assignment's 1-hour reminder (16:00) and the mentor list
    (17:00, office hours at 17:30) are posted (after `before_reminders`, if given)."""
    await team.command("/team", "settings office_hours:17:30")
    await team.command("/ask", "Why zero_grad?")
    await team.command("/escalate", "1")
    await team.command("/assignment", 'add ViT due:"2021-08-09 17:00"')
    await team.command("/ask", "Joining", user="U0LEE")
    if before_reminders is not None:
        await before_reminders()
    stepper = Stepper(
        runtime.reminders,
        runtime.delivery({"slack": adapter.poster}),
        runtime.clock,  # type: ignore[arg-type]
    )
    await stepper.advance(datetime(2021, 8, 9, 13, 1, tzinfo=SEOUL))
    await stepper.advance(datetime(2021, 8, 9, 17, 10, tzinfo=SEOUL))


def post_starting(fake: FakeSlack, start: str) -> Call:
    [post] = [p for p in fake.posts(CHANNEL) if str(p.args["text"]).startswith(start)]
    return post


def buttons(post: Call) -> list[dict[str, Any]]:
    [actions] = [b for b in post.args["blocks"] if b["type"] == "actions"]
    return list(actions["elements"])


async def press(
    team: SlackDriver, button: dict[str, Any], user: str = "U0LEE", channel: str = CHANNEL
):
    return await team.interact(
        block_action(button["action_id"], user=user, channel=channel, value=button["value"])
    )


async def test_the_posted_reminders_carry_their_buttons(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    await walk_the_day(team, runtime, adapter)
    session = post_starting(fake, "⏰ *Peer session")
    assert [b["text"]["text"] for b in buttons(session)] == ["#1", "#2"]
    assignment = post_starting(fake, "📌 *ViT*")
    assert [b["text"]["text"] for b in buttons(assignment)] == ["Done"]
    mentor = post_starting(fake, "🙋 *For the mentor*")
    assert [b["text"]["text"] for b in buttons(mentor)] == ["Answer #1"]


async def test_pressing_done_marks_the_assignment_done_for_the_presser(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    await walk_the_day(team, runtime, adapter)
    [done] = buttons(post_starting(fake, "📌 *ViT*"))
    pressed = await press(team, done)
    assert pressed.ack == ""
    said = pressed.only()
    assert said in pressed.public  # as /assignment done answers: in the channel
    assert "lee finished *#1* ViT (1 of 2 done)" in said.args["text"]
    again = await press(team, done)
    assert again.only() in again.private and "already marked #1 done" in again.text
    listed = await team.command("/assignment", "list all", user="U0LEE")
    assert "done: lee · ⏳ not yet: kim" in listed.text  # the presser's mark, no one else's


async def test_pressing_answer_on_the_mentor_list_opens_the_answer_modal(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    await walk_the_day(team, runtime, adapter)
    [answer] = buttons(post_starting(fake, "🙋 *For the mentor*"))
    pressed = await press(team, answer)
    [opened] = [c for c in pressed.calls if c.method == "views.open"]
    view = opened.args["view"]
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == ["text"]
    assert "#1" in view["title"]["text"]


async def test_pressing_an_agenda_item_shows_its_page_to_the_presser_alone(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    await walk_the_day(team, runtime, adapter)
    first, _ = buttons(post_starting(fake, "⏰ *Peer session"))
    pressed = await press(team, first)
    page = pressed.only()
    assert page in pressed.private and "Why zero_grad?" in page.args["text"]


async def test_stale_and_foreign_presses_get_one_sentence(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    await walk_the_day(team, runtime, adapter)
    [done] = buttons(post_starting(fake, "📌 *ViT*"))
    [answer] = buttons(post_starting(fake, "🙋 *For the mentor*"))
    # In a channel of no team (as if the post were seen elsewhere): how to start one.
    for button in (done, answer):
        foreign = await press(team, button, channel=OTHER_CHANNEL)
        assert foreign.only() in foreign.private and "/team setup" in foreign.text
        assert not [c for c in foreign.calls if c.method == "views.open"]
    # Weeks later, the assignment removed: the post's button says so.
    await team.command("/assignment", "remove 1")
    stale = await press(team, done)
    assert stale.only() in stale.private
    assert "There is no assignment #1 in this team" in stale.text
