"""Export, import into another database, export: every table holds the same rows, row for row.

A team is built through the bot with every setting away from its default (the whole schedule,
holidays, days away, a removed last assignment), exported, imported into a fresh database of the
same kind, and exported again. Rows are compared with database ids replaced by what they point
at (a member's user id, a question's number, an assignment's number), for every table there is.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language
from bot.transfer import FORMAT, export_team, import_team
from storage.tables import metadata
from tests.conftest import SEOUL, Harness
from tests.integration.conftest import POSTGRES, Backend, sql_backend

# The outbox is this deployment's delivery state (what it posted and when), not team data.
# The sending history (what was posted or pushed, and the web links' state) stays with the
# database it happened in; an imported team starts with none (`bot.transfer_publish`).
NOT_TEAM_DATA = {"outbox", "publications", "web_links", "web_secret"}
SCRIPT = [
    ("2021-08-02 09:00", "kim", "/team setup start:2021-08-02 zone:Asia/Seoul lang:en name:cv"),
    (
        None,
        "kim",
        "/team settings session:15:30 session_remind:20 retro_time:22:15 assignment_remind:48,2 "
        'digest:"thu 17:00" office_hours:19:00 grace:45 template:til country:US',
    ),
    (None, "kim", "/team holiday add 2021-08-20"),
    ("2021-08-09 13:00", "lee", "/ask why zero_grad? category:lecture"),
    (None, "kim", "/team members add_admin:lee"),
    (None, "kim", "/answer 1 gradients add up"),
    (None, "lee", "/accept 1 1"),
    (None, "kim", "/ask what is SVD? category:general"),
    (None, "kim", "/defer 2"),
    (None, "lee", '/ask who marks the quiz? topic:"quiz 2"'),  # a topic (0013)
    (None, "lee", "/escalate 3"),
    (None, "kim", "/note walked through the encoder"),
    (None, "kim", "/note mostly models we have not seen yet place:mentor"),  # its place (0013)
    (None, "kim", "/retro done: lecture 3 learned: SVD"),
    (None, "kim", '/assignment add Paper review due:"2021-08-13 23:59" kind:basic'),
    (None, "kim", '/assignment add Quiz 2 due:"2021-08-12 10:00" kind:quiz'),
    (None, "kim", '/assignment add dropped due:"2021-08-13 10:00"'),
    (None, "lee", "/assignment done 1"),
    (None, "kim", "/assignment remove 3"),
    (None, "lee", "/away 2021-08-11 2021-08-12"),
    # the session's roles (issue 15): the order by user ids, its period, notes and start
    (None, "kim", "/team rotation order:lee,kim every:week notes:on"),
    # publishing (issue 16): the team's repository settings and a member's own choice
    (
        None,
        "kim",
        "/team settings repo:https://git.example.org/cv/til.git branch:week-logs "
        'layout:"logs/{week_dir}/{format}-{name}.md" push:weekly publish_minutes:off',
    ),
    (None, "lee", "/me publish:on"),
    # edits and deletions (issue 14): who and when round-trip, a deleted one keeps its number
    (None, "lee", "/edit question 1 why call zero_grad() every step?"),
    (None, "kim", "/edit answer 1 1 gradients accumulate"),
    (None, "kim", "/answer 3 ask the mentor"),
    (None, "lee", "/answer 3 wrong place"),
    (None, "lee", "/delete answer 3 2"),
    (None, "kim", "/delete question 2"),
    # notes are numbered (0011): an edit, and the last one deleted, whose number stays taken
    (None, "lee", "/note second note"),
    (None, "lee", "/note third, deleted"),
    (None, "kim", "/edit note 3 second note, edited by the admin"),
    (None, "lee", "/delete note 4"),
    # roles, a removal and an endorsement (issue 15): a mentor's ✅ and who gave it, and a
    # removed visitor whose one answer stays
    (None, "mentor", "/answer 3 ask me at office hours"),
    (None, "kim", "/team members set:mentor role:mentor"),
    (None, "mentor", "/endorse 1 1"),
    (None, "visitor", "/answer 3 a visitor's only answer"),
    (None, "kim", "/team members remove:visitor"),
]


async def build_team(backend: Backend) -> Any:
    clock = FakeClock(datetime(2021, 8, 2, 9, 0, tzinfo=SEOUL))
    harness = Harness(PeerBot(backend.uow, clock, default_language=Language.EN), clock, backend.uow)
    for when, user, line in SCRIPT:
        if when:
            harness.at(when)
        await harness.ok(user, line)
    # Where the card of question 2 was posted, as an adapter reports it (kept across a move).
    await harness.bot.card_posted("console", "c1", "question 2 view:card", "m-2")
    await harness.bot.card_posted(
        "console", "c1", "question 2 view:card", "m-2", thread_ref="t-2", link="https://x/m-2"
    )  # and again once its thread and link are known
    await harness.ok("kim", "/team settings capture:threads")
    async with backend.uow() as uow:
        [card] = [c for t in await uow.teams.list() for c in await uow.cards.list(t.id or 0)]
        assert card.id is not None and await uow.cards.tell_once(card.id)
        await uow.commit()
    async with backend.uow() as uow:
        [team] = await uow.teams.list()
        assert len(await uow.cards.list(team.id or 0)) == 1
        return team


async def dump(backend: Backend) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, with ids replaced by what people see."""
    assert backend.engine is not None
    async with backend.engine.connect() as connection:
        rows = {
            table.name: [dict(r._mapping) for r in await connection.execute(select(table))]
            for table in metadata.sorted_tables
        }
    user = {m["id"]: m["user_id"] for m in rows["members"]}
    number = {q["id"]: q["number"] for q in rows["questions"]}
    assignment = {a["id"]: a["number"] for a in rows["assignments"]}
    ordered = sorted(rows["answers"], key=lambda a: a["id"])
    answer = {a["id"]: (number[a["question_id"]], ordered.index(a)) for a in ordered}
    refers = {"members": user, "questions": number, "assignments": assignment}
    dumped: dict[str, list[tuple[Any, ...]]] = {}
    for table in metadata.sorted_tables:
        if table.name in NOT_TEAM_DATA:
            continue
        out = []
        for row in rows[table.name]:
            values = []
            for column in table.columns:
                value = row[column.name]
                targets = {fk.column.table.name for fk in column.foreign_keys}
                if (column.primary_key and column.name == "id") or "teams" in targets:
                    continue  # the team's own id: the only team of its database
                if column.name == "accepted_answer_id":
                    value = answer.get(value)
                for target in targets & refers.keys():
                    value = None if value is None else refers[target][value]
                values.append((column.name, value))
            out.append(tuple(values))
        dumped[table.name] = sorted(out, key=repr)
    return dumped


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_export_import_export_keeps_every_table_row_for_row(kind: str, tmp_path: Path):
    async with sql_backend(kind, tmp_path / "a") as first:
        team = await build_team(first)
        async with first.uow() as uow:  # a cohort mentor's claim (0015; cohorts are not exported)
            claimed = await uow.questions.get(team.id, 3)
            assert claimed is not None
            claimed.claimed_user, claimed.claimed_name = "U-mona", "mona"
            claimed.claimed_at = datetime(2021, 8, 9, 5, 0, tzinfo=SEOUL)
            await uow.questions.update(claimed)
            await uow.commit()
        async with first.uow() as uow:
            exported = await export_team(uow, team)
        before = await dump(first)
    async with sql_backend(kind, tmp_path / "b") as second:
        async with second.uow() as uow:
            copy = await import_team(uow, json.loads(json.dumps(exported)))
            await uow.commit()
        async with second.uow() as uow:
            again = await export_team(uow, copy)
        after = await dump(second)
    assert exported["format"] == FORMAT
    assert again == exported
    assert set(before) == {t.name for t in metadata.sorted_tables} - NOT_TEAM_DATA
    for name in before:
        assert after[name] == before[name], name
    assert [q.get("topic") for q in exported["questions"]] == [None, None, "quiz 2"]
    assert exported["questions"][2]["claim"] == {
        "user": "U-mona",
        "name": "mona",
        "at": "2021-08-08T20:00:00+00:00",
    }
    assert [n.get("place") for n in exported["notes"]] == [None, "mentor", None, None]
    assert exported["publishing"]["branch"] == "week-logs"  # issue 16: settings, not history
    assert [m["user_id"] for m in exported["members"] if m.get("publish")] == ["lee"]
    assert before["team_publishing"]
    schedule = exported["team"]["schedule"]
    assert schedule["session_time"] == "15:30" and schedule["grace_minutes"] == 45
    assert exported["next_assignment_number"] == 4 and exported["next_question_number"] == 4
    deleted = [q for q in exported["questions"] if q.get("deleted_at")]
    assert [(q["number"], q["deleted_by"]) for q in deleted] == [(2, "kim")]
    assert exported["questions"][0]["edited_by"] == "lee"
    assert exported["questions"][0]["answers"][0]["endorsed_by"] == "mentor"
    roles = {m["user_id"]: (m.get("mentor"), "removed_at" in m) for m in exported["members"]}
    assert roles == {
        "kim": (None, False),
        "lee": (None, False),
        "mentor": (True, False),
        "visitor": (None, True),
    }
    rotation = exported["rotation"]
    assert (rotation["order"], rotation["every"], rotation["notes"]) == (
        ["lee", "kim"],
        "week",
        True,
    )
    assert rotation["since"] == "2021-08-09"
    async with sql_backend(kind, tmp_path / "c") as third, third.uow() as uow:
        imported = await import_team(uow, json.loads(json.dumps(exported)))
        assert imported.id is not None
        gone = await uow.questions.get(imported.id, 2)
        assert gone is not None and gone.is_deleted  # still deleted, its number still taken
        assert await uow.teams.next_question_number(imported.id) == 4
        note = await uow.notes.get(imported.id, 4)
        assert note is not None and note.is_deleted and note.deleted_by is not None
        assert await uow.notes.next_number(imported.id) == 5
    notes = [(n["number"], n.get("edited_by"), n.get("deleted_by")) for n in exported["notes"]]
    assert notes == [(1, None, None), (2, None, None), (3, "kim", None), (4, None, "lee")]
    assert exported["next_note_number"] == 5


