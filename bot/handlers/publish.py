"""`/me` (a member's own settings: whether their files are published) and the publishing options
of `/team settings` (`repo:`, `branch:`, `layout:`, `push:`, `publish_minutes:`).

Every option is checked before anything is written, so a bad one leaves the team as it was. The
repository's address is stored and shown without credentials: a token comes only from the
bot's environment (`PEERBOT_GIT_TOKEN`, `PEERBOT_GIT_TOKEN_<team id>`).
"""

from __future__ import annotations

from typing import Any

from bot.commands.spec import Args
from bot.context import Context
from bot.model.teams import Team
from bot.ports import Reply
from bot.publish.layout import DEFAULT_LAYOUT, check_branch, check_layout, check_url, shown_url
from bot.publish.model import PublishSettings, PushSchedule
from bot.text import Message, Plain

PUBLISH_OPTIONS = ("repo", "branch", "layout", "push", "publish_minutes")
SWITCH = ("on", "off")


async def me(ctx: Context, args: Args) -> Reply:
    """Alone: the caller's own settings, for them alone; `publish:on|off` changes it."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None
    settings = await ctx.uow.publishing.get_settings(team.id)
    has_repo = settings is not None and settings.repo_url is not None
    if "publish" not in args:
        state = "on" if member.publish else "off"
        explain = "publish.me." + (state if has_repo else "no_repo")
        return ctx.reply(
            "publish.me",
            team=team.name,
            state=Plain(state),
            explain=ctx.say_plain(explain),
            ephemeral=True,
        )
    member.publish = args["publish"] == "on"
    await ctx.uow.members.update(member)
    if member.publish:
        where = shown_url(settings.repo_url) if settings and settings.repo_url else None
        return ctx.reply(
            "publish.me_changed.on",
            who=member.display_name,
            where=where or ctx.say_plain("publish.me.no_repo"),
            ephemeral=True,
        )
    return ctx.reply("publish.me_changed.off", who=member.display_name, ephemeral=True)


def checked(args: Args) -> dict[str, Any]:
    """The publishing options of `args`, each checked (a `PeerbotError` names the first bad one)."""
    found: dict[str, Any] = {}
    if "repo" in args:
        found["repo"] = check_url(args["repo"])
    if "branch" in args:
        found["branch"] = check_branch(args["branch"])
    if "layout" in args:
        found["layout"] = check_layout(args["layout"])
    for name in ("push", "publish_minutes"):
        if name in args:
            found[name] = args[name]
    return found


async def apply(ctx: Context, team: Team, options: dict[str, Any]) -> list[str]:
    """Store the checked options; the changes as `name: old → new`, as `/team settings` tells."""
    assert team.id is not None
    if not options:
        return []
    settings = await ctx.uow.publishing.get_settings(team.id) or PublishSettings(team.id)
    before = _typed(settings)
    if "repo" in options:
        settings.repo_url = options["repo"]
    if "branch" in options:
        settings.branch = options["branch"]
    if "layout" in options:
        settings.layout = None if options["layout"] == DEFAULT_LAYOUT else options["layout"]
    if "push" in options:
        push = PushSchedule(options["push"])
        if push is PushSchedule.WEEKLY and settings.push is not PushSchedule.WEEKLY:
            settings.weekly_since = ctx.now  # weeks posted from now on, not the ones before
        settings.push = push
    if "publish_minutes" in options:
        settings.publish_minutes = options["publish_minutes"] == "on"
    await ctx.uow.publishing.save_settings(settings)
    after = _typed(settings)
    return [
        f"{name}: {before[name]} → {after[name]}" for name in after if before[name] != after[name]
    ]


def _typed(settings: PublishSettings) -> dict[str, str]:
    return {
        "repo": shown_url(settings.repo_url) if settings.repo_url else "none",
        "branch": settings.branch,
        "layout": settings.layout or DEFAULT_LAYOUT,
        "push": settings.push.value,
        "publish_minutes": "on" if settings.publish_minutes else "off",
    }


async def settings_lines(ctx: Context, team: Team) -> Message:
    """The publishing part of `/team settings`."""
    assert team.id is not None
    settings = await ctx.uow.publishing.get_settings(team.id) or PublishSettings(team.id)
    typed = _typed(settings)
    return ctx.say(
        "publish.settings",
        repo=typed["repo"] if settings.repo_url else ctx.say_plain("none"),
        branch=Plain(typed["branch"]),
        push=Plain(typed["push"]),
        minutes=Plain(typed["publish_minutes"]),
        layout=typed["layout"],
    )
