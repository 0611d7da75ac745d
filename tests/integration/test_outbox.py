"""The outbox contract on the fake, SQLite and PostgreSQL."""

import asyncio
from dataclasses import replace
from datetime import time

from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Action, Mention, Message, Plain, UserText
from tests.integration.builders import T0, a_team, add_team_with_member, at
from tests.integration.conftest import Backend

MESSAGE = Message.of((Plain("⏰ "), UserText("<!channel> 질문"), Mention("U1", "kim")))


def row(team_id: int, key: str, minutes: int = 0) -> OutboxMessage:
    return OutboxMessage(team_id, PostKind.SESSION, key, at(minutes), MESSAGE, T0)


async def add(backend: Backend, *rows: OutboxMessage) -> list[bool]:
    async with backend.uow() as uow:
        written = [await uow.outbox.add(r) for r in rows]
        await uow.commit()
    return written


async def test_a_key_is_written_once_and_the_message_comes_back_intact(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    assert await add(backend, row(team.id, "2021-08-09"), row(team.id, "2021-08-09")) == [
        True,
        False,
    ]
    async with backend.uow() as uow:
        (stored,) = await uow.outbox.list(team.id)
    assert stored.message == MESSAGE and stored.state is State.PENDING
    assert stored.due_at == T0 and stored.due_at.tzinfo is not None


async def test_claim_takes_due_rows_oldest_first_and_leases_them(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(backend, row(team.id, "b", 2), row(team.id, "a", 1), row(team.id, "later", 60))
    async with backend.uow() as uow:
        claimed = await uow.outbox.claim(at(5), at(6), 10)
        again = await uow.outbox.claim(at(5), at(6), 10)
        await uow.commit()
    assert [m.occurrence for m in claimed] == ["a", "b"]
    assert all(m.claimed_until is None for m in claimed)  # as they were before this lease
    assert again == []
    async with backend.uow() as uow:  # the lease runs out: claimable again, marked as leased
        expired = await uow.outbox.claim(at(7), at(8), 10)
    assert [m.claimed_until for m in expired] == [at(6), at(6)]


async def test_marks_move_rows_along(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(backend, row(team.id, "sent"), row(team.id, "retry"), row(team.id, "failed"))
    async with backend.uow() as uow:
        ids = {m.occurrence: m.id for m in await uow.outbox.claim(at(1), at(2), 10)}
        await uow.outbox.mark_sent(ids["sent"], at(1))
        await uow.outbox.mark_retry(ids["retry"], "429", at(30))
        await uow.outbox.mark_failed(ids["failed"], "gone")
        await uow.commit()
    async with backend.uow() as uow:
        rows = {m.occurrence: m for m in await uow.outbox.list()}
        assert await uow.outbox.claim(at(10), at(11), 10) == []  # retry not yet due
        assert [m.occurrence for m in await uow.outbox.claim(at(30), at(31), 10)] == ["retry"]
    assert rows["sent"].state is State.SENT and rows["sent"].sent_at == at(1)
    assert rows["retry"].attempts == 1 and rows["retry"].last_error == "429"
    assert rows["failed"].state is State.FAILED


async def test_a_waiting_row_holds_back_the_later_rows_of_its_team_only(backend: Backend) -> None:
    one, _ = await add_team_with_member(backend.uow, "A")
    two, _ = await add_team_with_member(backend.uow, "B")
    await add(backend, row(one.id, "1st", 0), row(one.id, "2nd", 1), row(two.id, "other", 2))
    async with backend.uow() as uow:
        first = (await uow.outbox.claim(at(0), at(1), 1))[0]
        await uow.outbox.mark_retry(first.id, "500", at(10))
        await uow.commit()
    async with backend.uow() as uow:
        assert [m.occurrence for m in await uow.outbox.claim(at(5), at(6), 10)] == ["other"]


def edit(team_id: int, card: str, key: str, minutes: int = 0) -> OutboxMessage:
    return replace(row(team_id, key, minutes), kind=PostKind.CARD, edits=card)


async def test_a_cards_edits_are_a_lane_of_their_own_in_order(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(
        backend,
        row(team.id, "reminder", 1),
        edit(team.id, "m-1", "one-a", 1),
        edit(team.id, "m-2", "two-a", 2),
        row(team.id, "later reminder", 2),
        edit(team.id, "m-1", "one-b", 3),
    )
    async with backend.uow() as uow:
        ids = {m.occurrence: m.id for m in await uow.outbox.list(team.id)}
        first = await uow.outbox.claim(at(1), at(2), 10)  # everything due at minute 1
        assert [m.occurrence for m in first] == ["reminder", "one-a"]
        await uow.outbox.mark_retry(ids["reminder"], "503", at(60))  # backing off
        await uow.outbox.mark_retry(ids["one-a"], "503", at(60))
        # The reminder holds back its channel's later post, the card's edit its later edit;
        # neither holds back the other lane, nor the other card.
        later = await uow.outbox.claim(at(5), at(6), 10)
        await uow.commit()
    assert [m.occurrence for m in later] == ["two-a"]


async def test_a_parked_row_holds_back_its_team_until_unparked_then_all_go_in_order(
    backend: Backend,
) -> None:
    one, _ = await add_team_with_member(backend.uow, "A")
    two, _ = await add_team_with_member(backend.uow, "B")
    await add(backend, row(one.id, "1st", 0), row(one.id, "2nd", 1), row(two.id, "other", 2))
    async with backend.uow() as uow:
        first = (await uow.outbox.claim(at(0), at(1), 1))[0]
        await uow.outbox.mark_parked(first.id, "not_in_channel")
        await uow.commit()
    async with backend.uow() as uow:  # much later: the parked row still holds its team back
        assert [m.occurrence for m in await uow.outbox.claim(at(500), at(501), 10)] == ["other"]
        assert await uow.outbox.unpark(two.id, at(502)) == 0  # nothing parked there
        assert await uow.outbox.unpark(one.id, at(502)) == 1
        await uow.commit()
    async with backend.uow() as uow:
        claimed = await uow.outbox.claim(at(503), at(504), 10)
        rows = {m.occurrence: m for m in await uow.outbox.list(one.id)}
    assert [m.occurrence for m in claimed if m.team_id == one.id] == ["1st", "2nd"]
    assert rows["1st"].state is State.PENDING and rows["1st"].unparked_at == at(502)
    assert rows["1st"].attempts == 1 and rows["1st"].last_error == "not_in_channel"
    assert rows["2nd"].unparked_at == at(502)  # it waited behind the parked row
    async with backend.uow() as uow:
        (other,) = await uow.outbox.list(two.id)
    assert other.unparked_at is None


async def test_retry_requeues_parked_and_failed_rows_by_team_or_id_and_expired_stays(
    backend: Backend,
) -> None:
    one, _ = await add_team_with_member(backend.uow, "A")
    two, _ = await add_team_with_member(backend.uow, "B")
    await add(backend, row(one.id, "p"), row(one.id, "f"), row(one.id, "e"), row(two.id, "q"))
    async with backend.uow() as uow:
        ids = {m.occurrence: m.id for m in await uow.outbox.claim(at(0), at(1), 10)}
        await uow.outbox.mark_parked(ids["p"], "403")
        await uow.outbox.mark_failed(ids["f"], "400")
        await uow.outbox.mark_expired(ids["e"], "its study day is over")
        await uow.outbox.mark_parked(ids["q"], "404")
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.outbox.retry(None, [ids["q"]], at(5)) == 1
        assert await uow.outbox.retry(one.id, [], at(5)) == 2
        await uow.commit()
    async with backend.uow() as uow:
        states = {m.occurrence: m.state for m in await uow.outbox.list()}
        assert await uow.outbox.list(state=State.EXPIRED.value) != []
    assert states == {
        "p": State.PENDING,
        "f": State.PENDING,
        "e": State.EXPIRED,
        "q": State.PENDING,
    }


async def test_keys_due_since_and_release(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(backend, row(team.id, "old", -60), row(team.id, "new", 10))
    async with backend.uow() as uow:
        assert await uow.outbox.keys_due_since(T0) == {(team.id, "session", "new")}
        (claimed,) = await uow.outbox.claim(at(0), at(60), 10)
        await uow.outbox.release(claimed.id)
        assert [m.occurrence for m in await uow.outbox.claim(at(0), at(60), 10)] == ["old"]


async def test_concurrent_claims_never_share_a_row(sql: Backend) -> None:
    team, _ = await add_team_with_member(sql.uow)
    await add(sql, *(row(team.id, f"k{i}", 0) for i in range(40)))

    async def worker() -> list[str]:
        got: list[str] = []
        while True:
            async with sql.uow() as uow:
                batch = await uow.outbox.claim(at(1), at(30), 3)
                for m in batch:
                    await uow.outbox.mark_sent(m.id, at(1))
                await uow.commit()
            if not batch:
                return got
            got += [m.occurrence for m in batch]

    results = await asyncio.gather(*(worker() for _ in range(4)))
    everything = [k for r in results for k in r]
    assert sorted(everything) == sorted(f"k{i}" for i in range(40))


async def test_the_team_schedule_is_stored(backend: Backend) -> None:
    from bot.model.teams import TeamSchedule

    schedule = TeamSchedule(
        session_time=time(17, 0),
        session_reminder_minutes=15,
        assignment_reminder_hours=(48, 2),
        digest_weekday=3,
        office_hours=time(11, 30),
        grace_minutes=30,
    )
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team("S", "c-s", schedule=schedule))
        await uow.commit()
    async with backend.uow() as uow:
        assert (await uow.teams.get(team.id)).schedule == schedule
        await uow.teams.update(replace(team, schedule=TeamSchedule()))
        await uow.commit()
    async with backend.uow() as uow:
        assert (await uow.teams.get(team.id)).schedule == TeamSchedule()


async def test_a_file_travels_with_its_row(backend: Backend) -> None:
    from bot.text import Attachment

    team, _ = await add_team_with_member(backend.uow)
    digest = Attachment("week02/peer-minutes.md", "# 학습 회고\n\n- `</details>`\n")
    await add(backend, replace(row(team.id, "week2"), attachment=digest))
    async with backend.uow() as uow:
        (stored,) = await uow.outbox.list(team.id)
    assert stored.attachment == digest


async def test_a_reminders_buttons_travel_with_its_row(backend: Backend) -> None:
    """The mentor list's and assignment reminder's buttons, labels in Korean, stored and read
    back as they were composed (the buttons are the routes; nothing else remembers them)."""
    team, _ = await add_team_with_member(backend.uow)
    buttons = (Action("answer", "12", "#12 답변하기"), Action("assignment done", "3", "완료"))
    with_buttons = replace(row(team.id, "mentor"), message=MESSAGE.with_actions(*buttons))
    await add(backend, with_buttons)
    async with backend.uow() as uow:
        (stored,) = await uow.outbox.list(team.id)
    assert stored.message == MESSAGE.with_actions(*buttons)
