"""The `/team` group of the command table (`bot.commands.table`): setting a team up, its
settings, days off, members and the rotation of the session's roles. Kept apart so the
table's module stays readable."""

from __future__ import annotations

from bot import i18n
from bot.commands.spec import Command, Group, Param, ParamKind
from bot.handlers import away, roles, rotation, suggest, team
from bot.handlers.team_settings import CAPTURE_CHOICES, SIMILAR_CHOICES, schedule_params
from bot.model.teams import Role

LANG = Param("lang", ParamKind.CHOICE, choices=("ko", "en"))
TEMPLATE = Param("template", ParamKind.CHOICE, choices=("fff", "til"))
ZONE = Param("zone", ParamKind.ZONE)
COUNTRY = Param("country", ParamKind.COUNTRY)
DAYS = Param("days", ParamKind.TEXT, positional=True)
SCHEDULE = schedule_params()

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
    ),
)
