"""Questions: ask, answer, accept, defer, escalate, reopen, and the lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot import i18n
from bot.card_links import thread_links
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers import asked_before, cards, searching
from bot.handlers.history import MAX_BUTTONS, edit_buttons, endorse_buttons
from bot.handlers.listing import (
    by_id,
    load_agenda,
    member_name,
    name_of,
    page_buttons,
    question_lines,
    within_budget,
)
from bot.model.questions import (
    MAX_ASSIGNMENT_NAME,
    MAX_TEXT,
    Answer,
    Category,
    Flag,
    Question,
    clean_text,
    clean_topic,
    settle_cutoff,
)
from bot.model.teams import Language, Member
from bot.ports import QuestionQuery, Reply
from bot.search.ports import Draft
from bot.text import MAX_ACTIONS, Action, Line, Message, Plain, UserText

PAGE_SIZE = 30
MINE_VIEW = "mine"  # `/question 12 view:mine`: what the caller may edit or delete on it


async def ask(ctx: Context, args: Args) -> Reply:
    """Log a question on today's session (the next study day's, off the calendar); with similar
    ones in the team, first show them privately and hold it (`bot.handlers.asked_before`)."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    text = clean_text(args["question"], what="question")
    assignment = args.get("assignment")
    if assignment is not None:
        assignment = clean_text(assignment, what="assignment", limit=MAX_ASSIGNMENT_NAME)
    category = Category(args.get("category") or ("assignment" if assignment else "general"))
    assignment = assignment if category is Category.ASSIGNMENT else None
    topic = clean_topic(args.get("topic"))
    draft = Draft(team.id, member.id, text, ctx.now, category.value, assignment, topic)
    held = None if args.get("anyway") == "yes" else await asked_before.check(ctx, draft)
    return held or await _post(ctx, draft)


async def post(ctx: Context, args: Args) -> Reply:
    """`/post <draft>` (*Post anyway*): the question /ask held back, posted as /ask would."""
    return await _post(ctx, await asked_before.draft_to_post(ctx, args["draft"]))


async def _post(ctx: Context, draft: Draft) -> Reply:
    study_date = ctx.session_date()
    question = await ctx.uow.questions.add(
        Question(
            team_id=draft.team_id,
            number=await ctx.uow.teams.next_question_number(draft.team_id),
            asker_id=draft.member_id,
            text=draft.text,
            category=Category(draft.category or "general"),
            assignment=draft.assignment,
            study_date=study_date,
            asked_at=ctx.now,
            topic=draft.topic,
        )
    )
    if draft.id is not None:
        await ctx.uow.search.mark_posted(draft.team_id, draft.id, question.number)
    card = await _card(ctx, question, full=False)
    if study_date != ctx.today():
        card += ctx.say("ask.not_study_day", number=question.number, day=ctx.day_label(study_date))
    return Reply(card, shows=cards.card_line(question.number))


async def answer(ctx: Context, args: Args) -> Reply:
    """Record an answer; several per question, from anyone in the team."""
    member = ctx.the_member
    question = await _question(ctx, args["number"])
    assert member.id is not None and question.id is not None
    text = clean_text(args["text"], what="answer")
    was_resolved = question.is_resolved
    stored = await ctx.uow.questions.add_answer(
        question.team_id, Answer(question.id, member.id, text, ctx.now)
    )
    if question.record_answer(stored):  # else its state is as stored
        await ctx.uow.questions.update(question)
    await changed(ctx, question)
    message = ctx.say(
        "answer.done",
        number=question.number,
        index=len(question.answers),
        who=member_name(ctx.lang, member),
        text=text,
    )
    if was_resolved:
        message += ctx.say("answer.to_resolved", number=question.number)
    return Reply(message, thread_of=cards.card_line(question.number))


async def accept(ctx: Context, args: Args) -> Reply:
    """Accept an answer (the latest by default), which resolves the question."""
    question = await _question(ctx, args["number"])
    await _asker_or_admin(ctx, question, "question.accept_not_allowed")
    chosen = question.accept(args.get("answer"), ctx.now)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    members = by_id(await ctx.uow.members.list(question.team_id, with_removed=True))
    who = members[chosen.member_id].display_name if chosen.member_id in members else "?"
    said = ctx.say("accept.done", number=question.number, who=who, text=chosen.text)
    return Reply(said, thread_of=cards.card_line(question.number))


