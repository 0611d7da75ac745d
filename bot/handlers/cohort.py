"""`/cohort`: linking teams into a cohort with one mentors' channel, and its mentors.

A cohort lives on one platform, in a channel that is no team's (the mentors' channel). Teams of
that platform join with the cohort's join code (a team admin, in the team's channel); only
their escalated questions cross into the cohort (`bot.handlers.cohort_queue`), nothing else.

The cohort's mentors (`bot.handlers.cohort_mentors`) become mentors of each team that joins. A
team leaving leaves those team flags alone: a team's roles are its admins' (`/team members`),
and the reply says so. Only the cohort's own mentors may claim and answer in its queue.

The join code is shown privately (`/cohort show` in the mentors' channel, cohort admins only),
never in a public reply: anyone holding it can link their team.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.cohort_mentors import make_mentor
from bot.handlers.cohort_queue import load_queue
from bot.handlers.team import must_be_admin
from bot.model.cohort import (
    MAX_COHORT_NAME,
    Cohort,
    CohortMentor,
    clean_code,
    new_join_code,
)
from bot.model.questions import clean_text
from bot.model.teams import Language
from bot.ports import Reply, UnitOfWork
from bot.text import Line, Message, Plain, UserText

CODE_TRIES = 5


async def create(ctx: Context, args: Args) -> Reply:
    """`/cohort create name:"AI 3기"`: this channel becomes the cohort's mentors' channel; the
    caller its first mentor and admin."""
    if ctx.team is not None:
        raise PeerbotError("cohort.team_channel", team=ctx.team.name)
    if ctx.cohort is not None:
        raise PeerbotError("cohort.already_here", name=ctx.cohort.name)
    if "name" not in args:
        raise PeerbotError("cohort.name_needed")
    name = clean_text(args["name"], what="name", limit=MAX_COHORT_NAME)
    if await ctx.uow.cohorts.get_by_name(name) is not None:
        raise PeerbotError("cohort.name_taken", name=name)
    if "lang" in args:
        ctx.lang = Language(args["lang"])
    invocation = ctx.invocation
    code = await _unused_code(ctx.uow)
    cohort = await ctx.uow.cohorts.add(
        Cohort(
            name=name,
            platform=invocation.platform,
            channel_id=invocation.channel_id,
            language=ctx.lang.value,
            join_code=code,
            created_by=invocation.user_id,
            created_at=ctx.now,
        )
    )
    assert cohort.id is not None
    await ctx.uow.cohorts.set_mentor(
        CohortMentor(cohort.id, invocation.user_id, invocation.display_name, True, ctx.now)
    )
    ctx.cohort = cohort
    return ctx.reply("cohort.created", name=name, who=invocation.display_name)


async def _unused_code(uow: UnitOfWork) -> str:
    for _ in range(CODE_TRIES):
        code = new_join_code()
        if await uow.cohorts.get_by_code(code) is None:
            return code
    raise PeerbotError("error.try_again")


async def join(ctx: Context, args: Args) -> Reply:
    """`/cohort join code:XXXX` (a team admin, in the team's channel): the team joins; the
    cohort's mentors become mentors of the team."""
    team = ctx.the_team
    assert team.id is not None
    await must_be_admin(ctx)
    joined = await ctx.uow.cohorts.of_team(team.id)
    if joined is not None:
        current = await ctx.uow.cohorts.get(joined.cohort_id)
        raise PeerbotError("cohort.in_one_already", name=current.name if current else "?")
    cohort = await ctx.uow.cohorts.get_by_code(clean_code(args["code"]))
    if cohort is None or cohort.id is None:
        raise PeerbotError("cohort.bad_code")
    if cohort.platform != team.platform:
        raise PeerbotError("cohort.other_platform", name=cohort.name, platform=cohort.platform)
    place = await ctx.uow.cohorts.join(cohort.id, team.id, ctx.now)
    mentors = await ctx.uow.cohorts.mentors(cohort.id)
    for mentor in mentors:
        await make_mentor(ctx.uow, team, mentor, ctx)
    names = ", ".join(m.display_name for m in mentors) or "-"
    said = ctx.say(
        "cohort.joined",
        team=team.name,
        name=cohort.name,
        number=place.number,
        who=ctx.the_member.display_name,
        mentors=names,
    )
    return Reply(said + ctx.say("cohort.crosses"))  # exactly what the mentors will see


async def leave(ctx: Context, args: Args) -> Reply:
    """`/cohort leave` (a team admin): the team's escalated questions no longer cross."""
    team = ctx.the_team
    assert team.id is not None
    await must_be_admin(ctx)
    joined = await ctx.uow.cohorts.of_team(team.id)
    if joined is None:
        raise PeerbotError("cohort.in_none")
    cohort = await ctx.uow.cohorts.get(joined.cohort_id)
    await ctx.uow.cohorts.leave(team.id)
    name = cohort.name if cohort else "?"
    return ctx.reply("cohort.left", team=team.name, name=name, who=ctx.the_member.display_name)


async def show(ctx: Context, args: Args) -> Reply:
    """`/cohort show`: in the mentors' channel, the cohort (teams, mentors, queue size; the join
    code for its admins); in a team's channel, only the cohort's name and what crosses."""
    if ctx.cohort is not None:
        cohort = ctx.cohort
        assert cohort.id is not None
        lines: list[Line] = list(ctx.say("cohort.show.title", name=cohort.name).lines)
        places = await ctx.uow.cohorts.teams(cohort.id)
        lines.append(ctx.line("cohort.show.teams", count=len(places)))
        for place in places:
            team = await ctx.uow.teams.get(place.team_id)
            lines.append(
                ctx.line("cohort.show.team", number=place.number, team=team.name if team else "?")
            )
        mentors = await ctx.uow.cohorts.mentors(cohort.id)
        lines.append(ctx.line("cohort.show.mentors", who=_mentor_names(ctx, mentors)))
        queue = await load_queue(ctx.uow, cohort)
        lines.append(ctx.line("cohort.show.queue", count=len(queue)))
        caller = next((m for m in mentors if m.user_id == ctx.invocation.user_id), None)
        if caller is not None and caller.is_admin:
            code = Plain(cohort.join_code)
            lines += ctx.say(
                "cohort.show.code", code=code, command=f"/cohort join code:{code.text}"
            ).lines
        return Reply(Message(tuple(lines)), ephemeral=True)
    if ctx.team is not None and ctx.team.id is not None:
        joined = await ctx.uow.cohorts.of_team(ctx.team.id)
        cohort_of_team = await ctx.uow.cohorts.get(joined.cohort_id) if joined else None
        if joined is None or cohort_of_team is None:
            return ctx.reply("cohort.show.none", ephemeral=True)
        message = ctx.say(
            "cohort.show.of_team", name=cohort_of_team.name, number=joined.number
        ) + ctx.say("cohort.crosses")
        return Reply(message, ephemeral=True)
    raise PeerbotError("cohort.not_here")


def _mentor_names(ctx: Context, mentors: Sequence[CohortMentor]) -> Line:
    spans: list[Plain | UserText] = []
    for i, mentor in enumerate(mentors):
        if i:
            spans.append(Plain(", "))
        spans.append(UserText(mentor.display_name))
        if mentor.is_admin:
            spans.append(Plain(ctx.say_plain("cohort.admin_mark").text))
    return tuple(spans) or (Plain("-"),)
