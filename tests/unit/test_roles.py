"""Roles (member, admin, mentor), removing a member, and a mentor's endorsement (issue 15)."""

from bot.outbox import PostKind
from bot.text import plain_text
from tests.conftest import snapshot
from tests.unit.test_reminders import Channel, local, stepper_for

RETRO = "/retro fact: lectures feeling: fine plan: review"


async def a_team_with_a_mentor(team) -> None:
    """kim (admin), lee (member), mentor (mentor), all joined on Monday of Week 2."""
    await team.ok("lee", "/ask What does zero_grad do?")
    await team.ok("mentor", "/answer 1 It resets the gradients.")
    await team.ok("kim", "/team members set:mentor role:mentor")


async def test_an_admin_sets_roles_and_the_listing_shows_each(team):
    await a_team_with_a_mentor(team)
    text = await team.ok("kim", "/team members set:lee role:admin")
    assert text == "@lee is now admin of c1."
    assert (await team.ok("kim", "/team members")).splitlines() == [
        "Members of c1 (3)",
        "  - kim (admin)",
        "  - lee (admin)",
        "  - mentor (mentor)",
    ]
    await team.ok("kim", "/team members set:lee role:member")
    # A staff mentor: the mentor role, then add_admin (add_admin keeps the mentor role).
    await team.ok("kim", "/team members add_admin:mentor")
    assert "  - mentor (admin, mentor)" in await team.ok("lee", "/team members")
    assert "  - lee (member)" in await team.ok("lee", "/team members")


