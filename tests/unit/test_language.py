"""Sentences that read as people write them: Korean particles, English plurals, the words people
type and the help examples, all from the catalogs (issue 13)."""

from __future__ import annotations

import string

import pytest

from bot import i18n
from bot.commands.table import all_commands
from bot.i18n.particles import attach, final_sound
from bot.model.teams import Language
from bot.text import Plain, plain_text

# --- Korean particles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("질문", "이", "질문이"),
        ("과제", "이", "과제가"),
        ("답변", "가", "답변이"),
        ("메모", "을", "메모를"),
        ("서울", "으로", "서울로"),  # ㄹ takes 로
        ("집", "로", "집으로"),
        ("사과", "과", "사과와"),
        ("책", "와", "책과"),
        ("학생", "이라", "학생이라"),
        ("친구", "이라", "친구라"),
        # Numbers by their Sino-Korean reading.
        ("1", "은", "1은"),
        ("2", "은", "2는"),
        ("3", "은", "3은"),
        ("10", "은", "10은"),
        ("#12", "은", "#12는"),
        ("#13", "은", "#13은"),
        ("100", "을", "100을"),
        ("1000", "이", "1000이"),
        ("10000", "은", "10000은"),
        ("20", "이", "20이"),
        ("0", "은", "0은"),
        ("1", "으로", "1로"),
        ("3", "으로", "3으로"),
        ("6", "으로", "6으로"),
        ("7", "으로", "7로"),
        ("3.5", "은", "3.5는"),
        # Latin acronyms by their letters' names, other words by their ending.
        ("SVD", "은", "SVD는"),
        ("ViT", "은", "ViT는"),
        ("HTML", "은", "HTML은"),
        ("URL", "으로", "URL로"),
        ("RNN", "이", "RNN이"),
        ("attention", "이", "attention이"),
        ("code", "은", "code는"),
        ("time", "을", "time을"),
        ("model", "으로", "model로"),
        ("lab", "이", "lab이"),
        ("test", "이", "test가"),
        ("feeling", "은", "feeling은"),
        ("lecture", "으로", "lecture로"),
        # Closing brackets, quotes and punctuation are skipped.
        ("zero_grad()", "을", "zero_grad()를"),
        ("2021-08-12(목)", "은", "2021-08-12(목)은"),
        ('"선택과제"', "을", '"선택과제"를'),
        ("fact:, feeling:, plan:", "을", "fact:, feeling:, plan:을"),
    ],
)
def test_a_particle_follows_the_final_sound_of_the_word_before_it(word, particle, expected):
    assert word + attach(word, particle) == expected


def test_a_word_whose_sound_cannot_be_told_gets_both_forms():
    assert final_sound("🙂") is None and final_sound("") is None
    assert attach("🙂", "이") == "이(가)"
    assert attach("🙂", "로") == "(으)로"


def test_a_catalog_field_spec_picks_the_particle_for_the_filled_value():
    said = i18n.say(Language.KO, "text.empty", what=Plain("질문"))
    assert plain_text(said).startswith("질문이 비어 있습니다")
    said = i18n.say(Language.KO, "args.bad_choice", value="abc", param="category", choices="x")
    assert plain_text(said).startswith("abc는 category로 쓸 수 없습니다")
    said = i18n.say(Language.KO, "question.already_resolved", number=13)
    assert "/reopen 13 을 입력하세요" in plain_text(said)  # apart, after a command people copy


def test_no_korean_sentence_leaves_the_particle_to_the_reader():
    for key, text in i18n.CATALOGS[Language.KO].items():
        for both in ("이(가)", "은(는)", "을(를)", "과(와)", "(으)로", "(이)라"):
            assert both not in text, key
        for _, field, spec, _ in string.Formatter().parse(text):
            if field is not None and spec:
                assert spec.strip() in i18n.particles.PAIRS, (key, spec)


# --- English plurals -------------------------------------------------------------------------


def test_english_counts_agree():
    assert i18n.format_text(Language.EN, "state.answered", count=1) == "1 answer"
    assert i18n.format_text(Language.EN, "state.answered", count=2) == "2 answers"
    assert i18n.format_text(Language.KO, "state.answered", count=1) == "답변 1개"
    said = i18n.say(Language.EN, "remind.mentor", time="14:00", count=1)
    assert "1 question:" in plain_text(said)


def test_no_english_sentence_writes_s_in_brackets_and_every_plural_has_the_forms_it_needs():
    for key, text in i18n.CATALOGS[Language.EN].items():
        assert "(s)" not in text, key
        for _, field, spec, _ in string.Formatter().parse(text):
            if field is not None and spec:
                assert len(spec.split("|")) == 2, (key, spec)  # English: one, other
    with pytest.raises(ValueError):
        i18n.plural(Language.EN, 1, ["answer"])


# --- words people type -------------------------------------------------------------------------


def test_every_language_has_the_same_word_keys():
    english, korean = i18n.WORDS[Language.EN], i18n.WORDS[Language.KO]
    assert set(english) == set(korean)
    assert all(word == word.strip() for found in english.values() for word in found)


def test_words_are_the_union_of_every_language():
    assert i18n.words("weekday.fri") == ("fri", "friday", "금", "금요일")
    assert ("강의", "lecture") in i18n.aliases("category")
    assert ("선택과제", "optional") in i18n.aliases("kind")
    assert i18n.aliases("category") is i18n.aliases("category")  # built once


async def test_a_korean_word_works_on_an_english_team_and_an_english_word_on_a_korean_one(team):
    assert "#1" in await team.ok("kim", "/ask hi category:강의")
    assert "Agenda for" in await team.ok("kim", "/questions 오늘")
    await team.ok("kim", "/team settings lang:ko")
    assert "#2" in await team.ok("kim", "/ask 안녕 category:lecture")
    assert "#3" in await team.ok("kim", "/ask 어텐션 category:일반")


# --- help examples per language ---------------------------------------------------------------


async def test_korean_help_shows_korean_examples(team):
    await team.ok("kim", "/team settings lang:ko")
    text = await team.ok("kim", "/help")
    for command in all_commands():
        assert i18n.text_of(Language.KO, command.example.key) in text
    assert "Why call zero_grad()" not in text
    assert "category:강의" in text


async def test_an_error_shows_the_example_in_the_teams_language(team):
    assert "/answer 12 PyTorch accumulates" in await team.rejected("kim", "/answer 3")
    await team.ok("kim", "/team settings lang:ko")
    refused = await team.rejected("kim", "/answer 3")
    assert "예: /answer 12 PyTorch는 기울기를" in refused
    assert "<text>가 필요합니다" in refused
    assert "예: /team setup" in await team.rejected("kim", "/team")


# --- Korean dates through the commands that read them ------------------------------------------


async def test_korean_dates_work_in_the_commands_that_read_days_and_due_times(team):
    added = await team.ok("kim", "/assignment add 선택과제 1 ViT kind:선택 due:금 오후 11시 59분")
    assert "[optional] 선택과제 1 ViT, due Fri 2021-08-13 23:59" in added
    assert "(2 study days)" in await team.ok("lee", "/away 8월 12일~8월 13일")
    holidays = await team.ok("kim", "/team holiday 추가 8월 16일, 8월 19일~8월 20일")
    assert "2021-08-16, 2021-08-19, 2021-08-20" in holidays


async def test_every_korean_example_runs_on_a_korean_team(team):
    await team.ok("kim", "/team settings lang:ko")
    await team.ok("kim", "/ask 첫 질문")
    for key in ("example.assignment.add", "example.away", "example.team.holiday", "example.ask"):
        await team.ok("kim", i18n.text_of(Language.KO, key))
