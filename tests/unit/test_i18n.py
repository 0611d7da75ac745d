import re
import string

from bot import i18n
from bot.commands.table import TABLE, all_commands
from bot.model.teams import Language
from bot.text import Plain, UserText


def fields(template):
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_both_catalogs_have_the_same_sentences_with_the_same_fields():
    english, korean = i18n.CATALOGS[Language.EN], i18n.CATALOGS[Language.KO]
    assert set(english) == set(korean)
    for key, text in english.items():
        assert fields(text) == fields(korean[key]), key


def test_every_command_and_parameter_has_help_in_both_languages():
    for lang in Language:
        for command in all_commands():
            assert command.help_key in i18n.CATALOGS[lang], command.name
            for param in command.params:
                assert param.help_key in i18n.CATALOGS[lang], param.name
        for entry in TABLE:
            assert entry.help_key in i18n.CATALOGS[lang]


def test_every_error_key_raised_in_the_code_is_in_the_catalogs():
    import pathlib

    root = pathlib.Path(__file__).parents[2] / "bot"
    keys = set()
    for path in root.rglob("*.py"):
        keys |= set(re.findall(r'PeerbotError\(\s*"([a-z_.]+)"', path.read_text()))
        keys |= set(
            re.findall(r'"((?:args|question|team|error|import|text)\.[a-z_]+)"', path.read_text())
        )
    missing = {k for k in keys if k not in i18n.CATALOGS[Language.EN]}
    assert not missing


def test_string_parameters_are_user_text_and_numbers_are_plain():
    message = i18n.say(
        Language.EN, "ask.done", number=3, label=Plain("x"), text="@everyone", who="kim"
    )
    spans = message.lines[0]
    assert UserText("@everyone") in spans
    assert Plain("3") in spans
