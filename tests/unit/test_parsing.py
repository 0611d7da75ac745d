from datetime import date

import pytest

from bot import i18n
from bot.commands.parsing import parse_arguments
from bot.commands.table import all_commands, resolve
from bot.errors import PeerbotError
from bot.model.teams import Language


def parse(line: str):
    name, _, args = line.lstrip("/").partition(" ")
    command, rest = resolve(name, args)
    return command.name, parse_arguments(command, rest)


def test_trailing_options_are_read_off_the_free_text():
    name, args = parse("/ask 왜 zero_grad()를 호출하나요? category:lecture")
    assert name == "ask"
    assert args == {"question": "왜 zero_grad()를 호출하나요?", "category": "lecture"}


def test_quoted_option_values_keep_their_spaces():
    _, args = parse('/ask residual 구현이 맞나요? assignment:"선택과제 1번 ViT"')
    assert args["assignment"] == "선택과제 1번 ViT"
    assert args["question"] == "residual 구현이 맞나요?"


def test_korean_category_aliases():
    _, args = parse("/ask 질문 category:강의")
    assert args["category"] == "lecture"


def test_word_colon_word_that_is_no_option_stays_in_the_text():
    _, args = parse("/ask what does ratio 16:9 mean for x:y")
    assert args["question"] == "what does ratio 16:9 mean for x:y"


def test_a_urls_scheme_is_not_an_option():
    _, args = parse("/answer 3 see https://pytorch.org/docs")
    assert args == {"number": 3, "text": "see https://pytorch.org/docs"}


def test_a_typo_of_an_option_is_refused_with_a_suggestion():
    with pytest.raises(PeerbotError) as caught:
        parse("/ask question categroy:lecture")
    assert caught.value.key == "args.unknown_option_suggest"
    assert caught.value.params["suggestion"] == "category"


def test_question_numbers_take_a_hash():
    assert parse("/accept #12 2")[1] == {"number": 12, "answer": 2}


@pytest.mark.parametrize("bad", ["twelve", "0", "-3", "#", "1.5"])
def test_bad_question_numbers_are_refused(bad):
    with pytest.raises(PeerbotError) as caught:
        parse(f"/defer {bad}")
    assert caught.value.key == "args.bad_number"


def test_missing_required_argument_names_it_with_an_example():
    with pytest.raises(PeerbotError) as caught:
        parse("/answer 3")
    assert caught.value.key == "args.missing"
    example = caught.value.params["example"]
    for lang in Language:
        assert i18n.text_of(lang, example.key).startswith("/answer")


def test_extra_words_after_a_number_are_refused():
    with pytest.raises(PeerbotError) as caught:
        parse("/defer 3 please")
    assert caught.value.key == "args.extra"


def test_team_setup_reads_typed_options():
    name, args = parse("/team setup start:2021-08-02 zone:asia/seoul country:kr lang:ko")
    assert name == "team setup"
    assert args == {"start": date(2021, 8, 2), "zone": "Asia/Seoul", "country": "KR", "lang": "ko"}


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("/team setup start:2021-13-40", "args.bad_date"),
        ("/team setup start:yesterday", "args.bad_date"),
        ("/team setup start:2021-08-02 zone:Mars/Olympus", "args.bad_zone"),
        ("/team setup start:2021-08-02 country:XX", "args.bad_country"),
        ("/team setup start:2021-08-02 lang:fr", "args.bad_choice"),
        ("/team setup start:2021-08-02 color:blue", "args.unknown_option"),
        ("/team setup start:2021-08-02 start:2021-08-03", "args.duplicate_option"),
        ("/accept", "args.missing"),
        ("/team", "error.missing_subcommand"),
        ("/team destroy", "error.unknown_subcommand"),
        ("/frobnicate now", "error.unknown_command"),
    ],
)
def test_bad_input_gets_a_specific_sentence(line, key):
    with pytest.raises(PeerbotError) as caught:
        parse(line)
    assert caught.value.key == key


def test_country_none_means_no_public_holidays():
    assert parse("/team setup start:2021-08-02 country:none")[1]["country"] is None


def test_questions_scope_is_optional_and_the_rest_are_search_words():
    assert parse("/questions")[1] == {}
    assert parse("/questions week attention")[1] == {"scope": "week", "words": ("attention",)}
    assert parse("/questions 어텐션 shape")[1] == {"words": ("어텐션", "shape")}


def test_every_command_has_an_example_in_every_language_that_parses():
    for lang in Language:
        for command in all_commands():
            assert command.example.key in i18n.CATALOGS[lang], (lang, command.name)
            name, _args = parse(i18n.text_of(lang, command.example.key))
            assert name == command.name
