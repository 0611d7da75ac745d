"""Answered, unaccepted questions settle: shown once more, with the answer, then done."""

from datetime import date, datetime

from bot.calendar import StudyCalendar
from bot.model.questions import settle_cutoff
from bot.outbox import PostKind
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import plain_text
from tests.conftest import SEOUL, Harness


async def _reminder(team: Harness, kind: PostKind, day: date, key: str | None = None) -> str:
    async with team.uow_factory() as uow:
        stored = (await uow.teams.list())[0]
        assert stored.id is not None
        at = datetime(day.year, day.month, day.day, 15, 50, tzinfo=SEOUL)
        occurrence = Occurrence(at, stored.id, kind, key or day.isoformat(), day)
        message = await compose(uow, stored, occurrence)
    return plain_text(message) if message is not None else ""


def _earlier(agenda: str) -> str:
    """The agenda's "Earlier questions" section (empty when it has none)."""
    if "Earlier questions" not in agenda:
        return ""
    return agenda.split("Earlier questions", 1)[1].split("Today's questions", 1)[0]


async def _answered_on_monday(team: Harness) -> None:
    await team.ok("kim", "/ask Why is SVD sorted?")
    await team.ok("lee", "/answer 1 The singular values come out in order.")


async def test_answered_monday_shows_on_tuesday_with_its_answer_and_not_on_wednesday(team):
    await _answered_on_monday(team)
    team.at("2021-08-10 13:00")
    tuesday = _earlier(await team.ok("park", "/questions today"))
    assert "Why is SVD sorted?" in tuesday and "come out in order" in tuesday
    assert "Why is SVD sorted?" in await _reminder(team, PostKind.SESSION, date(2021, 8, 10))
    team.at("2021-08-11 13:00")
    assert "SVD" not in await team.ok("park", "/questions today")
    assert "SVD" not in await team.ok("park", "/questions open")
    assert "SVD" not in await _reminder(team, PostKind.SESSION, date(2021, 8, 11))
    for scope in ("all", "week"):
        listed = await team.ok("park", f"/questions {scope}")
        assert "Why is SVD sorted?" in listed and "settled" in listed


async def test_deferred_and_escalated_answered_questions_stay_on_the_agenda(team):
    await team.ok("kim", "/ask deferred one")
    await team.ok("lee", "/answer 1 will check tomorrow")
    await team.ok("kim", "/defer 1")
    await team.ok("kim", "/ask escalated one")
    await team.ok("lee", "/answer 2 no idea")
    await team.ok("kim", "/escalate 2")
    team.at("2021-08-13 13:00")
    agenda = _earlier(await team.ok("park", "/questions today"))
    assert "deferred one" in agenda and "escalated one" in agenda


async def test_an_open_question_never_answered_stays_on_the_agenda(team):
    await team.ok("kim", "/ask nobody knows")
    team.at("2021-08-13 13:00")
    assert "nobody knows" in _earlier(await team.ok("park", "/questions today"))


async def test_answered_the_friday_before_chuseok_shows_on_the_next_study_day(team):
    team.at("2021-09-17 13:00")  # Friday; Chuseok is Mon 09-20 to Wed 09-22
    await _answered_on_monday(team)
    team.at("2021-09-23 13:00")
    assert "SVD" in _earlier(await team.ok("park", "/questions today"))
    team.at("2021-09-24 13:00")
    assert "SVD" not in await team.ok("park", "/questions today")


async def test_an_answer_on_the_weekend_counts_for_monday(team):
    team.at("2021-08-13 13:00")
    await team.ok("kim", "/ask friday question")
    team.at("2021-08-14 11:00")  # Saturday: belongs to Tuesday 08-17 (Monday is a holiday)
    await team.ok("lee", "/answer 1 a weekend answer")
    team.at("2021-08-18 13:00")
    assert "friday question" in _earlier(await team.ok("park", "/questions today"))
    team.at("2021-08-19 13:00")
    assert "friday question" not in await team.ok("park", "/questions today")


async def test_accept_after_settling_still_resolves(team):
    await _answered_on_monday(team)
    team.at("2021-08-12 13:00")
    assert "resolved" in await team.ok("kim", "/accept 1")
    assert "resolved" in await team.ok("park", "/questions all")


async def test_reopen_after_settling_puts_it_back_until_a_new_answer_settles_it(team):
    await _answered_on_monday(team)
    team.at("2021-08-12 13:00")
    assert "Only the asker (kim)" in await team.rejected("lee", "/reopen 1")
    await team.ok("kim", "/reopen 1")
    assert "SVD" in await team.ok("park", "/questions open")
    await team.ok("lee", "/answer 1 second try")
    team.at("2021-08-13 13:00")
    assert "second try" in _earlier(await team.ok("park", "/questions today"))
    team.at("2021-08-17 13:00")
    assert "SVD" not in await team.ok("park", "/questions today")


async def test_a_new_answer_after_settling_puts_it_on_the_next_study_days_agenda(team):
    await _answered_on_monday(team)
    team.at("2021-08-12 13:00")
    assert "SVD" not in await team.ok("park", "/questions today")
    await team.ok("park", "/answer 1 and one more thing")
    team.at("2021-08-13 13:00")
    assert "one more thing" in _earlier(await team.ok("park", "/questions today"))


async def test_the_weekly_post_and_the_digest_count_a_settled_question_as_answered(team):
    await _answered_on_monday(team)
    await team.ok("kim", "/ask accepted one")
    await team.ok("lee", "/answer 2 yes")
    await team.ok("kim", "/accept 2")
    await team.ok("kim", "/ask still open")
    team.at("2021-08-13 19:00")
    post = await _reminder(team, PostKind.DIGEST, date(2021, 8, 13), key="week2")
    assert "3 questions asked, 1 resolved, 1 answered, 1 still open" in post
    summary = await team.ok("kim", "/digest week:2")
    assert "3 questions (1 resolved, 1 answered, 0 for the mentor)" in summary


async def test_the_digest_shows_a_settled_question_under_earlier_questions_only_the_next_day(team):
    await _answered_on_monday(team)
    team.at("2021-08-13 19:00")
    reply = await team.say("kim", "/digest week:2 lang:en")
    minutes = reply.files[0].text
    tuesday = minutes.split("20210810 peer session")[1]
    assert "Why is SVD sorted?" in tuesday and "Earlier questions" in tuesday
    assert "- The singular values come out in order." in tuesday.split("Earlier questions")[1]
    assert "20210811" not in minutes  # Wednesday has nothing left to show: not even its heading


async def test_stats_count_the_answer_to_a_settled_question(team):
    await _answered_on_monday(team)
    team.at("2021-08-20 13:00")
    text = await team.ok("kim", "/stats week:2")
    assert "answers 1" in text


def test_nothing_settles_before_the_courses_second_study_day():
    calendar = StudyCalendar(start=date(2021, 8, 2))
    assert settle_cutoff(calendar, date(2021, 8, 2)) is None
    assert settle_cutoff(calendar, date(2021, 8, 3)) is None
    assert settle_cutoff(calendar, date(2021, 8, 4)) == datetime(2021, 8, 3, tzinfo=SEOUL)
    # Monday: answers since the end of Thursday keep a question on it (Friday's and the weekend's).
    assert settle_cutoff(calendar, date(2021, 8, 9)) == datetime(2021, 8, 6, tzinfo=SEOUL)
