"""Replies in a question card's thread, in the core: recorded as the author's answers once the
team captures them, edited and deleted with the reply; otherwise the thread is told once, and
nothing else is said or stored."""

from __future__ import annotations

from dataclasses import replace

from bot.commands.spec import ThreadEvent
from bot.commands.table import thread_command
from bot.outbox import PostKind
from bot.ports import Invocation, Reply, SavedMessage
from bot.text import plain_text
from tests.calls import call
from tests.conftest import Harness, snapshot

THREAD = "t-1"
LINK = "https://chat.example/c1/t-1/r-1"


def reply(text: str = "they add up", *, link: str = LINK, **changes: object) -> SavedMessage:
    saved = SavedMessage("lee", "Lee", text, link, False, "c1")
    return replace(saved, **changes)  # type: ignore[arg-type]


def event(kind: ThreadEvent, saved: SavedMessage, thread: str = THREAD) -> Invocation:
    """What an adapter hands in for a reply's event: its author is the caller."""
    name = thread_command(kind).name
    return replace(call(saved.author_id, f"/{name} {thread}"), user_name="Lee", message=saved)


async def run(team: Harness, kind: ThreadEvent, saved: SavedMessage, **kw: str) -> Reply:
    return await team.bot.handle(event(kind, saved, **kw))


async def carded(team: Harness, capture: bool = True) -> None:
    """Question #1 with its card posted (and its thread), the team capturing or not."""
    await team.ok("kim", "/ask Why zero_grad?")
    shows = "question 1 view:card"
    await team.bot.card_posted("console", "c1", shows, "m-1", thread_ref=THREAD)
    if capture:
        await team.ok("kim", "/team settings capture:threads")


async def answers(team: Harness) -> list[tuple[str, str, str | None]]:
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        question = await uow.questions.get(stored.id or 0, 1)
        members = {m.id: m.user_id for m in await uow.members.list(stored.id or 0)}
    assert question is not None
    return [(members[a.member_id], a.text, a.source_link) for a in question.answers]


async def card_edits(team: Harness) -> int:
    async with team.uow_factory() as uow:
        return len([r for r in await uow.outbox.list() if r.kind is PostKind.CARD])


async def test_a_reply_is_the_authors_answer_with_its_link_and_the_card_follows(team: Harness):
    await carded(team)
    before = await card_edits(team)
    said = await run(team, ThreadEvent.POSTED, reply())
    assert said.ok and said.message.lines == ()  # nothing is posted about it
    assert await answers(team) == [("lee", "they add up", LINK)]  # lee joined the team
    assert await card_edits(team) == before + 1


async def test_an_edited_reply_edits_its_answer_and_a_deleted_one_removes_it(team: Harness):
    await carded(team)
    await run(team, ThreadEvent.POSTED, reply())
    await run(team, ThreadEvent.POSTED, reply("second thought", link=LINK + "2"))
    await run(team, ThreadEvent.EDITED, reply("they accumulate"))
    assert await answers(team) == [
        ("lee", "they accumulate", LINK),
        ("lee", "second thought", LINK + "2"),
    ]
    page = await team.ok("kim", "/question 1")
    assert "they accumulate" in page and "(edited)" in page
    await run(team, ThreadEvent.DELETED, reply(""))
    assert await answers(team) == [("lee", "second thought", LINK + "2")]


async def test_someone_elses_edit_of_an_unknown_reply_changes_nothing(team: Harness):
    await carded(team)
    await run(team, ThreadEvent.POSTED, reply())
    before = await snapshot(team.uow_factory)
    park = reply("hijack", author_id="park", author_name="Park")
    assert (await run(team, ThreadEvent.EDITED, park)).message.lines == ()
    assert (await run(team, ThreadEvent.DELETED, reply(link=LINK + "x"))).message.lines == ()
    assert await snapshot(team.uow_factory) == before


async def test_with_capture_off_the_thread_is_told_once_and_nothing_is_recorded(team: Harness):
    await carded(team, capture=False)
    told = await run(team, ThreadEvent.POSTED, reply())
    assert told.ok and not told.ephemeral and told.thread_of == "question 1 view:card"
    assert "/team settings capture:threads" in plain_text(told.message)
    again = await run(team, ThreadEvent.POSTED, reply("and another", link=LINK + "2"))
    assert again.message.lines == ()
    assert await answers(team) == []


