"""Turning "it is time" into outbox rows: what each reminder says, written once.

`OutboxWriter.write` is what every scheduler driver calls. It composes the message from the
data as it is at that moment, and writes it under the occurrence's unique key in one unit of
work.
A reminder with nothing to say (everyone wrote their retrospective) or one noticed after the
grace period (the bot was down) is written as `skipped`, so the decision is made exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from bot import i18n
from bot.calendar import StudyCalendar
from bot.card_links import thread_links
from bot.clock import Clock
from bot.context import day_label
from bot.digest.week import WeekData, load_week
from bot.errors import TryAgainLater
from bot.handlers.listing import (
    by_id,
    load_agenda,
    page_buttons,
    question_lines,
    within_budget,
)
from bot.handlers.rotation import session_roles
from bot.model.questions import Flag, Question, Status
from bot.model.teams import Language, Member, Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.ports import QuestionQuery, UnitOfWork, UnitOfWorkFactory
from bot.scheduled.occurrences import Occurrence
from bot.text import MAX_ACTIONS, Action, Attachment, Line, Mention, Message, Plain

log = logging.getLogger(__name__)


class OutboxWriter:
    """Writes due reminders to the outbox."""

    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, templates: Path | None = None
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._templates = templates

    async def write(self, occurrence: Occurrence) -> bool:
        """Write the occurrence's row unless it exists; True if this call wrote it."""
        return await self.write_batch([occurrence]) == 1

    async def write_batch(
        self,
        occurrences: Sequence[Occurrence],
        teams: Mapping[int, Team] | None = None,
        skipped_out: list[Skipped] | None = None,
    ) -> int:
        """Write each occurrence's row unless it exists, in one unit of work; how many wrote.

        A key another process took first only rolls back its own savepoint, so a batch is as
        safe as single writes and far cheaper. `teams` saves loading teams already at hand.
        Reminders skipped for lateness go to `skipped_out` if given, else into one log line.
        """
        skipped: list[Skipped] = []
        written = 0
        try:
            async with self._uow_factory() as uow:
                for occurrence in occurrences:
                    team = (teams or {}).get(occurrence.team_id) or await uow.teams.get(
                        occurrence.team_id
                    )
                    if team is None:
                        continue
                    now = self._clock.now()
                    late = now - occurrence.at
                    in_time = late <= timedelta(minutes=team.schedule.grace_minutes)
                    message, attachment = None, None
                    if in_time and occurrence.kind is PostKind.DIGEST:
                        message, attachment = await _weekly_post(
                            uow, team, occurrence, self._templates
                        )
                    elif in_time:
                        message = await compose(uow, team, occurrence)
                    row = OutboxMessage(
                        team_id=occurrence.team_id,
                        kind=occurrence.kind,
                        occurrence=occurrence.key,
                        due_at=occurrence.at,
                        message=message or Message(),
                        created_at=now,
                        state=State.PENDING if message else State.SKIPPED,
                        attachment=attachment,
                    )
                    if await uow.outbox.add(row):
                        written += 1
                        if not in_time:
                            skipped.append((occurrence, team, late))
                    if in_time and occurrence.kind is PostKind.MENTOR:
                        await _cohort_copy(uow, team, occurrence, now)
                await uow.commit()
        except TryAgainLater:
            log.warning(
                "database unavailable: %s reminder(s) not written yet, will retry", len(occurrences)
            )
            raise
        if skipped_out is None:
            log_skipped(skipped)
        else:
            skipped_out += skipped
        return written


Skipped = tuple[Occurrence, Team, timedelta]  # a reminder missed beyond the grace period


def log_skipped(skipped: Sequence[Skipped], shown: int = 3) -> None:
    """One warning for every reminder skipped while the bot was off: counts per team and kind."""
    if not skipped:
        return
    by_team: dict[str, dict[str, list[str]]] = {}
    for occurrence, team, _ in skipped:
        keys = by_team.setdefault(team.name, {}).setdefault(occurrence.kind.value, [])
        keys.append(occurrence.key)
    parts = []
    for name, kinds in by_team.items():
        counts = ", ".join(
            f"{len(keys)} {kind} ({', '.join(keys[:shown])}{', ...' if len(keys) > shown else ''})"
            for kind, keys in kinds.items()
        )
        parts.append(f"team {name}: {counts}")
    grace = sorted({team.schedule.grace_minutes for _, team, _ in skipped})
    log.warning(
        "skipped %s reminder(s) missed while the bot was not running (beyond the grace period "
        "of %s minutes): %s",
        len(skipped),
        "/".join(map(str, grace)),
        "; ".join(parts),
    )


