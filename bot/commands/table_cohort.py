"""The `/cohort` group of the command table (`bot.commands.table`): teams linked into a cohort
with one mentors' channel, its mentors, and the mentors' queue (`bot.handlers.cohort`,
`bot.handlers.cohort_queue`). Kept apart so the table's module stays readable."""

from __future__ import annotations

from bot import i18n
from bot.commands.spec import Command, FormSpec, Group, Param, ParamKind
from bot.commands.table_team import LANG
from bot.handlers import cohort, cohort_answer, cohort_hours, cohort_mentors, cohort_queue

REF = Param("ref", ParamKind.NAME, required=True, positional=True)  # 2#12 or 2#12,3#4
QUEUE_ACTIONS = ("cohort claim", "cohort answer")  # each item's Claim and Answer

COHORT = Group(
    "cohort",
    (
        Command(
            "cohort create",
            cohort.create,
            (Param("name", ParamKind.NAME), LANG),
            needs_team=False,
        ),
        Command(
            "cohort join",
            cohort.join,
            (Param("code", ParamKind.NAME, required=True),),
        ),
        Command("cohort leave", cohort.leave),
        Command("cohort show", cohort.show, needs_team=False, private=True),
        Command(
            "cohort mentor",
            cohort_mentors.mentor,
            (Param("add", ParamKind.NAME), Param("remove", ParamKind.NAME)),
            needs_team=False,
            needs_cohort=True,
        ),
        Command(
            "cohort queue",
            cohort_queue.queue,
            needs_team=False,
            needs_cohort=True,
            private=True,
            actions=QUEUE_ACTIONS,
        ),
        Command(
            "cohort hours",
            cohort_hours.hours,
            (Param("date", ParamKind.DATE),),
            needs_team=False,
            needs_cohort=True,
            slow=True,
        ),
        Command(
            "cohort claim",
            cohort_answer.claim,
            (
                REF,
                Param(
                    "release",
                    ParamKind.CHOICE,
                    positional=True,
                    choices=("release",),
                    aliases=i18n.aliases("release"),
                ),
            ),
            needs_team=False,
            needs_cohort=True,
            actions=("cohort answer",),
        ),
        Command(
            "cohort answer",
            cohort_answer.answer,
            (REF, Param("text", ParamKind.TEXT, required=True, positional=True)),
            needs_team=False,
            needs_cohort=True,
            form=FormSpec(cohort_answer.answer_form, cohort_answer.submit_answer, keeps=("ref",)),
        ),
    ),
)
