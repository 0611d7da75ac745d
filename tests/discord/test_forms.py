"""Modals: /retro and /assignment add without text, the nudge's button, and their submits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.discord import DiscordAdapter
from bot.scheduled.drivers import Stepper
from peerbot.bootstrap import Runtime
from tests.discord.conftest import SEOUL, card_reported, content, flags, set_up_team, slash
from tests.discord.fake import CHANNEL_ID, OTHER_CHANNEL_ID, Call, FakeDiscord

MODAL = 9
EPHEMERAL = 64


def inputs(modal: Call) -> dict[str, dict[str, Any]]:
    """The text inputs of a modal callback, by custom_id (rows or label components)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(components: list[dict[str, Any]]) -> None:
        for component in components:
            if component.get("type") == 4:
                found[component["custom_id"]] = component
            walk(component.get("components", []))
            if "component" in component:
                walk([component["component"]])

    walk(modal.json["data"]["components"])
    return found


def submit(custom_id: str, values: dict[str, str], *, labels: bool = False) -> dict[str, Any]:
    """A modal submit's data, as Discord sends it (action rows, or the newer label wrappers)."""
    if labels:
        rows = [
            {"type": 18, "id": i, "component": {"type": 4, "custom_id": k, "value": v}}
            for i, (k, v) in enumerate(values.items())
        ]
    else:
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
            for k, v in values.items()
        ]
    return {"custom_id": custom_id, "components": rows}


