"""The question life cycle through the core, on the fake storage."""

import pytest


async def test_ask_replies_with_the_team_local_number(team):
    text = await team.ok("kim", "/ask Why is SVD sorted? category:lecture")
    assert "#1" in text and "[Lecture]" in text and "Why is SVD sorted?" in text
    text = await team.ok("lee", '/ask Does residual need a class? assignment:"ViT 1"')
    assert "#2" in text and "📌 [ViT 1]" in text


async def test_numbers_are_counted_per_team(team):
    await team.ok("kim", "/ask one")
    await team.ok("park", "/team setup start:2021-08-02", channel="c2")
    assert "#1" in await team.ok("park", "/ask first of team two", channel="c2")
    assert "#2" in await team.ok("kim", "/ask two")


async def test_a_command_in_a_channel_without_team_says_how_to_set_up(harness):
    text = await harness.rejected("kim", "/ask hello")
    assert "/team setup start:" in text


async def test_answer_accept_resolves(team):
    await team.ok("kim", "/ask Is Adadelta weak?")
    await team.ok("lee", "/answer 1 It has no learning rate.")
    await team.ok("park", "/answer #1 Others have more knobs.")
    text = await team.ok("kim", "/accept 1 1")
    assert "resolved" in text and "lee" in text and "no learning rate" in text
    listing = await team.ok("kim", "/questions open")
    assert "Is Adadelta weak?" not in listing


async def test_accept_takes_the_latest_answer_by_default(team):
    await team.ok("kim", "/ask q")
    await team.ok("lee", "/answer 1 first")
    await team.ok("park", "/answer 1 second")
    assert "second" in await team.ok("kim", "/accept 1")


async def test_only_the_asker_or_an_admin_can_accept(team):
    await team.ok("lee", "/ask q")
    await team.ok("park", "/answer 1 a")
    text = await team.rejected("park", "/accept 1")
    assert "Only the asker (lee) or a team admin" in text
    await team.ok("kim", "/accept 1")  # kim set the team up: admin


async def test_accept_without_answers_says_how_to_answer(team):
    await team.ok("kim", "/ask q")
    assert "/answer 1" in await team.rejected("kim", "/accept 1")


async def test_accept_of_an_answer_that_does_not_exist(team):
    await team.ok("kim", "/ask q")
    await team.ok("lee", "/answer 1 a")
    assert "1 answer;" in await team.rejected("kim", "/accept 1 5")


async def test_unknown_question_number(team):
    assert "no question #42" in await team.rejected("kim", "/answer 42 hm")


async def test_another_teams_question_is_unknown_here(team):
    await team.ok("park", "/team setup start:2021-08-02", channel="c2")
    await team.ok("park", "/ask secret of team two", channel="c2")
    await team.ok("kim", "/ask ours")  # ours is #1 too; team two's #1 must stay untouched
    await team.rejected("kim", "/answer 2 peeking")
    await team.ok("kim", "/answer 1 ours")
    listing = await team.ok("park", "/questions all secret", channel="c2")
    assert "ours" not in listing and "secret of team two" in listing


async def test_defer_then_answer_next_day_then_accept(team):
    await team.ok("kim", "/ask SVD sorted?")
    await team.ok("lee", "/answer 1 Will check and answer tomorrow.")
    assert "deferred" in await team.ok("kim", "/defer 1")
    assert "already deferred" in await team.rejected("kim", "/defer 1")
    team.at("2021-08-10 13:00")
    agenda = await team.ok("kim", "/questions today")
    assert "🔍 Earlier questions" in agenda and "SVD sorted?" in agenda
    await team.ok("lee", "/answer 1 Yes, largest first.")
    await team.ok("kim", "/accept 1")
    agenda = await team.ok("kim", "/questions today")
    assert "SVD sorted?" not in agenda


async def test_escalated_questions_are_the_mentor_list(team):
    await team.ok("kim", "/ask why does a list of attentions work?")
    await team.ok("kim", "/ask unrelated")
    assert "mentor" in await team.ok("lee", "/escalate 1")
    assert "already" in await team.rejected("lee", "/escalate 1")
    mentor = await team.ok("kim", "/questions mentor")
    assert "list of attentions" in mentor and "unrelated" not in mentor


async def test_reopen_brings_back_a_resolved_question(team):
    await team.ok("kim", "/ask q")
    await team.ok("lee", "/answer 1 a")
    await team.ok("kim", "/accept 1")
    assert "already resolved" in await team.rejected("kim", "/defer 1")
    assert "Only the asker" in await team.rejected("lee", "/reopen 1")
    await team.ok("kim", "/reopen 1")
    assert "q (kim, 1 answer)" in await team.ok("kim", "/questions open")
    assert "nothing to reopen" in await team.rejected("kim", "/reopen 1")


async def test_unresolved_question_carries_over_to_next_study_day_skipping_the_weekend(team):
    team.at("2021-08-13 13:00")  # Friday
    await team.ok("kim", "/ask friday question")
    team.at("2021-08-17 13:00")  # Tuesday: Mon 16th was a substitute holiday
    agenda = await team.ok("kim", "/questions today")
    assert "Day 11" in agenda
    assert agenda.index("🔍 Earlier questions") < agenda.index("friday question")


async def test_a_question_asked_on_a_holiday_goes_on_the_next_study_days_agenda(team):
    team.at("2021-08-16 10:00")
    text = await team.ok("kim", "/ask holiday thought")
    assert "2021-08-17" in text and "Day 11" in text


async def test_questions_search_finds_korean_words_in_questions_and_answers(team):
    await team.ok("kim", "/ask 트랜스포머 인코더 구현")
    await team.ok("kim", "/ask position embedding random?")
    await team.ok("lee", "/answer 2 학습하는 값이라 랜덤 초기화")
    assert "트랜스포머" in await team.ok("kim", "/questions 인코더")
    found = await team.ok("kim", "/questions 랜덤")
    assert "position embedding" in found and "트랜스포머" not in found


async def test_week_scope_lists_only_this_weeks_questions(team):
    team.at("2021-08-06 13:00")
    await team.ok("kim", "/ask last week")
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask this week anyway:yes")  # like "last week": past "asked before?"
    week = await team.ok("kim", "/questions week")
    assert "this week" in week and "last week" not in week and "week 2" in week


async def test_questions_list_is_ephemeral_and_ask_is_public(team):
    assert not (await team.say("kim", "/ask q")).ephemeral
    assert (await team.say("kim", "/questions")).ephemeral
    assert (await team.say("kim", "/help")).ephemeral


@pytest.mark.parametrize("text", ["@everyone look", "<!channel> hi", "<@&123> role", "@here"])
async def test_mention_strings_are_stored_as_typed_and_rendered_as_user_text(team, text):
    from bot.text import UserText

    reply = await team.say("kim", f"/ask {text}")
    assert UserText(text) in reply.message.lines[0]
    assert text in await team.ok("kim", "/questions")
