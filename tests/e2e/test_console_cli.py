"""The real `peerbot` command line on a SQLite file: scripts, restarts, export and import.

The seed session's script runs once per database kind (and xdist worker); each test that
starts from it gets a copy (the data directory, and the SQLite file or the PostgreSQL rows),
which is what a run of its own would have left there: the first test checks the transcript."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.postgres import POSTGRES_URL, copy_schema, postgres_schema

SCRIPTS = Path(__file__).parent / "scripts"


@dataclass
class Database:
    """The CLI's database: its environment (none: SQLite in the data dir), and for PostgreSQL
    the connect_args of its schema (`postgres_schema`)."""

    env: dict[str, str] = field(default_factory=dict)
    connect_args: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def postgres(cls, connect_args: dict[str, Any]) -> Database:
        query = urlencode({"options": connect_args["options"]})
        return cls({"DATABASE_URL": f"{POSTGRES_URL}?{query}"}, connect_args)

    def write_env(self, directory: Path) -> None:
        env_file = "".join(f"{key}={value}\n" for key, value in self.env.items())
        (directory / ".env").write_text(env_file, encoding="utf-8")


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """SQLite in the data dir, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield Database()
        return
    with postgres_schema() as connect_args:
        yield Database.postgres(connect_args)


def peerbot(data_dir: Path, *args: str, stdin: str | None = None, **env: str):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PEERBOT_", "SLACK_", "DISCORD_", "DATABASE_URL"))
    }
    environment.update(PEERBOT_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-m", "peerbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=data_dir,
    )


class Seeds:
    """The seed session's script, run once per database kind (per xdist worker): its data
    directory and database, which `seeded` copies for each test."""

    def __init__(self, base: pytest.TempPathFactory, stack: ExitStack) -> None:
        self._base, self._stack = base, stack
        self._made: dict[bool, tuple[Path, Database]] = {}

    def of(self, postgres: bool) -> tuple[Path, Database]:
        if postgres not in self._made:
            directory = self._base.mktemp("seed")
            database = Database()
            if postgres:
                database = Database.postgres(self._stack.enter_context(postgres_schema()))
            database.write_env(directory)
            script = str(SCRIPTS / "peer_minutes.txt")
            result = peerbot(directory, "console", "--strict", "--script", script)
            assert result.returncode == 0, result.stderr
            # The run used the database it was given, not a SQLite file by default.
            assert (directory / "peerbot.db").exists() == (not postgres)
            (directory / "transcript.txt").write_text(result.stdout, encoding="utf-8")
            self._made[postgres] = directory, database
        return self._made[postgres]


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeds]:
    with ExitStack() as stack:
        yield Seeds(tmp_path_factory, stack)


@pytest.fixture
def seeded(tmp_path: Path, database: Database, seeds: Seeds) -> Path:
    """A directory whose `.env` names the database, holding the seed session: a copy of the
    one run (its data directory, and its SQLite file or its PostgreSQL schema's rows)."""
    source, seeded_in = seeds.of(postgres=bool(database.connect_args))
    shutil.copytree(source, tmp_path, dirs_exist_ok=True)
    database.write_env(tmp_path)
    if database.connect_args:
        copy_schema(seeded_in.connect_args["application_name"], database.connect_args)
    return tmp_path


def test_the_seed_peer_session_replays_exactly_as_expected(seeded: Path):
    expected = (SCRIPTS / "peer_minutes.expected").read_text(encoding="utf-8")
    assert (seeded / "transcript.txt").read_text(encoding="utf-8") == expected


def test_the_deferred_question_is_first_on_the_next_study_days_agenda(seeded: Path):
    transcript = (seeded / "transcript.txt").read_text(encoding="utf-8")
    monday = transcript[transcript.index("── Mon 2021-08-09") :]
    agenda = monday[: monday.index("lee: /answer 2")]
    assert "2021-08-09(월) Day 6 피어세션 안건" in agenda
    assert agenda.index("🔍 지난 질문들") < agenda.index("#2 📒 [강의 관련 질문] SVD")
    assert "내일 답변" in agenda


