"""Messages as lines of spans, so user text is always escaped by whoever renders it.

The core never builds a platform string itself: it says which parts are its own words
(`Plain`, which may use a small Markdown subset: **bold**, `code`), which parts a user typed
(`UserText`, always escaped by the renderer), and whom it means to mention (`Mention`). A
message may carry `Action`s, buttons that run a command for whoever presses them; each adapter
draws them its own way (Slack blocks, Discord components, a line on the console).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plain:
    """The bot's own words; may carry **bold** and `code` markup."""

    text: str


@dataclass(frozen=True)
class UserText:
    """Text a person typed: rendered literally, never as markup or a mention."""

    text: str


@dataclass(frozen=True)
class Mention:
    """A member the bot means to notify (platform user id plus a display name)."""

    user_id: str
    name: str


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a message, like a week's digest as Markdown."""

    filename: str  # e.g. "week04/peer-minutes.md": a TIL-repository path
    text: str


Span = Plain | UserText | Mention
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Action:
    """A button: pressing it runs `/command args` for the presser, through the one route.

    `label` comes from the catalog (`button.<command>`, filled by the core when left empty).
    """

    command: str  # the table's name: `retro`, `answer`, `assignment done`
    args: str = ""
    label: str = ""

    @property
    def typed(self) -> str:
        """The command a person could type instead: `/answer 12`."""
        return f"/{self.command} {self.args}".rstrip()


@dataclass(frozen=True)
class Message:
    """A message: lines of spans, and the buttons under it."""

    lines: tuple[Line, ...] = field(default_factory=tuple)
    actions: tuple[Action, ...] = ()

    @staticmethod
    def of(*lines: Line) -> Message:
        return Message(tuple(lines))

    def __add__(self, other: Message) -> Message:
        return Message(self.lines + other.lines, self.actions + other.actions)

    def with_actions(self, *actions: Action) -> Message:
        return Message(self.lines, self.actions + actions)

    def mentions(self) -> list[Mention]:
        """Every member the message means to notify, in order, once each."""
        seen: dict[str, Mention] = {}
        for line in self.lines:
            for span in line:
                if isinstance(span, Mention):
                    seen.setdefault(span.user_id, span)
        return list(seen.values())


# --- bidi controls -------------------------------------------------------------------------
# An override (U+202E) or isolate (U+2066) left open in user text reverses whatever follows it
# on the line: the bot's own words too. User text with any bidi control is shown inside an
# isolate of its own (FSI … PDI), per line (a line end closes every embedding anyway), with the
# isolates it opens closed and the PDIs that close nothing dropped, so nothing leaks out of it.

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ISOLATE_OPENERS = "\u2066\u2067\u2068"
_FSI, _PDI = "\u2068", "\u2069"
_PARAGRAPH_END = re.compile("(\r\n|[\n\r\x1c-\x1e\x85\u2029])")


def isolate_bidi(text: str) -> str:
    """User text whose bidi controls cannot reorder anything outside it (unchanged without)."""
    if not _BIDI.search(text):
        return text
    parts = _PARAGRAPH_END.split(text)
    return "".join(part if i % 2 else _isolated_line(part) for i, part in enumerate(parts))


def _isolated_line(line: str) -> str:
    if not _BIDI.search(line):
        return line
    kept: list[str] = []
    depth = 0
    for char in line:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _PDI:
            if not depth:
                continue  # it would close our isolate early
            depth -= 1
        kept.append(char)
    return _FSI + "".join(kept) + _PDI * depth + _PDI


# --- renderers -----------------------------------------------------------------------------
# Pure functions; each adapter picks one. User text is escaped for the target so that
# `@everyone`, `@here`, `<!channel>`, `<@&123>` and friends can never notify anyone.

_ZWSP = "\u200b"
_DISCORD_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")
# Markdown to escape, or a web address (kept as typed, so it stays a working link: a backslash
# inside it would become part of the address). An address ends before whitespace, `<`, `>`,
# `[`, `]` (so `[text](url)` stays text: no masked link shows one address and opens another), an
# unbalanced `)` and trailing punctuation; `(…)` inside it (Wikipedia) belongs to it.
_URL_PART = r"\([^\s<>()\[\]]*\)|[^\s<>()\[\]]"
_DISCORD_ESCAPE = re.compile(
    r"(<https?://[^\s<>\[\]]+>)"  # a link typed in angle brackets: Discord's own, no preview
    rf"|(https?://(?:{_URL_PART})*(?:\([^\s<>()\[\]]*\)|[^\s<>()\[\].,:;\"'!?]))"
    r"|([\\*_~`|<>#\[\]()-])"
)