async def test_a_format_1_export_still_imports_with_the_default_schedule(tmp_path: Path):
    async with sql_backend("sqlite", tmp_path / "a") as first:
        team = await build_team(first)
        async with first.uow() as uow:
            old = await export_team(uow, team)
        old["format"] = "peerbot.team/1"
        del old["team"]["schedule"], old["next_assignment_number"], old["next_note_number"]
        for note in old["notes"]:  # before 0011 notes had no numbers and no changes
            for field in ("number", "edited_at", "edited_by", "deleted_at", "deleted_by"):
                note.pop(field, None)
        async with first.uow() as uow:
            copy = await import_team(uow, old, name="old", channel_id="c-old")
            await uow.commit()
        assert copy.schedule == type(copy.schedule)()
        assert copy.retro_template.value == "til"
        async with first.uow() as uow:
            assert copy.id is not None
            notes = await uow.notes.list(copy.id, date.min, date.max, with_deleted=True)
            assert [(n.number, n.text) for n in notes] == [
                (1, "walked through the encoder"),
                (2, "mostly models we have not seen yet"),
                (3, "second note, edited by the admin"),
                (4, "third, deleted"),  # the file said nothing of its deletion
            ]
            assert await uow.notes.next_number(copy.id) == 5


async def save_messages(backend: Backend) -> Any:
    """A team with a question and an answer saved from chat messages (each with its link)."""
    from dataclasses import replace

    from bot.ports import SavedMessage
    from tests.calls import call, submit

    team = await build_team(backend)
    clock = FakeClock(datetime(2021, 8, 10, 13, 0, tzinfo=SEOUL))
    bot = PeerBot(backend.uow, clock, default_language=Language.EN)
    saved = SavedMessage(
        "park", "Park", "how do I log?", "https://chat/m/1", False, team.channel_id
    )
    asked = await bot.handle(replace(call("kim", "/save_question", team.channel_id), message=saved))
    assert asked.ok
    saved = replace(saved, author_id="choi", author_name="Choi", link="https://chat/m/2", text="")
    reply = await submit(
        bot,
        replace(call("lee", "/save_answer", team.channel_id), message=saved),
        "",
        {"number": "4", "text": "with wandb"},
    )
    assert reply.ok
    return team


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_the_links_of_saved_messages_round_trip(kind: str, tmp_path: Path):
    async with sql_backend(kind, tmp_path / "a") as first:
        team = await save_messages(first)
        async with first.uow() as uow:
            exported = await export_team(uow, team)
        before = await dump(first)
    [saved] = [q for q in exported["questions"] if q["number"] == 4]
    assert saved["source_link"] == "https://chat/m/1" and saved["asker"] == "park"
    assert saved["answers"][0]["source_link"] == "https://chat/m/2"
    assert "source_link" not in exported["questions"][0]  # typed: no link, as /2 files had
    async with sql_backend(kind, tmp_path / "b") as second:
        async with second.uow() as uow:
            copy = await import_team(uow, json.loads(json.dumps(exported)))
            await uow.commit()
        async with second.uow() as uow:
            again = await export_team(uow, copy)
        after = await dump(second)
    assert again == exported
    for name in before:
        assert after[name] == before[name], name
