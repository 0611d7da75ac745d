"""A whole team's data as JSON, and back: `peerbot export` / `peerbot import`.

Records refer to each other by what people see (member user ids, question numbers), never by
database ids, so a file imports into any database and exports again byte for byte the same.
Format 2 carries the whole schedule and the counters (the notes' since 0011: `bot.transfer_notes`);
a format 1 file (older exports) still imports, with the default schedule.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime, time
from typing import Any

from bot.errors import PeerbotError
from bot.model.questions import Answer, Category, Flag, Question, Status
from bot.model.study import Assignment, AssignmentKind, Away, Retro
from bot.model.teams import Language, Member, RetroTemplate, Team, TeamSchedule
from bot.ports import Card, QuestionQuery, UnitOfWork
from bot.transfer_notes import (
    change_record,
    export_notes,
    import_notes,
    parse_changes,
    parse_when,
    when,
)
from bot.transfer_publish import export_publishing, import_publishing
from bot.transfer_roles import endorsement_fields, endorsement_record, role_fields, role_record
from bot.transfer_rotation import export_rotation, import_rotation

FORMAT = "peerbot.team/2"
READABLE_FORMATS = ("peerbot.team/1", FORMAT)
_ALL = QuestionQuery(limit=10**9, with_deleted=True)  # deleted ones keep their numbers


def _schedule_record(schedule: TeamSchedule) -> dict[str, Any]:
    """Every field of the schedule: times as HH:MM, tuples as lists (new fields come along)."""
    record: dict[str, Any] = {}
    for item in dataclasses.fields(schedule):
        value = getattr(schedule, item.name)
        if isinstance(value, time):
            value = value.isoformat("minutes")
        elif isinstance(value, tuple):
            value = list(value)
        record[item.name] = value
    return record


def _parse_schedule(record: dict[str, Any]) -> TeamSchedule:
    """The schedule of `_schedule_record`; a field it lacks keeps its default."""
    hints = typing.get_type_hints(TeamSchedule)
    values: dict[str, Any] = {}
    for item in dataclasses.fields(TeamSchedule):
        if item.name not in record:
            continue
        value, kinds = record[item.name], {hints[item.name], *typing.get_args(hints[item.name])}
        if value is not None and time in kinds:
            value = time.fromisoformat(value)
        elif value is not None and any(typing.get_origin(k) is tuple for k in kinds):
            value = tuple(value)
        values[item.name] = value
    return TeamSchedule(**values)


async def export_team(uow: UnitOfWork, team: Team) -> dict[str, Any]:
    """Everything of one team, and nothing of any other."""
    assert team.id is not None
    members = await uow.members.list(team.id, with_removed=True)
    user_of = {m.id: m.user_id for m in members}
    questions = await uow.questions.find(team.id, _ALL)
    next_question, next_assignment = await uow.teams.counters(team.id)
    return {
        "format": FORMAT,
        "team": {
            "name": team.name,
            "platform": team.platform,
            "channel_id": team.channel_id,
            "start_date": team.start_date.isoformat(),
            "zone": team.zone,
            "country": team.country,
            "language": team.language.value,
            "retro_template": team.retro_template.value,
            "weekdays": sorted(team.weekdays),
            "days_off": sorted(d.isoformat() for d in team.days_off),
            "schedule": _schedule_record(team.schedule),
            "created_at": when(team.created_at),
            "capture": "threads" if team.capture_threads else "off",
            "similar": "on" if team.similar_check else "off",
        },
        "members": [
            {
                "user_id": m.user_id,
                "display_name": m.display_name,
                "is_admin": m.is_admin,
                "joined_at": when(m.joined_at),
                **role_record(m),
            }
            for m in members
        ],
        "questions": [_question_record(q, user_of) for q in questions],
        **await export_notes(uow, team.id, user_of),
        "next_question_number": next_question,
        "next_assignment_number": next_assignment,
        **await _export_study(uow, team.id, user_of),
        "cards": await _export_cards(uow, team.id),
        **await export_rotation(uow, team.id, user_of),  # only for a team with a rotation
        **await export_publishing(uow, team.id),  # only for a team with publishing settings
    }


async def _export_cards(uow: UnitOfWork, team_id: int) -> list[dict[str, Any]]:
    """The posted cards: where each is, its thread and link (since 0010)."""
    return [
        {
            "shows": c.shows,
            "platform": c.platform,
            "channel_id": c.channel_id,
            "message_ref": c.message_ref,
            "posted_at": when(c.posted_at),
            "thread_ref": c.thread_ref,
            "link": c.link,
            "capture_told": c.capture_told,
        }
        for c in await uow.cards.list(team_id)
    ]


async def _export_study(
    uow: UnitOfWork, team_id: int, user_of: dict[int | None, str]
) -> dict[str, Any]:
    """Retrospectives, assignments with their done marks, and days away."""
    retros = await uow.retros.list(team_id, date.min, date.max)
    assignments = sorted(await uow.assignments.list(team_id), key=lambda a: a.number)
    away = await uow.away.list(team_id, date.min, date.max)
    return {
        "retros": [
            {
                "by": user_of[r.member_id],
                "study_date": r.study_date.isoformat(),
                "template": r.template.value,
                "fields": r.fields,
                "created_at": when(r.created_at),
                "updated_at": when(r.updated_at),
            }
            for r in retros
        ],
        "assignments": [
            {
                "number": a.number,
                "title": a.title,
                "kind": a.kind.value,
                "due_at": when(a.due_at),
                "link": a.link,
                "created_by": user_of[a.created_by],
                "created_at": when(a.created_at),
                "done": sorted(
                    ({"by": user_of[m], "at": when(at)} for m, at in a.done_by.items()),
                    key=lambda d: str(d["by"]),
                ),
            }
            for a in assignments
        ],
        "away": [
            {"by": user_of[a.member_id], "first": a.first.isoformat(), "last": a.last.isoformat()}
            for a in away
        ],
    }


def _question_record(q: Question, user_of: dict[int | None, str]) -> dict[str, Any]:
    accepted = next((i for i, a in enumerate(q.answers, 1) if a.id == q.accepted_answer_id), None)
    record = {
        "number": q.number,
        "asker": user_of[q.asker_id],
        "text": q.text,
        "category": q.category.value,
        "assignment": q.assignment,
        "study_date": q.study_date.isoformat(),
        "asked_at": when(q.asked_at),
        "status": q.status.value,
        "flag": q.flag.value,
        "flagged_at": when(q.flagged_at),
        "resolved_at": when(q.resolved_at),
        "accepted_answer": accepted,
        "answers": [_answer_record(a, user_of) for a in q.answers],
        **change_record(q, user_of),
    }
    if q.topic is not None:  # only where there is one, as `source_link`
        record["topic"] = q.topic
    if q.claimed_user is not None:  # a cohort mentor's claim (0015); the cohort is not exported
        record["claim"] = {"user": q.claimed_user, "name": q.claimed_name, "at": when(q.claimed_at)}
    return _with_link(record, q.source_link)


def _answer_record(a: Answer, user_of: dict[int | None, str]) -> dict[str, Any]:
    record = {
        "by": user_of[a.member_id],
        "text": a.text,
        "created_at": when(a.created_at),
        **change_record(a, user_of),
    }
    return _with_link(record | endorsement_record(a, user_of), a.source_link)


def _with_link(record: dict[str, Any], link: str | None) -> dict[str, Any]:
    """`source_link` (a saved message's) only where there is one: older readers of /2 files
    see what they always saw, and a /2 file without it reads as typed."""
    if link is not None:
        record["source_link"] = link
    return record


async def import_team(
    uow: UnitOfWork,
    data: dict[str, Any],
    *,
    name: str | None = None,
    platform: str | None = None,
    channel_id: str | None = None,
) -> Team:
    """Create a team from an export; refuses if its channel or name is already taken."""
    if data.get("format") not in READABLE_FORMATS:
        raise PeerbotError("import.bad_format", expected=FORMAT)
    t = data["team"]
    team = Team(
        platform=platform or t["platform"],
        channel_id=channel_id or t["channel_id"],
        name=name or t["name"],
        start_date=date.fromisoformat(t["start_date"]),
        zone=t["zone"],
        country=t["country"],
        language=Language(t["language"]),
        retro_template=RetroTemplate(t["retro_template"]),
        weekdays=frozenset(t["weekdays"]),
        days_off=frozenset(date.fromisoformat(d) for d in t["days_off"]),
        schedule=_parse_schedule(t.get("schedule", {})),
        created_at=parse_when(t["created_at"]),
        capture_threads=t.get("capture", "off") == "threads",  # absent before 0010
        similar_check=t.get("similar", "off") == "on",  # absent before 0017
    )
    if await uow.teams.get_by_channel(team.platform, team.channel_id) is not None:
        raise PeerbotError("import.channel_taken", platform=team.platform, channel=team.channel_id)
    if await uow.teams.get_by_name(team.name) is not None:
        raise PeerbotError("import.name_taken", name=team.name)
    team = await uow.teams.add(team)
    assert team.id is not None
    member_of: dict[str, int] = {}
    for m in data["members"]:
        given = (m["user_id"], m["display_name"], m["is_admin"], parse_when(m["joined_at"]))
        member = await uow.members.add(Member(team.id, *given, **role_fields(m)))
        assert member.id is not None
        member_of[member.user_id] = member.id
    for q in data["questions"]:
        await _import_question(uow, team.id, q, member_of)
    await import_notes(uow, team.id, data, member_of)
    await uow.teams.set_next_question_number(team.id, int(data["next_question_number"]))
    await _import_study(uow, team.id, data, member_of)
    await _import_cards(uow, team, data.get("cards", []))  # absent from older exports
    await import_rotation(uow, team.id, data, member_of)
    await import_publishing(uow, team.id, data)
    return team


async def _import_cards(uow: UnitOfWork, team: Team, cards: list[dict[str, Any]]) -> None:
    """The posted cards of an export; a card is a message in the team's channel, so it is
    kept only where the team still is (imported into another channel, it is left out)."""
    assert team.id is not None
    for c in cards:
        if (c["platform"], c["channel_id"]) != (team.platform, team.channel_id):
            continue
        where = (c["platform"], c["channel_id"], c["message_ref"])
        posted_at = datetime.fromisoformat(c["posted_at"])
        card = Card(team.id, c["shows"], *where, posted_at)
        thread_ref, link = c.get("thread_ref", ""), c.get("link", "")  # absent before 0010
        told = bool(c.get("capture_told", False))
        card = dataclasses.replace(card, thread_ref=thread_ref, link=link, capture_told=told)
        await uow.cards.add(card)


async def _import_study(
    uow: UnitOfWork, team_id: int, data: dict[str, Any], member_of: dict[str, int]
) -> None:
    """The study records of an export (absent from exports made before they existed)."""
    for r in data.get("retros", []):
        await uow.retros.add(
            Retro(
                team_id=team_id,
                member_id=member_of[r["by"]],
                study_date=date.fromisoformat(r["study_date"]),
                template=RetroTemplate(r["template"]),
                fields=dict(r["fields"]),
                created_at=datetime.fromisoformat(r["created_at"]),
                updated_at=datetime.fromisoformat(r["updated_at"]),
            )
        )
    for a in sorted(data.get("assignments", []), key=lambda a: int(a["number"])):
        assignment = Assignment(
            team_id=team_id,
            number=0,
            title=a["title"],
            kind=AssignmentKind(a["kind"]),
            due_at=datetime.fromisoformat(a["due_at"]),
            created_by=member_of[a["created_by"]],
            created_at=datetime.fromisoformat(a["created_at"]),
            link=a["link"],
            done_by={member_of[d["by"]]: datetime.fromisoformat(d["at"]) for d in a["done"]},
        )
        # The repository numbers assignments itself: the numbers of removed ones stay skipped.
        await uow.teams.set_next_assignment_number(team_id, int(a["number"]))
        await uow.assignments.add(assignment)
    if "next_assignment_number" in data:  # format 2: removed last ones stay skipped too
        await uow.teams.set_next_assignment_number(team_id, int(data["next_assignment_number"]))
    for a in data.get("away", []):
        await uow.away.add(
            Away(
                team_id,
                member_of[a["by"]],
                date.fromisoformat(a["first"]),
                date.fromisoformat(a["last"]),
            )
        )


async def _import_question(
    uow: UnitOfWork, team_id: int, q: dict[str, Any], member_of: dict[str, int]
) -> None:
    question = await uow.questions.add(
        Question(
            team_id=team_id,
            number=int(q["number"]),
            asker_id=member_of[q["asker"]],
            text=q["text"],
            category=Category(q["category"]),
            study_date=date.fromisoformat(q["study_date"]),
            asked_at=datetime.fromisoformat(q["asked_at"]),
            assignment=q["assignment"],
            source_link=q.get("source_link"),
            topic=q.get("topic"),
            **parse_changes(q, member_of),
        )
    )
    assert question.id is not None
    for a in q["answers"]:
        stored = await uow.questions.add_answer(
            team_id,
            Answer(
                question.id,
                member_of[a["by"]],
                a["text"],
                datetime.fromisoformat(a["created_at"]),
                source_link=a.get("source_link"),
                **parse_changes(a, member_of),
                **endorsement_fields(a, member_of),
            ),
        )
        question.answers.append(stored)
    question.status = Status(q["status"])
    question.flag = Flag(q["flag"])
    question.flagged_at = parse_when(q["flagged_at"])
    question.resolved_at = parse_when(q["resolved_at"])
    if q["accepted_answer"]:
        question.accepted_answer_id = question.answers[int(q["accepted_answer"]) - 1].id
    if claim := q.get("claim"):
        question.claimed_user, question.claimed_name = claim["user"], claim["name"]
        question.claimed_at = parse_when(claim["at"])
    await uow.questions.update(question)
