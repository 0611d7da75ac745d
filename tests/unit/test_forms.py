"""Forms: what Slack and Discord draw as modals, and what their submissions do."""

from __future__ import annotations

import pytest

from bot.core import PeerBot
from bot.forms import Form
from bot.ports import Reply
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import snapshot

RETRO, ASSIGNMENT = "retro", "assignment add"  # the commands whose forms open


@pytest.mark.parametrize(
    ("line", "options", "expected"),
    [
        ("/retro", {}, RETRO),
        ("/retro", {"day": "yesterday"}, RETRO),
        ("/retro day:yesterday", {}, RETRO),
        ("/retro fact: read", {}, None),
        ("/retro", {"fields": "fact: read"}, None),
        ("/retro show", {}, None),
        ("/assignment add", {}, ASSIGNMENT),
        ("/assignment add ViT due:fri", {}, None),
        ("/assignment add", {"title": "ViT"}, None),
        ("/assignment list", {}, None),
        ("/ask", {}, None),
        ("/nonsense", {}, None),
    ],
)
def test_which_commands_ask_for_a_form(line, options, expected):
    routed = PeerBot.route(call("kim", line, **options))
    assert (routed.command.name if routed.form else None) == expected


async def open_retro(team, user: str = "kim", **options: str) -> Form:
    form = await open_form(team.bot, call(user, "/retro", **options))
    assert isinstance(form, Form), plain_text(form.message)
    return form


async def test_the_retro_form_has_the_templates_fields_and_is_prefilled_when_editing(team):
    form = await open_retro(team)
    # the member's own Peer-Session first, as the retro-log writes it: four of Discord's five
    assert [f.name for f in form.fields] == ["peer", "fact", "feeling", "plan"]
    assert form.fields[0].label == "Peer-Session"
    assert all(f.value == "" and f.multiline for f in form.fields)
    assert form.state == "2021-08-09"
    assert len(form.title) <= 45 and "2021-08-09" in form.title
    await team.ok("kim", "/retro fact: read the paper plan: code it")
    form = await open_retro(team)
    assert {f.name: f.value for f in form.fields} == {
        "peer": "",
        "fact": "read the paper",
        "feeling": "",
        "plan": "code it",
    }


async def test_the_til_template_gives_five_fields(team):
    await team.ok("kim", "/team settings template:til")
    form = await open_retro(team)
    assert len(form.fields) == 5
    assert all(len(f.label) <= 45 for f in form.fields)


async def test_submitting_the_retro_form_saves_exactly_its_fields(team):
    form = await open_retro(team)
    values = {"fact": "read", "feeling": "", "plan": "plan: review <!channel>"}
    reply = await submit(team.bot, call("kim", "/retro"), form.state, values)
    assert reply.ok and reply.ephemeral
    text = await team.ok("kim", "/retro show")
    assert "plan: review <!channel>" in text  # a label inside a form field is only text
    # A second submit replaces: an emptied field is gone.
    values = {"fact": "", "feeling": "tired", "plan": ""}
    await submit(team.bot, call("kim", "/retro"), form.state, values)
    text = await team.ok("kim", "/retro show")
    assert "tired" in text and "read" not in text


async def test_a_rejected_retro_form_names_the_field_and_saves_nothing(team):
    form = await open_retro(team)
    before = await snapshot(team.uow_factory)
    too_long = {"fact": "x", "feeling": "y" * 4001, "plan": ""}
    reply = await submit(team.bot, call("kim", "/retro"), form.state, too_long)
    assert not reply.ok and reply.field == "feeling"
    empty = {"fact": " ", "feeling": "", "plan": ""}
    reply = await submit(team.bot, call("kim", "/retro"), form.state, empty)
    assert not reply.ok and reply.field == "fact"
    reply = await submit(team.bot, call("kim", "/retro"), "garbage", {"fact": "x"})
    assert not reply.ok and reply.field is None
    assert await snapshot(team.uow_factory) == before


async def test_the_retro_form_of_a_closed_day_does_not_open(team):
    team.at("2021-08-20 10:00")
    reply = await open_form(team.bot, call("kim", "/retro", day="2021-08-09"))
    assert isinstance(reply, Reply) and not reply.ok


async def test_a_form_in_a_channel_without_a_team_says_how_to_set_up(harness):
    reply = await open_form(harness.bot, call("kim", "/retro"))
    assert isinstance(reply, Reply) and not reply.ok
    assert "/team setup" in plain_text(reply.message)


async def test_the_assignment_form_adds_an_assignment(team):
    form = await open_form(team.bot, call("kim", "/assignment add"))
    assert isinstance(form, Form)
    assert [f.name for f in form.fields] == ["title", "due", "kind", "link"]
    values = {"title": "ViT", "due": "fri 23:59", "kind": "optional", "link": ""}
    reply = await submit(team.bot, call("kim", "/assignment add"), "new", values)
    assert reply.ok, plain_text(reply.message)
    assert "ViT" in await team.ok("kim", "/assignment list")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "", "due": "fri"}, "title"),
        ({"title": "ViT", "due": ""}, "due"),
        ({"title": "ViT", "due": "someday"}, "due"),
        ({"title": "ViT", "due": "2021-08-01"}, "due"),
        ({"title": "ViT", "due": "fri", "kind": "hard"}, "kind"),
        ({"title": "ViT", "due": "fri", "link": "javascript:alert(1)"}, "link"),
    ],
)
async def test_a_wrong_assignment_field_is_named(team, values, field):
    before = await snapshot(team.uow_factory)
    reply = await submit(team.bot, call("kim", "/assignment add"), "new", values)
    assert not reply.ok and reply.field == field, plain_text(reply.message)
    assert await snapshot(team.uow_factory) == before


async def test_suggestions_offer_open_questions_first_and_assignments(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/ask What is attention?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("kim", "/accept 1")
    got = await team.bot.suggest("console", "c1", "answer", "number", "")
    assert [value for _, value in got] == ["2", "1"]
    assert await team.bot.suggest("console", "c1", "answer", "number", "atten") == [
        ("#2 What is attention?", "2")
    ]
    await team.ok("kim", '/assignment add "선택과제 1 ViT" due:fri')
    assert await team.bot.suggest("console", "c1", "assignment done", "which", "vit") == [
        ("#1 선택과제 1 ViT", "1")
    ]
    assert await team.bot.suggest("console", "c1", "ask", "assignment", "") == [
        ("#1 선택과제 1 ViT", "선택과제 1 ViT")
    ]
    assert await team.bot.suggest("console", "other", "answer", "number", "") == []
    assert await team.bot.suggest("console", "c1", "team settings", "zone", "") == []


async def test_admins_are_whom_to_tell(team):
    await team.ok("lee", "/ask hi")
    assert [m.user_id for m in await team.bot.admins(1)] == ["kim"]
