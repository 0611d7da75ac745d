"""`/cohort`: linking teams into a cohort with one mentors' channel, and its mentors.

A cohort lives on one platform, in a channel that is no team's (the mentors' channel). Teams of
that platform join with the cohort's join code (a team admin, in the team's channel); only
their escalated questions cross into the cohort (`bot.handlers.cohort_queue`), nothing else.

A cohort-wide mentor (`/cohort mentor add:@lee`, or the cohort's creator) is a mentor of every
team of the cohort, now and of teams that join later: a member row with the mentor flag is made
in each team (so they are never nudged nor counted missing). Taking the cohort role away, or a
team leaving, leaves those team flags alone: a team's roles are its admins' (`/team members`),
and the reply says so. Only the cohort's own mentors may claim and answer in its queue.

The join code is shown privately (`/cohort show` in the mentors' channel, cohort admins only),
never in a public reply: anyone holding it can link their team.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.team import must_be_admin
from bot.model.cohort import (
    MAX_COHORT_NAME,
    Cohort,
    CohortMentor,
    clean_code,
    new_join_code,
)
from bot.model.questions import clean_text
from bot.model.teams import Member, Team
from bot.ports import Reply, UnitOfWork
from bot.text import Line, Mention, Message, Plain, UserText

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
        ctx.lang = type(ctx.lang)(args["lang"])
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
    return ctx.reply(
        "cohort.joined",
        team=team.name,
        name=cohort.name,
        number=place.number,
        who=ctx.the_member.display_name,
        mentors=names,
    )


async def make_mentor(uow: UnitOfWork, team: Team, mentor: CohortMentor, ctx: Context) -> Member:
    """The cohort mentor as a mentor of `team`: their member row, created if missing (a removed
    one back), with the mentor flag (an admin stays admin)."""
    assert team.id is not None
    member = await uow.members.get(team.id, mentor.user_id)
    if member is None:
        return await uow.members.add(
            Member(team.id, mentor.user_id, mentor.display_name, joined_at=ctx.now, is_mentor=True)
        )
    if member.is_removed or not member.is_mentor:
        if member.is_removed:
            member.rejoin(ctx.now)
        member.is_mentor = True
        await uow.members.update(member)
    return member


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
    from bot.handlers.cohort_queue import load_queue

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


async def cohort_mentor(ctx: Context) -> CohortMentor:
    """The caller as a mentor of this channel's cohort (their name kept current), or why not."""
    cohort = ctx.the_cohort
    assert cohort.id is not None
    mentors = await ctx.uow.cohorts.mentors(cohort.id)
    invocation = ctx.invocation
    mine = next((m for m in mentors if m.user_id == invocation.user_id), None)
    if mine is None:
        admins = ", ".join(m.display_name for m in mentors if m.is_admin) or "?"
        raise PeerbotError("cohort.not_mentor", name=cohort.name, admins=admins)
    if mine.display_name != invocation.display_name:
        mine.display_name = invocation.display_name
        await ctx.uow.cohorts.set_mentor(mine)
    return mine


async def mentor(ctx: Context, args: Args) -> Reply:
    """`/cohort mentor add:@lee` / `remove:@lee` (a cohort admin): a cohort-wide mentor."""
    cohort = ctx.the_cohort
    assert cohort.id is not None
    me = await cohort_mentor(ctx)
    if not me.is_admin:
        raise PeerbotError("cohort.admin_only", name=cohort.name)
    if ("add" in args) == ("remove" in args):
        raise PeerbotError("cohort.mentor_how")
    mentors = list(await ctx.uow.cohorts.mentors(cohort.id))
    if "remove" in args:
        gone = await _known_person(ctx, cohort, mentors, args["remove"], mentors_only=True)
        if gone.is_admin and sum(m.is_admin for m in mentors) == 1:
            raise PeerbotError("cohort.last_admin", who=gone.display_name)
        await ctx.uow.cohorts.remove_mentor(cohort.id, gone.user_id)
        return ctx.reply("cohort.mentor_removed", who=gone.display_name, name=cohort.name)
    new = await _known_person(ctx, cohort, mentors, args["add"], mentors_only=False)
    if any(m.user_id == new.user_id for m in mentors):
        raise PeerbotError("cohort.mentor_already", who=new.display_name, name=cohort.name)
    await ctx.uow.cohorts.set_mentor(new)
    places = await ctx.uow.cohorts.teams(cohort.id)
    for place in places:
        team = await ctx.uow.teams.get(place.team_id)
        if team is not None:
            await make_mentor(ctx.uow, team, new, ctx)
    who = Mention(new.user_id, new.display_name)
    return ctx.reply("cohort.mentor_added", who=who, name=cohort.name, count=len(places))


async def _known_person(
    ctx: Context, cohort: Cohort, mentors: list[CohortMentor], ref: str, *, mentors_only: bool
) -> CohortMentor:
    """Whom `@lee` / `<@U123>` names: a mentor of the cohort, a member of one of its teams, or
    (a platform mention) anyone; a plain name nobody has is refused."""
    assert cohort.id is not None
    text = ref.strip()
    mentioned = text.startswith("<@") and text.endswith(">")
    user_id, _, given_name = text[2:-1].lstrip("!").partition("|") if mentioned else ("", "", "")
    name = text.lstrip("@")
    for known in mentors:
        if known.user_id == user_id or (
            not mentioned and known.display_name.lower() == name.lower()
        ):
            return known
    if mentors_only:
        raise PeerbotError("cohort.not_a_mentor", who=name, name=cohort.name)
    for place in await ctx.uow.cohorts.teams(cohort.id):
        member = (
            await ctx.uow.members.get(place.team_id, user_id)
            if mentioned
            else await ctx.uow.members.find_by_name(place.team_id, name)
        )
        if member is not None:
            return CohortMentor(cohort.id, member.user_id, member.display_name, False, ctx.now)
    if not mentioned or not user_id:
        raise PeerbotError("cohort.who_unknown", who=name)
    return CohortMentor(cohort.id, user_id, given_name or user_id, False, ctx.now)
