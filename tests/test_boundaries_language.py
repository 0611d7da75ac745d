"""No Korean literal in the code: sentences and words live in the catalogs (issue 13).

Every module of `bot/` outside `bot/i18n/` (the catalogs) and `bot/digest/templates/` is read as
an ast; a string constant holding Hangul fails the test unless it is a docstring. Comments and
docstrings may be Korean (they explain the code), so a third language is one catalog per area
plus its registration, with nothing else in the code naming a word.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

BOT = Path(__file__).parents[1] / "bot"
EXEMPT = (BOT / "i18n", BOT / "digest" / "templates")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the constants that are docstrings (a module's, a class's or a function's)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def korean_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = docstrings(tree)
    return [
        f"{path.relative_to(BOT.parent)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and HANGUL.search(node.value)
    ]


def modules() -> list[Path]:
    return [
        path
        for path in sorted(BOT.rglob("*.py"))
        if not any(path.is_relative_to(exempt) for exempt in EXEMPT)
    ]


def test_no_module_of_bot_outside_the_catalogs_holds_a_korean_string_literal():
    found = [literal for path in modules() for literal in korean_literals(path)]
    assert not found, "move these into bot/i18n/ catalogs:\n" + "\n".join(found)


def test_the_check_sees_a_korean_literal_and_passes_docstrings_and_comments(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""모듈 설명."""\n# 주석\ndef f():\n    """함수 설명."""\n    return "오늘"\n',
        encoding="utf-8",
    )
    tree = ast.parse(sample.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    strings = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]
    assert strings == ["오늘"]
    assert modules() and all(BOT / "i18n" not in path.parents for path in modules())