def render(
    message: Message,
    plain: Callable[[str], str],
    user: Callable[[str], str],
    mention: Callable[[Mention], str],
) -> str:
    """A message as text: each kind of span through its own function, lines joined."""

    def one(span: Span) -> str:
        if isinstance(span, Plain):
            return plain(span.text)
        if isinstance(span, UserText):
            return user(span.text)
        return mention(span)

    return "\n".join("".join(one(span) for span in line) for line in message.lines)


def plain_text(message: Message) -> str:
    """Terminal rendering: markup stripped, user text exactly as typed (a terminal pings no one)."""
    return render(
        message, lambda t: t.replace("**", ""), isolate_bidi, lambda m: "@" + isolate_bidi(m.name)
    )


def _discord_mention_broken(found: re.Match[str]) -> str:
    if found.group(1):
        return f"@{_ZWSP}{found.group(1)}"
    return f"<{found.group(2)}{_ZWSP}{found.group(3)}>"


def _discord_escaped(found: re.Match[str]) -> str:
    return found.group(1) or found.group(2) or "\\" + found.group(3)


def escape_discord(text: str) -> str:
    """Discord: break every mention syntax with a zero-width space, then escape Markdown.

    Web addresses are left as typed (after the mention check), so they stay clickable, and so
    is `<https://…>` (Discord's link without a preview); bidi controls are isolated.
    """
    text = isolate_bidi(text)
    if "@" in text or "<" in text:
        text = _DISCORD_MENTION.sub(_discord_mention_broken, text)
    return _DISCORD_ESCAPE.sub(_discord_escaped, text)


def discord_text(message: Message) -> str:
    """Discord Markdown with user text escaped and mentions as `<@id>`."""
    return render(message, str, escape_discord, lambda m: f"<@{m.user_id}>")