async def compose(uow: UnitOfWork, team: Team, occurrence: Occurrence) -> Message | None:
    """The reminder's text as of now, or None when it has nothing to say."""
    match occurrence.kind:
        case PostKind.SESSION:
            return await _session(uow, team, occurrence.day)
        case PostKind.RETRO:
            return await _retro(uow, team, occurrence.day)
        case PostKind.ASSIGNMENT:
            return await _assignment(uow, team, occurrence)
        case PostKind.MENTOR:
            return await _mentor(uow, team)
        case PostKind.DIGEST:
            return await _digest(uow, team, int(occurrence.key.removeprefix("week")))
    raise AssertionError(f"unhandled reminder kind {occurrence.kind}")


def _team_id(team: Team) -> int:
    assert team.id is not None
    return team.id


async def _session(uow: UnitOfWork, team: Team, day: date) -> Message:
    lang, calendar, team_id = team.language, team.calendar(), _team_id(team)
    members = by_id(await uow.members.list(team_id, with_removed=True))
    agenda = await load_agenda(uow, team_id, calendar, day, todays_open_only=True)
    # Each item links to its card (which opens its thread), where the card has a link.
    links = await thread_links(uow, team_id, [q.number for q in (*agenda.carried, *agenda.todays)])
    agenda = within_budget(agenda, lang, members, with_answers=False, links=links)
    carried, todays = agenda.carried, agenda.todays
    lines: list[Line] = list(
        i18n.say(
            lang,
            "remind.session",
            time=Plain(team.schedule.session_time.strftime("%H:%M")),
            day=day_label(lang, calendar, day),
            minutes=team.schedule.session_reminder_minutes,
        ).lines
    )
    lines += await session_roles(uow, team, day)  # today's moderator and note-taker, if set
    if carried:
        lines.append(i18n.line(lang, "remind.session.carried"))
        lines += question_lines(lang, carried, members, with_answers=False, links=links)
    if todays:
        lines.append(i18n.line(lang, "remind.session.today"))
        lines += question_lines(lang, todays, members, with_answers=False, links=links)
    if agenda.more:
        lines.append(i18n.line(lang, "agenda.more", count=agenda.more))
    elif not carried and not todays:
        lines.append(i18n.line(lang, "remind.session.nothing"))
    return Message(tuple(lines), page_buttons(lang, [*carried, *todays]))


async def _away_on(uow: UnitOfWork, team_id: int, day: date) -> set[int]:
    return {a.member_id for a in await uow.away.list(team_id, day, day)}


def mention_list(members: Sequence[Member]) -> Line:
    """`@kim, @lee` as spans that notify exactly these members."""
    spans: list[Plain | Mention] = []
    for i, member in enumerate(members):
        if i:
            spans.append(Plain(", "))
        spans.append(Mention(member.user_id, member.display_name))
    return tuple(spans)


async def _nudged(uow: UnitOfWork, team_id: int, skip: set[int]) -> list[Member]:
    """The current members a nudge names: not in `skip`, and no mentor (never nudged)."""
    return [m for m in await uow.members.list(team_id) if m.id not in skip and not m.is_mentor]


async def _retro(uow: UnitOfWork, team: Team, day: date) -> Message | None:
    team_id = _team_id(team)
    written = {r.member_id for r in await uow.retros.list(team_id, day, day)}
    skip = written | await _away_on(uow, team_id, day)
    missing = await _nudged(uow, team_id, skip)
    if not missing:
        return None
    nudge = i18n.say(
        team.language,
        "remind.retro",
        day=day_label(team.language, team.calendar(), day),
        who=mention_list(missing),
    )
    # The button opens the form for whoever presses it (`/retro` with nothing after it).
    return i18n.labelled(team.language, nudge.with_actions(Action("retro")))


async def _assignment(uow: UnitOfWork, team: Team, occurrence: Occurrence) -> Message | None:
    team_id = _team_id(team)
    assert occurrence.assignment is not None
    assignment = await uow.assignments.get(team_id, occurrence.assignment)
    if assignment is None:
        return None  # removed meanwhile
    calendar = team.calendar()
    skip = set(assignment.done_by) | await _away_on(uow, team_id, occurrence.day)
    missing = await _nudged(uow, team_id, skip)
    if not missing:
        return None
    reminder = i18n.say(
        team.language,
        "remind.assignment",
        title=assignment.title,
        kind=Plain(i18n.text_of(team.language, f"kind.{assignment.kind.value}")),
        due=_due_label(team, calendar, assignment.due_at),
        hours=occurrence.hours_before or 0,
        who=mention_list(missing),
        number=assignment.number,
    )
    # Done marks it done for whoever presses it: `/assignment done 3`, its rules and sentences.
    done = i18n.button(team.language, "assignment done", str(assignment.number))
    return reminder.with_actions(done)


