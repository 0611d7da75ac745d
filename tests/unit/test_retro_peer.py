"""fff's `peer:` field: the member's own Peer-Session bullets in the retro-log, inline and in the
form, and the team's session notes only on a day the member wrote none."""

from __future__ import annotations

from bot.digest import render_week
from bot.forms import MAX_FIELDS, Form
from bot.model.study import TEMPLATE_FIELDS, parse_retro_text
from bot.model.teams import RetroTemplate
from tests.calls import call, open_form, submit
from tests.conftest import snapshot
from tests.digest import builders


async def _log(h, week: int = 2, lang=None) -> str:
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        kim = await uow.members.get(team.id, "kim")
        return (await render_week(uow, team, week, "retro-log", member=kim, lang=lang)).markdown


def _peer_session(markdown: str, day: str) -> list[str]:
    """The lines under `day`'s `- **Peer-Session**` bullet, up to `- **Fact**`."""
    section = markdown.split(f"## {day}\n", 1)[1].split("- **Fact**", 1)[0]
    return section.split("\n")[1:-1] if section.startswith("- **Peer-Session**") else []


def test_peer_is_fffs_first_field_in_both_languages_and_the_form_stays_within_five():
    assert TEMPLATE_FIELDS[RetroTemplate.FFF] == ("peer", "fact", "feeling", "plan")
    assert all(len(names) <= MAX_FIELDS for names in TEMPLATE_FIELDS.values())
    given = parse_retro_text(RetroTemplate.FFF, "피어세션: gather 개념 사실: 1~3강")
    assert given.fields == {"peer": "gather 개념", "fact": "1~3강"}
    assert parse_retro_text(RetroTemplate.FFF, "Peer-Session: x").fields == {"peer": "x"}


async def test_inline_peer_is_saved_shown_and_never_reported_missing(team):
    text = await team.ok("kim", "/retro fact: 1~3강 feeling: ok plan: review")
    assert "Still empty" not in text  # peer: has the team's notes to fall back on
    assert "Peer-Session: (empty: the retro-log shows the team's session notes instead)" in text
    await team.ok("kim", "/retro peer: gather 개념\n- zero_grad() 이유")
    shown = await team.ok("kim", "/retro show")
    assert "Peer-Session: gather 개념" in shown and "Fact: 1~3강" in shown
    help_text = await team.ok("kim", "/help")
    assert "peer:" in help_text and "Markdown" in help_text


async def test_a_til_team_has_no_peer_field(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 template:til lang:ko")
    before = await snapshot(harness.uow_factory)
    refused = await harness.rejected("kim", "/retro peer: x")
    assert "done:, not_done:, learned:, tomorrow:, impressions:" in refused
    assert await snapshot(harness.uow_factory) == before


async def test_the_retro_log_shows_the_members_own_peer_bullets_instead_of_the_teams_notes(team):
    await team.ok("lee", "/note the team's note")
    await team.ok("kim", "/ask a question of the day")
    await team.ok("kim", "/retro fact: x")
    fallback = _peer_session(await _log(team), "Mon - Day 6")
    assert fallback == ["    - the team's note", "    - a question of the day"]
    peer = "gather 개념 @everyone\n- masked_fill 조사\n    - mask (*BoolTensor*)\n```\n<@1>\n```"
    await team.ok("kim", f"/retro peer: {peer}")
    own = _peer_session(await _log(team), "Mon - Day 6")
    assert own == [
        "    - gather 개념 @\u200beveryone",
        "    - masked_fill 조사",
        "      - mask (*BoolTensor*)",
        "    - ```",
        "      <\u200b@1>",
        "      ```",
    ]


async def test_the_form_carries_peer_and_saves_it(team):
    form = await open_form(team.bot, call("kim", "/retro"))
    assert isinstance(form, Form) and form.fields[0].name == "peer"
    values = {"peer": "- 1x1 conv\n- NLP 논문", "fact": "4~7강", "feeling": "", "plan": ""}
    reply = await submit(team.bot, call("kim", "/retro"), form.state, values)
    assert reply.ok
    assert _peer_session(await _log(team), "Mon - Day 6") == [
        "    - 1x1 conv",
        "    - NLP 논문",
    ]
    form = await open_form(team.bot, call("kim", "/retro"))
    assert isinstance(form, Form) and form.fields[0].value == "- 1x1 conv\n- NLP 논문"


async def test_the_seed_week_with_the_members_own_peer_bullets_reads_as_the_seed(harness):
    """seeds/retro-log.md's Thursday, written by the member: the nested bullets and the
    italic of `*BoolTensor*` as the seed has them."""
    await builders.retro_log_week4(harness)
    harness.at("2021-08-26 22:00")
    peer = (
        "기본과제 공부하며 분석한 코드 해석 공유\n"
        "- masked_fill(mask, value) 함수 조사\n"
        "    - mask (*BoolTensor*) – the boolean mask\n"
        "    - value (float) – the value to fill in with"
    )
    await harness.ok("kim", f"/retro peer: {peer} day:2021-08-26")
    assert _peer_session(await _log(harness, 4), "Thu - Day 18") == [
        "    - 기본과제 공부하며 분석한 코드 해석 공유",
        "    - masked_fill(mask, value) 함수 조사",
        "      - mask (*BoolTensor*) – the boolean mask",
        "      - value (float) – the value to fill in with",
    ]
    # the other days keep the team's notes
    assert _peer_session(await _log(harness, 4), "Mon - Day 15")[0] == (
        "    - 지난주의 배웠던 gather에 대해 서로 얘기하며 개념을 잡아갔다."
    )
