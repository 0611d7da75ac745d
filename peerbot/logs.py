"""Logging set-up that keeps secrets out of every line, whoever logs it and at whatever level.

Two kinds of secret: the configured ones (tokens from the environment), and ones that arrive
with events and that libraries log in full at DEBUG (slack-sdk logs each Socket Mode envelope,
discord.py each gateway event): a command's `response_url` (which can post into the channel for
30 minutes), the legacy verification `token` and an interaction's `token`, the `ticket` of a
Socket Mode connection URL, and Slack token shapes. `install_redaction` blanks both in every
record when it is made, so no logger or handler of any library sees them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

_URL_PASSWORD = re.compile(r"(\w+://[^:/@\s]+:)([^@\s]+)(@)")
_Q = "[\"']"  # JSON or a Python repr
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # `"response_url": "https://hooks.slack.com/commands/…"` and `'token': '…'` fields
    (re.compile(rf"({_Q}(?:response_url|\w*token){_Q}\s*:\s*{_Q})[^\"']+({_Q})"), r"\1***\2"),
    # the same in a form body or a query: `response_url=https%3A…&token=…`, `?ticket=…`
    (re.compile(r"(\b(?:response_url|\w*token|ticket)=)[^&\s\"'\\]+"), r"\1***"),
    # any Slack hook URL, wherever it is written, and a response URL's path on any host
    (re.compile(r"(hooks\.slack\.com/)[^\s\"'\\]+"), r"\1***"),
    (re.compile(r"(/(?:commands|actions)/[TE]\w+/)\d+/[\w-]+"), r"\1***"),
    # Slack tokens by their shape: bot, user, app-level, configuration and refresh tokens
    (re.compile(r"\b(?:xox[abposer]|xapp|xoxe\.xox[bp])-[\w-]{6,}"), "***"),
)


def redact_patterns(text: str) -> str:
    """`text` with every secret-shaped part (`PATTERNS`) and URL password replaced by `***`."""
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return _URL_PASSWORD.sub(r"\1***\3", text)


class RedactSecrets(logging.Filter):
    """Replaces secret values, secret-shaped parts and URL passwords in a record with `***`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return redact_patterns(text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as it would
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        redacted = self.redact(message)
        if redacted != message:  # keep msg and args as they were when there is nothing to hide
            record.msg, record.args = redacted, None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_installed: dict[str, RedactSecrets] = {}


def install_redaction(secrets: Iterable[str]) -> RedactSecrets:
    """Redact every log record as it is made (a record factory: all loggers, all handlers).

    Calling it again replaces the secrets; the factory is wrapped only once.
    """
    redaction = RedactSecrets(secrets)
    if not _installed:
        original: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

        def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = original(*args, **kwargs)
            _installed["current"].filter(record)
            return record

        logging.setLogRecordFactory(make_record)
    _installed["current"] = redaction
    return redaction


def configure_logging(level: str, secrets: Iterable[str]) -> None:
    """Log to stderr at `level`, with secrets redacted from every line of every library."""
    redaction = install_redaction(secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redaction)  # also for records made before, or by another factory
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for logger in logging.root.manager.loggerDict.values():
        for own in getattr(logger, "handlers", ()):  # a library's own handlers
            own.addFilter(redaction)
    if level != "DEBUG":
        logging.getLogger("alembic").setLevel(logging.WARNING)