def escape_slack(text: str) -> str:
    """Slack mrkdwn: `&`, `<` and `>` become entities, so `<!channel>` is only text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Slack's control sequences are `<…>`; once `&`, `<` and `>` are entities nothing typed can
# open one. The renderer then writes the few it means: `<@U…>` for a mention and `<url|text>`
# for a link (web addresses only: a `<!…>`, `<@…>` or `<#…>` cannot start with `http`).
_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
# `&lt;` and `&gt;` (a typed `<`, `>`) end an address: `<https://x/docs>` links to `…/docs`.
_URL_CHARS = r"(?:(?!&[lg]t;)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%])"
_SLACK_LINKISH = re.compile(
    r"\[(?P<label>[^\]\n]+)\]"  # [label](url)
    r"\((?P<target>https?://(?:(?!&[lg]t;)[^\s()]|\([^\s()]*\))+)\)"
    rf"|(?P<bare>https?://{_URL_CHARS}+)"  # a bare web address
)
# A label that reads as an address (`https://good`, `www.good`, `good.com`): shown with the
# real target beside it, never as the only visible text of a link to somewhere else.
_ADDRESS_LIKE = re.compile(r"://|\bwww\.|[\w-]\.[a-z]{2,}\b|&[lg]t;", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_MD_BULLET = re.compile(r"^(\s*)[-*] (?=\S|$)")
_MD_HEADING = re.compile(r"^#{1,6} +(.+?)\s*$")
_TRAILING_PUNCTUATION = ".,;:!?)'"


def _slack_link(found: re.Match[str]) -> str:
    if found.group("target"):
        label, target = found.group("label"), found.group("target")
        if _ADDRESS_LIKE.search(label) and label != target:
            return f"{label} (<{target}>)"  # the address it opens, shown as itself
        return f"<{target}|{label}>"
    url = found.group("bare")
    trail = ""
    while url and url[-1] in _TRAILING_PUNCTUATION and not _balanced(url):
        url, trail = url[:-1], url[-1] + trail
    return f"<{url}>{trail}" if "://" in url[:8] and len(url) > 8 else found.group(0)


def _balanced(url: str) -> bool:
    """A trailing `)` belongs to the address when it closes one inside it (Wikipedia links)."""
    return url.endswith(")") and url.count("(") >= url.count(")")


def _slack_links(escaped: str) -> str:
    return _SLACK_LINKISH.sub(_slack_link, escaped)


def _slack_markup(text: str, *, line_start: bool) -> str:
    """The bot's own Markdown as mrkdwn: `**b**`→`*b*`, links, `- ` lists, `# ` headings.

    Escaped first, like user text, so a catalog sentence such as `/ask <question>` shows its
    angle brackets; code spans keep their text (escaped, not restyled).
    """
    out: list[str] = []
    for index, part in enumerate(_CODE_SPAN.split(text)):
        if index % 2:  # a code span, backticks included
            out.append(escape_slack(part))
            continue
        # `**` → `*`: the core's bold may open in one span and close in another (around a
        # user's text), so the markers are converted one by one, not in pairs.
        converted = _slack_links(escape_slack(part)).replace("**", "*")
        if index == 0 and line_start:
            heading = _MD_HEADING.match(converted)
            converted = f"*{heading.group(1)}*" if heading else converted
            converted = _MD_BULLET.sub(r"\1• ", converted)
        out.append(converted)
    return "".join(out)


def slack_mention(mention: Mention) -> str:
    """`<@U…>` for a Slack user id; anything else (a console name) as plain `@name`."""
    if _SLACK_USER_ID.fullmatch(mention.user_id):
        return f"<@{mention.user_id}>"
    return "@" + escape_slack(isolate_bidi(mention.name))


def slack_text(message: Message) -> str:
    """Slack mrkdwn: the bot's Markdown converted, user text escaped (web addresses made
    links), mentions as `<@U…>`. Nothing a user typed can mention anyone."""
    lines: list[str] = []
    for line in message.lines:
        parts: list[str] = []
        for position, span in enumerate(line):
            if isinstance(span, Plain):
                parts.append(_slack_markup(span.text, line_start=position == 0))
            elif isinstance(span, UserText):
                parts.append(_slack_links(escape_slack(isolate_bidi(span.text))))
            else:
                parts.append(slack_mention(span))
        lines.append("".join(parts))
    return "\n".join(lines)


def message_to_json(message: Message) -> str:
    """A message as JSON (for the outbox): lines of `["p"|"u"|"m", ...]` spans; with buttons,
    `{"lines": [...], "actions": [[command, args, label], ...]}`."""
    import json

    def span(s: Span) -> list[str]:
        if isinstance(s, Plain):
            return ["p", s.text]
        if isinstance(s, UserText):
            return ["u", s.text]
        return ["m", s.user_id, s.name]

    lines = [[span(s) for s in line] for line in message.lines]
    if not message.actions:
        return json.dumps(lines, ensure_ascii=False)  # as rows were written before buttons
    actions = [[a.command, a.args, a.label] for a in message.actions]
    return json.dumps({"lines": lines, "actions": actions}, ensure_ascii=False)


def message_from_json(data: str) -> Message:
    """The message `message_to_json` wrote."""
    import json

    def span(item: list[str]) -> Span:
        match item:
            case ["p", text]:
                return Plain(text)
            case ["u", text]:
                return UserText(text)
            case ["m", user_id, name]:
                return Mention(user_id, name)
        raise ValueError(f"not a message span: {item!r}")

    def action(item: list[str]) -> Action:
        match item:
            case [str(command), str(args), str(label)]:
                return Action(command, args, label)
        raise ValueError(f"not a message action: {item!r}")

    loaded = json.loads(data)
    lines, actions = (
        (loaded, []) if isinstance(loaded, list) else (loaded["lines"], loaded["actions"])
    )
    return Message(
        tuple(tuple(span(s) for s in line) for line in lines), tuple(action(a) for a in actions)
    )


def split_for_limit(text: str, limit: int) -> list[str]:
    """Text in pieces of at most `limit` characters, cut at line ends where possible.

    Every platform caps a message (Discord 2,000 characters, Slack 40,000, a Slack block 3,000);
    adapters post the pieces in order. A single line longer than the limit is cut at the last
    space before it, or hard at the limit when it has none.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = line if not current else f"{current}\n{line}"
        if len(candidate) <= limit:
            current = candidate
        else:
            pieces.append(current)
            current = line
    if current or not pieces:
        pieces.append(current)
    return pieces
