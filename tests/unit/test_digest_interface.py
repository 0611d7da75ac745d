"""render_week's contract: its errors, the file names, and custom template directories."""

from __future__ import annotations

import jinja2
import pytest

from bot.digest import FORMATS, available_formats, render_week
from bot.errors import PeerbotError
from bot.i18n import text_of
from bot.model.teams import Language


async def _team(h):
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        return team, await uow.members.get(team.id, "kim")


async def render(h, week, fmt="peer-minutes", **kw):
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        return await render_week(uow, team, week, fmt, **kw)


async def test_an_unknown_format_is_refused_naming_the_choices(team):
    with pytest.raises(PeerbotError) as raised:
        await render(team, 1, "minutes")
    assert raised.value.key == "digest.unknown_format"
    assert raised.value.params == {"name": "minutes", "choices": ", ".join(FORMATS)}


@pytest.mark.parametrize("fmt", ["retro-log", "til-review"])
async def test_a_member_format_without_a_member_is_refused(team, fmt):
    with pytest.raises(PeerbotError) as raised:
        await render(team, 1, fmt)
    assert (raised.value.key, raised.value.params) == ("digest.member_needed", {"format": fmt})


@pytest.mark.parametrize("week", [0, -3, 1001])
async def test_a_week_out_of_the_course_is_refused(team, week):
    with pytest.raises(PeerbotError) as raised:
        await render(team, week)
    assert raised.value.key == "digest.bad_week"


def test_every_digest_sentence_exists_in_both_languages():
    from bot.i18n import en_digest, ko_digest

    assert set(en_digest.MESSAGES) == set(ko_digest.MESSAGES)
    for key in en_digest.MESSAGES:
        assert text_of(Language.KO, key) and text_of(Language.EN, key)


async def test_a_member_file_is_named_after_the_member(team):
    _, kim = await _team(team)
    digest = await render(team, 2, "retro-log", member=kim)
    assert digest.filename == "week02/retro-log-kim.md"
    assert (await render(team, 12)).filename == "week12/peer-minutes.md"


async def test_a_custom_directory_overrides_a_built_in_format_per_language(team, tmp_path):
    (tmp_path / "peer-minutes.en.md.j2").write_text("custom {{ week }}\n", encoding="utf-8")
    assert (await render(team, 3, templates=tmp_path)).markdown == "custom 3\n"
    korean = await render(team, 3, templates=tmp_path, lang=Language.KO)
    assert korean.markdown.startswith("### 피어세션 정리 (WEEK3)")


async def test_a_template_file_in_the_directory_is_a_new_format(team, tmp_path):
    await team.ok("kim", "/ask what is a **tensor** <b>?")
    (tmp_path / "questions.md.j2").write_text(
        "{% for d in days %}{% for q in d.asked %}* {{ q.text|md }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    assert available_formats(tmp_path) == (*FORMATS, "questions")
    digest = await render(team, 2, "questions", templates=tmp_path)
    assert digest.markdown == "* what is a \\*\\*tensor\\*\\* &lt;b>?\n"
    assert digest.filename == "week02/questions.md"


async def test_a_template_that_prints_user_text_without_md_is_refused(team, tmp_path):
    await team.ok("kim", "/ask @everyone look")
    (tmp_path / "raw.md.j2").write_text(
        "{% for d in days %}{% for q in d.asked %}{{ q.text }}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    with pytest.raises(jinja2.TemplateError, match=r"\|md"):
        await render(team, 2, "raw", templates=tmp_path)
