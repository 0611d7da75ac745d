"""The members of `bench.cards`: what Slack and Discord send when a member presses a card's
*Answer* and submits the form, and the moments the fakes see the form open and the card change.

A lane is one server behind one fake. `post_cards` gives every member a card (peerbot: a
teammate's `/ask`, reported by the adapter; the floor: a fixed message with one button); `visit`
is one member pressing *Answer*, submitting its answer and waiting for the card to show it, and
returns the two latencies and the submission's acknowledgement, timed by this process's clock
where the fake received each request.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

from tests.discord.fake import GUILD_ID, FakeDiscord, message_payload
from tests.slack.fake import (
    BOT_TOKEN,
    FakeSlack,
    block_action,
    form_body,
    interactive_body,
    sign,
    slash_payload,
    view_submission,
)

TEAMS = 10
MEMBERS = 10  # per team: 100 members
WAIT = 60.0  # seconds a member waits for the form or the card before it counts as lost
SETUP = "setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en"
FIRST_CHANNEL = 960000000000000001
_views = itertools.count(1)


@dataclass
class Visit:
    """One member's press and submission: seconds to the form, to the card, to the ack."""

    form: float
    card: float
    ack: float


def member(index: int) -> tuple[int, int]:
    """(team, member of the team) of member `index`."""
    return divmod(index, MEMBERS)


def teammate(index: int, members: int) -> int:
    """The member whose question member `index` answers: the next one of its team."""
    team, _ = member(index)
    size = min(MEMBERS, members - team * MEMBERS)
    return team * MEMBERS + (index + 1 - team * MEMBERS) % size


