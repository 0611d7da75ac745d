"""Cohorts and the mentors' channel (issue 15): three teams, two mentors claiming and answering
in one queue, near-duplicates answered once, and nothing but escalated questions crossing."""

from __future__ import annotations

import pytest

from bot.forms import Form
from bot.outbox import OutboxMessage, PostKind
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import Harness, snapshot
from tests.unit.test_reminders import local, stepper_for

M = "mentors"  # the mentors' channel
TEAMS = ("t1", "t2", "t3")


async def join_code(h: Harness) -> str:
    shown = await h.ok("mona", "/cohort show", channel=M)
    return shown.rsplit("code:", 1)[1].strip()


async def cohort_of_three(h: Harness) -> str:
    """Teams t1..t3 (admin kim each) in cohort `AI 3기` (mona, admin) with lee as a mentor."""
    for t in TEAMS:
        await h.ok("kim", f"/team setup start:2021-08-02 lang:en name:team-{t}", channel=t)
    await h.ok("mona", '/cohort create name:"AI 3기"', channel=M)
    code = await join_code(h)
    for t in TEAMS:
        await h.ok("kim", f"/cohort join code:{code}", channel=t)
    await h.ok("mona", "/cohort mentor add:<@lee|lee>", channel=M)
    return code


async def escalations(h: Harness) -> None:
    """t1#1 and t2#1 the same question (in other words); t3#1 another lecture question; t3#2
    an assignment's; t1#2 and a note, an answer and a retro that must never cross."""
    await h.ok("ana", "/ask SVD 특이값 분해가 뭔가요? category:lecture", channel="t1")
    await h.ok("ben", "/ask 특이값 분해(SVD)가 뭔가요 category:lecture", channel="t2")
    warm_up = "/ask How does the learning-rate warm-up work? category:lecture"
    await h.ok("cho", warm_up, channel="t3")
    await h.ok("cho", "/ask What does the ViT patch size change? assignment:ViT", channel="t3")
    await h.ok("ana", "/ask SECRET-OPEN a question kept in the team", channel="t1")
    await h.ok("ana", "/answer 1 SECRET-PEER a peer's answer", channel="t1")
    await h.ok("ana", "/note SECRET-NOTE a session note", channel="t1")
    await h.ok("ana", "/retro fact: SECRET-RETRO feeling: fine plan: rest", channel="t1")
    for t in TEAMS:
        await h.ok("kim", "/escalate 1", channel=t)
    await h.ok("kim", "/escalate 2", channel="t3")


