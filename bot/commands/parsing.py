"""Reading a command's free text into typed arguments.

`/ask 왜 zero_grad()를 호출하나요? category:lecture` gives `{"question": "왜 …?", "category":
"lecture"}`. Options are `name:value` words at the end of the line (values may be quoted to hold
spaces: `assignment:"선택과제 1번 ViT"`); a `word:value` that is not an option of the command stays
part of the text, unless it looks like a typo of one, which is refused with a suggestion.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from bot import i18n
from bot.calendar import is_known_country
from bot.commands.spec import Args, Command, Param, ParamKind
from bot.commands.when import parse_clock, parse_minutes
from bot.errors import PeerbotError

_TRAILING_OPTION = re.compile(
    r"""(?:^|\s)(?P<name>[A-Za-z_][A-Za-z0-9_]*):(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|\S*)\s*$"""
)
_NUMBER = re.compile(r"#?(\d{1,9})")
_DATE = re.compile(r"(\d{4})[-./]?(\d{1,2})[-./]?(\d{1,2})")
_BAD_NUMBER = {
    ParamKind.NUMBER: "args.bad_number",
    ParamKind.INDEX: "args.bad_index",
    ParamKind.WEEK: "args.bad_week",
}


def parse_arguments(
    command: Command, text: str, given: Mapping[str, str] | None = None, *, complete: bool = True
) -> Args:
    """Typed arguments of `command` from its free text and any options given separately.

    With `complete=False` a missing required parameter is not refused (yet): a bare call that
    opens a form has none (`check_required` refuses it later, when no form opens).
    """
    rest, options = _split_trailing_options(command, text)
    for name, value in (given or {}).items():
        if name in options:
            raise PeerbotError("args.duplicate_option", option=name)
        options[name] = value
    args: Args = {}
    for name, raw in options.items():
        param = command.options.get(name)
        if param is None:
            param = next((p for p in command.positional if p.name == name), None)
            if param is None:
                raise _unknown_option(command, name)
        args[name] = convert(param, raw)
    rest = rest.strip()
    for param in command.positional:
        if param.name in args:
            continue
        value, rest = _take_positional(command, param, rest)
        if value is not None:
            args[param.name] = value
    if rest:
        raise PeerbotError(
            "args.extra", command=command.name, extra=_shorten(rest), example=command.example
        )
    if complete:
        check_required(command, args)
    return args


def check_required(command: Command, args: Args) -> None:
    """Refuse `args` without a required parameter of `command`, naming it."""
    for param in command.params:
        if param.required and param.name not in args:
            raise PeerbotError(
                "args.missing", command=command.name, param=param.usage(), example=command.example
            )


def _split_trailing_options(command: Command, text: str) -> tuple[str, dict[str, str]]:
    known = command.param_names
    options: dict[str, str] = {}
    spaced = _spaced_pattern(command.spaced_options)
    while True:
        match = _TRAILING_OPTION.search(text)
        if match is None and spaced is not None:
            match = spaced.search(text)
        if match is None:
            return text, options
        name = match.group("name").lower()
        if name not in known:
            if not command.takes_rest or difflib.get_close_matches(name, known, n=1, cutoff=0.75):
                raise _unknown_option(command, name)
            return text, options
        if name in options:
            raise PeerbotError("args.duplicate_option", option=name)
        options[name] = _unquote(match.group("value"))
        text = text[: match.start()]


@functools.lru_cache(maxsize=64)
def _spaced_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """What finds the last `due:fri 23:59`-like option of these names (its value runs to the
    end of the text); None without any."""
    if not names:
        return None
    pattern = rf"(?:^|\s)(?P<name>{'|'.join(map(re.escape, names))}):(?P<value>\S.*)$"
    return re.compile(pattern, re.IGNORECASE | re.DOTALL)


def _unknown_option(command: Command, name: str) -> PeerbotError:
    known = sorted(command.options)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return PeerbotError(
            "args.unknown_option_suggest", command=command.name, option=name, suggestion=close[0]
        )
    if not known:
        return PeerbotError("args.unknown_option_none", command=command.name, option=name)
    return PeerbotError(
        "args.unknown_option", command=command.name, option=name, options=", ".join(known)
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return re.sub(r"\\(.)", r"\1", inner) if value[0] == '"' else inner
    return value


def _take_positional(command: Command, param: Param, rest: str) -> tuple[Any, str]:
    if param.kind in (ParamKind.TEXT, ParamKind.WORDS):
        if not rest:
            return None, ""
        return convert(param, rest), ""
    if not rest:
        return None, rest
    first, _, remainder = rest.partition(" ")
    if param.kind is ParamKind.CHOICE and not param.required and _choice(param, first) is None:
        return None, rest  # an optional choice that is not there: leave the words for the next
    return convert(param, first), remainder.strip()


def _choice(param: Param, raw: str) -> str | None:
    value = raw.strip().lower()
    if value in param.choices:
        return value
    return dict(param.aliases).get(value)


def convert(param: Param, raw: str) -> Any:
    """One parameter's value from its text, or a PeerbotError saying what to type."""
    raw = raw.strip()
    match param.kind:
        case ParamKind.NUMBER | ParamKind.INDEX | ParamKind.WEEK:
            found = _NUMBER.fullmatch(raw)
            hashed = param.kind is not ParamKind.NUMBER and "#" in raw  # only questions are #12
            if not found or int(found.group(1)) < 1 or hashed:
                raise PeerbotError(_BAD_NUMBER[param.kind], value=_shorten(raw))
            return int(found.group(1))
        case ParamKind.TEXT | ParamKind.NAME | ParamKind.DUE:
            return raw
        case ParamKind.FORMAT:
            return raw.lower()  # which formats exist is the digest's to say (operator templates)
        case ParamKind.WORDS:
            return tuple(unicodedata.normalize("NFC", raw).split())
        case ParamKind.CHOICE:
            choice = _choice(param, raw)
            if choice is None:
                raise PeerbotError(
                    "args.bad_choice",
                    value=_shorten(raw),
                    param=param.name,
                    choices=", ".join(param.choices),
                )
            return choice
        case ParamKind.DATE:
            return parse_date(raw)
        case ParamKind.ZONE:
            return parse_zone(raw)
        case ParamKind.COUNTRY:
            return parse_country(raw)
        case ParamKind.TIME:
            return parse_clock(raw)
        case ParamKind.MINUTES:
            return parse_minutes(raw)
    raise AssertionError(f"unhandled parameter kind {param.kind}")


def parse_date(raw: str) -> date:
    """`2021-08-02`, `2021.08.02`, `2021/8/2` or `20210802`."""
    found = _DATE.fullmatch(raw.strip())
    try:
        if found is None:
            raise ValueError(raw)
        year, month, day = (int(g) for g in found.groups())
        return date(year, month, day)
    except ValueError:
        raise PeerbotError("args.bad_date", value=_shorten(raw)) from None


_ZONES_LOWER: dict[str, str] = {}


def parse_zone(raw: str) -> str:
    """An IANA zone name, matched without regard to case (`asia/seoul` is `Asia/Seoul`)."""
    if not _ZONES_LOWER:
        _ZONES_LOWER.update({z.lower(): z for z in available_timezones()})
    zone = _ZONES_LOWER.get(raw.strip().lower())
    if zone is None:
        raise PeerbotError("args.bad_zone", value=_shorten(raw))
    ZoneInfo(zone)
    return zone


def parse_country(raw: str) -> str | None:
    """A country code the holidays package knows, or None for `none`."""
    code = raw.strip().upper()
    if raw.strip().lower() in i18n.words("value.none"):
        return None
    if not is_known_country(code):
        raise PeerbotError("args.bad_country", value=_shorten(raw))
    return code


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
