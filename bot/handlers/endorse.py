"""`/endorse N [answer] [undo]`: a mentor marks a peer's answer with ✅ (or takes the mark back).

Only a team's mentors endorse (`/team members set:@kim role:mentor`), never their own answer;
the answer is the latest one unless its number on the page is given. Who endorsed it and when
are stored on the answer; the mark shows on the card and the page, in the peer-minutes digest,
and `/stats` counts each member's endorsed answers. The question's posted cards are refreshed.
"""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.cards import card_line
from bot.handlers.history import UNDO
from bot.handlers.questions import _question, changed
from bot.ports import Reply


async def endorse(ctx: Context, args: Args) -> Reply:
    """Endorse the answer (the latest by default), or with `undo` take the endorsement back."""
    mentor = ctx.the_member
    assert mentor.id is not None
    if not mentor.is_mentor:
        raise PeerbotError("endorse.mentors_only")
    question = await _question(ctx, args["number"])
    index = args.get("answer") or len(question.answers)
    given = question.answer_at(max(index, 1))
    undo = args.get("undo") == UNDO
    if undo:
        if not given.is_endorsed:
            raise PeerbotError("endorse.not_endorsed", number=question.number, index=index)
        given.endorsed_at = given.endorsed_by = None
    else:
        if given.member_id == mentor.id:
            raise PeerbotError("endorse.own_answer", number=question.number, index=index)
        if given.is_endorsed:
            raise PeerbotError("endorse.already", number=question.number, index=index)
        given.endorsed_at, given.endorsed_by = ctx.now, mentor.id
    await ctx.uow.questions.update_answer(question.team_id, given)
    await changed(ctx, question)
    author = await ctx.uow.members.get_by_id(question.team_id, given.member_id)
    reply = ctx.say(
        "endorse.undone" if undo else "endorse.done",
        number=question.number,
        index=index,
        who=author.display_name if author else "?",
        mentor=mentor.display_name,
    )
    return Reply(reply, thread_of=card_line(question.number))