def teams_of(members: int) -> range:
    return range(-(-members // MEMBERS))


def marker(lane: str, index: int, round_no: int) -> str:
    """The answer member `index` gives in round `round_no` on `lane`: found again in the card's
    edit (the lanes of one platform share the fake Slack, so the lane is part of it)."""
    return f"ans{lane[0]}{lane[-1]}r{round_no}m{index}z"


class Watch:
    """Futures resolved by the fake's calls: `seen(key)` waits for the call `match` names."""

    def __init__(self, calls: list[Any], match: Any) -> None:
        self._calls, self._match = calls, match
        self._done = 0
        self._waiting: dict[str, asyncio.Future[Any]] = {}
        self._early: dict[str, Any] = {}
        self._task = asyncio.create_task(self._run())

    def seen(self, key: str) -> asyncio.Future[Any]:
        future = self._waiting.setdefault(key, asyncio.get_running_loop().create_future())
        if key in self._early:
            future.set_result(self._early.pop(key))
        return future

    async def _run(self) -> None:
        while True:
            calls, self._done = self._calls[self._done :], len(self._calls)
            for call in calls:
                for key in self._match(call):
                    future = self._waiting.pop(key, None)
                    if future is None:
                        self._early[key] = call
                    elif not future.done():
                        future.set_result(call)
            await asyncio.sleep(0.002)

    def close(self) -> None:
        self._task.cancel()


def _slack_match(call: Any) -> list[str]:
    if call.method == "views.open" and call.ok:
        return [f"form:{call.args.get('trigger_id')}"]
    if call.method == "chat.update" and call.ok:
        text = str(call.args.get("text", ""))
        return [f"card:{word}" for word in text.replace(":", " ").split() if word.startswith("ans")]
    return []


class SlackLane:
    """A Slack server behind the fake Slack: signed interactive payloads over HTTP."""

    def __init__(self, name: str, fake: FakeSlack, url: str, http: aiohttp.ClientSession) -> None:
        self.name, self.fake, self.url, self.http = name, fake, url, http
        self.cards: dict[int, tuple[str, str, dict[str, Any]]] = {}  # member: channel, ts, button
        self.watch = Watch(fake.calls, _slack_match)

    @staticmethod
    def channel(team: int) -> str:
        return f"C0BT{team:05d}"

    @staticmethod
    def user(index: int) -> str:
        return f"U0BM{index:05d}"

    async def post_cards(self, peerbot: bool, database: str, members: int) -> None:
        for index in range(members):
            self.fake.add_user(self.user(index), f"Member {index}", f"member{index}")
        if not peerbot:
            for index in range(members):
                await self._floor_card(index)
            return
        for team in teams_of(members):
            await self._post(form_body(self._slash("/team", SETUP, team * MEMBERS)))
        # As a person would, and as the Discord lane does: ask once the team is set up (the
        # acknowledgement comes first, the set-up after; an /ask before it is told "no team").
        for channel in map(self.channel, teams_of(members)):
            await _until(lambda c=channel: self._set_up(c), what="a team set up")
        for index in range(members):
            await self._post(form_body(self._slash("/ask", f"Question of q{index}q?", index)))
        for index in range(members):
            team, _ = member(index)
            asker = teammate(index, members)
            channel = self.channel(team)
            card = await _until(lambda c=channel, a=asker: self._card_of(c, a))
            answer = next(b for b in _buttons(card.blocks) if b["text"]["text"] == "Answer")
            self.cards[index] = (self.channel(team), card.ts, answer)
        await cards_reported(database, members)

    def _set_up(self, channel: str) -> Any:
        posted = self.fake.history.get(channel, [])
        return next((m for m in posted if "is set up" in m.text), None)

    def _card_of(self, channel: str, asker: int) -> Any:
        posted = self.fake.history.get(channel, [])
        return next((m for m in posted if f"q{asker}q" in m.text), None)

    async def _floor_card(self, index: int) -> None:
        channel = self.channel(member(index)[0])
        button: dict[str, Any] = {"type": "button", "action_id": "answer", "value": "1"}
        button["text"] = {"type": "plain_text", "text": "Answer"}
        blocks = [{"type": "actions", "block_id": "card", "elements": [button]}]
        headers = {"Authorization": f"Bearer {BOT_TOKEN}"}
        body = {"channel": channel, "text": "card", "blocks": blocks}
        url = self.fake.api_url + "chat.postMessage"
        async with self.http.post(url, json=body, headers=headers) as response:
            posted = await response.json()
        self.cards[index] = (channel, posted["ts"], button)

    def _slash(self, command: str, text: str, index: int) -> dict[str, str]:
        hook = self.fake.response_url(f"bench{index}")
        team, _ = member(index)
        user, name = self.user(index), f"member{index}"
        return slash_payload(
            command, text, user=user, user_name=name, channel=self.channel(team), response_url=hook
        )

    async def _post(self, body: str) -> float:
        """Send one signed request; when it was acknowledged."""
        async with self.http.post(self.url, data=body, headers=sign(body)) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"{self.name}: status {response.status}")
        return time.perf_counter()

    async def visit(self, index: int, round_no: int) -> Visit:
        channel, ts, button = self.cards[index]
        user = self.user(index)
        press = block_action(
            button["action_id"], user=user, channel=channel, value=button["value"], ts=ts
        )
        form = self.watch.seen(f"form:{press['trigger_id']}")
        pressed = time.perf_counter()
        await self._post(interactive_body(press))
        opened = await asyncio.wait_for(form, WAIT)
        view = {**opened.args["view"], "id": f"VB{next(_views):07d}"}
        answer = marker(self.name, index, round_no)
        card = self.watch.seen(f"card:{answer}")
        submitted = time.perf_counter()
        acked = await self._post(
            interactive_body(view_submission(view, {"text": answer}, user=user))
        )
        updated = await asyncio.wait_for(card, WAIT)
        return Visit(opened.at - pressed, updated.at - submitted, acked - submitted)


def _buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _discord_match(call: Any) -> list[str]:
    if call.method != "PATCH" or not call.path.startswith("/channels/"):
        return []
    content = str((call.json or {}).get("content", ""))
    return [f"card:{w}" for w in content.replace(":", " ").split() if w.startswith("ans")]


class DiscordLane:
    """A Discord client behind its own fake Discord: interactions through the gateway."""

    def __init__(self, name: str, fake: FakeDiscord) -> None:
        self.name, self.fake = name, fake
        self.cards: dict[int, str] = {}  # member: the card's message id
        self.watch = Watch(fake.calls, _discord_match)

    def _interaction(self, kind: int, data: dict[str, Any], index: int, **more: Any) -> Any:
        team, _ = member(index)
        return self.fake.interaction(
            kind,
            data,
            user_id=2000 + index,
            name=f"member{index}",
            channel_id=FIRST_CHANNEL + team,
            guild_id=GUILD_ID,
            **more,
        )

    async def post_cards(self, peerbot: bool, database: str, members: int) -> None:
        if not peerbot:
            for index in range(members):
                button = {"type": 2, "style": 1, "label": "Answer", "custom_id": "answer"}
                body = {"content": "card", "components": [{"type": 1, "components": [button]}]}
                card = message_payload(str(FIRST_CHANNEL + member(index)[0]), body)
                self.fake.messages[card["id"]] = card
                self.cards[index] = card["id"]
            return
        for team in teams_of(members):
            await self.fake.interact(self._interaction(2, _setup(), team * MEMBERS), timeout=WAIT)
        asked: dict[int, str] = {}
        for index in range(members):
            options = [{"name": "question", "type": 3, "value": f"Question of q{index}q?"}]
            data = {"id": "1", "name": "ask", "type": 1, "options": options}
            answered = await self.fake.interact(self._interaction(2, data, index), timeout=WAIT)
            asked[index] = answered.json["data"]["content"]
        found = {m["content"]: i for i, m in self.fake.messages.items()}
        for index in range(members):
            self.cards[index] = found[asked[teammate(index, members)]]
        await cards_reported(database, members)

    async def visit(self, index: int, round_no: int) -> Visit:
        message = self.fake.messages[self.cards[index]]
        custom_id = next(b["custom_id"] for b in _components(message) if b.get("label") == "Answer")
        press = {"custom_id": custom_id, "component_type": 2}
        pressed = self._interaction(3, press, index, message=message)
        modal = await asyncio.wait_for(await self.fake.send_interaction(pressed), WAIT)
        form_at = self.fake.callbacks_at.pop(pressed["id"]) - self.fake.dispatched_at.pop(
            pressed["id"]
        )
        assert modal.json["type"] == 9, modal.json  # the form
        form = modal.json["data"]
        field = next(c["custom_id"] for c in _components(form) if c.get("type") == 4)
        answer = marker(self.name, index, round_no)
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": field, "value": answer}]}]
        card = self.watch.seen(f"card:{answer}")
        submit = self._interaction(
            5, {"custom_id": form["custom_id"], "components": rows}, index, message=message
        )
        response = await asyncio.wait_for(await self.fake.send_interaction(submit), WAIT)
        sent = self.fake.dispatched_at.pop(submit["id"])
        acked = self.fake.callbacks_at.pop(submit["id"])
        if response.json["type"] == 7:  # the floor: the response is the card's update
            assert answer in response.json["data"]["content"]
            return Visit(form_at, acked - sent, acked - sent)
        updated = await asyncio.wait_for(card, WAIT)
        return Visit(form_at, updated.at - sent, acked - sent)


def _setup() -> dict[str, Any]:
    options = [
        {"name": "start", "type": 3, "value": "2021-08-02"},
        {"name": "zone", "type": 3, "value": "Asia/Seoul"},
        {"name": "lang", "type": 3, "value": "en"},
    ]
    return {
        "id": "1",
        "name": "team",
        "type": 1,
        "options": [{"name": "setup", "type": 1, "options": options}],
    }


def _components(node: Any) -> list[dict[str, Any]]:
    """Every component inside a message or modal (rows, labels and what they hold)."""
    found: list[dict[str, Any]] = []
    for child in node.get("components") or ([node["component"]] if "component" in node else []):
        found += [child, *_components(child)]
    return found


async def _until(probe: Any, timeout: float = WAIT, what: str = "a card") -> Any:
    deadline = time.perf_counter() + timeout
    while (found := probe()) is None:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{what} was never posted")
        await asyncio.sleep(0.01)
    return found


async def cards_reported(database: str, count: int, timeout: float = WAIT) -> None:
    """Wait until the server's adapter has reported `count` posted cards to its core."""
    deadline = time.perf_counter() + timeout
    while True:
        with sqlite3.connect(database, timeout=5) as db:
            (reported,) = db.execute("select count(*) from cards").fetchone()
        if reported >= count:
            return
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{reported} of {count} cards reported")
        await asyncio.sleep(0.05)
