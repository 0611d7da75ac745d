"""Cohort-wide mentors: who may claim and answer in a cohort's queue, and their team rows.

A cohort-wide mentor (`/cohort mentor add:@lee`, or the cohort's creator) is a mentor of every
team of the cohort, now and of teams that join later: a member row with the mentor flag is made
in each team (`make_mentor`), so they are never nudged nor counted missing. Taking the cohort
role away leaves those team flags alone: a team's roles are its admins' (`/team members`), and
the reply says so.
"""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.model.cohort import Cohort, CohortMentor
from bot.model.teams import Member, Team
from bot.ports import Reply, UnitOfWork
from bot.text import Mention


async def make_mentor(uow: UnitOfWork, team: Team, mentor: CohortMentor, ctx: Context) -> Member:
    """The cohort mentor as a mentor of `team`: their member row, created if missing (a removed
    one back), with the mentor flag (an admin stays admin)."""
    assert team.id is not None
    member = await uow.members.get(team.id, mentor.user_id)
    if member is None:
        return await uow.members.add(
            Member(team.id, mentor.user_id, mentor.display_name, joined_at=ctx.now, is_mentor=True)
        )
    if member.is_removed or not member.is_mentor or member.display_name != mentor.display_name:
        if member.is_removed:
            member.rejoin(ctx.now)
        member.is_mentor, member.display_name = True, mentor.display_name
        await uow.members.update(member)
    return member


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
