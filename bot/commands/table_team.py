"""The `/team` group of the command table (`bot.commands.table`): setting a team up, its
settings, days off, members and the rotation of the session's roles. Kept apart so the
table's module stays readable."""

from __future__ import annotations

from bot import i18n
from bot.commands.spec import Command, Group, Param, ParamKind
from bot.handlers import away, publish, roles, rotation, suggest, team, team_web
from bot.handlers.team_settings import CAPTURE_CHOICES, SIMILAR_CHOICES, schedule_params
from bot.model.teams import Role

LANG = Param("lang", ParamKind.CHOICE, choices=("ko", "en"))
TEMPLATE = Param("template", ParamKind.CHOICE, choices=("fff", "til"))
ZONE = Param("zone", ParamKind.ZONE)
COUNTRY = Param("country", ParamKind.COUNTRY)
DAYS = Param("days", ParamKind.TEXT, positional=True)
SCHEDULE = schedule_params()
SWITCH = Param("publish", ParamKind.CHOICE, choices=publish.SWITCH, aliases=i18n.aliases("publish"))
# `/team settings`' publishing options (`bot.handlers.publish`), after the team's own rows.
PUBLISHING = (
    Param("repo", ParamKind.NAME),
    Param("branch", ParamKind.NAME),
    Param("layout", ParamKind.NAME),
    Param("push", ParamKind.CHOICE, choices=("weekly", "off")),
    Param(
        "publish_minutes",
        ParamKind.CHOICE,
        choices=publish.SWITCH,
        aliases=i18n.aliases("publish"),
    ),
)
ME = Command("me", publish.me, (SWITCH,), private=True)

TEAM = Group(
    "team",
    (
        Command(
            "team setup",
            team.setup,
            (
                Param("start", ParamKind.DATE),
                ZONE,
                COUNTRY,
                LANG,
                TEMPLATE,
                Param("name", ParamKind.NAME),
                Param("similar", ParamKind.CHOICE, choices=SIMILAR_CHOICES),
            ),
            needs_team=False,
        ),
        Command(
            "team settings",
            team.settings,
            (
                Param("start", ParamKind.DATE),
                ZONE,
                COUNTRY,
                LANG,
                TEMPLATE,
                Param("name", ParamKind.NAME),
                Param("capture", ParamKind.CHOICE, choices=CAPTURE_CHOICES),
                Param("similar", ParamKind.CHOICE, choices=SIMILAR_CHOICES),
                *SCHEDULE,
                *PUBLISHING,
            ),
        ),
        Command(
            "team holiday",
            away.holiday,
            (
                Param(
                    "action",
                    ParamKind.CHOICE,
                    positional=True,
                    choices=("add", "remove", "list"),
                    aliases=i18n.aliases("action"),
                ),
                DAYS,
            ),
        ),
        Command(
            "team members",
            roles.members,
            (
                Param("add_admin", ParamKind.NAME, suggest=suggest.members),
                Param("remove_admin", ParamKind.NAME, suggest=suggest.members),
                Param("set", ParamKind.NAME, suggest=suggest.members),
                Param(
                    "role",
                    ParamKind.CHOICE,
                    choices=tuple(r.value for r in Role),
                    aliases=i18n.aliases("role"),
                ),
                Param("remove", ParamKind.NAME, suggest=suggest.members),
            ),
        ),
        Command(
            "team rotation",
            rotation.rotation,
            rotation.PARAMS,
            private_when=rotation.is_showing,  # the next turns are for the caller alone
        ),
        # The link signs in whoever holds it: never shown in the channel.
        Command("team web", team_web.web, team_web.PARAMS, private=True),
    ),
)
