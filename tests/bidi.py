"""Rendered text read as a bidi algorithm would (UAX #9, simplified): which controls act where."""

from __future__ import annotations

import re

EMBEDDINGS, POP, MARKS = "\u202a\u202b\u202d\u202e", "\u202c", "\u200e\u200f\u061c"
ISOLATES, PDI = "\u2066\u2067\u2068", "\u2069"
PARAGRAPH_ENDS = "[\n\r\u2029\x85\x1c-\x1e]"  # where every embedding and isolate ends


def scan_line(line: str) -> tuple[list[str], list[str]]:
    """One paragraph's stack: what is still open at its end ("e" embedding, "i" isolate), and the
    controls that stood outside every isolate (which could act on the bot's words)."""
    stack: list[str] = []
    loose: list[str] = []
    for char in line:
        if char in EMBEDDINGS + POP + MARKS and "i" not in stack:
            loose.append(char)
        if char in EMBEDDINGS:
            stack.append("e")
        elif char == POP and stack and stack[-1] == "e":
            stack.pop()
        elif char in ISOLATES:
            stack.append("i")
        elif char == PDI and "i" in stack:
            while stack.pop() != "i":
                pass
    return stack, loose


def paragraphs(text: str) -> list[str]:
    """`text` split where a bidi paragraph ends."""
    return re.split(PARAGRAPH_ENDS, text)
