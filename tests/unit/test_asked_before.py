""" "Asked before?" at /ask on the console, and ranked `/questions <words>`: similar questions
shown privately before posting (resolved first, with the accepted answer), the draft kept so
`/post N` posts it, `anyway:yes` and `similar:off` skipping the check, and bad input."""

from __future__ import annotations

from bot.text import plain_text
from tests.conftest import snapshot

OLD = "SVD의 singular value는 정렬된 값인가요"
NEW = "singular value가 SVD에서 정렬되어 있나요"


async def _with_an_old_question(team) -> None:
    await team.ok("kim", f"/ask {OLD}")
    await team.ok("lee", "/answer 1 네, 내림차순으로 정렬되어 있어요")
    await team.ok("kim", "/accept 1")
    await team.ok("kim", "/ask colab GPU 런타임은 몇 시간인가요")


async def test_a_similar_question_is_shown_privately_and_not_posted(team):
    await _with_an_old_question(team)
    before = await snapshot(team.uow_factory)
    reply = await team.say("park", f"/ask {NEW}")
    text = plain_text(reply.message)
    assert reply.ok and reply.ephemeral
    assert "Was this asked before?" in text and "#1 resolved" in text
    assert "내림차순으로 정렬되어 있어요" in text  # the accepted answer
    assert "#2" not in text
    assert "/post " in text and "/question 1" in text
    labels = [a.command for a in reply.message.actions]
    assert labels == ["post", "question"]
    listed = await team.ok("park", "/questions all")
    assert "(2)" in listed  # not posted yet
    assert await snapshot(team.uow_factory) != before  # the draft is kept


async def test_post_anyway_posts_the_draft_once_and_only_for_its_asker(team):
    await _with_an_old_question(team)
    reply = await team.say("park", f"/ask {NEW}")
    post = reply.message.actions[0]
    refused = await team.rejected("lee", post.typed)
    assert "no question waiting" in refused
    posted = await team.ok("park", post.typed)
    assert "#3" in posted and "정렬되어" in posted
    again = await team.rejected("park", post.typed)
    assert "posted already, as #3" in again


async def test_anyway_and_the_team_setting_skip_the_check(team):
    await _with_an_old_question(team)
    assert "#3" in await team.ok("park", f"/ask {NEW} anyway:yes")
    await team.ok("kim", "/team settings similar:off")
    assert "similar: off" in await team.ok("kim", "/team settings")
    assert "#4" in await team.ok("park", f"/ask {NEW}")


async def test_the_check_is_on_for_a_new_team_and_off_from_its_setup(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:en")
    assert "similar: on" in await harness.ok("kim", "/team settings")
    await harness.ok("kim", f"/ask {OLD}")
    assert "asked before?" in await harness.ok("park", f"/ask {NEW}")
    await harness.ok("kim", "/team setup lang:en similar:off", channel="c2")
    assert "similar: off" in await harness.ok("kim", "/team settings", channel="c2")
    await harness.ok("kim", f"/ask {OLD}", channel="c2")
    assert "#2" in await harness.ok("park", f"/ask {NEW}", channel="c2")


async def test_questions_with_words_are_ranked_and_say_so(team):
    await team.ok("kim", "/ask 정렬 is it sorted")
    await team.ok("kim", "/ask unrelated words")
    await team.ok("kim", f"/ask {NEW}")
    text = await team.ok("kim", "/questions all 정렬된")
    assert "Best matches first" in text
    assert text.index("#1") < text.index("#3") and "#2" not in text  # the shorter text first
    assert "#1" in await team.ok("kim", "/questions all sorting")


async def test_words_with_nothing_to_search_by_get_one_sentence(team):
    await team.ok("kim", "/ask something")
    before = await snapshot(team.uow_factory)
    said = await team.rejected("kim", "/questions all 을 를")
    assert "nothing to search by" in said
    assert await snapshot(team.uow_factory) == before
    long = await team.ok("kim", "/questions all " + "정렬된 " * 3000)
    assert "Questions matching" in long
