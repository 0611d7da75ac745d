""" "Was this asked before?": at /ask, similar questions of the team are shown privately before
the question is posted, with *Post anyway* (`/post <draft>`) and each old one's `#12`.

The held-back question is a draft in the database (`ask_drafts`), so a restart between the
check and *Post anyway* loses nothing, and the button carries only the draft's number.
`anyway:yes` skips the check, and `/team settings similar:off` turns it off for the team.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot import i18n
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import clip
from bot.handlers.listing import by_id, name_of, state_text
from bot.model.questions import Question, Status
from bot.ports import Reply
from bot.search.ports import Draft
from bot.text import Action, Line, Message, UserText

SHOWN = 3
TEXT_CLIP = 140  # characters of an old question's text shown
ANSWER_CLIP = 160  # and of its accepted answer


async def check(ctx: Context, draft: Draft) -> Reply | None:
    """The private "asked before?" reply when the team has similar questions, the draft kept;
    None when it has none (or the check is off): the question is then posted at once."""
    team = ctx.the_team
    assert team.id is not None
    if not team.similar_check:
        return None
    alike = await ctx.uow.search.similar(team.id, draft.text, limit=SHOWN)
    found = [await ctx.uow.questions.get(team.id, number) for number, _ in alike]
    olds = [q for q in found if q is not None and not q.is_deleted]
    if not olds:
        return None
    olds.sort(key=lambda q: q.status is not Status.RESOLVED)  # resolved first, then as ranked
    stored = await ctx.uow.search.add_draft(draft)
    assert stored.id is not None
    return Reply(await _message(ctx, stored.id, olds), ephemeral=True)


async def _message(ctx: Context, draft_id: int, olds: Sequence[Question]) -> Message:
    members = by_id(await ctx.uow.members.list(olds[0].team_id, with_removed=True))
    lines: list[Line] = [ctx.line("ask.similar.title")]
    for old in olds:
        state = state_text(ctx.lang, old)
        lines.append(
            ctx.line(
                "ask.similar.item", number=old.number, state=state, text=clip(old.text, TEXT_CLIP)
            )
        )
        accepted = next((a for a in old.answers if a.id == old.accepted_answer_id), None)
        if accepted is not None:
            who = name_of(members, accepted.member_id)
            text = clip(accepted.text, ANSWER_CLIP)
            lines.append(ctx.line("ask.similar.answer", who=who, text=text))
    post = Action("post", str(draft_id), i18n.text_of(ctx.lang, "button.post"))
    opens = [
        i18n.button(
            ctx.lang, "question", str(q.number), key="button.question.numbered", number=q.number
        )
        for q in olds
    ]
    typed = " / ".join(o.typed for o in opens)
    lines.append(ctx.line("ask.similar.choose", post=UserText(post.typed), open=UserText(typed)))
    return Message(tuple(lines), (post, *opens))


async def draft_to_post(ctx: Context, draft_id: int) -> Draft:
    """The caller's own draft of that number, not yet posted (else one sentence why not)."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None
    draft = await ctx.uow.search.get_draft(team.id, draft_id)
    if draft is None or draft.member_id != member.id:
        raise PeerbotError("post.no_draft", number=draft_id)
    if draft.posted_number is not None:
        raise PeerbotError("post.already", number=draft.posted_number)
    return draft
