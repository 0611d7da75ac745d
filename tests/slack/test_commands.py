"""Every command of the table, once, through the real bolt app: what was posted, where, to whom."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.commands.table import all_commands
from tests.slack.conftest import SETUP, Outcome, SlackDriver, blocks_text
from tests.slack.fake import CHANNEL, OTHER_CHANNEL, FakeSlack, form_body, sign, slash_payload

PUBLIC, PRIVATE = "public", "private"

# (table command, who, what they type, who sees the answer, a piece of its mrkdwn)
SCRIPT = [
    ("team setup", "U0KIM", "/team " + SETUP, PUBLIC, "Team *peer-session* is set up"),
    ("ask", "U0KIM", "/ask Why call zero_grad() every step? category:lecture", PUBLIC, "*#1*"),
    (
        "answer",
        "U0LEE",
        "/answer 1 PyTorch accumulates gradients.",
        PUBLIC,
        "Answer 1 to *#1* by lee",
    ),
    ("accept", "U0KIM", "/accept 1", PUBLIC, "*#1* is resolved with lee's answer"),
    ("reopen", "U0KIM", "/reopen 1", PUBLIC, "*#1* is open again"),
    ("defer", "U0LEE", "/defer 1", PUBLIC, "*#1* is deferred"),
    ("escalate", "U0KIM", "/escalate 1", PUBLIC, "*#1* is on the mentor list"),
    ("question", "U0KIM", "/question 1", PRIVATE, "asked on Mon 2021-08-09 (Day 6)"),
    ("questions", "U0KIM", "/questions all", PRIVATE, "*All questions* (1)"),
    # "asked before?" (issue 16, on for a new team): held back for the asker alone, then posted
    # anyway; then turned off
    ("ask", "U0LEE", "/ask Why is zero_grad() called each step?", PRIVATE, "asked before?"),
    ("post", "U0LEE", "/post 1", PUBLIC, "*#2*"),
    ("team settings", "U0KIM", "/team settings similar:off", PUBLIC, "similar: on → off"),
    ("note", "U0PARK", "/note transformer walkthrough", PUBLIC, "transformer walkthrough"),
    ("retro", "U0KIM", "/retro fact: read the paper feeling: good plan: code", PRIVATE, "saved"),
    ("assignment add", "U0KIM", "/assignment add ViT due:2021-08-13 10:00", PUBLIC, "ViT, due"),
    ("assignment list", "U0LEE", "/assignment list", PRIVATE, "*Upcoming assignments* (1)"),
    ("assignment done", "U0LEE", "/assignment done 1", PUBLIC, "lee finished *#1* ViT"),
    ("assignment undo", "U0LEE", "/assignment undo 1", PRIVATE, "no longer marked done"),
    ("assignment remove", "U0KIM", "/assignment remove 1", PUBLIC, "*#1* ViT was removed by kim"),
    ("away", "U0LEE", "/away 2021-08-12", PUBLIC, "lee is away"),
    ("team settings", "U0KIM", "/team settings session:16:00", PRIVATE, "session"),
    ("team holiday", "U0KIM", "/team holiday add 2021-08-16", PUBLIC, "2021-08-16"),
    ("team members", "U0KIM", "/team members", PRIVATE, "• kim (admin)"),
    ("me", "U0LEE", "/me publish:on", PRIVATE, "now published"),
    ("team members", "U0KIM", "/team members set:U0PARK role:mentor", PUBLIC, "is now mentor"),
    ("endorse", "U0PARK", "/endorse 1 1", PUBLIC, "park endorsed lee's answer 1 to *#1*"),
    ("team rotation", "U0KIM", "/team rotation order:kim,lee", PUBLIC, "kim → lee"),
    ("team web", "U0LEE", "/team web", PRIVATE, "https://peerbot.example/t/"),
    ("digest", "U0KIM", "/digest", PUBLIC, "Week 2 digest"),
    ("stats", "U0LEE", "/stats", PRIVATE, "*lee*: ❓ asked 1 · 💬 answered 1"),
    (
        "edit question",
        "U0KIM",
        "/edit question 1 Why reset gradients?",
        PUBLIC,
        "*#1* edited by kim",
    ),
    ("edit answer", "U0LEE", "/edit answer 1 1 They add up.", PUBLIC, "Answer 1 to *#1* edited"),
    ("delete answer", "U0LEE", "/delete answer 1 1", PUBLIC, "Answer 1 to *#1* deleted by lee"),
    ("delete question", "U0KIM", "/delete question 1", PUBLIC, "*#1* deleted by kim"),
    ("edit note", "U0PARK", "/edit note 1 encoder walkthrough", PUBLIC, "Note 1 edited by park"),
    ("delete note", "U0PARK", "/delete note 1", PUBLIC, "Note 1 deleted by park"),
    ("help", "U0PARK", "/help", PRIVATE, "/ask &lt;question&gt;"),
]
MENTORS = "C0MENTORS"
# Cohorts (issue 15): the mentors' channel is a channel of no team; `{code}` is the join code
# `/cohort show` gave. (table command, who, typed, who sees it, a piece of it, the channel)
COHORT_SCRIPT = [
    (
        "cohort create",
        "U0PARK",
        '/cohort create name:"AI 3기"',
        PUBLIC,
        "mentors' channel",
        MENTORS,
    ),
    ("cohort show", "U0PARK", "/cohort show", PRIVATE, "code:", MENTORS),
    ("cohort join", "U0KIM", "/cohort join code:{code}", PUBLIC, "linked team", CHANNEL),
    ("cohort mentor", "U0PARK", "/cohort mentor add:<@U0LEE|lee>", PUBLIC, "now a mentor", MENTORS),
    ("ask", "U0KIM", "/ask What is SVD? category:lecture", PUBLIC, "*#3*", CHANNEL),
    ("escalate", "U0KIM", "/escalate 3", PUBLIC, "*#3* is on the mentor list", CHANNEL),
    ("cohort queue", "U0LEE", "/cohort queue", PRIVATE, "1#3 · kim", MENTORS),
    ("cohort claim", "U0LEE", "/cohort claim 1#3", PUBLIC, "lee claimed 1#3", MENTORS),
    ("cohort answer", "U0LEE", "/cohort answer 1#3 A = UΣVᵀ.", PUBLIC, "lee answered 1#3", MENTORS),
    ("cohort hours", "U0LEE", "/cohort hours", PUBLIC, "Office hours of cohort", MENTORS),
    ("cohort leave", "U0KIM", "/cohort leave", PUBLIC, "out of cohort", CHANNEL),
]


def check_message(outcome: Outcome, visibility: str, fragment: str, channel: str = CHANNEL) -> None:
    message = outcome.only()
    if visibility == PUBLIC:
        assert outcome.public == [message]
        assert message.method == "chat.postMessage" and message.args["channel"] == channel
    else:
        assert outcome.private == [message]
        assert message.method == "response_url"  # to the caller only, in any channel
        assert message.args["replace_original"] is False
    assert fragment in message.args["text"]
    blocks = message.args["blocks"]
    buttons = [b for b in blocks if b["type"] == "actions"]
    assert blocks[len(blocks) - len(buttons) :] == buttons and len(buttons) <= 1  # under the text
    sections = [b for b in blocks if b["type"] != "actions"]
    assert all(b["type"] == "section" and b["text"]["verbatim"] is True for b in sections)
    assert blocks_text(replace(message, args={"blocks": sections})) == message.args["text"]


async def test_every_command_of_the_table_answers_where_it_should(
    slack: SlackDriver, fake: FakeSlack
):
    covered = set()
    for name, user, line, visibility, fragment in SCRIPT:
        command, _, text = line.partition(" ")
        outcome = await slack.command(command, text, user=user)
        assert outcome.status == 200 and outcome.ack == "", name
        assert outcome.ack_seconds < 1.0, name
        check_message(outcome, visibility, fragment)
        covered.add(name)
    code = ""
    for name, user, line, visibility, fragment, channel in COHORT_SCRIPT:
        command, _, text = line.format(code=code).partition(" ")
        outcome = await slack.command(command, text, user=user, channel=channel)
        assert outcome.status == 200 and outcome.ack == "", name
        check_message(outcome, visibility, fragment, channel)
        if name == "cohort show":
            code = outcome.only().args["text"].rsplit("code:", 1)[-1].strip()
        covered.add(name)
    assert covered == {command.name for command in all_commands()}
    # display names came from users.info, once per member (cached), not from the payload
    assert sorted(c.args["user"] for c in fake.of("users.info")) == ["U0KIM", "U0LEE", "U0PARK"]


async def test_the_digest_goes_up_as_a_markdown_file_with_the_three_step_upload(
    team: SlackDriver, fake: FakeSlack
):
    await team.command("/ask", "What is attention? category:lecture")
    outcome = await team.command("/digest")
    methods = [c.method for c in outcome.calls]
    step1, step2, step3 = (
        methods.index("files.getUploadURLExternal"),
        methods.index("upload"),
        methods.index("files.completeUploadExternal"),
    )
    assert methods.index("chat.postMessage") < step1 < step2 < step3
    asked, uploaded, completed = (outcome.calls[i] for i in (step1, step2, step3))
    assert asked.args["filename"] == "week02-peer-minutes.md"
    assert int(asked.args["length"]) == len(uploaded.body)
    assert uploaded.token is None  # the upload URL is not given the bot token
    assert "What is attention?" in uploaded.body.decode()
    assert completed.args["channel_id"] == CHANNEL
    assert completed.args["files"][0]["title"] == "week02/peer-minutes.md"


async def test_names_come_from_users_info_and_the_payload_when_it_fails(
    team: SlackDriver, fake: FakeSlack
):
    fake.add_user("U0NEW", "New Person", display_name="")  # no display name: the real name
    outcome = await team.command("/ask", "Who am I?", user="U0NEW")
    assert "asked by New Person" in outcome.only().args["text"]
    fake.fail("users.info", "500", times=None)
    outcome = await team.command("/ask", "And me?", user="U0GONE")
    assert "asked by u0gone" in outcome.only().args["text"]  # the payload's user_name


async def test_a_prefixed_install_answers_its_prefixed_commands(
    settings, runtime, fake: FakeSlack, debug_logs
):
    import aiohttp

    from adapters.slack import SlackAdapter

    prefixed = settings.model_copy(update={"slack_command_prefix": "pb-"})
    adapter = SlackAdapter(prefixed, runtime.bot)
    await adapter.start()
    try:
        async with aiohttp.ClientSession() as http:
            driver = SlackDriver(fake, f"http://127.0.0.1:{adapter.port}/slack/events", http)
            outcome = await driver.command("/pb-team", SETUP)
            assert "set up" in outcome.only().args["text"]
            outcome = await driver.command("/pb-ask", "prefixed?")
            assert "*#1*" in outcome.only().args["text"]
    finally:
        await adapter.close()


async def test_an_unknown_command_gets_the_cores_sentence(team: SlackDriver):
    outcome = await team.command("/standup")
    message = outcome.only()
    assert message in outcome.private and "standup" in message.args["text"]


async def test_a_rejected_command_is_private_and_one_sentence(team: SlackDriver):
    outcome = await team.command("/answer", "99 nobody asked this")
    assert outcome.only() in outcome.private
    assert "#99" in outcome.text


async def test_a_command_in_a_channel_without_a_team_says_how_to_start(team: SlackDriver):
    outcome = await team.command("/ask", "lost?", channel=OTHER_CHANNEL)
    assert outcome.only() in outcome.private
    assert "/team setup" in outcome.text


async def test_a_public_answer_where_the_bot_is_not_a_member_goes_through_the_response_url(
    team: SlackDriver, fake: FakeSlack
):
    fake.channel_errors[CHANNEL] = "not_in_channel"
    outcome = await team.command("/ask", "Is anyone here?")
    message = outcome.only()
    assert message.method == "response_url" and message.args["response_type"] == "in_channel"
    assert "Is anyone here?" in message.args["text"]


async def test_a_long_answer_is_split_within_slacks_limits(team: SlackDriver):
    for number in range(12):
        await team.command("/ask", f"question {number} " + "long words " * 300 + "anyway:yes")
    outcome = await team.command("/questions", "all")
    assert len(outcome.private) >= 2
    for message in outcome.private:
        assert len(message.args["text"]) <= 12000
        texts = [b for b in message.args["blocks"] if b["type"] != "actions"]
        assert all(len(b["text"]["text"]) <= 3000 for b in texts)
    assert "question 0" in outcome.private[0].args["text"]
    assert "question 11" in outcome.private[-1].args["text"]
    # the entries' `#N` buttons (to each page) go under the last piece
    [actions] = [b for b in outcome.private[-1].args["blocks"] if b["type"] == "actions"]
    assert len(actions["elements"]) == 12


@pytest.mark.parametrize(
    "typed",
    [
        "@everyone",
        "@here",
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<!subteam^S1>",
        "<!subteam^S123|@team>",
        "<@U0LEE>",
        "<@W0LEE|lee>",
        "<@&123>",
        "<@123>",
        "<#C0STUDY1>",
        "https://x.io/<!here>",
    ],
)
async def test_mention_strings_typed_by_a_user_never_mention(team: SlackDriver, typed: str):
    outcome = await team.command("/ask", f"ping {typed} please")
    message = outcome.only()
    for text in (message.args["text"], blocks_text(message)):
        assert "<!" not in text and "<@" not in text and "<#" not in text, text
        assert "&lt;" in text or "<" not in typed


async def test_a_slow_command_is_acknowledged_at_once_and_answered_when_done(
    team: SlackDriver, fake: FakeSlack, runtime, monkeypatch
):
    run = runtime.bot.run

    async def slow(routed):
        await asyncio.sleep(3.2)  # longer than Slack's 3 seconds
        return await run(routed)

    monkeypatch.setattr(runtime.bot, "run", slow)
    start = len(fake.calls)
    status, ack, seconds = await team.send(*signed_command(fake, "/note", "slow but kept"))
    assert (status, ack) == (200, "") and seconds < 0.5
    [posted] = await fake.wait_for("chat.postMessage", since=start, timeout=6)
    assert "slow but kept" in posted.args["text"]


async def test_an_unexpected_failure_is_told_to_the_caller_with_a_reference(
    team: SlackDriver, runtime, monkeypatch, caplog
):
    async def broken(routed):
        raise RuntimeError("boom")

    monkeypatch.setattr(runtime.bot, "run", broken)
    outcome = await team.command("/note", "x")
    assert outcome.only() in outcome.private
    assert "Something went wrong on my side (ref " in outcome.text
    assert any("boom" in (r.exc_text or "") for r in caplog.records)


def signed_command(fake: FakeSlack, command: str, text: str) -> tuple[str, dict[str, str]]:
    body = form_body(slash_payload(command, text, response_url=fake.response_url("slow")))
    return body, sign(body)


@pytest.mark.parametrize(
    "line", ["/digest format:retro-log", "/digest format:til-review", "/retro show"]
)
async def test_a_members_own_output_is_shown_to_the_caller_alone(
    team: SlackDriver, fake: FakeSlack, line: str
):
    await team.command("/retro", "fact: read the paper feeling: good plan: code it")
    command, _, text = line.partition(" ")
    outcome = await team.command(command, text)
    assert outcome.public == [] and outcome.private
    shared = [c.args.get("channel_id") for c in outcome.calls if c.method.startswith("files.c")]
    assert all(channel == "D0KIM" for channel in shared)  # a file only in the DM with kim
    assert CHANNEL not in fake.history or all(not posted.files for posted in fake.history[CHANNEL])
    if command == "/digest":
        assert shared == ["D0KIM"]