def test_everything_is_still_there_after_a_restart(seeded: Path):
    result = peerbot(seeded, "console", "--strict", "--script", str(SCRIPTS / "restart.txt"))
    assert result.returncode == 1  # /accept 10 has no answer: rejected, and --strict says so
    assert "멘토님께 드릴 질문 (3)" in result.stdout
    assert "SVD 검색 결과 (1)" in result.stdout and "맞습니다." in result.stdout
    assert "#10 질문에는 아직 답변이 없습니다." in result.stdout
    assert "3 commands, 1 rejected" in result.stderr


def test_a_script_on_standard_input_and_unreadable_lines_are_reported(tmp_path: Path):
    script = "@ 2021-08-09 13:00\nkim: /team setup start:2021-08-02\nthis is not a command\n"
    result = peerbot(tmp_path, "console", "--strict", stdin=script)
    assert "<stdin>:3: expected `NAME: /command`" in result.stdout
    assert result.returncode == 1
    assert peerbot(tmp_path, "console", stdin="kim: /help\n").returncode == 0


def test_the_clock_only_moves_forward_in_a_script(tmp_path: Path):
    script = "@ 2021-08-09 13:00\n@ 2021-08-08 13:00\n"
    result = peerbot(tmp_path, "console", stdin=script)
    assert "cannot go back" in result.stdout


def test_export_then_import_round_trips_exactly(seeded: Path, tmp_path_factory):
    first = seeded / "team.json"
    assert peerbot(seeded, "export", "--team", "cv-study", "--out", str(first)).returncode == 0
    other = tmp_path_factory.mktemp("other")
    imported = peerbot(other, "import", str(first))
    assert imported.returncode == 0, imported.stderr
    assert "imported team cv-study on console:console" in imported.stdout
    second = other / "team.json"
    assert peerbot(other, "export", "--team", "cv-study", "--out", str(second)).returncode == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    assert first.read_text() == second.read_text()
    data = json.loads(first.read_text())
    assert len(data["questions"]) == 12 and len(data["notes"]) == 2
    # And the imported team goes on numbering where it left off.
    result = peerbot(other, "console", stdin="@ 2021-08-10 13:00\nkim: /ask next one\n")
    assert "#13" in result.stdout


def test_import_refuses_a_taken_channel_or_name_and_changes_nothing(seeded: Path):
    exported = seeded / "team.json"
    peerbot(seeded, "export", "--team", "cv-study", "--out", str(exported))
    refused = peerbot(seeded, "import", str(exported))
    assert refused.returncode != 0 and "already has a team" in refused.stderr
    refused = peerbot(seeded, "import", str(exported), "--channel", "console:copy")
    assert refused.returncode != 0 and "--name" in refused.stderr
    ok = peerbot(seeded, "import", str(exported), "--channel", "console:copy", "--name", "copy")
    assert ok.returncode == 0, ok.stderr
    teams = peerbot(seeded, "teams").stdout
    assert "cv-study\tconsole:console" in teams and "copy\tconsole:copy" in teams


def test_import_of_a_broken_file_says_so_and_imports_nothing(tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "peerbot.team/1", "team": {}}')
    result = peerbot(tmp_path, "import", str(broken))
    assert result.returncode != 0 and "not a complete peerbot export" in result.stderr
    assert "no teams yet" in peerbot(tmp_path, "teams").stdout
    broken.write_text("not json")
    assert "cannot read" in peerbot(tmp_path, "import", str(broken)).stderr


def test_export_of_an_unknown_team_says_how_to_list_them(tmp_path: Path):
    result = peerbot(tmp_path, "export", "--team", "nope", "--out", str(tmp_path / "x.json"))
    assert result.returncode != 0 and "peerbot teams" in result.stderr