async def test_retro_without_text_opens_the_templates_modal_and_saves_it(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    modal = await fake.interact(fake.interaction(2, slash("retro")))
    assert modal.json["type"] == MODAL
    data = modal.json["data"]
    assert data["custom_id"] == "pbform:retro:2021-08-09" and len(data["custom_id"]) <= 100
    assert len(data["title"]) <= 45 and "2021-08-09" in data["title"]
    fields = inputs(modal)
    assert list(fields) == ["peer", "fact", "feeling", "plan"]
    assert all(f["style"] == 2 and not f.get("value") for f in fields.values())

    empty = await fake.interact(
        fake.interaction(5, submit(data["custom_id"], {"fact": " ", "feeling": "", "plan": ""}))
    )
    assert empty.json["type"] == 4 and flags(empty) & EPHEMERAL  # modals show no field errors
    assert "at least one" in content(empty)

    saved = await fake.interact(
        fake.interaction(
            5,
            submit(
                data["custom_id"],
                {"peer": "- gather\n- `x`", "fact": "read @everyone", "plan": "code it"},
                labels=True,
            ),
        )
    )
    assert saved.json["type"] == 4 and flags(saved) & EPHEMERAL, content(saved)

    again = await fake.interact(fake.interaction(2, slash("retro")))
    prefilled = {name: f.get("value") for name, f in inputs(again).items()}
    assert prefilled == {
        "peer": "- gather\n- `x`",
        "fact": "read @everyone",
        "feeling": None,
        "plan": "code it",
    }


async def test_the_til_template_gives_a_five_field_modal(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await fake.interact(fake.interaction(2, slash("team", "settings", template="til")))
    modal = await fake.interact(fake.interaction(2, slash("retro")))
    assert len(inputs(modal)) == 5
    assert all(len(f["label"]) <= 45 for f in inputs(modal).values())


async def test_assignment_add_without_a_title_opens_a_modal(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    modal = await fake.interact(fake.interaction(2, slash("assignment", "add")))
    assert modal.json["type"] == MODAL
    custom_id = modal.json["data"]["custom_id"]
    fields = inputs(modal)
    assert list(fields) == ["title", "due", "kind", "link"]
    assert fields["title"]["required"] and fields["due"]["required"]
    assert fields["title"]["max_length"] <= 4000

    bad = await fake.interact(
        fake.interaction(5, submit(custom_id, {"title": "ViT", "due": "someday", "kind": ""}))
    )
    assert flags(bad) & EPHEMERAL and "someday" in content(bad)
    added = await fake.interact(
        fake.interaction(5, submit(custom_id, {"title": "ViT", "due": "fri 23:59", "kind": ""}))
    )
    assert added.json["type"] == 4 and not flags(added) & EPHEMERAL
    assert "ViT" in content(added)


async def test_a_form_in_an_unbound_channel_says_how_to_set_up(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    call = await fake.interact(fake.interaction(2, slash("retro"), channel_id=OTHER_CHANNEL_ID))
    assert call.json["type"] == 4 and flags(call) & EPHEMERAL
    assert "/team setup" in content(call)


async def nudge(runtime: Runtime, adapter: DiscordAdapter, fake: FakeDiscord) -> dict[str, Any]:
    """Walk the clock to 21:00: the retrospective nudge is posted in the channel."""
    stepper = Stepper(
        runtime.reminders,
        runtime.delivery({"discord": adapter.poster}),
        runtime.clock,  # type: ignore[arg-type]
    )
    await stepper.advance(datetime(2021, 8, 9, 13, 1, tzinfo=SEOUL))
    await stepper.advance(datetime(2021, 8, 9, 21, 1, tzinfo=SEOUL))
    posts = fake.channel_messages[str(CHANNEL_ID)]
    return next(p for p in posts if p.get("components"))


async def test_the_retro_nudge_carries_a_button_that_opens_the_modal_for_whoever_presses_it(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    post = await nudge(runtime, adapter, fake)
    (row,) = post["components"]
    (button,) = row["components"]
    assert button["custom_id"] == "pb:retro:" and button["label"] == "Write my retrospective"
    assert post["allowed_mentions"] == {"parse": [], "users": [111]}
    assert "<@111>" in post["content"]

    pressed = fake.interaction(
        3,
        {"custom_id": button["custom_id"], "component_type": 2},
        user_id=222,
        name="lee",
        message=post["message"],
    )
    modal = await fake.interact(pressed)
    assert modal.json["type"] == MODAL
    assert modal.json["data"]["custom_id"] == "pbform:retro:2021-08-09"


async def test_the_nudge_button_still_works_after_a_restart(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime, settings
):
    await set_up_team(fake)
    post = await nudge(runtime, adapter, fake)
    await adapter.close()
    restarted = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05)
    await restarted.start()
    try:
        button_id = post["components"][0]["components"][0]["custom_id"]
        pressed = fake.interaction(
            3, {"custom_id": button_id, "component_type": 2}, message=post["message"]
        )
        modal = await fake.interact(pressed)
        assert modal.json["type"] == MODAL
        # A nudge posted by an earlier version carries the button id of then: it still opens.
        earlier = fake.interaction(
            3, {"custom_id": "peerbot:retro", "component_type": 2}, message=post["message"]
        )
        assert (await fake.interact(earlier)).json["type"] == MODAL
        submitted = await fake.interact(
            fake.interaction(5, submit("pbform:retro:2021-08-09", {"fact": "after restart"}))
        )
        assert flags(submitted) & EPHEMERAL and submitted.json["type"] == 4
        assert "at least one" not in content(submitted)
    finally:
        await restarted.close()


async def test_a_questions_page_carries_buttons_whose_answer_opens_a_form(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    await fake.interact(fake.interaction(2, slash("ask", question="Why zero_grad?")))
    await card_reported(runtime)  # with its thread
    page = await fake.interact(fake.interaction(2, slash("question", number="1")))
    assert flags(page) & EPHEMERAL
    (row,) = page.json["data"]["components"]
    labels = [b["label"] for b in row["components"]]
    assert labels == ["Answer", "Answer tomorrow", "For the mentor", "Edit", "Delete"]  # its asker
    answer = row["components"][0]["custom_id"]
    # The route it runs, and the page it shows again after the press.
    assert answer == 'pbj:["answer","1","question 1"]'

    modal = await fake.interact(
        fake.interaction(3, {"custom_id": answer, "component_type": 2}, user_id=222, name="lee")
    )
    assert modal.json["type"] == MODAL and list(inputs(modal)) == ["text"]
    custom_id = modal.json["data"]["custom_id"]
    saved = await fake.interact(
        fake.interaction(5, submit(custom_id, {"text": "they add up"}), user_id=222, name="lee")
    )
    assert "they add up" in content(saved) and flags(saved) & EPHEMERAL  # told to lee
    [card] = fake.threads  # and posted for everyone in the card's thread
    [posted] = fake.in_thread(card)
    assert "they add up" in posted["content"] and not posted.get("flags")


async def test_the_pages_edit_button_opens_the_text_to_edit_and_saves_it(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await fake.interact(fake.interaction(2, slash("ask", question="Why zero_grad?")))
    await fake.interact(fake.interaction(2, slash("answer", number="1", text="they add up")))
    page = await fake.interact(fake.interaction(2, slash("question", number="1")))
    buttons = [b for row in page.json["data"]["components"] for b in row["components"]]
    [edit] = [b["custom_id"] for b in buttons if b["label"] == "Edit answer 1"]
    assert edit == "pb:edit answer:1 1"
    modal = await fake.interact(fake.interaction(3, {"custom_id": edit, "component_type": 2}))
    assert modal.json["type"] == MODAL
    assert [f["value"] for f in inputs(modal).values()] == ["they add up"]  # pre-filled
    custom_id = modal.json["data"]["custom_id"]
    saved = await fake.interact(fake.interaction(5, submit(custom_id, {"text": "they accumulate"})))
    assert "edited by kim" in content(saved) and not flags(saved) & EPHEMERAL
    again = await fake.interact(fake.interaction(2, slash("question", number="1")))
    assert "they accumulate (edited)" in content(again)
