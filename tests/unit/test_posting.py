"""The posters' shared memory of their rows: confirmed pieces, rows maybe posted, admins told."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.posting import RowLedger
from bot.delivery import PostError
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage, PostKind
from bot.text import Message, Plain

AT = datetime(2021, 8, 9, 7, 0, tzinfo=UTC)


class Admins:
    """The `Admins` port: kim administers team 1; every question is counted."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    async def admins(self, team_id: int) -> list[Member]:
        self.asked.append(team_id)
        return [Member(team_id, "kim", "kim", is_admin=True)] if team_id == 1 else []


def team(team_id: int | None = 1) -> Team:
    return Team("slack", "C1", "study", date(2021, 8, 2), id=team_id)


def row(row_id: int = 7) -> OutboxMessage:
    message = Message.of((Plain("hello"),))
    return OutboxMessage(1, PostKind.SESSION, "2021-08-09", AT, message, AT, id=row_id)


async def succeed() -> None:
    return None


async def fail(error: PostError) -> None:
    raise error


async def test_confirmed_pieces_outlive_a_failed_or_parked_try_but_not_the_rows_end():
    ledger = RowLedger(Admins())
    ledger.confirmed(row()).add(0)
    with pytest.raises(PostError):
        await ledger.attempt(team(), row(), fail(PostError("500")))
    with pytest.raises(PostError):
        await ledger.attempt(team(), row(), fail(PostError("403", park=True)))
    assert ledger.confirmed(row()) == {0}
    await ledger.attempt(team(), row(), succeed())
    assert ledger.confirmed(row()) == set()


async def test_a_row_given_up_on_is_forgotten():
    ledger = RowLedger(Admins())
    ledger.confirmed(row()).add(0)
    ledger.maybe_posted(row())
    with pytest.raises(PostError):
        await ledger.attempt(team(), row(), fail(PostError("400", permanent=True)))
    assert ledger.confirmed(row()) == set() and not ledger.uncertain(row(), False)


async def test_a_try_without_an_answer_makes_the_next_one_look_first():
    ledger = RowLedger(Admins())
    assert not ledger.uncertain(row(), False) and ledger.uncertain(row(), True)
    ledger.maybe_posted(row())
    assert ledger.uncertain(row(), False) and not ledger.uncertain(row(8), False)
    await ledger.attempt(team(), row(), succeed())
    assert not ledger.uncertain(row(), False)


async def test_admins_are_told_once_per_reason_until_a_post_to_the_team_goes_through():
    admins = Admins()
    ledger = RowLedger(admins)
    told: list[tuple[str, str]] = []

    def telling(reason: str):
        async def tell(admin: Member) -> None:
            told.append((admin.user_id, reason))

        return tell

    await ledger.tell_admins(team(), "not_in_channel", telling("not_in_channel"))
    await ledger.tell_admins(team(), "not_in_channel", telling("not_in_channel"))
    await ledger.tell_admins(team(), "is_archived", telling("is_archived"))
    assert told == [("kim", "not_in_channel"), ("kim", "is_archived")]
    await ledger.attempt(team(2), row(8), succeed())  # another team's post: still told
    await ledger.tell_admins(team(), "not_in_channel", telling("not_in_channel"))
    assert len(told) == 2
    await ledger.attempt(team(), row(), succeed())
    await ledger.tell_admins(team(), "not_in_channel", telling("again"))
    assert told[-1] == ("kim", "again") and admins.asked == [1, 1, 1]


async def test_a_team_not_yet_stored_has_no_admins_to_ask():
    admins = Admins()
    await RowLedger(admins).tell_admins(team(None), "x", telling_nobody)
    assert admins.asked == []


async def telling_nobody(admin: Member) -> None:
    raise AssertionError("nobody is told")
