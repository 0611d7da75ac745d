"""Accept picks which answer: `/question 12 view:accept`, what a card's *Accept* runs once the
question has several answers (with one, the button is `/accept 12`, as before).

On Slack and Discord the call opens a form with a select of the answers, newest first (the
latest is what a bare `/accept 12` takes). The select's values are the answers' ids, not their
numbers, so a pick made before an answer was deleted is refused with a sentence instead of
accepting the answer that moved into its number. The console has no forms: the same call lists
the answers, each with its `/accept 12 2` line. Either way the presser must be the asker or an
admin, told in `/accept`'s own sentence before anything is shown, and the acceptance itself is
`/accept 12 2`'s, which brings the posted cards up to date.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers import questions
from bot.handlers.history import MAX_BUTTONS
from bot.handlers.listing import by_id, name_of
from bot.handlers.questions import _asker_or_admin, _question
from bot.model.questions import Question
from bot.ports import Reply
from bot.text import Action, Line, Message

ACCEPT_VIEW = "accept"  # `/question 12 view:accept`
CHOICE_LABEL = 70  # characters of an answer's line in the select


def picks(args: Args) -> bool:
    """The call asks which answer to accept (the form opens only then: `FormSpec.when`)."""
    return args.get("view") == ACCEPT_VIEW


async def show(ctx: Context, args: Args) -> Reply:
    """`/question 12`: the page or the card (`bot.handlers.questions.show`), or with
    `view:accept` where no form opens (the console), the answers to accept, a button each."""
    if not picks(args):
        return await questions.show(ctx, args)
    question = await _pickable(ctx, args["number"])
    members = by_id(await ctx.uow.members.list(question.team_id, with_removed=True))
    number = question.number
    lines: list[Line] = [ctx.line("accept.pick.title", number=number)]
    buttons: list[Action] = []
    answers = list(enumerate(question.answers, start=1))
    for index, given in answers:
        who = name_of(members, given.member_id)
        lines.append(ctx.line("question.answer", index=index, who=who, text=given.text))
    for index, _ in answers[-MAX_BUTTONS:]:  # the newest have buttons; the title says the rest
        label = i18n.format_text(ctx.lang, "button.accept.n", index=index)
        buttons.append(Action("accept", f"{number} {index}", label))
    return Reply(Message(tuple(lines)).with_actions(*buttons), ephemeral=True)


async def form(ctx: Context, args: Args) -> Form:
    """Which answer: a select of them, newest first, valued by the answers' ids."""
    question = await _pickable(ctx, args["number"])
    members = by_id(await ctx.uow.members.list(question.team_id, with_removed=True))
    choices = tuple(
        (
            clip(
                f"{index}. {name_of(members, given.member_id).text}: {_one_line(given.text)}",
                CHOICE_LABEL,
            ),
            str(given.id),
        )
        for index, given in reversed(list(enumerate(question.answers, start=1)))
    )
    field = FormField(
        "answer",
        label=clip(ctx.say_plain("form.accept.answer").text),
        required=True,
        choices=choices,
    )
    title = clip(i18n.format_text(ctx.lang, "form.accept.title", number=question.number))
    submit_label = ctx.say_plain("form.accept.submit").text
    return Form("question", title, str(question.number), (field,), submit_label)


async def submit(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The picked answer accepted, as `/accept <number> <answer>` accepts it (by the answer's
    id: one deleted since the form opened is refused, not swapped for its neighbour)."""
    if not state.isdecimal():
        raise PeerbotError("form.expired")
    question = await _pickable(ctx, int(state))
    picked = values.get("answer", "").strip()
    found = [i for i, a in enumerate(question.answers, 1) if str(a.id) == picked and picked]
    if not found:
        error = PeerbotError("accept.answer_gone", number=question.number)
        error.field = "answer"
        raise error
    return await questions.accept(ctx, {"number": question.number, "answer": found[0]})


async def _pickable(ctx: Context, number: int) -> Question:
    """The question, once the caller may accept one of its answers: `/accept`'s own checks
    and sentences, in its order (no such question, not the asker, resolved, no answers)."""
    question = await _question(ctx, number)
    await _asker_or_admin(ctx, question, "question.accept_not_allowed")
    if question.is_resolved:
        raise PeerbotError("question.already_resolved", number=question.number)
    if not question.answers:
        raise PeerbotError("question.no_answers", number=question.number)
    return question


def _one_line(text: str) -> str:
    return " ".join(text.split())
