"""A team's settings as one table: a row per option of `/team settings`.

Each row says how the option is typed (its parameter kind), how the team's current value reads
(as one would type it: `16:00`, `24,1`, `last 18:00`, `none`; the "changed" sentence quotes it),
how `/team settings` shows it, and how a new value is applied to the team. `/team setup` and
`/team settings` walk the rows, and the command table takes the schedule's parameters from them,
so a new setting is one row here plus its sentences in the catalogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from bot.commands.spec import Param, ParamKind
from bot.commands.when import parse_digest, parse_offsets, parse_optional_clock
from bot.context import Context
from bot.model.questions import clean_text
from bot.model.teams import Language, RetroTemplate, Team, TeamSchedule
from bot.text import Plain

MAX_TEAM_NAME = 60
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Setting:
    """One team setting: `read` gives its value as typed, `apply` sets a parsed option's value.

    `show` is what the settings message shows (the value as read when None). A change of a
    setting that `reschedules` moves the team's reminders; `schedule` ones are shown together
    under the schedule.
    """

    name: str
    kind: ParamKind
    read: Callable[[Team], str]
    apply: Callable[[Team, Any], None]
    show: Callable[[Context, Team], object] | None = None
    schedule: bool = False
    reschedules: bool = False
    choices: tuple[str, ...] = ()

    @property
    def param(self) -> Param:
        return Param(self.name, self.kind, choices=self.choices)

    def shown(self, ctx: Context, team: Team) -> object:
        return self.read(team) if self.show is None else self.show(ctx, team)


def _set_name(team: Team, value: str) -> None:
    team.name = clean_text(value, what="name", limit=MAX_TEAM_NAME)


def _set_start(team: Team, value: Any) -> None:
    team.start_date = value  # checked against today before any setting is applied


def _set_zone(team: Team, value: str) -> None:
    team.zone = value


def _set_country(team: Team, value: str | None) -> None:
    team.country = value


def _set_language(team: Team, value: str) -> None:
    team.language = Language(value)


def _set_template(team: Team, value: str) -> None:
    team.retro_template = RetroTemplate(value)


CAPTURE_CHOICES = ("threads", "off")  # `/team settings capture:`, as typed


def _set_capture(team: Team, value: str) -> None:
    team.capture_threads = value == "threads"


SIMILAR_CHOICES = ("on", "off")  # `/team settings similar:`, as typed


def _set_similar(team: Team, value: str) -> None:
    team.similar_check = value == "on"


def _hhmm(clock: time) -> str:
    return clock.strftime("%H:%M")


def _digest_typed(schedule: TeamSchedule) -> str:
    day = "last" if schedule.digest_weekday is None else _WEEKDAY_NAMES[schedule.digest_weekday]
    return f"{day} {_hhmm(schedule.digest_time)}"


def _digest_changed(schedule: TeamSchedule, value: str) -> TeamSchedule:
    weekday, clock = parse_digest(value, schedule.digest_weekday, schedule.digest_time)
    return replace(schedule, digest_weekday=weekday, digest_time=clock)


def _scheduled(
    name: str,
    kind: ParamKind,
    read: Callable[[TeamSchedule], str],
    change: Callable[[TeamSchedule, Any], TeamSchedule],
) -> Setting:
    """A row of the team's schedule: shown as typed, and a change moves the reminders."""

    def apply(team: Team, value: Any) -> None:
        team.schedule = change(team.schedule, value)

    return Setting(
        name,
        kind,
        lambda team: read(team.schedule),
        apply,
        show=lambda ctx, team: Plain(read(team.schedule)),
        schedule=True,
        reschedules=True,
    )


# In the order the changes are applied and told (name first: a bad name is the first error).
SETTINGS: tuple[Setting, ...] = (
    Setting("name", ParamKind.NAME, lambda team: team.name, _set_name),
    Setting(
        "start",
        ParamKind.DATE,
        lambda team: team.start_date.isoformat(),
        _set_start,
        show=lambda ctx, team: team.start_date,
        reschedules=True,
    ),
    Setting("zone", ParamKind.ZONE, lambda team: team.zone, _set_zone, reschedules=True),
    Setting(
        "country",
        ParamKind.COUNTRY,
        lambda team: team.country or "none",
        _set_country,
        show=lambda ctx, team: team.country or ctx.say_plain("none"),
        reschedules=True,
    ),
    Setting(
        "lang",
        ParamKind.CHOICE,
        lambda team: team.language.value,
        _set_language,
        choices=tuple(lang.value for lang in Language),
    ),
    Setting(
        "template",
        ParamKind.CHOICE,
        lambda team: team.retro_template.value,
        _set_template,
        choices=tuple(t.value for t in RetroTemplate),
    ),
    Setting(
        "capture",
        ParamKind.CHOICE,
        lambda team: CAPTURE_CHOICES[0] if team.capture_threads else CAPTURE_CHOICES[1],
        _set_capture,
        choices=CAPTURE_CHOICES,
    ),
    Setting(
        "similar",
        ParamKind.CHOICE,
        lambda team: SIMILAR_CHOICES[0] if team.similar_check else SIMILAR_CHOICES[1],
        _set_similar,
        choices=SIMILAR_CHOICES,
    ),
    _scheduled(
        "session",
        ParamKind.TIME,
        lambda s: _hhmm(s.session_time),
        lambda s, value: replace(s, session_time=value),
    ),
    _scheduled(
        "session_remind",
        ParamKind.MINUTES,
        lambda s: str(s.session_reminder_minutes),
        lambda s, value: replace(s, session_reminder_minutes=value),
    ),
    _scheduled(
        "retro_time",
        ParamKind.TIME,
        lambda s: _hhmm(s.retro_time),
        lambda s, value: replace(s, retro_time=value),
    ),
    _scheduled(
        "assignment_remind",
        ParamKind.NAME,
        lambda s: ",".join(map(str, s.assignment_reminder_hours)),
        lambda s, value: replace(s, assignment_reminder_hours=parse_offsets(value)),
    ),
    _scheduled("digest", ParamKind.NAME, _digest_typed, _digest_changed),
    _scheduled(
        "office_hours",
        ParamKind.NAME,
        lambda s: _hhmm(s.office_hours) if s.office_hours else "none",
        lambda s, value: replace(s, office_hours=parse_optional_clock(value)),
    ),
    _scheduled(
        "grace",
        ParamKind.MINUTES,
        lambda s: str(s.grace_minutes),
        lambda s, value: replace(s, grace_minutes=value),
    ),
)


def schedule_params() -> tuple[Param, ...]:
    """The schedule's options, as the command table declares them for `/team settings`."""
    return tuple(setting.param for setting in SETTINGS if setting.schedule)


def apply_all(team: Team, args: dict[str, Any]) -> tuple[list[str], bool]:
    """Apply every setting `args` names, in table order.

    Returns the changes as `name: old → new` (settings given their current value are left
    out) and whether any of them moves the team's reminders.
    """
    changes: list[str] = []
    reschedule = False
    for setting in SETTINGS:
        if setting.name not in args:
            continue
        old = setting.read(team)
        setting.apply(team, args[setting.name])
        new = setting.read(team)
        if old != new:
            changes.append(f"{setting.name}: {old} → {new}")
            reschedule = reschedule or setting.reschedules
    return changes, reschedule


def shown(ctx: Context, team: Team, *, schedule: bool) -> dict[str, Any]:
    """The catalog's parameters for the settings (or, `schedule`, the schedule's) as shown."""
    return {s.name: s.shown(ctx, team) for s in SETTINGS if s.schedule is schedule}
