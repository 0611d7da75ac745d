"""The one route: a platform's event becomes a command, its arguments and what an adapter must
decide before the reply exists; and the buttons (actions) a message carries."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from adapters.console import action_lines
from adapters.discord.actions import action_of as discord_action
from adapters.discord.actions import custom_id, view_of
from adapters.slack.actions import action_of as slack_action
from adapters.slack.actions import actions_block
from bot import i18n
from bot.commands.route import Route, route
from bot.commands.spec import Command
from bot.commands.table import all_commands
from bot.model.teams import Language
from bot.outbox import PostKind
from bot.ports import Reply
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import Action, Message, Plain, message_from_json, message_to_json, plain_text
from tests.calls import call


@pytest.mark.parametrize(
    ("line", "options", "private", "slow"),
    [
        ("/ask why?", {}, False, False),
        ("/questions", {}, True, False),
        ("/digest", {}, False, True),
        ("/digest", {"format": "retro-log"}, True, True),  # a member's own file
        ("/digest format:TIL-review", {}, True, True),
        ("/stats week:2", {}, True, False),
        ("/nonsense", {}, True, False),  # every refusal is for the caller alone
        ("/ask", {}, True, False),  # the question is missing
    ],
)
def test_the_route_says_private_and_slow_before_anything_runs(line, options, private, slow):
    routed = route(call("kim", line, **options))
    assert (routed.private, routed.slow) == (private, slow)


def test_a_refused_route_keeps_its_command_and_reason():
    routed = route(call("kim", "/answer twelve text"))
    assert routed.command is not None and routed.command.name == "answer"
    assert routed.error is not None and routed.error.key == "args.bad_number"
    unknown = route(call("kim", "/nonsense"))
    assert unknown.command is None and unknown.error is not None


def test_a_subcommand_routes_by_its_full_name_as_forms_and_buttons_name_it():
    typed = route(call("kim", "/assignment done 2"))
    named = route(replace(call("kim", "/x"), command="assignment done", args="2"))
    assert typed.command is named.command and typed.args == named.args == {"which": "2"}


def test_a_due_time_may_hold_a_space_without_quotes():
    routed = route(call("kim", "/assignment add ViT kind:optional due:fri 23:59"))
    assert routed.error is None
    assert routed.args == {"title": "ViT", "kind": "optional", "due": "fri 23:59"}


def test_routing_is_pure_it_needs_no_database_and_no_event_loop():
    """Every command and its parameters route in a plain function: nothing to await, no I/O."""
    for command in all_commands():
        line = f"/{command.name} " + " ".join(f"{p.name}:1" for p in command.params)
        routed = route(call("kim", line))
        assert routed.command is command, line


# --- actions ---------------------------------------------------------------------------------


def test_a_message_with_buttons_round_trips_through_the_outbox_codec():
    message = Message.of((Plain("hi"),)).with_actions(Action("answer", "12", "Answer"))
    assert message_from_json(message_to_json(message)) == message
    plain = Message.of((Plain("hi"),))
    assert json.loads(message_to_json(plain)) == [[["p", "hi"]]]  # as rows were written before
    assert message_from_json(message_to_json(plain)) == plain


def test_unlabelled_buttons_take_their_commands_label_in_the_teams_language():
    message = Message().with_actions(Action("retro"))
    assert i18n.labelled(Language.KO, message).actions == (Action("retro", "", "회고 쓰기"),)
    assert i18n.labelled(Language.EN, message).actions[0].label == "Write my retrospective"


def test_each_platform_draws_the_buttons_and_reads_a_press_back():
    action = Action("assignment done", "2", "Done")
    [button] = actions_block([action])["elements"]  # type: ignore[index]
    assert button["text"]["text"] == "Done"
    assert slack_action(button) == Action("assignment done", "2")
    assert slack_action({"action_id": "peerbot_retro"}) == Action("retro")  # older posts
    assert slack_action({"action_id": "something_else", "value": "{}"}) is None
    assert discord_action(custom_id(action) or "") == Action("assignment done", "2")
    assert discord_action("peerbot:retro") == Action("retro")
    view = view_of([action])
    assert view is not None and len(view.children) == 1
    assert action_lines(Message().with_actions(action)) == ["[Done: /assignment done 2]"]


def test_a_button_too_long_for_discord_is_left_off_with_a_log_line(caplog):
    long = Action("answer", "1" * 120, "Answer")
    with caplog.at_level(logging.WARNING):
        assert custom_id(long) is None
        view = view_of([long])
    assert view is not None and not view.children
    assert "over 100 characters" in caplog.text


async def test_a_handler_may_offer_only_the_buttons_its_table_entry_allows(team, caplog):
    async def rogue(ctx: object, args: object) -> Reply:
        return Reply(Message.of((Plain("x"),)).with_actions(Action("team setup")))

    command = Command("note", rogue, needs_team=False)  # offers a button it may not
    reply = await team.bot.run(Route(call("kim", "/note x"), command))
    assert not reply.ok and "went wrong" in plain_text(reply.message)
    assert "may not offer" in caplog.text


async def test_the_retro_nudge_carries_the_button_that_opens_the_form(team):
    async with team.uow_factory() as uow:
        [row] = await uow.teams.list()
        day = date(2021, 8, 9)
        occurrence = Occurrence(datetime.now(UTC), row.id, PostKind.RETRO, day.isoformat(), day)
        nudge = await compose(uow, row, occurrence)
    assert nudge is not None
    assert nudge.actions == (Action("retro", "", "Write my retrospective"),)
    assert route(call("kim", nudge.actions[0].typed)).form is not None  # pressing opens it