def _due_label(team: Team, calendar: StudyCalendar, due: datetime) -> Plain:
    local = calendar.local_datetime(due)
    day = day_label(team.language, calendar, local.date()).text
    return Plain(f"{day} {local:%H:%M}")


async def _mentor(uow: UnitOfWork, team: Team) -> Message | None:
    team_id = _team_id(team)
    # Never cut: the adapters split a long list into several pieces, in order.
    escalated = await uow.questions.find(
        team_id, QuestionQuery(unresolved=True, escalated=True, limit=None)
    )
    if not escalated:
        return None
    office_hours = team.schedule.office_hours
    members = by_id(await uow.members.list(team_id, with_removed=True))
    head = i18n.say(
        team.language,
        "remind.mentor",
        time=Plain(office_hours.strftime("%H:%M") if office_hours else "?"),
        count=len(escalated),
    )
    links = await thread_links(uow, team_id, [q.number for q in escalated])
    lines = head.lines + tuple(question_lines(team.language, escalated, members, links=links))
    return _with_answer_buttons(team.language, Message(lines), escalated)


async def _cohort_copy(uow: UnitOfWork, team: Team, occurrence: Occurrence, now: datetime) -> None:
    """The team's mentor list also goes to its cohort's mentors' channel (`PostKind.COHORT`,
    the same key: once a day), with refs and Claim / Answer buttons; nothing when the team is
    in no cohort or nothing of it waits in the queue."""
    from bot.handlers.cohort_queue import team_post

    found = await team_post(uow, team)
    if found is None:
        return
    cohort, message = found
    await uow.outbox.add(
        OutboxMessage(
            team_id=_team_id(team),
            kind=PostKind.COHORT,
            occurrence=occurrence.key,
            due_at=occurrence.at,
            message=message,
            created_at=now,
            channel_id=cohort.channel_id,
        )
    )


def _with_answer_buttons(
    lang: Language, message: Message, questions: Sequence[Question]
) -> Message:
    """An *Answer #12* button (the answer form) per listed question, as many as a message
    carries (`MAX_ACTIONS`); a longer list says which ones have none, so nothing is left off
    unseen."""
    shown = questions[:MAX_ACTIONS]
    buttons = [
        i18n.button(lang, "answer", str(q.number), key="button.answer.numbered", number=q.number)
        for q in shown
    ]
    if len(questions) > len(shown):
        rest = len(questions) - len(shown)
        message += i18n.say(lang, "remind.mentor.more_buttons", shown=len(shown), rest=rest)
    return message.with_actions(*buttons)


async def _weekly_post(
    uow: UnitOfWork, team: Team, occurrence: Occurrence, templates: Path | None
) -> tuple[Message, Attachment | None]:
    """The weekly post and its peer-minutes file, from one load of the week.

    Counting and rendering grow with the team and touch no database: off the shared loop. A
    file over what a message can carry is left off, and the post says how to get it.
    """
    from bot.digest import render_loaded
    from bot.handlers.files import fit

    week = int(occurrence.key.removeprefix("week"))
    data = await load_week(uow, team, week)

    def compose_post() -> tuple[Message, Attachment | None]:
        rendered = render_loaded(data, "peer-minutes", templates=templates)
        attachment, too_big = fit(
            team, week, "peer-minutes", Attachment(rendered.filename, rendered.markdown)
        )
        return _digest_message(data) + too_big, attachment

    return await asyncio.to_thread(compose_post)


async def _digest(uow: UnitOfWork, team: Team, week: int) -> Message:
    return _digest_message(await load_week(uow, team, week))


def _digest_message(data: WeekData) -> Message:
    """The weekly post's counts: the week's questions (resolved, open), notes, retrospectives."""
    asked = [q for q in data.questions if data.monday <= q.study_date <= data.sunday]
    resolved = sum(1 for q in asked if q.is_resolved)
    answered = sum(1 for q in asked if q.status is Status.ANSWERED and q.flag is Flag.NONE)
    return i18n.say(
        data.team.language,
        "remind.digest",
        week=data.week,
        asked=len(asked),
        resolved=resolved,
        answered=answered,
        open=len(asked) - resolved - answered,
        notes=len(data.notes),
        retros=len(data.retros),
    )