async def test_korean_role_words_and_listing(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await harness.ok("park", "/ask 질문")
    assert await harness.ok("kim", "/team members set:park role:멘토") == (
        "@park 님은 이제 c1 팀의 멘토입니다."
    )
    assert "  - park (멘토)" in await harness.ok("kim", "/team members")


async def test_role_changes_are_admin_only_and_the_last_admin_stays_admin(team):
    await a_team_with_a_mentor(team)
    before = await snapshot(team.uow_factory)
    for line in (
        "/team members set:lee role:admin",
        "/team members set:mentor role:member",
        "/team members remove:mentor",
    ):
        assert await team.rejected("lee", line) == (
            "Only team admins can change settings; ask kim."
        )
    assert await team.rejected("kim", "/team members set:kim role:mentor") == (
        "kim is the last admin; make someone else admin first."
    )
    assert await team.rejected("kim", "/team members remove:kim") == (
        "kim is the last admin; make someone else admin first."
    )
    assert "Say which role lee gets" in await team.rejected("kim", "/team members set:lee")
    assert await snapshot(team.uow_factory) == before


async def test_add_admin_and_remove_admin_still_work(team):
    await team.ok("lee", "/ask hi")
    assert await team.ok("kim", "/team members add_admin:lee") == "@lee is now an admin of c1."
    assert await team.ok("lee", "/team members remove_admin:kim") == (
        "@kim is no longer an admin of c1."
    )


async def test_a_mentor_gets_no_retro_nudge_through_a_week(team):
    await a_team_with_a_mentor(team)
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-14 00:00"))
    nudges = [text for _, _, text in channel.posts if text.startswith("📝")]
    assert len(nudges) == 5  # Monday to Friday
    assert all("@kim, @lee." in text and "mentor" not in text for text in nudges)


async def test_a_mentor_is_never_counted_missing_on_an_assignment(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    await team.ok("lee", "/assignment done 1")
    text = await team.ok("kim", "/assignment done 1")
    assert "(2 of 2 done)" in text
    listing = await team.ok("lee", "/assignment list")
    assert "✅ done: kim, lee · ⏳ not yet: none · 🏖️ away: none" in listing
    await team.ok("kim", "/assignment undo 1")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-12 12:00"))
    due = [text for _, _, text in channel.posts if text.startswith("📌")]
    assert len(due) == 2 and all("Not done yet: @kim." in text for text in due)


async def test_stats_shows_a_mentor_without_retros_and_counts_endorsed_answers(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/answer 1 Gradients accumulate otherwise.")
    await team.ok("mentor", "/endorse 1 2")
    lines = (await team.ok("lee", "/stats")).splitlines()
    assert lines[1:] == [
        "kim: ❓ asked 0 · 💬 answered 1 (0 accepted) · 📝 retros 0/1 · 🔥 0-day streak"
        " · ✅ 1 endorsed",
        "lee: ❓ asked 1 · 💬 answered 0 (0 accepted) · 📝 retros 0/1 · 🔥 0-day streak",
        "mentor (mentor): ❓ asked 0 · 💬 answered 1 (0 accepted) · ✅ endorsed 1",
    ]


async def test_endorse_marks_the_answer_on_the_card_and_the_page(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/answer 1 Gradients accumulate otherwise.")
    assert await team.ok("mentor", "/endorse 1 2") == ("✅ mentor endorsed kim's answer 2 to #1.")
    page = (await team.ok("lee", "/question 1")).splitlines()
    assert "    1. mentor (mentor): It resets the gradients." in page
    assert "    2. kim: Gradients accumulate otherwise. ✅ endorsed by mentor" in page
    card = (await team.ok("lee", "/question 1 view:card")).splitlines()
    assert "    2. kim: Gradients accumulate otherwise. ✅ endorsed by mentor" in card
    listing = await team.ok("lee", "/questions today")
    assert "    ↳ mentor (mentor): It resets the gradients." in listing
    assert "    ↳ kim: Gradients accumulate otherwise. ✅ endorsed by mentor" in listing
    assert await team.ok("mentor", "/endorse 1 2 undo") == (
        "mentor took back the endorsement of kim's answer 2 to #1."
    )
    assert "✅" not in await team.ok("lee", "/question 1")


async def test_endorse_in_korean_and_its_refusals_change_nothing(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await harness.ok("lee", "/ask 질문")
    await harness.ok("lee", "/answer 1 답변")
    await harness.ok("mentor", "/answer 1 멘토 답변")
    await harness.ok("kim", "/team members set:mentor role:멘토")
    before = await snapshot(harness.uow_factory)
    assert await harness.rejected("lee", "/endorse 1 1") == (
        "답변 확인은 팀의 멘토만 할 수 있습니다 (관리자가 /team members set:@이름 role:멘토 로 "
        "지정합니다)."
    )
    assert "본인의 답변" in await harness.rejected("mentor", "/endorse 1")
    assert "확인 표시가 없습니다" in await harness.rejected("mentor", "/endorse 1 1 취소")
    assert await snapshot(harness.uow_factory) == before
    await harness.ok("mentor", "/endorse 1 1")
    page = (await harness.ok("lee", "/question 1")).splitlines()
    assert "    1. lee: 답변 ✅ mentor 멘토 확인" in page
    assert "    2. mentor (멘토): 멘토 답변" in page


async def test_a_mentors_page_has_endorse_buttons_on_peers_answers(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/answer 1 Gradients accumulate otherwise.")
    await team.ok("mentor", "/endorse 1 2")
    reply = await team.say("mentor", "/question 1")
    endorse = [a for a in reply.message.actions if a.command == "endorse"]
    assert [(a.args, a.label, a.refresh) for a in endorse] == [
        ("1 2 undo", "Undo ✅ 2", "question 1")
    ]
    reply = await team.say("lee", "/question 1")
    assert not [a for a in reply.message.actions if a.command == "endorse"]


async def test_endorsing_refreshes_the_posted_card(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/answer 1 Gradients accumulate otherwise.")
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    await team.ok("mentor", "/endorse 1 2")
    async with team.uow_factory() as uow:
        rows = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
    assert [r.edits for r in rows] == ["m-1"]
    assert "    2. kim: Gradients accumulate otherwise. ✅ endorsed by mentor" in (
        plain_text(rows[0].message).splitlines()
    )


async def test_removing_a_member_keeps_their_answers_and_stops_nudges(team):
    await a_team_with_a_mentor(team)
    await team.ok("visitor", "/answer 1 A visitor's one answer.")
    assert await team.ok("kim", "/team members remove:visitor") == (
        "visitor is no longer a member of c1: not listed, nudged or counted; their questions, "
        "answers and notes stay with their name."
    )
    listing = await team.ok("kim", "/team members")
    assert "visitor" not in listing
    assert "(1 removed member is not listed; what they wrote keeps their name.)" in listing
    assert "visitor: A visitor's one answer." in await team.ok("lee", "/question 1")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-09 22:00"))
    nudges = [text for _, _, text in channel.posts if text.startswith("📝")]
    assert nudges == [
        "📝 Time for the retrospective of Mon 2021-08-09 (Day 6): @kim, @lee. Write it with /retro."
    ]
    assert "visitor was removed" in await team.rejected("kim", "/team members remove:visitor")


async def test_a_removed_member_who_comes_back_is_a_fresh_member_with_their_answers(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/team members set:lee role:admin")
    await team.ok("kim", "/team members remove:lee")
    assert "lee" not in await team.ok("kim", "/team members")
    await team.ok("lee", "/questions")  # any command joins them again, as a plain member
    assert "  - lee (member)" in await team.ok("kim", "/team members")
    assert "1. lee" not in await team.ok("kim", "/question 1")  # lee asked #1, still theirs
    assert "lee" in (await team.ok("kim", "/question 1")).splitlines()[0]
    # An admin can bring a removed member back with a role.
    await team.ok("kim", "/team members remove:mentor")
    text = await team.ok("kim", "/team members set:mentor role:mentor")
    assert "mentor was removed before and is back in the team." in text


async def test_a_removed_member_is_not_offered_while_a_name_is_typed(team):
    await a_team_with_a_mentor(team)
    await team.ok("kim", "/team members remove:lee")
    offered = await team.bot.suggest("console", "c1", "team members", "set", "")
    assert offered == [("kim", "kim"), ("mentor", "mentor")]
    assert await team.bot.suggest("console", "c1", "team members", "remove", "@men") == [
        ("mentor", "mentor")
    ]


async def test_a_mentors_answer_says_it_is_the_mentors(team):
    await a_team_with_a_mentor(team)
    assert await team.ok("mentor", "/answer 1 Call it before backward().") == (
        "💬 Answer 2 to #1 by mentor (mentor): Call it before backward()."
    )
