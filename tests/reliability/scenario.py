"""A deterministic script of study-group life: teams, members, commands and their times.

`script(teams, days, seed)` gives every command of `teams` teams over the study days from Monday
2021-08-09 (Korean calendar: 2021-08-16 is a substitute holiday), in time order: set-up and
settings, questions with answers, acceptances, deferrals, escalations and reopenings, notes,
retrospectives in both templates, assignments with due times both far and near (so some of their
reminders had already passed when they were added), marking them done, days away, the team's own
days off, and read-only commands (/questions, /retro show, /digest). Between the commands fall
the session reminders, retrospective nudges, assignment reminders, mentor lists and weekly
digests, so a run through `Stepper` exercises every kind of outbox row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
FIRST_DAY = date(2021, 8, 9)  # a Monday, Day 6 of a course that started 2021-08-02
HOLIDAYS = {date(2021, 8, 15), date(2021, 8, 16)}  # Liberation Day and its substitute
MEMBERS = 5


@dataclass(frozen=True)
class Step:
    at: datetime
    channel: str
    user: str
    line: str

    @property
    def command(self) -> tuple[str, str]:
        name, _, args = self.line.lstrip("/").partition(" ")
        return name, args


def study_days(days: int) -> list[date]:
    """The first `days` weekdays from FIRST_DAY that are not public holidays."""
    out: list[date] = []
    day = FIRST_DAY
    while len(out) < days:
        if day.weekday() < 5 and day not in HOLIDAYS:
            out.append(day)
        day += timedelta(days=1)
    return out


def end_of(days: int) -> datetime:
    """An instant after the last reminder of the run (and after any lease has run out)."""
    return datetime.combine(study_days(days)[-1] + timedelta(days=3), time(0, 0), SEOUL)


def script(teams: int, days: int, seed: int = 7) -> list[Step]:
    rng = random.Random(seed)
    steps: list[Step] = []
    calendar = study_days(days)
    for t in range(teams):
        steps += _team(t, calendar, random.Random(rng.random()))
    steps.sort(key=lambda s: (s.at, int(s.channel[1:])))
    return steps


def _team(t: int, calendar: list[date], rng: random.Random) -> list[Step]:
    channel = f"c{t}"
    users = [f"u{t}x{m}" for m in range(MEMBERS)]
    admin = users[0]
    steps: list[Step] = []

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        # Teams act a minute apart, so commands of different teams interleave.
        return datetime.combine(day, time(hour, (minute + t) % 60), SEOUL)

    def say(when: datetime, user: str, line: str) -> None:
        steps.append(Step(when, channel, user, line))

    first = calendar[0]
    lang = "ko" if t % 2 else "en"
    template = "til" if t % 3 == 2 else "fff"
    say(
        at(first, 9),
        admin,
        f"/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:{lang} "
        f"template:{template} name:team{t}",
    )
    if t % 2 == 0:
        say(at(first, 9, 20), admin, "/team settings office_hours:14:00 grace:60")
    if t % 4 == 1:
        say(at(first, 9, 25), admin, "/team settings session:17:00 session_remind:15")
    asked = 0  # questions asked so far (numbers 1..asked)
    askers: dict[int, str] = {}
    assignments = 0
    for index, day in enumerate(calendar):
        # Morning: questions and answers, some of them about yesterday's.
        for hour in (10, 11, 12, 13):
            for _ in range(rng.randint(1, 3)):
                user = rng.choice(users)
                roll = rng.random()
                if roll < 0.35 or asked == 0:
                    asked += 1
                    askers[asked] = user
                    category = rng.choice(("lecture", "assignment", "general"))
                    text = rng.choice(_QUESTIONS)
                    extra = f" assignment:과제{assignments}" if category == "assignment" else ""
                    say(
                        at(day, hour, rng.randint(0, 50)),
                        user,
                        f"/ask {text} #{asked} category:{category}{extra}",
                    )
                elif roll < 0.65:
                    number = rng.randint(1, asked)
                    say(
                        at(day, hour, rng.randint(0, 50)),
                        user,
                        f"/answer {number} {rng.choice(_ANSWERS)}",
                    )
                elif roll < 0.75:
                    number = rng.randint(max(1, asked - 5), asked)
                    say(at(day, hour, rng.randint(0, 50)), askers[number], f"/accept {number}")
                elif roll < 0.82:
                    verb = rng.choice(("defer", "escalate", "reopen"))
                    say(at(day, hour, rng.randint(0, 50)), user, f"/{verb} {rng.randint(1, asked)}")
                elif roll < 0.90:
                    say(at(day, hour, rng.randint(0, 50)), user, f"/note {rng.choice(_NOTES)}")
                else:
                    say(
                        at(day, hour, rng.randint(0, 50)),
                        user,
                        rng.choice(
                            (
                                "/questions today",
                                "/questions open",
                                "/questions week",
                                "/questions mentor",
                                "/assignment list",
                                "/help",
                            )
                        ),
                    )
        # Assignments: one far ahead (all its reminders still to come), one near (its 24 h
        # reminder already past when it is added), and marking them done.
        if index % 2 == 0:
            assignments += 1
            due = day + timedelta(days=2)
            say(
                at(day, 11, 30),
                admin,
                f"/assignment add 과제{assignments} 구현 due:{due.isoformat()} 10:00 kind:basic",
            )
        if index % 3 == 1:
            assignments += 1
            due = day + timedelta(days=1)
            say(
                at(day, 14, 10),
                admin,
                f"/assignment add quiz{assignments} due:{due.isoformat()} 10:00 kind:quiz",
            )
        if assignments:
            for user in rng.sample(users, 2):
                number = rng.randint(max(1, assignments - 1), assignments)
                say(at(day, 15, rng.randint(0, 30)), user, f"/assignment done {number}")
        # Afternoon: the session's notes, a day away, a day off, reading.
        say(at(day, 17, 30), rng.choice(users), f"/note {rng.choice(_NOTES)}")
        if rng.random() < 0.3:
            away = calendar[min(index + 1, len(calendar) - 1)]
            say(at(day, 18, 0), rng.choice(users[1:]), f"/away {away.isoformat()}")
        if index == 1 and t % 5 == 0:
            off = calendar[-1] + timedelta(days=7)
            say(at(day, 18, 5), admin, f"/team holiday add {off.isoformat()}")
        # Evening: retrospectives (not everyone, so the nudge has someone to mention).
        for user in users:
            if rng.random() < 0.7:
                if template == "fff":
                    line = f"/retro fact: {rng.choice(_NOTES)} feeling: 좋았다 plan: 복습"
                else:
                    line = f"/retro done: {rng.choice(_NOTES)} learned: attention tomorrow: 복습"
                say(at(day, 19, rng.randint(0, 50)), user, line)
        say(at(day, 20, 0), rng.choice(users), "/retro show")
        if day.weekday() == 4:
            say(at(day, 20, 10), rng.choice(users), "/digest")
    return steps


_QUESTIONS = (
    "SVD에서 singular value는 크기 순으로 정렬되어 있나요?",
    "Why call zero_grad() every step?",
    "ViT에서 cls token은 왜 필요한가요?",
    "Is `torch.no_grad()` needed in eval?",
    "<@&123> @everyone 이건 멘션이 아니죠?",
    "## not a heading | a | b |",
)
_ANSWERS = (
    "더 조사 후 내일 답변하겠습니다.",
    "PyTorch accumulates gradients, so reset them each step.",
    "큰 값부터 정렬되어 있습니다.",
    "<!channel> 네, *맞습니다*.",
)
_NOTES = (
    "transformer encoder 코드 리뷰",
    "선택과제 1번 ViT 진행 상황 공유",
    "멘토링 질문 정리",
    "`einsum` 사용법",
)