async def test_a_reply_elsewhere_records_nothing_and_says_nothing(team: Harness):
    await carded(team)
    before = await snapshot(team.uow_factory)
    for quiet in (
        event(ThreadEvent.POSTED, reply(), thread="not-a-card"),
        event(ThreadEvent.POSTED, reply(from_bot=True)),
        event(ThreadEvent.POSTED, reply("   ")),
        replace(event(ThreadEvent.POSTED, reply()), channel_id="no-team"),
        replace(event(ThreadEvent.POSTED, reply()), message=None),
    ):
        said = await team.bot.handle(quiet)
        assert said.message.lines == (), plain_text(said.message)
    assert await snapshot(team.uow_factory) == before


async def test_a_reply_that_cannot_be_stored_gets_one_sentence_and_changes_nothing(
    team: Harness,
):
    await carded(team)
    before = await snapshot(team.uow_factory)
    said = await run(team, ThreadEvent.POSTED, reply("x" * 5000))
    assert not said.ok and said.ephemeral and len(plain_text(said.message).splitlines()) == 1
    assert await snapshot(team.uow_factory) == before


async def test_a_reply_about_a_deleted_question_is_not_recorded(team: Harness):
    await carded(team)
    await team.ok("kim", "/delete question 1")
    before = await snapshot(team.uow_factory)
    assert (await run(team, ThreadEvent.POSTED, reply())).message.lines == ()
    assert await snapshot(team.uow_factory) == before


async def test_capture_is_a_team_setting_off_by_default(team: Harness):
    assert "capture: off" in await team.ok("kim", "/team settings")
    changed = await team.ok("kim", "/team settings capture:threads")
    assert "capture: off → threads" in changed
    assert "capture: threads" in await team.ok("kim", "/team settings")
    assert "capture" in await team.rejected("kim", "/team settings capture:maybe")
    refused = await team.rejected("lee", "/team settings capture:off")
    assert "admin" in refused


async def deleted_answers(team: Harness) -> list[tuple[str, str, str]]:
    """The deleted answers of #1: (author, deleted by, text), by user id."""
    from bot.ports import QuestionQuery

    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        members = {m.id: m.user_id for m in await uow.members.list(stored.id or 0)}
        [question] = await uow.questions.find(stored.id or 0, QuestionQuery(with_deleted=True))
        gone = [a for a in question.answers if a.deleted_at is not None]
    return [(members[a.member_id], members[a.deleted_by or 0], a.text) for a in gone]


async def members_of(team: Harness) -> list[str]:
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        return [m.user_id for m in await uow.members.list(stored.id or 0)]


async def test_a_deletion_whose_author_is_unknown_removes_the_answer_by_its_link(team: Harness):
    await carded(team)
    await run(team, ThreadEvent.POSTED, reply())
    await run(team, ThreadEvent.POSTED, reply("second thought", link=LINK + "2"))
    joined = await members_of(team)
    # As Discord tells a deletion after a restart: ids only, no author.
    unknown = reply("", author_id="", author_name="")
    said = await team.bot.handle(replace(event(ThreadEvent.DELETED, unknown), user_name=""))
    assert said.ok and said.message.lines == ()
    assert await answers(team) == [("lee", "second thought", LINK + "2")]
    assert await deleted_answers(team) == [("lee", "lee", "they add up")]  # credited to lee
    assert await members_of(team) == joined  # no one joined, not even "" as a member


async def test_a_deletion_reported_by_someone_new_joins_no_one_and_credits_the_author(
    team: Harness,
):
    await carded(team)
    await run(team, ThreadEvent.POSTED, reply())
    joined = await members_of(team)
    # A platform that names another author (a moderator's deletion, say) for the same message.
    said = await run(team, ThreadEvent.DELETED, reply("", author_id="park", author_name="Park"))
    assert said.ok and await answers(team) == []
    assert await deleted_answers(team) == [("lee", "lee", "they add up")]
    assert await members_of(team) == joined and "park" not in joined


async def test_a_deletion_of_an_unrelated_message_changes_nothing(team: Harness):
    await carded(team)
    await run(team, ThreadEvent.POSTED, reply())
    before = await snapshot(team.uow_factory)
    for unrelated in (
        event(ThreadEvent.DELETED, reply("", author_id="", link=LINK + "-other")),
        event(ThreadEvent.DELETED, reply("", author_id="", link="")),
        event(ThreadEvent.DELETED, reply("", author_id=""), thread="not-a-card"),
        replace(event(ThreadEvent.DELETED, reply("", author_id="")), channel_id="no-team"),
    ):
        said = await team.bot.handle(unrelated)
        assert said.message.lines == (), plain_text(said.message)
    assert await snapshot(team.uow_factory) == before
