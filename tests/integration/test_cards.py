"""The posted-cards contract (and outbox rows that edit a card) on the fake, SQLite, PostgreSQL."""

from bot.outbox import OutboxMessage, PostKind
from bot.ports import Card
from bot.text import Action, Message, Plain
from tests.integration.builders import T0, add_team_with_member, at
from tests.integration.conftest import Backend


def card(team_id: int, shows: str, ref: str, channel: str = "C1") -> Card:
    return Card(team_id, shows, "slack", channel, ref, T0)


async def test_a_card_is_found_by_what_it_shows_oldest_first(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    async with backend.uow() as uow:
        first = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        await uow.cards.add(card(team.id, "question 2 view:card", "1.0002"))
        second = await uow.cards.add(card(team.id, "question 1 view:card", "1.0003", "C2"))
        await uow.commit()
    assert first.id is not None and second.id is not None and first.id != second.id
    async with backend.uow() as uow:
        found = await uow.cards.showing(team.id, "question 1 view:card")
        nothing = await uow.cards.showing(team.id + 1, "question 1 view:card")
        every = await uow.cards.list(team.id)
    assert [(c.channel_id, c.message_ref) for c in found] == [("C1", "1.0001"), ("C2", "1.0003")]
    assert found[0] == first and found[0].posted_at == T0
    assert nothing == [] and len(every) == 3


async def test_the_same_message_reported_twice_is_one_card(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    async with backend.uow() as uow:
        first = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        again = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        await uow.commit()
    assert again.id == first.id
    async with backend.uow() as uow:
        assert len(await uow.cards.showing(team.id, "question 1 view:card")) == 1


async def test_a_card_gains_its_thread_and_link_once_known(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    async with backend.uow() as uow:
        first = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        other = await uow.cards.add(card(team.id, "question 2 view:card", "1.0002"))
        assert first.id is not None and first.thread_ref == "" and first.link == ""
        await uow.cards.set_thread(first.id, "1.0001", "https://study.slack.com/p10001")
        await uow.commit()
    async with backend.uow() as uow:
        [found] = await uow.cards.showing(team.id, "question 1 view:card")
        [untouched] = await uow.cards.showing(team.id, "question 2 view:card")
    assert (found.thread_ref, found.link) == ("1.0001", "https://study.slack.com/p10001")
    assert untouched == other and (untouched.thread_ref, untouched.link) == ("", "")
    async with backend.uow() as uow:
        await uow.cards.set_thread(first.id, "", "")
        await uow.commit()
    async with backend.uow() as uow:
        [cleared] = await uow.cards.showing(team.id, "question 1 view:card")
    assert (cleared.thread_ref, cleared.link) == ("", "")


async def test_a_card_is_found_by_its_thread_and_its_thread_is_told_once(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    async with backend.uow() as uow:
        first = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        await uow.cards.add(card(team.id, "question 2 view:card", "1.0002"))
        assert first.id is not None and not first.capture_told
        await uow.cards.set_thread(first.id, "1.0001", "")
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.cards.in_thread(team.id, "1.0001")
        assert await uow.cards.in_thread(team.id, "1.0002") is None  # no thread reported
        assert await uow.cards.in_thread(team.id + 1, "1.0001") is None
        assert await uow.cards.in_thread(team.id, "") is None
        assert found is not None and found.id == first.id
        assert await uow.cards.tell_once(first.id) is True
        assert await uow.cards.tell_once(first.id) is False
        await uow.commit()
    async with backend.uow() as uow:
        again = await uow.cards.in_thread(team.id, "1.0001")
        assert again is not None and again.capture_told
        assert await uow.cards.tell_once(first.id) is False


async def test_an_outbox_row_keeps_the_message_it_edits_and_the_buttons_refresh(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    message = Message.of((Plain("#1"),)).with_actions(
        Action("accept", "1", "Accept", refresh="question 1 view:card"), Action("retro")
    )
    edit = OutboxMessage(team.id, PostKind.CARD, "7@x", at(0), message, T0, edits="1.0001")
    async with backend.uow() as uow:
        assert await uow.outbox.add(edit)
        await uow.commit()
    async with backend.uow() as uow:
        (stored,) = await uow.outbox.list(team.id)
    assert stored.edits == "1.0001" and stored.kind is PostKind.CARD
    assert stored.message == message


async def test_links_give_each_questions_oldest_linked_card_in_one_read(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    other, _ = await add_team_with_member(backend.uow, "B")
    async with backend.uow() as uow:
        unlinked = await uow.cards.add(card(team.id, "question 1 view:card", "1.0001"))
        first = await uow.cards.add(card(team.id, "question 1 view:card", "1.0002", "C2"))
        later = await uow.cards.add(card(team.id, "question 1 view:card", "1.0003", "C3"))
        two = await uow.cards.add(card(team.id, "question 2 view:card", "1.0004"))
        await uow.cards.add(card(team.id, "question 3 view:card", "1.0005"))  # no link
        elsewhere = await uow.cards.add(card(other.id, "question 4 view:card", "1.0006", "C9"))
        for linked, link in ((first, "https://a/1"), (later, "https://a/1b"), (two, "https://a/2")):
            await uow.cards.set_thread(linked.id or 0, linked.message_ref, link)
        await uow.cards.set_thread(elsewhere.id or 0, "1.0006", "https://b/4")
        await uow.commit()
    assert unlinked.id is not None
    wanted = [f"question {n} view:card" for n in range(1, 1201)]  # more than one IN chunk
    async with backend.uow() as uow:
        found = await uow.cards.links(team.id, wanted)
        assert await uow.cards.links(team.id, []) == {}
        assert await uow.cards.links(other.id, wanted) == {"question 4 view:card": "https://b/4"}
    assert found == {"question 1 view:card": "https://a/1", "question 2 view:card": "https://a/2"}


async def test_the_links_query_reads_a_range_of_the_team_shows_index(tmp_path) -> None:
    from sqlalchemy import text

    from storage.card_repository import links_query
    from tests.integration.conftest import sql_backend

    async with sql_backend("sqlite", tmp_path) as backend:
        assert backend.engine is not None
        compiled = links_query(1, ["question 1 view:card", "question 2 view:card"]).compile(
            backend.engine.sync_engine, compile_kwargs={"literal_binds": True}
        )
        async with backend.engine.connect() as connection:
            plan = await connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
            details = " ".join(str(row[-1]) for row in plan)
    assert "USING INDEX ix_cards_team_id_shows (team_id=? AND shows=?)" in details, details
