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
