"""Adapters decide nothing by a command's or parameter's name: the table says it (its forms,
privacy, slowness, suggestions and buttons). A comparison with such a name in `adapters/` is
the table's knowledge leaking into a platform, and fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.commands.table import TABLE, all_commands, message_actions

ROOT = Path(__file__).parents[1]


def table_names() -> set[str]:
    names = {entry.name for entry in TABLE}
    for command in (*all_commands(), *message_actions()):
        names.add(command.name)
        names.update(command.name.split(" "))
        names.update(param.name for param in command.params)
    return names


def _strings(node: ast.AST) -> list[str]:
    return [
        leaf.value
        for leaf in ast.walk(node)
        if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str)
    ]


def compared_strings(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, text) of every string a comparison (`==`, `!=`, `in`, `not in`) uses: written in
    it, or in a module-level constant it names (`command in ALWAYS_DEFER`)."""
    constants: dict[str, list[str]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = _strings(statement.value)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for operand in [node.left, *node.comparators]:
            found += [(node.lineno, text) for text in _strings(operand)]
            for leaf in ast.walk(operand):
                if isinstance(leaf, ast.Name) and leaf.id in constants:
                    found += [(node.lineno, text) for text in constants[leaf.id]]
    return found


def test_no_adapter_compares_a_string_with_a_command_or_parameter_name():
    names = table_names()
    leaks = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "adapters").rglob("*.py"))
        for line, text in compared_strings(ast.parse(path.read_text(encoding="utf-8")))
        if text.strip().lstrip("/").lower() in names
    ]
    assert not leaks, "adapters decide by a name the table owns:\n" + "\n".join(leaks)


def test_the_check_sees_such_a_comparison():
    tree = ast.parse('if command in ("digest", "x") or param.name == "format": pass')
    assert {text for _, text in compared_strings(tree)} & table_names() == {"digest", "format"}
    tree = ast.parse('AUTOCOMPLETE = frozenset({"number"})\nif name in AUTOCOMPLETE: pass')
    assert {text for _, text in compared_strings(tree)} & table_names() == {"number"}