async def test_three_teams_two_mentors_claim_and_answer_near_duplicates_once(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    queue = (await h.ok("lee", "/cohort queue", channel=M)).splitlines()
    assert queue == [
        "🎓 Mentors' queue of AI 3기: 4 questions in 3 items, oldest escalation first",
        "📚 Lecture",
        "  • 1#1 · ana (team-t1): SVD 특이값 분해가 뭔가요?",
        "    ↳ same question: 2#1 · ben (team-t2): 특이값 분해(SVD)가 뭔가요",
        "  • 3#1 · cho (team-t3): How does the learning-rate warm-up work?",
        "📝 Assignment: ViT",
        "  • 3#2 · cho (team-t3): What does the ViT patch size change?",
    ]
    reply = await h.say("lee", "/cohort queue", channel=M)
    assert reply.ephemeral
    assert [(a.command, a.args) for a in reply.message.actions] == [
        ("cohort claim", "1#1"),
        ("cohort answer", "1#1,2#1"),
        ("cohort claim", "3#1"),
        ("cohort answer", "3#1"),
        ("cohort claim", "3#2"),
        ("cohort answer", "3#2"),
    ]
    # mona claims the SVD item (both teams' questions); lee is refused, naming her
    claimed = await h.say("mona", "/cohort claim 2#1", channel=M)
    assert claimed.ok and not claimed.ephemeral  # the other mentors see who has it
    assert plain_text(claimed.message).splitlines()[0] == "🙋 mona claimed 1#1, 2#1:"
    before = await snapshot(h.uow_factory)
    assert await h.rejected("lee", "/cohort claim 1#1", channel=M) == (
        "mona has 1#1 already; answer another one (/cohort queue)."
    )
    assert await h.rejected("lee", "/cohort answer 2#1 mine", channel=M) == (
        "mona has 2#1 already; answer another one (/cohort queue)."
    )
    assert await snapshot(h.uow_factory) == before
    assert "    🙋 claimed by mona" in await h.ok("lee", "/cohort queue", channel=M)
    # lee answers the warm-up question; mona answers the SVD item once, from its button's refs
    await h.ok("lee", "/cohort claim 3#1", channel=M)
    assert await h.ok("lee", "/cohort answer 3#1 It ramps the rate up linearly.", channel=M) == (
        "✅ lee answered 3#1 (1 team): It ramps the rate up linearly."
    )
    said = await h.ok("mona", "/cohort answer 1#1,2#1 A = UΣVᵀ: 특이값 분해입니다.", channel=M)
    assert said == "✅ mona answered 1#1, 2#1 (2 teams): A = UΣVᵀ: 특이값 분해입니다."
    # both teams have the one answer, by the mentor's member row (marked as the mentor's)
    for t in ("t1", "t2"):
        card = await h.ok("ana", "/question 1 view:card", channel=t)
        assert "mona (mentor): A = UΣVᵀ: 특이값 분해입니다." in card
    assert "lee (mentor): It ramps the rate up linearly." in await h.ok(
        "cho", "/question 1", channel="t3"
    )
    today = await h.ok("ana", "/questions today", channel="t1")
    assert "    ↳ mona (mentor): A = UΣVᵀ: 특이값 분해입니다." in today
    # answered items leave the queue; what is left is the assignment's
    assert (await h.ok("mona", "/cohort queue", channel=M)).splitlines()[1:] == [
        "📝 Assignment: ViT",
        "  • 3#2 · cho (team-t3): What does the ViT patch size change?",
    ]
    # the answer is posted in each team (its own row: the card's thread, or its channel)
    posts = await _rows(h, PostKind.MENTOR_ANSWER)
    assert sorted(plain_text(p.message).splitlines()[0] for p in posts) == [
        "🎓 Mentor lee answered #1 (How does the learning-rate warm-up work?):",
        "🎓 Mentor mona answered #1 (SVD 특이값 분해가 뭔가요?):",
        "🎓 Mentor mona answered #1 (특이값 분해(SVD)가 뭔가요):",
    ]
    assert len({p.team_id for p in posts}) == 3


async def test_the_mentor_answer_shows_in_the_teams_digest_with_the_mentor_mark(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    await h.ok("mona", "/cohort answer 1#1,2#1 특이값 분해입니다.", channel=M)
    for t in ("t1", "t2"):
        reply = await h.say("kim", "/digest week:2", channel=t)
        minutes = reply.files[0].text
        assert "- 특이값 분해입니다. (mentor)" in minutes.splitlines()  # the minutes' mark


async def _rows(h: Harness, kind: PostKind) -> list[OutboxMessage]:
    async with h.uow_factory() as uow:
        return [r for r in await uow.outbox.list() if r.kind is kind]


async def test_an_answer_goes_in_the_cards_thread_and_the_card_is_kept_current(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    await h.bot.card_posted("console", "t2", "question 1 view:card", "m-77", thread_ref="th-77")
    await h.ok("lee", "/cohort answer 2#1 특이값 분해입니다.", channel=M)
    posts = await _rows(h, PostKind.MENTOR_ANSWER)
    # In the card's thread, in the team's own channel (so no other destination is named).
    assert [(p.channel_id, p.thread_ref) for p in posts] == [(None, "th-77")]
    edits = await _rows(h, PostKind.CARD)
    assert [e.edits for e in edits] == ["m-77"]
    assert "lee (mentor): 특이값 분해입니다." in plain_text(edits[0].message)


async def test_the_answer_button_opens_one_form_for_the_whole_group(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    form = await open_form(h.bot, call("lee", "/cohort answer 1#1,2#1", M))
    assert isinstance(form, Form)
    assert form.command == "cohort answer" and form.state == "1#1,2#1"
    assert form.title == "Answer 1#1, 2#1"
    reply = await submit(h.bot, call("lee", "/cohort answer", M), form.state, {"text": "SVD!"})
    assert reply.ok and plain_text(reply.message) == "✅ lee answered 1#1, 2#1 (2 teams): SVD!"
    before = await snapshot(h.uow_factory)
    empty = await submit(h.bot, call("lee", "/cohort answer", M), form.state, {"text": " "})
    assert not empty.ok and empty.field == "text"
    assert await snapshot(h.uow_factory) == before


async def test_bad_input_leaves_the_database_as_it_was(harness):
    h = harness
    code = await cohort_of_three(h)
    await escalations(h)
    await h.ok("kim", "/team setup start:2021-08-02 lang:en", channel="t4")
    await h.ok("kim", "/team setup start:2021-08-02 lang:en", channel="s1", platform="slack")
    before = await snapshot(h.uow_factory)
    refusals = {
        ("lee", "/cohort answer 9#1 hi", M): "9#1 is not in the mentors' queue; /cohort queue "
        "shows what is.",
        ("lee", "/cohort claim 1#2", M): "1#2 is not in the mentors' queue; /cohort queue "
        "shows what is.",  # t1#2 exists but was never escalated: nothing says so
        ("lee", "/cohort answer 1#2 hi", M): "1#2 is not in the mentors' queue; /cohort queue "
        "shows what is.",
        ("lee", "/cohort claim twelve", M): "twelve is no question of the queue; write it as "
        "team#number, like 2#12 (/cohort queue shows them).",
        ("kim", "/cohort join code:WRONG123", "t4"): "No cohort has that join code; ask a cohort "
        "admin for it (/cohort show in the mentors' channel) and type /cohort join code:XXXX.",
        ("ana", "/cohort queue", M): "Only mentors of cohort AI 3기 can do this; ask mona to "
        "add you with /cohort mentor add:@you.",
        ("ana", "/cohort answer 1#1 hi", M): "Only mentors of cohort AI 3기 can do this; ask "
        "mona to add you with /cohort mentor add:@you.",
        ("lee", "/cohort mentor add:<@zed|zed>", M): "Only admins of cohort AI 3기 can change "
        "its mentors.",
        ("ana", f"/cohort join code:{code}", "t1"): "Only team admins can change settings; ask "
        "kim.",
        ("kim", "/cohort leave", "t4"): "This team is in no cohort; a team admin links it with "
        "/cohort join code:XXXX.",
        ("kim", f"/cohort join code:{code}", "t1"): "This team is in cohort AI 3기 already; "
        "/cohort leave first to join another.",
        ("mona", '/cohort create name:"AI 3기"', "elsewhere"): "A cohort called AI 3기 exists "
        "already; choose another name.",
        ("mona", '/cohort create name:"B"', "t1"): "This channel is the channel of team team-t1; "
        "run /cohort create in a channel of its own for the mentors.",
        ("mona", '/cohort create name:"B"', M): "This channel is already the mentors' channel "
        "of cohort AI 3기; /cohort show says more.",
        ("kim", "/team setup", M): "This channel is the mentors' channel of cohort AI 3기; set "
        "the team up in the team's own channel.",
        ("mona", "/cohort mentor remove:mona", M): "mona is the cohort's last admin and cannot "
        "be removed.",
        ("mona", "/cohort mentor add:nobody", M): "I do not know nobody yet: mention them (@ "
        "and pick them from the list) so I know who they are.",
        ("mona", "/cohort mentor add:<@lee|lee>", M): "lee is a mentor of cohort AI 3기 already.",
        ("mona", "/cohort claim 1#1 release", M): "No one has claimed 1#1; there is nothing to "
        "release.",
        ("kim", "/cohort queue", "t1"): "Run this in a cohort's mentors' channel, or make this "
        'channel one: /cohort create name:"AI 3rd cohort".',
    }
    for (user, line, channel), expected in refusals.items():
        assert await h.rejected(user, line, channel=channel) == expected, line
    slack = await h.rejected("kim", f"/cohort join code:{code}", channel="s1", platform="slack")
    assert slack == (
        "Cohort AI 3기 lives on console; a team joins a cohort of its own platform only."
    )
    assert await snapshot(h.uow_factory) == before


async def test_only_escalated_questions_cross_and_a_team_sees_nothing_of_the_others(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    await h.ok("kim", "/team settings office_hours:17:00", channel="t1")
    seen: list[str] = []
    for line in ("/cohort show", "/cohort queue", "/cohort claim 1#1", "/help"):
        seen.append(await h.ok("mona", line, channel=M))
    seen.append(await h.ok("mona", "/cohort answer 1#1,2#1 SVD.", channel=M))
    channel = RowChannel()
    stepper = stepper_for(h, channel)
    await stepper.advance(local("2021-08-09 16:40"))
    to_mentors = [r for r in channel.rows if r.channel_id == M]
    seen += [plain_text(r.message) for r in to_mentors]
    assert seen and all("SECRET" not in text for text in seen)
    # in a team's channel, /cohort shows the cohort's name and what crosses, nothing of others
    shown = await h.ok("ana", "/cohort show", channel="t1")
    assert shown.splitlines() == [
        "🎓 This team is team 1 of cohort AI 3기.",
        "What crosses to the mentors' channel: only questions escalated for the mentor "
        "(/escalate N), with their text, category or assignment and the asker's name; nothing "
        "else of this team.",
    ]
    for line in ("/cohort queue", "/cohort claim 2#1", "/cohort answer 2#1 x", "/cohort mentor"):
        text = await h.rejected("ana", line, channel="t1")
        assert "team-t2" not in text and "ben" not in text and "특이값" not in text


class RowChannel:
    """Records every row delivered (the mentors' channel's copy carries `channel_id`)."""

    def __init__(self) -> None:
        self.rows: list[OutboxMessage] = []

    async def post(self, team, row: OutboxMessage, *, uncertain: bool) -> None:
        self.rows.append(row)


async def test_the_mentor_list_also_goes_to_the_mentors_channel_exactly_once(harness):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    await h.ok("kim", "/team settings office_hours:17:00", channel="t3")
    channel = RowChannel()
    stepper = stepper_for(h, channel)
    await stepper.advance(local("2021-08-09 16:00"))
    await stepper.advance(local("2021-08-09 16:45"))
    await stepper.advance(local("2021-08-09 16:50"))  # noticed again: no second row
    copies = [r for r in channel.rows if r.kind is PostKind.COHORT]
    assert len(copies) == 1 and copies[0].channel_id == M
    assert plain_text(copies[0].message).splitlines() == [
        "🎓 Team 3, team-t3: 2 questions for office hours at 17:00",
        "📚 Lecture",
        "  • 3#1 · cho (team-t3): How does the learning-rate warm-up work?",
        "📝 Assignment: ViT",
        "  • 3#2 · cho (team-t3): What does the ViT patch size change?",
    ]
    assert [(a.command, a.args) for a in copies[0].message.actions] == [
        ("cohort claim", "3#1"),
        ("cohort answer", "3#1"),
        ("cohort claim", "3#2"),
        ("cohort answer", "3#2"),
    ]
    assert [r.kind for r in channel.rows].count(PostKind.MENTOR) == 1  # the team's own list
    # its buttons run in the mentors' channel like typed commands
    assert (await h.ok("lee", "/cohort claim 3#2", channel=M)).startswith("🙋 lee claimed 3#2")


async def test_a_cohort_mentor_serves_every_team_now_and_later_and_numbers_are_not_reused(
    harness,
):
    h = harness
    code = await cohort_of_three(h)
    for t in TEAMS:
        assert "  - lee (mentor)" in await h.ok("kim", "/team members", channel=t)
    await h.ok("kim", "/team setup start:2021-08-02 lang:en name:team-t4", channel="t4")
    joined = await h.ok("kim", f"/cohort join code:{code}", channel="t4")
    assert joined.splitlines() == [
        "🎓 kim linked team team-t4 to cohort AI 3기 (team 4 there). Cohort mentors, now "
        "mentors here too: lee, mona.",
        "What crosses to the mentors' channel: only questions escalated for the mentor "
        "(/escalate N), with their text, category or assignment and the asker's name; nothing "
        "else of this team.",
    ]
    assert "  - lee (mentor)" in await h.ok("kim", "/team members", channel="t4")
    left = await h.ok("kim", "/cohort leave", channel="t2")
    assert "no longer cross" in left and "stay mentors of this team" in left
    again = await h.ok("kim", f"/cohort join code:{code}", channel="t2")
    assert "(team 5 there)" in again
    shown = (await h.ok("mona", "/cohort show", channel=M)).splitlines()
    assert shown[1:7] == [
        "Teams (4):",
        "  - 1: team-t1",
        "  - 3: team-t3",
        "  - 4: team-t4",
        "  - 5: team-t2",
        "Mentors: lee, mona (admin)",
    ]
    # lee's cohort role goes; the teams' own flags stay (their admins' to change), as said
    removed = await h.ok("mona", "/cohort mentor remove:lee", channel=M)
    assert "They stay mentors in the teams' own member lists" in removed
    assert "  - lee (mentor)" in await h.ok("kim", "/team members", channel="t1")
    assert "Only mentors of cohort" in await h.rejected("lee", "/cohort queue", channel=M)


async def test_a_korean_cohort_speaks_korean(harness):
    h = harness
    await h.ok("kim", "/team setup start:2021-08-02 lang:ko", channel="t1")
    created = await h.ok("mona", '/cohort create name:"AI 3기" lang:ko', channel=M)
    assert created.startswith("🎓 이 채널은 이제 멘토링 그룹 AI 3기의 멘토 채널입니다.")
    code = await join_code(h)
    joined = await h.ok("kim", f"/cohort join code:{code.lower()}", channel="t1")
    assert joined.startswith("🎓 kim 님이 c1 팀을") or "1번 팀" in joined
    await h.ok("ana", "/ask 역전파는 왜 필요한가요? category:lecture", channel="t1")
    await h.ok("kim", "/escalate 1", channel="t1")
    assert (await h.ok("mona", "/cohort queue", channel=M)).splitlines()[:3] == [
        "🎓 AI 3기 멘토 대기열: 질문 1개 (항목 1개), 먼저 넘긴 순",
        "📚 강의",
        "  • 1#1 · ana (t1): 역전파는 왜 필요한가요?",
    ]
    assert await h.rejected("mona", "/cohort claim 1#1 해제", channel=M) == (
        "1#1은 맡은 사람이 없어 해제할 것이 없습니다."
    )
    assert await h.ok("mona", "/cohort answer 1#1 연쇄 법칙으로 기울기를 구합니다.", channel=M) == (
        "✅ mona 님이 1#1에 답했습니다 (1개 팀): 연쇄 법칙으로 기울기를 구합니다."
    )


@pytest.mark.parametrize("typed", ["2#12", " 2 # 12 ", "#2#12"])
def test_refs_are_read_as_typed(typed):
    from bot.model.cohort import Ref, parse_refs

    assert parse_refs(typed) == (Ref(2, 12),)
    assert parse_refs("2#12,3#4, 2#12") == (Ref(2, 12), Ref(3, 4))


async def test_a_claim_lapses_when_its_mentor_leaves_the_cohort_or_the_question_comes_back(
    harness,
):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    await h.ok("lee", "/cohort claim 3#1", channel=M)
    await h.ok("lee", "/cohort claim 3#2", channel=M)
    await h.ok("mona", "/cohort mentor remove:lee", channel=M)
    assert "claimed by" not in await h.ok("mona", "/cohort queue", channel=M)
    assert (await h.ok("mona", "/cohort claim 3#1", channel=M)).startswith("🙋 mona claimed 3#1")
    # mona's claim on 3#1 lapses once the team reopens it and escalates it again
    await h.ok("kim", "/reopen 1", channel="t3")
    h.at("2021-08-09 14:00")
    await h.ok("kim", "/escalate 1", channel="t3")
    await h.ok("mona", "/cohort mentor add:<@lee|lee>", channel=M)
    assert (await h.ok("lee", "/cohort claim 3#1", channel=M)).startswith("🙋 lee claimed 3#1")


async def test_a_long_queue_is_cut_visibly_and_says_which_items_have_no_buttons(harness):
    h = harness
    await cohort_of_three(h)
    for n in range(1, 46):
        await h.ok(
            "ana", f"/ask question number {n} about topic {n * 7919} category:lecture", channel="t1"
        )
        await h.ok("kim", f"/escalate {n}", channel="t1")
    reply = await h.say("mona", "/cohort queue", channel=M)
    lines = plain_text(reply.message).splitlines()
    assert lines[0] == (
        "🎓 Mentors' queue of AI 3기: 45 questions in 45 items, oldest escalation first"
    )
    assert len(reply.message.actions) == 24  # 12 items' Claim and Answer: 25 at most
    assert lines[-2] == "… and 5 more items: answer these first, then /cohort queue again."
    rest = ", ".join(f"1#{n}" for n in range(13, 41))
    assert lines[-1] == (
        f"No buttons for {rest} (a message holds 25): type /cohort claim REF or /cohort answer "
        "REF text."
    )


def test_a_join_code_is_read_whatever_its_case_and_dashes():
    from bot.model.cohort import CODE_ALPHABET, clean_code, new_join_code

    assert clean_code(" k7qx-3mzp ") == "K7QX3MZP"
    code = new_join_code()
    assert len(code) == 8 and set(code) <= set(CODE_ALPHABET) and not set(code) & set("0O1I")


def test_an_answer_button_carries_as_many_refs_as_a_discord_button_holds():
    from datetime import date, datetime

    from bot.handlers.cohort_queue import Entry, Item, item_buttons, item_lines
    from bot.model.cohort import Ref
    from bot.model.questions import Category, Question
    from bot.model.teams import Language, Team
    from bot.text import Message

    team = Team("discord", "c", "t", date(2021, 8, 2), id=1)
    asked = datetime(2021, 8, 9, 4, 0).astimezone()
    question = Question(1, 1, 1, "SVD?", Category.LECTURE, date(2021, 8, 9), asked)
    item = Item(tuple(Entry(Ref(n, 1), team, question, "ana") for n in range(1, 16)))
    [_claim, answer] = item_buttons(Language.EN, item)
    assert len(f"pb:{answer.command}:{answer.args}") <= 100
    assert answer.args == ",".join(f"{n}#1" for n in range(1, 15))
    every = ",".join(f"{n}#1" for n in range(1, 16))
    assert plain_text(Message((item_lines(Language.EN, item)[-1],))) == (
        f"    (its Answer button carries the first 14; for all of them type /cohort answer {every} "
        "and the answer)"
    )