async def defer(ctx: Context, args: Args) -> Reply:
    """To be answered on a later study day; stays first on the agenda."""
    question = await _question(ctx, args["number"])
    question.defer(ctx.now)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    return ctx.reply("defer.done", number=question.number)


async def escalate(ctx: Context, args: Args) -> Reply:
    """Left for the mentor: it goes on the mentor list."""
    question = await _question(ctx, args["number"])
    question.escalate(ctx.now)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    return ctx.reply("escalate.done", number=question.number)


async def reopen(ctx: Context, args: Args) -> Reply:
    """A resolved, deferred, escalated or settled question is open again."""
    question = await _question(ctx, args["number"])
    settled = question.settled_on(ctx.calendar, ctx.session_date())
    if question.is_resolved or settled:
        await _asker_or_admin(ctx, question, "question.reopen_not_allowed")
    question.reopen(settled=settled)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    return ctx.reply("reopen.done", number=question.number)


async def list_questions(ctx: Context, args: Args) -> Reply:
    """`/questions [open|today|week|mentor|all] [words] [page:N]`: a list, or today's agenda."""
    team = ctx.the_team
    assert team.id is not None
    words, cut = await searching.words_and_notes(ctx, args.get("words") or ())
    scope = args.get("scope") or ("all" if words else "open")
    members = by_id(await ctx.uow.members.list(team.id, with_removed=True))
    if scope == "today":
        if args.get("page"):
            raise PeerbotError("list.today_has_no_pages")
        agenda = await _agenda(ctx, words, members)
        return Reply(Message(agenda.lines + tuple(cut), agenda.actions), ephemeral=True)
    query, title_key, title_params = _scope_query(ctx, scope, words)
    total = await ctx.uow.questions.count(team.id, query)
    pages = max(1, -(-total // PAGE_SIZE))
    page = args.get("page") or 1
    if page > pages:
        raise PeerbotError("list.bad_page", page=page, pages=pages)
    query = replace(query, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, ranked=bool(words))
    shown = await ctx.uow.questions.find(team.id, query)
    if words:
        title_key, title_params = "list.title.search", {"words": " ".join(words)}
    lines = list(ctx.say(title_key, count=Plain(str(total)), **title_params).lines)
    day = ctx.session_date()
    settled = {q.number for q in shown if q.settled_on(ctx.calendar, day)}
    lines += question_lines(
        ctx.lang, shown, members, with_answers=bool(words), settled=settled
    ) or [ctx.line("list.empty")]
    if len(shown) > MAX_ACTIONS:  # each entry's button opens its page, as far as they go
        lines.append(ctx.line("list.open_rest", count=MAX_ACTIONS))
    if pages > 1:
        lines.append(_page_line(ctx, scope, words, page, pages))
    message = Message(tuple(lines + cut), page_buttons(ctx.lang, shown))
    return Reply(message, ephemeral=True)


def _page_line(ctx: Context, scope: str, words: tuple[str, ...], page: int, pages: int) -> Line:
    """`page 1 of 4, /questions open page:2 for more` (the last page names the first)."""
    following = page + 1 if page < pages else 1
    command = " ".join(("/questions", scope, *words, f"page:{following}"))
    key = "list.page" if page < pages else "list.page.last"
    return ctx.line(key, page=page, pages=pages, command=UserText(command))


def _scope_query(
    ctx: Context, scope: str, words: tuple[str, ...]
) -> tuple[QuestionQuery, str, dict[str, object]]:
    """The query and the title of a list scope (`open` leaves settled questions out)."""
    if scope == "open":
        cutoff = settle_cutoff(ctx.calendar, ctx.session_date())
        query = QuestionQuery(unresolved=True, words=words, answered_since=cutoff)
        return query, "list.title.open", {}
    if scope == "mentor":
        query = QuestionQuery(unresolved=True, escalated=True, words=words)
        return query, "list.title.mentor", {}
    if scope == "week":
        week = ctx.calendar.week_number(ctx.session_date()) or 1
        monday, sunday = ctx.calendar.week_bounds(week)
        query = QuestionQuery(study_date_from=monday, study_date_to=sunday, words=words)
        return query, "list.title.week", {"week": week}
    return QuestionQuery(words=words), "list.title.all", {}


async def _agenda(ctx: Context, words: tuple[str, ...], members: dict[int, Member]) -> Message:
    """Today's agenda: carried-over questions (deferred first), then today's, then the notes."""
    team = ctx.the_team
    assert team.id is not None
    day = ctx.session_date()
    agenda = await load_agenda(ctx.uow, team.id, ctx.calendar, day, words=words)
    numbers = [q.number for q in (*agenda.carried, *agenda.todays)]
    links = await thread_links(ctx.uow, team.id, numbers)  # each card opens its thread
    agenda = within_budget(agenda, ctx.lang, members, with_answers=True, links=links)
    notes = await ctx.uow.notes.list(team.id, day, day)
    lines: list[Line] = [*ctx.say("list.title.today", day=ctx.day_label(day)).lines]
    if agenda.carried:
        lines.append(ctx.line("list.section.carried"))
        lines += question_lines(ctx.lang, agenda.carried, members, links=links)
    lines.append(ctx.line("list.section.today"))
    if agenda.todays or not agenda.todays_total:
        todays = question_lines(ctx.lang, agenda.todays, members, links=links)
        lines += todays or [ctx.line("list.empty")]
    if agenda.more:
        lines.append(ctx.line("agenda.more", count=agenda.more))
    if notes:
        lines.append(ctx.line("list.section.notes"))
        for note in notes:
            who = members.get(note.member_id)
            lines += ctx.say(
                "list.note",
                text=note.text,
                who=who.display_name if who else "?",
                number=note.number,
            ).lines
    return Message(tuple(lines), page_buttons(ctx.lang, [*agenda.carried, *agenda.todays]))


async def _question(ctx: Context, number: int) -> Question:
    team = ctx.the_team
    assert team.id is not None
    question = await ctx.uow.questions.get(team.id, number)
    if question is None:
        raise PeerbotError("question.not_found", number=number)
    if question.is_deleted:  # kept with its number, so it can say so (bot.handlers.edits)
        raise PeerbotError("question.deleted", number=number)
    return question


async def _asker_or_admin(ctx: Context, question: Question, refusal: str) -> None:
    member = ctx.the_member
    if member.id == question.asker_id or member.is_admin:
        return
    asker = await ctx.uow.members.get_by_id(question.team_id, question.asker_id)
    raise PeerbotError(refusal, number=question.number, asker=asker.display_name if asker else "?")


# --- one question's page, and the answer form -------------------------------------------------


async def show(ctx: Context, args: Args) -> Reply:
    """`/question <number>`: one question, every answer (the accepted one marked), where it
    stands, and buttons that run the same commands a member would type; `view:card` shows it
    as its card in the channel shows it (the newest answers)."""
    question = await _question(ctx, args["number"])
    if args.get("view") == MINE_VIEW:
        return Reply(await _mine(ctx, question), ephemeral=True)
    card = await _card(ctx, question, full=args.get("view") != "card")
    return Reply(card, ephemeral=True)


async def _mine(ctx: Context, question: Question) -> Message:
    """`/question 12 view:mine` (the card's *Edit / delete*, pressed by anyone on the public
    card): what the caller may change on the question, each with its Edit and Delete."""
    buttons = edit_buttons(ctx, question, MAX_BUTTONS)
    member, number = ctx.the_member, question.number
    if not buttons:
        asker = await ctx.uow.members.get_by_id(question.team_id, question.asker_id)
        return ctx.say("mine.nothing", number=number, asker=asker.display_name if asker else "?")
    members = by_id(await ctx.uow.members.list(question.team_id))
    lines = [ctx.line("mine.title", number=number)]
    asked = member.is_admin or member.id == question.asker_id
    if asked:
        lines.append(ctx.line("mine.question", text=clip(question.text, cards.CARD_ANSWER_TEXT)))
    changeable = [
        (index, given)
        for index, given in enumerate(question.answers, start=1)
        if member.is_admin or member.id == given.member_id
    ]
    for index, given in changeable:
        who, text = name_of(members, given.member_id), clip(given.text, cards.CARD_ANSWER_TEXT)
        lines.append(ctx.line("question.answer", index=index, who=who, text=text))
    with_buttons = (len(buttons) - (2 if asked else 0)) // 2  # Edit and Delete of each answer
    if with_buttons < len(changeable):
        lines.append(ctx.line("mine.more", count=len(changeable) - with_buttons, number=number))
    return Message(tuple(lines)).with_actions(*buttons)


async def _card(ctx: Context, question: Question, *, full: bool) -> Message:
    """The question's card (`full`: its page), with the buttons that apply now; each button
    refreshes the message it is on with the same view."""
    members = await _named_on_card(ctx, question, full=full)
    settled = question.settled_on(ctx.calendar, ctx.session_date())
    view = cards.page_line if full else cards.card_line
    buttons = _buttons(question, settled, ctx.lang, refresh=view(question.number))
    if full:  # the page is private to its caller: Edit and Delete on what they may change
        buttons += edit_buttons(ctx, question, MAX_BUTTONS - len(buttons))
        buttons += endorse_buttons(ctx, question, MAX_BUTTONS - len(buttons))
    else:  # the card is public: one button shows each presser what they may change
        mine = f"{question.number} view:{MINE_VIEW}"
        buttons.append(i18n.button(ctx.lang, "question", mine, key="button.question.mine"))
    return cards.render(ctx, question, members, buttons, settled=settled, full=full)


async def _named_on_card(ctx: Context, question: Question, *, full: bool) -> Mapping[int, Member]:
    """The members a card names: a new question's card names only its asker, who is the
    caller of `/ask` (no read); any other card, the team's members (removed ones too)."""
    caller = ctx.member
    new = not full and not question.answers
    if new and caller is not None and caller.id is not None and caller.id == question.asker_id:
        return {caller.id: caller}
    return by_id(await ctx.uow.members.list(question.team_id, with_removed=True))


async def changed(ctx: Context, question: Question) -> None:
    """The question changed: its posted cards are brought up to date (through the outbox)."""
    posted = await ctx.uow.cards.showing(question.team_id, cards.card_line(question.number))
    if posted:
        if question.is_deleted:
            message = ctx.say("question.deleted", number=question.number)
        else:
            message = await _card(ctx, question, full=False)
        await cards.refresh(ctx, posted, message)


def _buttons(
    question: Question, settled: bool, lang: Language, *, refresh: str = ""
) -> list[Action]:
    """What can be done with the question now (each runs its command, with its own rules);
    `refresh` is what the message a button is on shows again after the press. *Accept* with
    several answers asks which (`bot.handlers.accepting`: a form, labelled as Accept)."""
    number = str(question.number)
    buttons = [Action("answer", number, refresh=refresh)]
    if not question.is_resolved and not settled:
        if len(question.answers) > 1:
            label = i18n.text_of(lang, "button.accept")
            buttons.append(Action("question", f"{number} view:accept", label))
        elif question.answers:
            buttons.append(Action("accept", number, refresh=refresh))
        if question.flag is not Flag.DEFERRED:
            buttons.append(Action("defer", number, refresh=refresh))
        if question.flag is not Flag.ESCALATED:
            buttons.append(Action("escalate", number, refresh=refresh))
    if question.is_resolved or settled or question.flag is not Flag.NONE:
        buttons.append(Action("reopen", number, refresh=refresh))
    return buttons


async def answer_form(ctx: Context, args: Args) -> Form:
    """`/answer 12` without text (or the Answer button): a form with the answer's text."""
    question = await _question(ctx, args["number"])
    field = FormField(
        "text",
        label=clip(ctx.say_plain("form.answer.text").text),
        multiline=True,
        required=True,
        max_length=MAX_TEXT,
        placeholder=clip(question.text, 150),  # what is being answered
    )
    title = clip(i18n.format_text(ctx.lang, "form.answer.title", number=question.number))
    submit = ctx.say_plain("form.answer.submit").text
    return Form("answer", title, str(question.number), (field,), submit)


async def submit_answer(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The answer form's text, recorded as `/answer <number> <text>` would."""
    if not state.isdecimal():
        raise PeerbotError("form.expired")
    try:
        text = clean_text(values.get("text", ""), what="answer")
    except PeerbotError as error:
        error.field = "text"
        raise
    return await answer(ctx, {"number": int(state), "text": text})