def test_db_upgrade_is_idempotent(tmp_path: Path):
    assert peerbot(tmp_path, "db", "upgrade").returncode == 0
    result = peerbot(tmp_path, "db", "upgrade")
    assert result.returncode == 0 and "newest schema" in result.stdout


def test_run_with_a_platform_token_but_no_adapter_says_so_without_the_token(tmp_path: Path):
    result = peerbot(tmp_path, "run", DISCORD_TOKEN="secret-token-value-123")
    assert result.returncode != 0 and "Discord" in result.stderr
    assert "secret-token-value-123" not in result.stderr + result.stdout


def test_a_bad_database_url_is_one_clear_sentence(tmp_path: Path):
    result = peerbot(
        tmp_path, "teams", DATABASE_URL="postgresql://nobody:hunter2@127.0.0.1:1/nothing"
    )
    assert result.returncode != 0 and "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr


def test_digest_in_the_console_writes_the_file_and_prints_its_path(seeded: Path):
    script = "@ 2021-08-10 13:00\nkim: /digest week:2\n"
    result = peerbot(seeded, "console", "--strict", stdin=script)
    assert result.returncode == 0, result.stdout
    saved = Path("files") / "console" / "week02" / "peer-minutes.md"
    assert f"📎 {saved}" in result.stdout
    markdown = (seeded / saved).read_text(encoding="utf-8")
    assert "20210809 피어세션" in markdown and "SVD" in markdown


def test_peerbot_digest_writes_a_til_repository_layout(seeded: Path):
    out = seeded / "til"
    result = peerbot(seeded, "digest", "--team", "cv-study", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "week01" / "peer-minutes.md").exists()
    assert (out / "week02" / "peer-minutes.md").exists()
    assert not (out / "week03").exists()  # no activity after week 2
    members = peerbot(
        seeded,
        "digest",
        "--team",
        "cv-study",
        "--week",
        "2",
        "--format",
        "retro-log",
        "--out",
        str(out),
    )
    assert members.returncode == 0, members.stderr
    assert len(list((out / "week02").glob("retro-log-*.md"))) == 5  # kim, lee, choi, jung, park


def test_peerbot_digest_in_another_language_does_not_overwrite_the_teams(seeded: Path):
    out = seeded / "til"
    for lang in ([], ["--lang", "en"], ["--lang", "ko"]):
        week = ["--week", "2", "--out", str(out), *lang]
        result = peerbot(seeded, "digest", "--team", "cv-study", *week)
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "week02").iterdir()) == [
        "peer-minutes.en.md",  # the team is Korean: English is the other language
        "peer-minutes.md",
    ]
    korean = (out / "week02" / "peer-minutes.md").read_text(encoding="utf-8")
    english = (out / "week02" / "peer-minutes.en.md").read_text(encoding="utf-8")
    assert "피어세션" in korean and "피어세션" not in english


def test_peerbot_digest_of_an_unknown_format_says_so(seeded: Path):
    result = peerbot(
        seeded,
        "digest",
        "--team",
        "cv-study",
        "--week",
        "2",
        "--format",
        "nope",
        "--out",
        str(seeded / "til"),
    )
    assert result.returncode != 0 and "nope" in result.stderr and "Traceback" not in result.stderr


def test_an_operators_own_template_is_a_new_format(seeded: Path):
    templates = seeded / "templates"
    templates.mkdir()
    (templates / "agenda.md.j2").write_text(
        "# Week {{ week }}\n{% for d in days %}- {{ d.stamp }}\n{% endfor %}", encoding="utf-8"
    )
    with (seeded / ".env").open("a") as env:
        env.write(f"PEERBOT_TEMPLATES_DIR={templates}\n")
    result = peerbot(
        seeded,
        "console",
        "--strict",
        stdin="@ 2021-08-10 13:00\nkim: /digest week:2 format:agenda\n",
    )
    assert result.returncode == 0, result.stdout
    saved = seeded / "files" / "console" / "week02" / "agenda.md"
    assert saved.read_text(encoding="utf-8").startswith("# Week 2\n- 20210809\n")
